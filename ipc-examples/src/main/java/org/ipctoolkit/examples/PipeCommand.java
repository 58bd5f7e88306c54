package org.ipctoolkit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.pipe.NamedPipeClient;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeConnection;
import org.ipctoolkit.pipe.PipeDirection;
import org.ipctoolkit.pipe.PipeListener;
import org.ipctoolkit.pipe.PipeMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc pipe}: named pipes by hand, a pipe version of netcat. {@code serve} creates the pipe
 * ({@code CreateNamedPipeW}) and either echoes every client ({@code --echo}, each on its own thread)
 * or joins one client to this process's standard input and output; {@code connect}
 * ({@code CreateFileW}, {@code WaitNamedPipeW}) sends its arguments (in message mode each is a
 * {@code TransactNamedPipe} whose reply is printed) or joins the pipe to standard input and output.
 */
@Command(name = "pipe", mixinStandardHelpOptions = true,
        description = "Named pipes, netcat style: CreateNamedPipe/ConnectNamedPipe and CreateFile/TransactNamedPipe on"
                + " Windows, AF_UNIX stream sockets on Linux.")
final class PipeCommand {
    static final String NAME_HELP = "The pipe: a name such as Orders, or a full name \\\\.\\pipe\\Orders"
            + " (a client may name another machine: \\\\SERVER\\pipe\\Orders, on Windows). \\uXXXX escapes are decoded.";
    static final String MESSAGE_HELP = "Message mode (PIPE_TYPE_MESSAGE): each line of input, or each argument, is"
            + " one message, and each message read is printed on a line of its own.";

