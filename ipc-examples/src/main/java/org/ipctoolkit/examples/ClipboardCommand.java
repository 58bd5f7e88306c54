package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.clipboard.Clipboard;
import org.ipctoolkit.clipboard.ClipboardContent;
import org.ipctoolkit.clipboard.ClipboardFormat;
import org.ipctoolkit.clipboard.ClipboardWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc clipboard}: the system clipboard by hand ({@code OpenClipboard} ... {@code CloseClipboard}
 * on Windows, the X11 {@code CLIPBOARD} selection on Linux). On X11 what {@code set} and {@code write}
 * put there lives in this process: they stay and serve it until another program takes the clipboard,
 * {@code --for} passes, or they are interrupted.
 */
@Command(name = "clipboard", mixinStandardHelpOptions = true,
        description = "The system clipboard: text, registered formats, change notification.")
final class ClipboardCommand {
    private static final String FORMAT_HELP = "A registered format's name (RegisterClipboardFormat; an X11 target on"
            + " Linux). \\uXXXX escapes are decoded.";
    private static final String STAY_HELP = "Linux: how long to serve the data (X11 keeps it in the program that wrote"
            + " it; default: until another program takes the clipboard). Windows: ignored, the system keeps it.";

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the text on the clipboard (nothing if none).")
    int get() {
        out().println(Clipboard.system().getText());
        return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Put TEXT on the clipboard (CF_UNICODETEXT).")
    int set(@Parameters(index = "0", paramLabel = "TEXT", description = "The text; \\uXXXX escapes are decoded.") String text,
            @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, description = STAY_HELP)
            Duration stay) throws InterruptedException {
        Clipboard.system().setText(CliText.decodeEscapes(text));
        return serve(stay);
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Put DATA in a registered FORMAT on the clipboard, with --text beside it in the same write.")
    int write(@Parameters(index = "0", paramLabel = "FORMAT", description = FORMAT_HELP) String format,
              @Parameters(index = "1", paramLabel = "DATA", description = "The data; with --encoding hex, hex digits.") String data,
              @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "utf-8",
                      description = "How DATA is made: utf-8 (default), utf-16le, a charset name, or hex.") String encoding,
              @Option(names = "--text", paramLabel = "TEXT", description = "Text to put beside it (CF_UNICODETEXT).") String text,
              @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, description = STAY_HELP)
              Duration stay) throws InterruptedException {
        Clipboard c = Clipboard.system();
        ClipboardFormat f = c.registerFormat(CliText.decodeEscapes(format));
        ClipboardContent.Builder b = ClipboardContent.builder().bytes(f, MailslotCommand.make(CliText.decodeEscapes(data), encoding));
        if (text != null) {
            b.text(CliText.decodeEscapes(text));
        }
        c.write(b.build());
        out().printf("Wrote %s%s%n", f, text == null ? "" : " and CF_UNICODETEXT");
        return serve(stay);
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Print the bytes of a registered FORMAT.")
    int read(@Parameters(index = "0", paramLabel = "FORMAT", description = FORMAT_HELP) String format,
             @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "hex",
                     description = "How to show the bytes: hex (default), utf-8, utf-16le or a charset name.") String encoding) {
        Clipboard c = Clipboard.system();
        ClipboardFormat f = c.registerFormat(CliText.decodeEscapes(format));
        var data = c.read(f);
        if (data.isEmpty()) {
            out().printf("The clipboard holds nothing in %s%n", f);
            return IpcCommand.FAILED;
        }
        out().printf("%s, %d bytes: %s%n", f, data.get().length, MailslotCommand.show(data.get(), encoding));
        return 0;
    }

    @Command(name = "formats", mixinStandardHelpOptions = true, description = "List the formats on the clipboard.")
    int formats() {
        for (ClipboardFormat f : Clipboard.system().availableFormats()) {
            out().println(f);
        }
        return 0;
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Empty the clipboard (EmptyClipboard).")
    int clear() {
        Clipboard.system().clear();
        return 0;
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Print a line at each change of the clipboard (AddClipboardFormatListener; XFixes on Linux).",
                    "Stops after --count changes, after --for, or when interrupted."})
    int watch(@Option(names = "--count", paramLabel = "N", description = "Stop after N changes.") Integer count,
              @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "Stop after this long.") Duration duration) throws InterruptedException {
        PrintWriter out = out();
        CountDownLatch enough = new CountDownLatch(count == null ? 1 : count);
        try (ClipboardWatch w = Clipboard.system().addListener(seq -> {
            String text = Clipboard.system().getText();
            synchronized (out) {
                out.printf("Change %d: %s%n", seq, CliText.quote(text.length() > 80 ? text.substring(0, 80) + "..." : text));
                out.flush();
            }
            if (count != null) {
                enough.countDown();
            }
        })) {
            out.printf("Watching the clipboard (sequence number %d)%n", Clipboard.system().sequenceNumber());
            out.flush();
            if (count != null || duration != null) {
                enough.await(duration == null ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        return 0;
    }

    /** Linux: stays while this process still owns what it wrote (or until {@code stay} passes). */
    private int serve(Duration stay) throws InterruptedException {
        if (org.ipctoolkit.core.Platform.current().isWindows()) {
            return 0;
        }
        PrintWriter out = out();
        out.println("Serving the clipboard until another program takes it" + (stay == null ? "" : " or " + stay + " passes"));
        out.flush();
        CountDownLatch taken = new CountDownLatch(1);
        try (ClipboardWatch w = Clipboard.system().addListener(seq -> {
            if (!Clipboard.system().holder().orElse("").contains("this process")) {
                taken.countDown();
            }
        })) {
            taken.await(stay == null ? Long.MAX_VALUE : stay.toNanos(), TimeUnit.NANOSECONDS);
        }
        return 0;
    }
}
