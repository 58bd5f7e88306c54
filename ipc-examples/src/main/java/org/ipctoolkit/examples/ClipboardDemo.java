package org.ipctoolkit.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipctoolkit.clipboard.Clipboard;
import org.ipctoolkit.clipboard.ClipboardContent;
import org.ipctoolkit.clipboard.ClipboardFormat;
import org.ipctoolkit.delphi.DelphiRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipc demo clipboard}: the source documents' clipboard exchange. This process registers a
 * format ({@code RegisterClipboardFormat}), writes a {@code TShareMem} record in it together with a
 * text version, in one clipboard transaction; a second process registers the same name, gets the same
 * format, reads both and checks they agree. (On X11 the writer stays until the reader is done: it
 * serves the data.)
 */
@Command(name = "clipboard", mixinStandardHelpOptions = true,
        description = {"The clipboard demo: one process writes a TShareMem record in a registered format and its text"
                + " version at once; a second process reads both."})
final class ClipboardDemo implements Callable<Integer> {
    static final String TSHAREMEM = "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;";
    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "IpcToolkit.TShareMem",
            description = "The registered format's name (default: ${DEFAULT-VALUE}). \\uXXXX escapes are decoded.")
    String formatArgument;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Clipboard clipboard = Clipboard.system();
        String name = CliText.decodeEscapes(formatArgument);
        ClipboardFormat format = clipboard.registerFormat(name);
        LOG.info("RegisterClipboardFormat({}) = {}", CliText.quote(name), format);
        DelphiRecord layout = DelphiRecord.parse(TSHAREMEM);
        ByteBuffer r = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
        layout.putString(r, "id", "8888");
        layout.putString(r, "name", "Terry");
        layout.putInt(r, "age", 25);
        clipboard.write(ClipboardContent.builder().record(format, layout, r).text("id 8888, name Terry, age 25").build());
        LOG.info("OpenClipboard, EmptyClipboard, SetClipboardData({}, TShareMem) and SetClipboardData(CF_UNICODETEXT), CloseClipboard",
                format.name());
        try (DemoCommand.Role reader = DemoCommand.Role.start("reader", "clipboard-reader", CliText.escapeNonAscii(name))) {
            String failed = DemoCommand.Role.relayAllToEnd(List.of(reader));
            if (failed != null) {
                LOG.error("{} failed", failed);
                return IpcCommand.FAILED;
            }
        }
        LOG.info("Demo finished.");
        return 0;
    }

    /** The reading process. */
    @Command(name = "clipboard-reader", hidden = true)
    static final class Reader implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0")
        String formatArgument;

        @Override
        public Integer call() {
            Clipboard clipboard = Clipboard.system();
            ClipboardFormat format = clipboard.registerFormat(CliText.decodeEscapes(formatArgument));
            LOG.info("RegisterClipboardFormat gave the same format here: {}; on the clipboard: {}", format, clipboard.availableFormats());
            DelphiRecord layout = DelphiRecord.parse(TSHAREMEM);
            ByteBuffer p = clipboard.readRecord(format, layout).orElse(null);
            if (p == null) {
                LOG.error("the clipboard holds no {}", format);
                return IpcCommand.FAILED;
            }
            String text = clipboard.getText();
            String fromRecord = "id " + layout.getString(p, "id") + ", name " + layout.getString(p, "name") + ", age "
                    + layout.getInt(p, "age");
            LOG.info("GetClipboardData({}): TShareMem {}", format.name(), fromRecord);
            LOG.info("GetClipboardData(CF_UNICODETEXT): {}", CliText.quote(text));
            if (!text.equals(fromRecord)) {
                LOG.error("the text and the record disagree");
                return IpcCommand.FAILED;
            }
            return 0;
        }
    }
}
