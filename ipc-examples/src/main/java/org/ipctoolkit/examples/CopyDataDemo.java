package org.ipctoolkit.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.CopyDataWindow;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.examples.DemoCommand.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc demo copydata}: the source documents' {@code WM_COPYDATA}, as real processes. This
 * process creates a hidden window of class {@value #CLASS} with the demo's title and answers each
 * {@code WM_COPYDATA} carrying a {@link #TREQUEST} record ({@code dwData} {@value #MULTIPLY}) with
 * the product of its two numbers; two sender processes find the window by class and title
 * ({@code FindWindow}) and send it {@value #REQUESTS} requests each with {@code SendMessage}, which
 * returns the answer, and check it. Then the window is destroyed and the demo checks it is gone.
 */
@Command(name = "copydata", mixinStandardHelpOptions = true,
        description = {"The WM_COPYDATA demo: a receiver window and two sender processes; the receiver answers each"
                + " request with a computed result, which SendMessage returns to the sender.",
                "The window is checked to be gone after."})
final class CopyDataDemo implements Callable<Integer> {
    /** The receiver's window class. */
    static final String CLASS = "IpcToolkitCopyDataDemo";
    /** A request, as a Delphi declaration. */
    static final String TREQUEST = "TRequest = record\n  sender: string[31];\n  a: Integer;\n  b: Integer;\nend;";
    /** The {@code dwData} of a multiplication request. */
    static final long MULTIPLY = 1;
    /** How many sender processes. */
    static final int SENDERS = 2;
    /** How many requests each sends. */
    static final int REQUESTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Option(names = "--name", paramLabel = "TITLE", defaultValue = "DemoCopyData",
            description = "The receiver window's title (default: ${DEFAULT-VALUE}). \\uXXXX escapes are decoded.")
    String titleArgument;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String title = CliText.decodeEscapes(titleArgument);
        DelphiRecord request = DelphiRecord.parse(TREQUEST);
        AtomicInteger answered = new AtomicInteger();
        List<Role> senders = new ArrayList<>();
        try (CopyDataWindow window = CopyDataWindow.create(CLASS, title, (sender, dwData, data) -> {
            if (dwData != MULTIPLY || data.length != request.size()) {
                LOG.warn("WM_COPYDATA with dwData {} and {} bytes: not a request; answering 0", dwData, data.length);
                return 0;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int a = request.getInt(b, "a");
            int x = request.getInt(b, "b");
            LOG.info("WM_COPYDATA from {}: {} x {}; answering {}", request.getString(b, "sender"), a, x, (long) a * x);
            answered.incrementAndGet();
            return (long) a * x;
        })) {
            LOG.info("CreateWindowEx: a hidden window of class {}, title {}, handle {}; its thread answers WM_COPYDATA",
                    CliText.quote(CLASS), CliText.quote(title), window.handle());
            for (int i = 1; i <= SENDERS; i++) {
                senders.add(Role.start("sender " + i, "copydata", "sender", CliText.escapeNonAscii(title), Integer.toString(i)));
            }
            String failed = Role.relayAllToEnd(senders);
            if (failed != null) {
                LOG.error("{} failed", failed);
                return IpcCommand.FAILED;
            }
            LOG.info("{} requests answered; destroying the window", answered.get());
        } finally {
            for (Role s : senders) {
                s.close();
            }
        }
        try {
            CopyDataSender.find(CLASS, title);
            LOG.error("the window {} is still there after DestroyWindow", CliText.quote(title));
            return IpcCommand.FAILED;
        } catch (IpcNotFoundException gone) {
            LOG.info("DestroyWindow: the window is gone (FindWindow finds nothing). Demo finished.");
        }
        return 0;
    }

    /**
     * One sender, started by {@link #call()}: finds the window and sends its requests.
     *
     * @param titleArgument the window's title, with <code>&#92;uXXXX</code> escapes
     * @param index         this sender's number
     * @return the exit code
     */
    @Command(name = "sender", hidden = true)
    int sender(@Parameters(index = "0") String titleArgument, @Parameters(index = "1") int index) {
        DelphiRecord request = DelphiRecord.parse(TREQUEST);
        String me = "sender " + index;
        CopyDataSender window = CopyDataSender.find(CLASS, CliText.decodeEscapes(titleArgument));
        LOG.info("FindWindowEx: found the window, handle {}", window.handle());
        for (int k = 1; k <= REQUESTS; k++) {
            int a = index * 10 + k;
            int b = k + 1;
            ByteBuffer r = ByteBuffer.allocate(request.size());
            request.putString(r, "sender", me);
            request.putInt(r, "a", a);
            request.putInt(r, "b", b);
            long answer = window.send(MULTIPLY, request, r);
            if (answer != (long) a * b) {
                throw new IllegalStateException("the receiver answered " + answer + " to " + a + " x " + b);
            }
            LOG.info("SendMessage(WM_COPYDATA, {} x {}) returned {}", a, b, answer);
        }
        return 0;
    }
}
