package org.ipctoolkit.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.examples.DemoCommand.Role;
import org.ipctoolkit.pipe.NamedPipeClient;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeConnection;
import org.ipctoolkit.pipe.PipeDirection;
import org.ipctoolkit.pipe.PipeListener;
import org.ipctoolkit.pipe.PipeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc demo pipe}: a named-pipe server answering three client processes at once, in message
 * mode. This process creates the pipe and serves each client on a thread of its own, on an instance
 * of its own; each client sends {@value #REQUESTS} {@link #TREQUEST} records with
 * {@code TransactNamedPipe} and checks the {@link #TANSWER} record that comes back. The server
 * answers no one until all three are connected, which shows the three instances open at once. Then
 * the pipe is closed and the demo checks that its name is gone.
 */
@Command(name = "pipe", mixinStandardHelpOptions = true,
        description = {"The named-pipe demo: a message-mode server answers three client processes at once, each on"
                + " its own instance and thread; every request and answer is a Delphi record.",
                "The pipe's name is checked to be gone after."})
final class PipeDemo implements Callable<Integer> {
    /** A request, as a Delphi declaration. */
    static final String TREQUEST = "TRequest = record\n  client: string[31];\n  a: Integer;\n  b: Integer;\nend;";
    /** An answer. */
    static final String TANSWER = "TAnswer = record\n  servedBy: string[47];\n  product: Integer;\nend;";
    /** How many client processes. */
    static final int CLIENTS = 3;
    /** How many requests each sends. */
    static final int REQUESTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "DemoPipe",
            description = "The pipe's name (default: ${DEFAULT-VALUE}). \\uXXXX escapes are decoded.")
    String nameArgument;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String name = CliText.decodeEscapes(nameArgument);
        DelphiRecord request = DelphiRecord.parse(TREQUEST);
        DelphiRecord answer = DelphiRecord.parse(TANSWER);
        CountDownLatch allConnected = new CountDownLatch(CLIENTS);
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean announced = new AtomicBoolean();
        List<Role> clients = new ArrayList<>();
        try (NamedPipeServer server = NamedPipeServer.create(name, NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE));
             PipeListener listener = server.listen(c -> serve(c, request, answer, allConnected, announced, answered))) {
            LOG.info("CreateNamedPipe: {} in message mode; each client gets an instance and a thread", server.name());
            for (int i = 1; i <= CLIENTS; i++) {
                clients.add(Role.start("client " + i, "pipe", "client", CliText.escapeNonAscii(name), Integer.toString(i)));
            }
            String failed = Role.relayAllToEnd(clients);
            if (failed != null) {
                LOG.error("{} failed", failed);
                return IpcCommand.FAILED;
            }
            LOG.info("{} requests answered for {} clients; closing the pipe", answered.get(), listener.accepted());
        } finally {
            for (Role c : clients) {
                c.close();
            }
        }
        try {
            NamedPipeClient.connect(name, Duration.ZERO).close();
            LOG.error("the pipe {} is still there after its server closed", CliText.quote(name));
            return IpcCommand.FAILED;
        } catch (IpcNotFoundException gone) {
            LOG.info("CloseHandle: the pipe is gone (CreateFile finds nothing). Demo finished.");
        }
        return 0;
    }

    private static void serve(PipeConnection c, DelphiRecord request, DelphiRecord answer, CountDownLatch allConnected,
                              AtomicBoolean announced, AtomicInteger answered) throws InterruptedException {
        String thread = Thread.currentThread().getName();
        LOG.info("ConnectNamedPipe: client process {} on thread {}", c.peerProcessId().orElse(-1), thread);
        allConnected.countDown();
        if (allConnected.getCount() == 0 && announced.compareAndSet(false, true)) {
            LOG.info("all {} clients are connected at once, each on an instance of its own; answering", CLIENTS);
        }
        if (!allConnected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other clients did not connect within 60 s");
        }
        byte[] m;
        while ((m = c.readMessage()) != null) {
            if (m.length != request.size()) {
                LOG.warn("a message of {} bytes: not a TRequest; ignored", m.length);
                continue;
            }
            ByteBuffer r = ByteBuffer.wrap(m);
            int a = request.getInt(r, "a");
            int b = request.getInt(r, "b");
            ByteBuffer reply = ByteBuffer.allocate(answer.size());
            answer.putString(reply, "servedBy", thread);
            answer.putInt(reply, "product", a * b);
            LOG.info("{} asks {} x {}; {} answers {}", request.getString(r, "client"), a, b, thread, a * b);
            c.write(answer, reply);
            answered.incrementAndGet();
        }
    }

    /**
     * One client, started by {@link #call()}: connects and sends its requests.
     *
     * @param nameArgument the pipe's name, with <code>&#92;uXXXX</code> escapes
     * @param index        this client's number
     * @return the exit code
     */
    @Command(name = "client", hidden = true)
    int client(@Parameters(index = "0") String nameArgument, @Parameters(index = "1") int index) {
        DelphiRecord request = DelphiRecord.parse(TREQUEST);
        DelphiRecord answer = DelphiRecord.parse(TANSWER);
        String me = "client " + index;
        try (PipeConnection c = NamedPipeClient.connect(CliText.decodeEscapes(nameArgument), Duration.ofSeconds(30),
                PipeMode.MESSAGE, PipeDirection.DUPLEX)) {
            LOG.info("CreateFile: connected to the server, process {}", c.peerProcessId().orElse(-1));
            for (int k = 1; k <= REQUESTS; k++) {
                int a = index * 10 + k;
                int b = k + 1;
                ByteBuffer r = ByteBuffer.allocate(request.size());
                request.putString(r, "client", me);
                request.putInt(r, "a", a);
                request.putInt(r, "b", b);
                ByteBuffer reply = ByteBuffer.wrap(c.transact(r.array()));
                int product = answer.getInt(reply, "product");
                if (product != a * b) {
                    throw new IllegalStateException("the server answered " + product + " to " + a + " x " + b);
                }
                LOG.info("TransactNamedPipe({} x {}) returned {}, from {}", a, b, product, answer.getString(reply, "servedBy"));
            }
        }
        return 0;
    }
}
