package org.ipctoolkit.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.delphi.DelphiRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A typed field handle of a Delphi record against the plain {@code ByteBuffer} access it replaces,
 * in nanoseconds per put+get of the {@code age: Integer} of the source documents' {@code TShareMem}
 * (offset 32) in a direct little-endian buffer. The Java twin is {@code byteBufferPutGetInt}, the
 * same put and get at the constant offset 32; the goal is within 2x of it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DelphiFieldBenchmark {
    private static final DelphiRecord SHARE_MEM = DelphiRecord.parse(
            "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;");

    /** A direct buffer of the record's size, the field handle, and a changing value. */
    @State(Scope.Thread)
    public static class Data {
        /** The record's bytes, as a mapped view would hold them. */
        final ByteBuffer buffer = ByteBuffer.allocateDirect(SHARE_MEM.size()).order(ByteOrder.LITTLE_ENDIAN);
        /** The handle of {@code age}, looked up once. */
        final DelphiRecord.Field age = SHARE_MEM.field("age");
        /** The value written; changes every call so nothing is constant-folded. */
        int value;
    }

    /**
     * {@code age.putInt(buffer, v)} then {@code age.getInt(buffer)}.
     *
     * @param d the state
     * @return the value read back
     */
    @Benchmark
    public int fieldPutGetInt(Data d) {
        d.age.putInt(d.buffer, ++d.value);
        return d.age.getInt(d.buffer);
    }

    /**
     * The twin: {@code buffer.putInt(32, v)} then {@code buffer.getInt(32)}.
     *
     * @param d the state
     * @return the value read back
     */
    @Benchmark
    public int byteBufferPutGetInt(Data d) {
        d.buffer.putInt(32, ++d.value);
        return d.buffer.getInt(32);
    }
}
