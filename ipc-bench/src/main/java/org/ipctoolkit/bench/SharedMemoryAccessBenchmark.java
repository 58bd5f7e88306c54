package org.ipctoolkit.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@link SharedMemory#buffer()}, which code ported from Delphi calls on every access
 * (where Delphi dereferences its mapped pointer), in nanoseconds per call. There is no C twin (a C
 * program holds a pointer); the goal is absolute: under 20 ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SharedMemoryAccessBenchmark {
    /** A 4096-byte object, open for the whole trial. */
    @State(Scope.Thread)
    public static class Shm {
        /** The object. */
        SharedMemory memory;

        /** Creates the object. */
        @Setup(Level.Trial)
        public void setUp() {
            memory = SharedMemory.create(System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-access")
                    + "-java-" + ProcessHandle.current().pid() + "-access", 4096);
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            memory.close();
        }
    }

    /**
     * {@code shm.buffer()}, then one read through it, as ported code does.
     *
     * @param shm the state
     * @return the value read, for the blackhole
     */
    @Benchmark
    public int buffer(Shm shm) {
        ByteBuffer b = shm.memory.buffer();
        return b.getInt(32);
    }
}
