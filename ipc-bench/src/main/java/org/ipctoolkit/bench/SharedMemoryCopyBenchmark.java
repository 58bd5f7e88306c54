package org.ipctoolkit.bench;

import java.nio.ByteBuffer;
import java.util.Random;
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
 * Bulk copies between the Java heap and a 64 MiB {@link SharedMemory} object, in microseconds per
 * 64 MiB copy (JMH {@link Mode#AverageTime}).
 *
 * <p>The C twin is {@code ipc-bench/src/main/c/shm_copy.c}: it creates {@code /dev/shm/NAME} of the
 * same size, maps it {@code MAP_SHARED}, prepares its buffers the same way (pseudo-random source;
 * mapping and destination pre-faulted by one copy each before timing) and times the same two copies
 * with {@code memcpy}. {@code scripts/bench} runs both and prints the ratio C time / Java time.
 *
 * <p>Both benchmarks copy the whole object in one bulk call, so what is measured is the JDK's bulk
 * copy between a heap {@code byte[]} and a direct buffer over shared memory (plus the buffer's bounds
 * checks), not the library's own code: the library only hands out the buffer, once, in the setup.
 *
 * <p>The object's name is {@code PREFIX-java-PID}, with {@code PREFIX} taken from the environment
 * variable {@code IPCBENCH_SHM_PREFIX} (default {@code ipcbench-copy}), so that a driver script can
 * tell which names in {@code /dev/shm} a run of its own created.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharedMemoryCopyBenchmark {

    /** Bytes copied by each operation: 64 MiB, as in the C twin. */
    public static final int SIZE = 64 * 1024 * 1024;

    /** The shared memory object, its buffer and the heap arrays copied in and out; one per thread. */
    @State(Scope.Thread)
    public static class Shm {
        /** The object, created for the trial and closed (its name removed) at the end. */
        SharedMemory memory;
        /** The buffer over the whole object, taken once, so no benchmark pays for {@code buffer()}. */
        ByteBuffer buffer;
        /** Pseudo-random source of {@code copyIn}. */
        byte[] src;
        /** Destination of {@code copyOut}. */
        byte[] dst;

        /**
         * Creates the object, fills the source and pre-faults: one copy in and one copy out before
         * any timing, so that every page of the mapping and of both arrays is mapped already, as in
         * the C twin.
         */
        @Setup(Level.Trial)
        public void setUp() {
            String prefix = System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-copy");
            memory = SharedMemory.create(prefix + "-java-" + ProcessHandle.current().pid(), SIZE);
            try {
                buffer = memory.buffer();
                src = new byte[SIZE];
                new Random(0x9E3779B97F4A7C15L).nextBytes(src);
                dst = new byte[SIZE];
                buffer.put(0, src);
                buffer.get(0, dst);
            } catch (RuntimeException | Error e) {
                memory.close();
                throw e;
            }
        }

        /**
         * Checks that the copies really happened (the mapping and the destination both hold the
         * source), then closes the object, which removes its name from {@code /dev/shm}.
         */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (buffer.mismatch(ByteBuffer.wrap(src)) != -1) {
                    throw new IllegalStateException("the shared memory does not hold the source");
                }
                if (ByteBuffer.wrap(dst).mismatch(ByteBuffer.wrap(src)) != -1) {
                    throw new IllegalStateException("the destination does not hold the source");
                }
            } finally {
                buffer = null;
                memory.close();
            }
        }
    }

    /**
     * Copies the 64 MiB source array into the shared memory with the absolute bulk
     * {@code ByteBuffer.put(int, byte[])}. C twin: {@code memcpy(mapping, src, 64 MiB)}.
     *
     * @param shm the state
     * @return the buffer, handed to JMH's blackhole (the stores into shared memory are visible to
     *         other processes and cannot be eliminated anyway)
     */
    @Benchmark
    public ByteBuffer copyIn(Shm shm) {
        return shm.buffer.put(0, shm.src);
    }

    /**
     * Copies the whole 64 MiB shared memory into the destination array with the absolute bulk
     * {@code ByteBuffer.get(int, byte[])}. C twin: {@code memcpy(dst, mapping, 64 MiB)}.
     *
     * @param shm the state
     * @return the destination, handed to JMH's blackhole (it is reachable from the state and read
     *         in the tear-down, so the copy cannot be eliminated)
     */
    @Benchmark
    public byte[] copyOut(Shm shm) {
        shm.buffer.get(0, shm.dst);
        return shm.dst;
    }
}
