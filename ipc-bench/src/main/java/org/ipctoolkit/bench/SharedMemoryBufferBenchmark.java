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
 * What {@link SharedMemory#buffer()} and {@link SharedMemory#slice} cost per call, in nanoseconds
 * (JMH {@link Mode#AverageTime}). Code ported from Delphi takes a buffer on every access (Delphi's
 * {@code TSharedMem.Buffer} is a plain pointer), so a call must cost about as little as a field read;
 * the goal is under 20 ns.
 *
 * <p>No C twin: C has no call to compare with (a pointer is just there). {@link #getIntFromHeldBuffer}
 * is the floor: the same read through a buffer taken once.
 *
 * <p>The object's name is {@code PREFIX-buffer-PID}, with {@code PREFIX} from the environment
 * variable {@code IPCBENCH_SHM_PREFIX} (default {@code ipcbench-copy}), as in
 * {@link SharedMemoryCopyBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SharedMemoryBufferBenchmark {

    /** One 4 KiB object per thread, read-write, and a read-only holder of the same object. */
    @State(Scope.Thread)
    public static class Shm {
        /** The object, created for the trial. */
        SharedMemory memory;
        /** The same object opened read-only. */
        SharedMemory readOnly;
        /** A buffer taken once, for the floor. */
        ByteBuffer held;

        /** Creates the object and opens it read-only. */
        @Setup(Level.Trial)
        public void setUp() {
            String prefix = System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-copy");
            String name = prefix + "-buffer-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId();
            memory = SharedMemory.create(name, 4096);
            readOnly = SharedMemory.open(name, SharedMemory.Option.READ_ONLY);
            held = memory.buffer();
            held.putInt(32, 25);
        }

        /** Closes both holders, which removes the name. */
        @TearDown(Level.Trial)
        public void tearDown() {
            readOnly.close();
            memory.close();
        }
    }

    /**
     * One {@code buffer()} call, the buffer handed to JMH's blackhole so that it is really made.
     *
     * @param shm the state
     * @return the buffer
     */
    @Benchmark
    public ByteBuffer buffer(Shm shm) {
        return shm.memory.buffer();
    }

    /**
     * One {@code buffer()} call on a read-only holder.
     *
     * @param shm the state
     * @return the buffer
     */
    @Benchmark
    public ByteBuffer readOnlyBuffer(Shm shm) {
        return shm.readOnly.buffer();
    }

    /**
     * {@code slice(32, 4)}: a buffer over one field.
     *
     * @param shm the state
     * @return the buffer
     */
    @Benchmark
    public ByteBuffer slice(Shm shm) {
        return shm.memory.slice(32, 4);
    }

    /**
     * What a port of {@code P.age} does: {@code buffer().getInt(32)}.
     *
     * @param shm the state
     * @return the value read
     */
    @Benchmark
    public int getIntThroughBuffer(Shm shm) {
        return shm.memory.buffer().getInt(32);
    }

    /**
     * The floor: {@code getInt(32)} on a buffer taken once.
     *
     * @param shm the state
     * @return the value read
     */
    @Benchmark
    public int getIntFromHeldBuffer(Shm shm) {
        return shm.held.getInt(32);
    }
}
