package org.ipctoolkit.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotReader;
import org.ipctoolkit.mailslot.MailslotServer;
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
 * Local mailslots of ipc-mailslot (Linux backend: AF_UNIX datagrams), in microseconds per operation
 * (JMH {@link Mode#AverageTime}).
 *
 * <p>The C twin is {@code ipc-bench/src/main/c/mailslot_twins.c}, one line per benchmark under the same
 * name; {@code scripts/bench} prints the ratio C time / Java time with the goals of issue 9:
 * <ul>
 *   <li>{@link #send64Read}: a client sends a 64-byte message and the server reads it, on one thread,
 *       against {@code sendto} + {@code recv} of a 64-byte datagram in C: ratio at least 0.8.</li>
 *   <li>{@link #listenerLatency}: a client sends a 64-byte message and waits until the server's reader
 *       thread has handed it to the listener (which unparks the sender), against a C reader thread in
 *       {@code poll} + {@code recv} that wakes the sender through a futex: ratio at least 0.67 (within
 *       1.5x).</li>
 * </ul>
 * Names are {@code PREFIX-java-PID-...}, with {@code PREFIX} from the environment variable
 * {@code IPCBENCH_SHM_PREFIX} (default {@code ipcbench-mailslot}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MailslotBenchmark {
    /** The message size of both benchmarks. */
    static final int MESSAGE = 64;

    static String name(String what) {
        return System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench-mailslot") + "-java-"
                + ProcessHandle.current().pid() + "-" + what;
    }

    /** A server and a client of one mailslot, read by the benchmark thread. */
    @State(Scope.Thread)
    public static class Pair {
        MailslotServer server;
        MailslotClient client;
        final byte[] message = new byte[MESSAGE];

        /** Creates the mailslot and opens a client. */
        @Setup(Level.Trial)
        public void setUp() {
            server = MailslotServer.create(name("read"), 0, MailslotServer.WAIT_FOREVER);
            client = MailslotClient.open(server.name().win32Name());
        }

        /** Closes both: the mailslot goes. */
        @TearDown(Level.Trial)
        public void tearDown() {
            client.close();
            server.close();
        }
    }

    /** A server with a reader thread whose listener unparks the sender. */
    @State(Scope.Thread)
    public static class Listening {
        MailslotServer server;
        MailslotClient client;
        MailslotReader reader;
        volatile Thread waiter;
        volatile boolean delivered;
        final byte[] message = new byte[MESSAGE];

        /** Creates the mailslot, its reader and a client. */
        @Setup(Level.Trial)
        public void setUp() {
            server = MailslotServer.create(name("listen"), 0, MailslotServer.WAIT_FOREVER);
            reader = server.listen(m -> {
                delivered = true;
                LockSupport.unpark(waiter);
            });
            client = MailslotClient.open(server.name().win32Name());
            waiter = Thread.currentThread();
        }

        /** Stops the reader, closes both. */
        @TearDown(Level.Trial)
        public void tearDown() {
            reader.close();
            client.close();
            server.close();
        }
    }

    /**
     * Send + read of one 64-byte message.
     *
     * @param p the mailslot
     * @return the message read (so that nothing is optimised away)
     */
    @Benchmark
    public byte[] send64Read(Pair p) {
        p.client.send(p.message);
        return p.server.read(Duration.ZERO).orElseThrow();
    }

    /**
     * Send, then wait until the listener has the message.
     *
     * @param s the listening mailslot
     */
    @Benchmark
    public void listenerLatency(Listening s) {
        s.waiter = Thread.currentThread();
        s.client.send(s.message);
        while (!s.delivered) {
            LockSupport.park(s);
        }
        s.delivered = false;
    }
}
