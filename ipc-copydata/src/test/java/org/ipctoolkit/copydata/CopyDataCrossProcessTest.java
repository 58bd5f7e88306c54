package org.ipctoolkit.copydata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * A window and its senders in separate processes ({@link CopyDataPeer}), on both platforms: payloads
 * up to 16 MiB with results that depend on every byte, four sender processes at once with each one's
 * order kept, a receiver killed in the middle of a send, and a sender killed without hurting the window.
 */
class CopyDataCrossProcessTest {
    /**
     * The largest payload across processes: 16 MiB; 1 MiB under Wine 8, whose cross-process
     * WM_COPYDATA fails from about 2 MB (the receiver's GetMessageW fails and the message is lost: see
     * the windows package description).
     */
    private static final int LARGEST = 16 << 20;

    private static ChildProcess window(String cls, String title, String... more) {
        List<String> args = new ArrayList<>(List.of("window", cls, title, "message-only"));
        args.addAll(List.of(more));
        ChildProcess c = ChildProcess.startJava(CopyDataPeer.class, args.toArray(String[]::new));
        c.awaitLine("READY ");
        return c;
    }

    /** Ends a window peer as its user would (closing the window), not by killing it. */
    static void end(ChildProcess window) {
        window.send("");
        assertEquals(0, window.waitFor(Duration.ofSeconds(30)), window.transcript());
    }

    @Test
    void payloadsUpToTheLargestCrossWithTheirResults() {
        String cls = TestNames.unique("cdx");
        try (ChildProcess w = window(cls, "sizes")) {
            CopyDataSender sender = CopyDataSender.find(cls, "sizes");
            for (int size : new int[] {0, 1, 64, 65536, 1 << 20, LARGEST}) {
                byte[] p = CopyDataPeer.payload(size);
                assertEquals(CopyDataPeer.answer(7, p), sender.send(7, p, Duration.ofSeconds(60)), "size " + size);
            }
            try (ChildProcess s = ChildProcess.startJava(CopyDataPeer.class, "size", cls, "sizes", String.valueOf(LARGEST))) {
                s.awaitLine("SENT");
            }
            end(w);
        }
    }

    @Test
    void fourSenderProcessesAtOnceAreAllAnsweredInTheirOwnOrder() {
        String cls = TestNames.unique("cdx");
        int count = 200;
        try (ChildProcess w = window(cls, "many")) {
            List<ChildProcess> senders = new ArrayList<>();
            try {
                for (int i = 1; i <= 4; i++) {
                    senders.add(ChildProcess.startJava(CopyDataPeer.class, "send", cls, "many", String.valueOf(i), String.valueOf(count)));
                }
                for (ChildProcess s : senders) {
                    s.awaitLine("SENT " + count);
                }
            } finally {
                senders.forEach(ChildProcess::close);
            }
            end(w);
            assertFalse(w.transcript().contains("ORDER-BROKEN"), w.transcript());
        }
    }

    @Test
    void aReceiverKilledDuringASendIsAClearErrorNotAHang() throws Exception {
        String cls = TestNames.unique("cdx");
        try (ChildProcess w = window(cls, "killed")) {
            CopyDataSender sender = CopyDataSender.find(cls, "killed");
            assertEquals(CopyDataPeer.answer(1, new byte[3]), sender.send(1, new byte[3]));
            CompletableFuture<Long> pending = CompletableFuture.supplyAsync(() -> sender.send(99, new byte[10], Duration.ofSeconds(60)));
            w.awaitLine("IN-HANDLER");
            long start = System.nanoTime();
            w.kill();
            ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(30, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getCause() instanceof IpcNotFoundException, "the window is gone: " + e.getCause());
            assertTrue(millis < 20_000, "the sender learnt it in " + millis + " ms, long before its 60 s timeout");
            assertThrows(IpcNotFoundException.class, () -> sender.send(1, new byte[1]));
            assertThrows(IpcNotFoundException.class, () -> CopyDataSender.find(cls, "killed"));
        }
    }

    @Test
    void aSenderKilledInTheMiddleDoesNotHurtTheWindow() {
        String cls = TestNames.unique("cdx");
        try (ChildProcess w = window(cls, "survives")) {
            try (ChildProcess s = ChildProcess.startJava(CopyDataPeer.class, "send", cls, "survives", "1", "100000")) {
                // let it send for a moment, then kill it wherever it is
                CopyDataSender probe = CopyDataSender.find(cls, "survives");
                for (int i = 0; i < 20; i++) {
                    probe.send(2, new byte[4]);
                }
                s.kill();
                s.waitFor(Duration.ofSeconds(30));
            }
            CopyDataSender sender = CopyDataSender.find(cls, "survives");
            byte[] p = CopyDataPeer.payload(1000);
            assertEquals(CopyDataPeer.answer(3, p), sender.send(3, p));
            end(w);
        } catch (IpcException e) {
            throw new AssertionError(e);
        }
    }
}
