package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotInfo;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotReader;
import org.ipctoolkit.mailslot.MailslotServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc mailslot}: mailslots by hand. {@code listen} is a server ({@code CreateMailslotW} and a
 * reader thread), {@code send} a client ({@code CreateFileW} + {@code WriteFile}), {@code info} a
 * server that lets messages pile up and shows {@code GetMailslotInfo} before reading them.
 */
@Command(name = "mailslot", mixinStandardHelpOptions = true,
        description = "Mailslots: CreateMailslot/ReadFile/GetMailslotInfo and CreateFile/WriteFile on Windows,"
                + " AF_UNIX datagrams (and NetBIOS datagrams across machines) on Linux.")
final class MailslotCommand {
    static final String NAME_HELP = "The mailslot: a path such as Note or Account\\Note, or a full name"
            + " \\\\.\\mailslot\\Note. \\uXXXX escapes are decoded.";
    static final String ENCODING_HELP = "How message bytes are shown or made: utf-16le (default, what Windows'"
            + " W functions write), utf-8, a charset name such as windows-1252 or GBK, or hex.";

    @Spec
    CommandSpec spec;

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"Create a mailslot and print every message as it arrives (a reader thread).",
                    "Stops after --count messages, after --for, or when interrupted."})
    int listen(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
               @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "0",
                       description = "The largest message (default: 0, any size).") int maxSize,
               @Option(names = "--count", paramLabel = "N", description = "Stop after N messages.") Integer count,
               @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                       description = "Stop after this long (500ms, 30s, 5m).") Duration duration,
               @Option(names = "--network-port", paramLabel = "UDP_PORT", description = "Linux: also receive"
                       + " mailslot messages from other machines on this UDP port (138 is the standard one).")
               Integer networkPort,
               @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-16le",
                       description = ENCODING_HELP) String encoding) throws InterruptedException {
        String name = CliText.decodeEscapes(nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        MailslotServer.Options options = networkPort == null ? MailslotServer.Options.DEFAULT
                : MailslotServer.Options.receiveFromNetwork(networkPort);
        CountDownLatch enough = new CountDownLatch(count == null ? 1 : count);
        try (MailslotServer server = MailslotServer.create(name, maxSize, MailslotServer.WAIT_FOREVER, options)) {
            out.printf("Created mailslot %s%s; listening%n", CliText.quote(server.name().win32Name()),
                    networkPort == null ? "" : " (and UDP port " + networkPort + ")");
            out.flush();
            try (MailslotReader reader = server.listen(message -> {
                synchronized (out) {
                    out.printf("message of %d bytes: %s%n", message.length, show(message, encoding));
                    out.flush();
                }
                if (count != null) {
                    enough.countDown();
                }
            })) {
                if (count != null || duration != null) {
                    enough.await(duration == null ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            if (server.malformedDatagrams() > 0) {
                out.printf("%d malformed network datagrams were dropped%n", server.malformedDatagrams());
            }
        }
        out.printf("Closed mailslot %s%n", CliText.quote(name));
        return 0;
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send each MESSAGE as one message to a mailslot (on this machine, a machine, or * for a"
                    + " broadcast to the primary domain).")
    int send(@Parameters(index = "0", paramLabel = "NAME", description = NAME_HELP) String nameArgument,
             @Parameters(index = "1..*", paramLabel = "MESSAGE", description = "The messages; \\uXXXX escapes"
                     + " are decoded; with --encoding hex, hex digits.") List<String> messages,
             @Option(names = "--target", paramLabel = "TARGET", defaultValue = ".",
                     description = "Where: . (this machine, the default), a machine name, * (every machine of the"
                             + " primary domain; on Windows quote it, \"*\", or the java launcher expands it into file"
                             + " names) or a domain. Ignored if NAME is a full name.") String target,
             @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-16le",
                     description = ENCODING_HELP) String encoding) {
        String name = CliText.decodeEscapes(nameArgument);
        MailslotName slot = name.startsWith("\\\\") ? MailslotName.parse(name) : MailslotName.of(target, name);
        PrintWriter out = spec.commandLine().getOut();
        try (MailslotClient client = MailslotClient.open(slot.win32Name())) {
            for (String m : messages) {
                byte[] bytes = make(CliText.decodeEscapes(m), encoding);
                client.send(bytes);
                out.printf("Sent %d bytes to %s%n", bytes.length, CliText.quote(slot.win32Name()));
            }
            out.flush();
        }
        return 0;
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Create a mailslot, let messages pile up for --wait without reading them, then show"
                    + " GetMailslotInfo (next size, count) and read them out one by one."})
    int info(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
             @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
                     description = "How long to let messages arrive (default: ${DEFAULT-VALUE}).") Duration wait,
             @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "0",
                     description = "The largest message (default: 0, any size).") int maxSize,
             @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-16le",
                     description = ENCODING_HELP) String encoding) throws InterruptedException {
        String name = CliText.decodeEscapes(nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (MailslotServer server = MailslotServer.create(name, maxSize, Duration.ZERO)) {
            out.printf("Created mailslot %s; waiting %s for messages%n", CliText.quote(server.name().win32Name()),
                    Holding.describe(wait));
            out.flush();
            Thread.sleep(wait.toMillis());
            MailslotInfo info = server.info();
            out.printf("GetMailslotInfo: %d message(s) waiting, next size %s, maximum %s, read timeout %s%n",
                    info.messageCount(), info.nextMessageSize().isPresent() ? info.nextMessageSize().getAsInt() + " bytes"
                            : "none (MAILSLOT_NO_MESSAGE)", info.maxMessageSize() == 0 ? "any" : info.maxMessageSize() + " bytes",
                    Holding.describe(info.readTimeout()));
            Optional<byte[]> message;
            while ((message = server.read()).isPresent()) {
                out.printf("message of %d bytes: %s%n", message.get().length, show(message.get(), encoding));
            }
            out.flush();
        }
        return 0;
    }

    /** @return the message as text in {@code encoding} (sanitized), or as hex if it is not valid text in it */
    static String show(byte[] message, String encoding) {
        if (!encoding.equalsIgnoreCase("hex")) {
            try {
                String text = Charset.forName(encoding).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
                return CliText.quote(text);
            } catch (CharacterCodingException notText) {
                return "(not " + encoding + " text) " + hex(message);
            }
        }
        return hex(message);
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 3);
        for (byte x : bytes) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(String.format("%02x", x & 0xff));
        }
        return b.toString();
    }

    /** @return the bytes of a message typed on the command line */
    static byte[] make(String text, String encoding) {
        if (encoding.equalsIgnoreCase("hex")) {
            String digits = text.replaceAll("[\\s:]", "");
            if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
                throw new IllegalArgumentException("not an even number of hex digits: " + CliText.quote(text));
            }
            byte[] bytes = new byte[digits.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        return text.getBytes(encoding.equalsIgnoreCase("utf-16le") ? StandardCharsets.UTF_16LE : Charset.forName(encoding));
    }
}
