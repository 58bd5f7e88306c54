package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.CopyDataWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc copydata}: {@code WM_COPYDATA} by hand. {@code listen} creates a hidden window
 * ({@code CreateWindowExW}) and prints each {@code WM_COPYDATA}, answering with the byte count;
 * {@code send} finds a window ({@code FindWindowExW}) and sends it each message
 * ({@code SendMessageTimeoutW}), printing the answer.
 */
@Command(name = "copydata", mixinStandardHelpOptions = true,
        description = "WM_COPYDATA: a hidden window found by class and title (Windows), or its Unix domain socket (Linux).")
final class CopyDataCommand {
    static final String CLASS_HELP = "The window class. \\uXXXX escapes are decoded.";
    static final String TITLE_HELP = "The window title. \\uXXXX escapes are decoded.";

    @Spec
    CommandSpec spec;

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"Create a hidden window and print every WM_COPYDATA it receives; the answer (LRESULT)"
                    + " is the number of bytes.", "Stops after --count messages, after --for, or when interrupted."})
    int listen(@Parameters(index = "0", paramLabel = "CLASS", description = CLASS_HELP) String classArgument,
               @Parameters(index = "1", paramLabel = "TITLE", description = TITLE_HELP) String titleArgument,
               @Option(names = "--count", paramLabel = "N", description = "Stop after N messages.") Integer count,
               @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                       description = "Stop after this long (500ms, 30s, 5m).") Duration duration,
               @Option(names = "--top-level", description = "A hidden top-level window (reached by broadcasts)"
                       + " instead of a message-only one.") boolean topLevel,
               @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-16le",
                       description = MailslotCommand.ENCODING_HELP) String encoding) throws InterruptedException {
        String className = CliText.decodeEscapes(classArgument);
        String title = CliText.decodeEscapes(titleArgument);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch enough = new CountDownLatch(count == null ? 1 : count);
        CopyDataWindow.Options options = topLevel ? CopyDataWindow.Options.DEFAULT.hiddenTopLevel() : CopyDataWindow.Options.DEFAULT;
        try (CopyDataWindow window = CopyDataWindow.create(className, title, (sender, dwData, data) -> {
            synchronized (out) {
                out.printf("WM_COPYDATA from window %d, dwData %d, %d bytes: %s%n", sender, dwData, data.length,
                        MailslotCommand.show(data, encoding));
                out.flush();
            }
            if (count != null) {
                enough.countDown();
            }
            return data.length;
        }, options)) {
            out.printf("Created %s window %s, handle %d; listening%n", topLevel ? "a hidden top-level" : "a message-only",
                    CliText.quote(className + " / " + title), window.handle());
            out.flush();
            if (count != null || duration != null) {
                enough.await(duration == null ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        out.printf("Destroyed the window%n");
        return 0;
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Find a window by class and title and send each MESSAGE with WM_COPYDATA; print its answer.")
    int send(@Parameters(index = "0", paramLabel = "CLASS", description = CLASS_HELP) String classArgument,
             @Parameters(index = "1", paramLabel = "TITLE", description = TITLE_HELP) String titleArgument,
             @Parameters(index = "2..*", paramLabel = "MESSAGE", description = "The messages; \\uXXXX escapes are"
                     + " decoded; with --encoding hex, hex digits.") List<String> messages,
             @Option(names = "--dwdata", paramLabel = "N", defaultValue = "0", description = "The dwData value"
                     + " (default: ${DEFAULT-VALUE}).") long dwData,
             @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
                     description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).") Duration timeout,
             @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-16le",
                     description = MailslotCommand.ENCODING_HELP) String encoding) {
        CopyDataSender target = CopyDataSender.find(CliText.decodeEscapes(classArgument), CliText.decodeEscapes(titleArgument));
        PrintWriter out = spec.commandLine().getOut();
        for (String m : messages) {
            byte[] bytes = MailslotCommand.make(CliText.decodeEscapes(m), encoding);
            long result = target.send(dwData, bytes, timeout);
            out.printf("Sent %d bytes (dwData %d) to window %d: it answered %d%n", bytes.length, dwData, target.handle(), result);
        }
        out.flush();
        return 0;
    }
}