    @Spec
    CommandSpec spec;

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Create a named pipe. With --echo, answer every client (several at once, each on its own"
                    + " thread) with what it sends; otherwise wait for one client and join it to standard input"
                    + " and output, until both sides have ended.",
                    "With --echo, stops after --clients clients have come and gone, after --for, or when interrupted."})
    int serve(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
              @Option(names = "--message", description = MESSAGE_HELP) boolean message,
              @Option(names = "--echo", description = "Answer each client with what it sends.") boolean echo,
              @Option(names = "--clients", paramLabel = "N", description = "With --echo: stop after N clients.") Integer clients,
              @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "With --echo: stop after this long (500ms, 30s, 5m).") Duration duration,
              @Option(names = "--max-instances", paramLabel = "N", defaultValue = "255",
                      description = "nMaxInstances: 1 to 254, or 255 for unlimited (default).") int maxInstances,
              @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-8",
                      description = "How messages are shown and made in message mode: utf-8 (default), utf-16le, a"
                              + " charset name such as GBK, or hex.") String encoding) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        NamedPipeServer.Options options = NamedPipeServer.Options.DEFAULT.mode(message ? PipeMode.MESSAGE : PipeMode.BYTE)
                .maxInstances(maxInstances);
        try (NamedPipeServer server = NamedPipeServer.create(CliText.decodeEscapes(nameArgument), options)) {
            if (!echo) {
                out.printf("Created %s, %s mode; waiting for a client%n", server.name(), message ? "message" : "byte");
                out.flush();
                try (PipeConnection c = server.accept()) {
                    out.printf("Client connected (process %s)%n", c.peerProcessId().isPresent() ? c.peerProcessId().getAsLong() : "unknown");
                    out.flush();
                    join(c, encoding, out);
                }
                return 0;
            }
            CountDownLatch done = new CountDownLatch(clients == null ? 1 : clients);
            try (PipeListener l = server.listen(c -> {
                long pid = c.peerProcessId().orElse(-1);
                say(out, "client %d connected", pid);
                try {
                    if (message) {
                        byte[] m;
                        while ((m = c.readMessage()) != null) {
                            say(out, "client %d: message of %d bytes: %s", pid, m.length, MailslotCommand.show(m, encoding));
                            c.writeMessage(m);
                        }
                    } else {
                        c.inputStream().transferTo(c.outputStream());
                    }
                    say(out, "client %d ended", pid);
                } finally {
                    if (clients != null) {
                        done.countDown();
                    }
                }
            })) {
                say(out, "Created %s, %s mode; echoing every client", server.name(), message ? "message" : "byte");
                if (clients != null || duration != null) {
                    done.await(duration == null ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    Thread.sleep(Long.MAX_VALUE);
                }
                say(out, "Served %d client%s; closing the pipe", l.accepted(), l.accepted() == 1 ? "" : "s");
            }
        }
        return 0;
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = {"Connect to a named pipe (waiting while every instance is busy, up to --timeout). With"
                    + " MESSAGE arguments, send them (in message mode each is a transaction whose reply is printed);"
                    + " otherwise join the pipe to standard input and output."})
    int connect(@Parameters(index = "0", paramLabel = "NAME", description = NAME_HELP) String nameArgument,
                @Parameters(index = "1..*", paramLabel = "MESSAGE", description = "What to send; \\uXXXX escapes are"
                        + " decoded; with --encoding hex, hex digits.") List<String> messages,
                @Option(names = "--message", description = MESSAGE_HELP) boolean message,
                @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
                        description = "How long to wait for a free instance (default: ${DEFAULT-VALUE}).") Duration timeout,
                @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-8",
                        description = "How MESSAGEs are made and replies shown: utf-8 (default), utf-16le, a charset"
                                + " name such as GBK, or hex.") String encoding) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (PipeConnection c = NamedPipeClient.connect(CliText.decodeEscapes(nameArgument), timeout,
                message ? PipeMode.MESSAGE : PipeMode.BYTE, PipeDirection.DUPLEX)) {
            if (messages == null || messages.isEmpty()) {
                join(c, encoding, out);
                return 0;
            }
            for (String text : messages) {
                byte[] m = MailslotCommand.make(CliText.decodeEscapes(text), encoding);
                if (message) {
                    byte[] reply = c.transact(m);
                    out.printf("Sent %d bytes; reply of %d bytes: %s%n", m.length, reply.length, MailslotCommand.show(reply, encoding));
                } else {
                    c.outputStream().write(m);
                    out.printf("Wrote %d bytes%n", m.length);
                }
                out.flush();
            }
        }
        return 0;
    }

    private static void say(PrintWriter out, String format, Object... args) {
        synchronized (out) {
            out.printf(format + "%n", args);
            out.flush();
        }
    }

    /**
     * Standard input to the pipe and the pipe to standard output, until the pipe ends (the other side
     * closed) and, while it lasts, until standard input ends. Message mode: a line is a message, and a
     * message is shown on a line.
     */
    private void join(PipeConnection c, String encoding, PrintWriter out) throws InterruptedException {
        Thread toPipe = new Thread(() -> {
            try {
                if (c.mode() == PipeMode.MESSAGE) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    String line;
                    while ((line = in.readLine()) != null) {
                        c.writeMessage(MailslotCommand.make(line, encoding));
                    }
                } else {
                    System.in.transferTo(c.outputStream());
                }
            } catch (IOException | RuntimeException ended) {
                // the pipe ended while standard input still had bytes: the other direction says how
            }
        }, "ipc-pipe-stdin");
        toPipe.setDaemon(true);
        toPipe.start();
        try {
            if (c.mode() == PipeMode.MESSAGE) {
                byte[] m;
                while ((m = c.readMessage()) != null) {
                    out.println(MailslotCommand.show(m, encoding));
                    out.flush();
                }
            } else {
                out.flush();
                InputStream in = c.inputStream();
                OutputStream stdout = System.out;
                byte[] b = new byte[65536];
                int n;
                while ((n = in.read(b)) > 0) {
                    stdout.write(b, 0, n);
                    stdout.flush();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        out.printf("%nThe other side closed the pipe%n");
        out.flush();
    }
}
