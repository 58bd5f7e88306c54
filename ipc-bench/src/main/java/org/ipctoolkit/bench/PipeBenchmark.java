package org.ipctoolkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.pipe.NamedPipeClient;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeConnection;
import org.ipctoolkit.pipe.PipeDirection;
import org.ipctoolkit.pipe.PipeListener;
import org.ipctoolkit.pipe.PipeMode;
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
 * Named pipes of ipc-pipe (Linux backend: AF_UNIX stream sockets), in microseconds per operation (JMH
 * {@link Mode#AverageTime}). Both ends are in this JVM, the server's on a listener thread; the C twins
 * ({@code ipc-bench/src/main/c/pipe_twins.c}) do the same on an AF_UNIX stream socket between two
 * threads.
 *
 * <ul>
 *   <li>{@link #write64K}: a client writes 64 KiB to a byte pipe whose server reads and discards
 *       everything (throughput). Goal of issue 12: ratio at least 0.8 of C ({@code pipeWrite64K}).</li>
 *   <li>{@link #roundTrip64}: {@code transact} of a 64-byte message with a server that answers each
 *       message with itself. Goal: ratio at least 0.67, within 1.5x ({@code pipeRoundTrip64}, which frames
 *       its messages with the same 4-byte length).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipeBenchmark {
    /** A server of one mode and a client connected to it. */
    abstract static class Pair {
        NamedPipeServer server;
        PipeListener listener;
        PipeConnection client;

        void open(PipeMode mode, String suffix, PipeListener.Handler handler) {
            String name = System.getenv().getOrDefault("IPCBENCH_SHM_PREFIX", "ipcbench") + "-java-"
                    + ProcessHandle.current().pid() + "-" + suffix;
            server = NamedPipeServer.create(name, NamedPipeServer.Options.DEFAULT.mode(mode));
            listener = server.listen(handler);
            client = NamedPipeClient.connect(name, Duration.ofSeconds(10), mode, PipeDirection.DUPLEX);
        }

        /** Closes both ends. */
        @TearDown(Level.Trial)
        public void close() {
            client.close();
            listener.close();
        }
    }

    /** A byte pipe whose server drains everything. */
    @State(Scope.Thread)
    public static class Drained extends Pair {
        final byte[] chunk = new byte[64 << 10];
        OutputStream out;

        /** Opens the pipe. */
        @Setup(Level.Trial)
        public void setUp() {
            open(PipeMode.BYTE, "drain", c -> {
                InputStream in = c.inputStream();
                byte[] b = new byte[64 << 10];
                while (in.read(b) >= 0) {
                    // discarded
                }
            });
            out = client.outputStream();
        }
    }

    /** A message pipe whose server echoes each message. */
    @State(Scope.Thread)
    public static class Echoed extends Pair {
        final byte[] message = new byte[64];

        /** Opens the pipe. */
        @Setup(Level.Trial)
        public void setUp() {
            open(PipeMode.MESSAGE, "echo", c -> {
                byte[] m;
                while ((m = c.readMessage()) != null) {
                    c.writeMessage(m);
                }
            });
        }
    }

    /**
     * One 64 KiB write.
     *
     * @param p the pipe
     * @throws IOException if the pipe broke
     */
    @Benchmark
    public void write64K(Drained p) throws IOException {
        p.out.write(p.chunk);
    }

    /**
     * One 64-byte request and its reply.
     *
     * @param p the pipe
     * @return the reply
     */
    @Benchmark
    public byte[] roundTrip64(Echoed p) {
        return p.client.transact(p.message);
    }
}
