package org.ipctoolkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.sync.NamedEvent;
import org.ipctoolkit.sync.NamedMutex;
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
 * Named mutexes and events of ipc-sync (Linux backend: futex words in
 * {@code /dev/shm/ipc-toolkit-EUID/}), in nanoseconds per operation (JMH {@link Mode#AverageTime}).
 *
 * <p>The C twin is {@code ipc-bench/src/main/c/sync_twins.c}, one line per benchmark under the same
 * name; {@code scripts/bench} prints the ratio C time / Java time with the goals of issue 8:
 * <ul>
 *   <li>{@link #mutexUncontended}: {@code acquire()} + {@code release()} on one thread, against a robust
 *       process-shared pthread mutex's {@code pthread_mutex_lock} + {@code unlock}: ratio at least 1.0,
 *       and no allocation ({@code -prof gc}).</li>
 *   <li>{@link #eventPingPong}: one round trip through two auto-reset events between this process and a
 *       partner process, against the same ping-pong on two futex words in C: ratio at least 0.83
 *       (within 1.2x).</li>
 *   <li>{@link #mutexHandoff}: acquire, increment a shared counter, release, while a partner process
 *       does the same in a loop on the same mutex, against two processes on a robust pthread mutex in
 *       C: ratio at least 0.67 (within 1.5x).</li>
 * </ul>
 * The partner is a child JVM ({@link SyncPartner}) started in the state's {@code @Setup} with this
 * JVM's {@code java.home} and class path (the benchmark jar); {@code @TearDown} closes its stdin (it
 * halts) and kills it if it is still there; a failed setup kills it too, and a dying benchmark JVM
 * closes its stdin.
 *
 * <p>Names are {@code PREFIX-java-PID-...}, with {@code PREFIX} from the environment variable
 * {@code IPCBENCH_SHM_PREFIX} (default {@code ipcbench-sync}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyncBenchmark {
    /** How long a partner may take to start and open the objects. */
    static final long START_TIMEOUT_SECONDS = 60;

    /** @return the name prefix of this JVM's objects */
    static String prefix() {
        return System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-sync") + "-java-"
                + ProcessHandle.current().pid();
    }

    /** A mutex only this thread uses. */
    @State(Scope.Thread)
    public static class Uncontended {
        /** The mutex. */
        NamedMutex mutex;

        /** Creates the mutex. */
        @Setup(Level.Trial)
        public void setUp() {
            mutex = NamedMutex.create(prefix() + "-uncontended");
        }

        /** Closes the mutex, which removes the name. */
        @TearDown(Level.Trial)
        public void tearDown() {
            mutex.close();
        }
    }

    /** Two auto-reset events and the partner that answers every ping with a pong. */
    @State(Scope.Thread)
    public static class PingPong {
        /** Set by the benchmark, awaited by the partner. */
        NamedEvent ping;
        /** Set by the partner, awaited by the benchmark. */
        NamedEvent pong;
        /** The partner process. */
        Process partner;
        /** Set (before a last pong) if the partner ends before {@link #tearDown()} stops it. */
        volatile boolean partnerGone;
        /** Set by {@link #tearDown()} before it stops the partner. */
        volatile boolean stopping;

        /**
         * Creates both events and starts the partner. A partner that ends early sets
         * {@link #partnerGone} and the pong event, so that the benchmark fails instead of waiting forever.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String p = prefix();
            try {
                ping = NamedEvent.create(p + "-ping", false, false);
                pong = NamedEvent.create(p + "-pong", false, false);
                partner = startPartner("event", ping.name(), pong.name());
            } catch (IOException | RuntimeException e) {
                closeAll(ping, pong);
                throw e;
            }
            partner.onExit().thenRun(() -> {
                if (!stopping) {
                    partnerGone = true;
                    pong.set();
                }
            });
        }

        /** Stops the partner and closes both events. */
        @TearDown(Level.Trial)
        public void tearDown() {
            stopping = true;
            stopPartner(partner);
            closeAll(ping, pong);
        }
    }

    /** A mutex, a shared counter, and the partner that loops on both. */
    @State(Scope.Thread)
    public static class Handoff {
        /** The mutex both processes take in turn. */
        NamedMutex mutex;
        /** Holds the counter, an int at offset 0. */
        SharedMemory shm;
        /** The counter, incremented under the mutex by both processes. */
        ByteBuffer counter;
        /** The partner process. */
        Process partner;

        /**
         * Creates the mutex and the counter and starts the partner. (A partner that ends early while
         * owning the mutex makes {@code acquire()} throw {@code AbandonedMutexException}; one that ends
         * otherwise leaves the mutex uncontended, which the partner's message on stderr tells.)
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String p = prefix();
            try {
                mutex = NamedMutex.create(p + "-handoff");
                shm = SharedMemory.create(p + "-counter", 4096);
                counter = shm.buffer();
                partner = startPartner("mutex", mutex.name(), p + "-counter");
            } catch (IOException | RuntimeException e) {
                closeAll(mutex, shm);
                throw e;
            }
        }

        /** Stops the partner and closes the mutex and the counter. */
        @TearDown(Level.Trial)
        public void tearDown() {
            stopPartner(partner);
            closeAll(mutex, shm);
        }
    }

    /** Closes each object that is not null. */
    static void closeAll(AutoCloseable... objects) {
        for (AutoCloseable o : objects) {
            if (o != null) {
                try {
                    o.close();
                } catch (Exception e) {
                    System.err.println("SyncBenchmark: closing " + o + ": " + e);
                }
            }
        }
    }

    /**
     * Starts {@link SyncPartner} in a child JVM and waits for its {@code ready} line; kills it if it
     * does not come.
     */
    static Process startPartner(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SyncPartner.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        boolean ready = false;
        try {
            Thread killer = new Thread(() -> {
                try {
                    if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    // ready in time
                }
            }, "partner-start-timeout");
            killer.setDaemon(true);
            killer.start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            killer.interrupt();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("partner " + args[0] + " did not start (said " + line + ")");
            }
            ready = true;
            return process;
        } finally {
            if (!ready) {
                process.destroyForcibly();
            }
        }
    }

    /** Closes the partner's stdin (it halts), and kills it if it has not ended within 10 seconds. */
    static void stopPartner(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code acquire()} + {@code release()} of a mutex nobody else uses (Linux: one CAS each, the
     * robust list linkage, no native call). C twin: {@code pthread_mutex_lock} + {@code unlock} of a
     * robust process-shared mutex in a {@code MAP_SHARED} file of {@code /dev/shm}.
     *
     * @param s the state
     */
    @Benchmark
    public void mutexUncontended(Uncontended s) {
        s.mutex.acquire();
        s.mutex.release();
    }

    /**
     * One round trip: {@code ping.set()}, then {@code pong.await()} until the partner process answers.
     * C twin: the same between two forked processes on two futex words (wait: {@code FUTEX_WAIT} while
     * 0, CAS 1 to 0; set: store 1, {@code FUTEX_WAKE}).
     *
     * @param s the state
     */
    @Benchmark
    public void eventPingPong(PingPong s) {
        s.ping.set();
        s.pong.await();
        if (s.partnerGone) {
            throw new IllegalStateException("the partner process ended (exit status " + s.partner.exitValue() + ")");
        }
    }

    /**
     * {@code acquire()}, increment the shared counter, {@code release()}, while the partner process
     * loops on the same. C twin: the same between two forked processes on a robust process-shared
     * pthread mutex.
     *
     * @param s the state
     * @return the counter as written, for the blackhole
     */
    @Benchmark
    public int mutexHandoff(Handoff s) {
        s.mutex.acquire();
        int n = s.counter.getInt(0) + 1;
        s.counter.putInt(0, n);
        s.mutex.release();
        return n;
    }
}
