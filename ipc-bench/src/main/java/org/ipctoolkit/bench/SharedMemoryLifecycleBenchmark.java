package org.ipctoolkit.bench;

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
 * What the library adds around the system calls: creating, opening and closing a 4096-byte
 * {@link SharedMemory}, in microseconds per operation (JMH {@link Mode#AverageTime}).
 *
 * <p>The C twin is {@code ipc-bench/src/main/c/shm_lifecycle.c}: {@code shm_open}, {@code ftruncate},
 * {@code mmap}, {@code munmap}, {@code close}, {@code shm_unlink} with no lifetime protocol at all. The
 * Java side does what Win32 semantics need on top: an atomic creation ({@code O_TMPFILE},
 * {@code fallocate}, {@code linkat}), a shared {@code flock} per holder, the last holder's check and
 * removal of the name, and an opener's checks (regular file, owner, same file as the name).
 * {@code scripts/bench} runs both and prints the ratio C time / Java time (goal: at least 0.5, i.e.
 * within 2x).
 *
 * <p>Names are {@code PREFIX-java-PID-create} and {@code -open}, with {@code PREFIX} from the
 * environment variable {@code IPCBENCH_SHM_PREFIX} (default {@code ipcbench-life}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharedMemoryLifecycleBenchmark {
    /** Size of every object: one page, as in the C twin. */
    public static final int SIZE = 4096;

    /** The names, and a holder that keeps the object of {@code openMapClose} alive. */
    @State(Scope.Thread)
    public static class Names {
        /** The name {@code createMapClose} creates and removes again. */
        String create;
        /** The name {@code openMapClose} opens; {@link #holder} holds it. */
        String open;
        /** Keeps the opened object alive for the whole trial, as the C twin's holder descriptor does. */
        SharedMemory holder;

        /** Creates the held object. */
        @Setup(Level.Trial)
        public void setUp() {
            String prefix = System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-life")
                    + "-java-" + ProcessHandle.current().pid();
            create = prefix + "-create";
            open = prefix + "-open";
            holder = SharedMemory.create(open, SIZE);
        }

        /** Closes the holder, which removes the name. */
        @TearDown(Level.Trial)
        public void tearDown() {
            holder.close();
        }
    }

    /**
     * {@code SharedMemory.create(name, 4096)}, one read of its first byte, {@code close()}.
     * C twin: {@code shm_open(O_CREAT|O_EXCL)}, {@code ftruncate}, {@code mmap}, {@code munmap},
     * {@code close}, {@code shm_unlink}.
     *
     * @param names the state
     * @return the byte read, for the blackhole
     */
    @Benchmark
    public byte createMapClose(Names names) {
        try (SharedMemory shm = SharedMemory.create(names.create, SIZE)) {
            return shm.buffer().get(0);
        }
    }

    /**
     * {@code SharedMemory.open(name)} of a held object, one read of its first byte, {@code close()}.
     * C twin: {@code shm_open}, {@code fstat}, {@code mmap}, {@code munmap}, {@code close}.
     *
     * @param names the state
     * @return the byte read, for the blackhole
     */
    @Benchmark
    public byte openMapClose(Names names) {
        try (SharedMemory shm = SharedMemory.open(names.open)) {
            return shm.buffer().get(0);
        }
    }
}
