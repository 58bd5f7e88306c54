package org.ipctoolkit.copydata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MinGW C peer ({@code interop/windows/tcopydata.c}: FindWindowExA, SendMessageTimeoutA of
 * {@code WM_COPYDATA} with a {@code COPYDATASTRUCT}, a WndProc with a {@code WM_COPYDATA} branch,
 * RegisterWindowMessageA, as the source documents' Delphi programs call them) exchanges window messages
 * with the Java side: it sends to a Java window (dwData, bytes, 0 bytes, 16 MiB) and gets the handler's
 * results; it answers a Java sender from its own message-only window with the byte sum; and a
 * registered message broadcast reaches hidden top-level windows in both programs. Windows only: the
 * peer is a Windows program (run by Wine, with Xvfb for the top-level windows).
 */
@Tag("windows-only")
class NativePeerInteropTest {
    /**
     * The large payload the Java side sends to the C peer: 16 MiB; 1 MiB under Wine 8, which hands a
     * message sent from another process to the window procedure on the receiving thread's stack: the
     * peer's main thread has MinGW's 2 MB stack (measured: 1,900,000 bytes pass, 2,097,000 are lost, the
     * sender getting error 5). A Java window's thread has a stack large enough for any payload.
     */
    private static final int LARGE = TestPlatform.isWine() ? 1 << 20 : 16 << 20;
    /** The large payload the C peer sends to a Java window: 16 MiB, under Wine too. */
    private static final int TO_JAVA = 16 << 20;

    /** The peer's fill:N payload. */
    private static byte[] fill(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private static long sum(byte[] data) {
        long s = 0;
        for (byte b : data) {
            s += b & 0xff;
        }
        return s;
    }

    private record Received(long sender, long dwData, byte[] data) {
    }

    @Test
    void thePeerSendsToAJavaWindowAndGetsTheResults() throws Exception {
        String cls = TestNames.unique("cdclass");
        String title = TestNames.unique("cdtitle");
        BlockingQueue<Received> got = new LinkedBlockingQueue<>();
        try (CopyDataWindow window = CopyDataWindow.create(cls, title, (sender, dwData, data) -> {
            got.add(new Received(sender, dwData, data));
            return dwData * 1000 + data.length;
        })) {
            try (ChildProcess peer = NativePeers.start("tcopydata", "send", cls, title, "7:hex:68656c6c6f", "0:empty",
                    "9:fill:" + TO_JAVA)) {
                long sender = Long.parseLong(peer.awaitLine("SENDER").substring(7));
                assertEquals("RESULT 7 5 7005", peer.awaitLine("RESULT"));
                assertEquals("RESULT 0 0 0", peer.awaitLine("RESULT"));
                assertEquals("RESULT 9 " + TO_JAVA + " " + (9000 + TO_JAVA), peer.awaitLine("RESULT", Duration.ofSeconds(120)));
                peer.assertSucceeds();
                Received hello = got.poll(10, TimeUnit.SECONDS);
                assertEquals(sender, hello.sender(), "WPARAM is the peer's window");
                assertEquals(7, hello.dwData());
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), hello.data());
                Received empty = got.poll(10, TimeUnit.SECONDS);
                assertEquals(0, empty.dwData());
                assertEquals(0, empty.data().length);
                Received large = got.poll(10, TimeUnit.SECONDS);
                assertEquals(9, large.dwData());
                assertArrayEquals(fill(TO_JAVA), large.data());
            }
        }
    }

    @Test
    void aJavaSenderGetsThePeersComputedResult() {
        String cls = TestNames.unique("cdclass");
        String title = TestNames.unique("cdtitle");
        try (ChildProcess peer = NativePeers.start("tcopydata", "serve", cls, title)) {
            long hwnd = Long.parseLong(peer.awaitLine("READY").substring(6));
            CopyDataSender sender = CopyDataSender.find(cls, title);
            assertEquals(hwnd, sender.handle(), "FindWindowExW(HWND_MESSAGE, ...) finds the peer's message-only window");
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            assertEquals(sum(hello) + (3L << 32), sender.send(3, hello));
            assertEquals("GOT 3 5 0", peer.awaitLine("GOT"));
            assertEquals(0, sender.send(0, new byte[0]));
            assertEquals("GOT 0 0 0", peer.awaitLine("GOT"));
            byte[] large = fill(LARGE);
            assertEquals(sum(large) + (5L << 32), sender.send(5, large, Duration.ofSeconds(60)));
            assertEquals("GOT 5 " + LARGE + " 0", peer.awaitLine("GOT"));
            try (CopyDataWindow mine = CopyDataWindow.create(TestNames.unique("cdclass"), "me", (s, d, b) -> 0)) {
                sender.from(mine).send(4, hello);
                assertEquals("GOT 4 5 " + mine.handle(), peer.awaitLine("GOT"), "WPARAM is the Java sender's window");
            }
            assertEquals(1, sender.send(0xFFFF, new byte[0]), "the peer's end message");
            peer.assertSucceeds();
        }
    }

    @Test
    void aRegisteredMessageBroadcastReachesThePeerAndAJavaHiddenTopLevelWindow() throws Exception {
        String name = TestNames.unique("cdmsg");
        RegisteredMessage message = RegisteredMessage.register(name);
        BlockingQueue<List<Long>> got = new LinkedBlockingQueue<>();
        try (CopyDataWindow window = CopyDataWindow.create(TestNames.unique("cdclass"), TestNames.unique("cdtitle"),
                (s, d, b) -> 0, CopyDataWindow.Options.DEFAULT.hiddenTopLevel());
             ChildProcess peer = NativePeers.start("tcopydata", "listen", name)) {
            window.onMessage(message, (w, l) -> {
                got.add(List.of(w, l));
                return 0;
            });
            assertEquals("READY " + message.id(), peer.awaitLine("READY"), "RegisterWindowMessageA gives the same id");
            message.broadcast(11, 22);
            assertEquals("GOT 11 22", peer.awaitLine("GOT"));
            assertEquals(List.of(11L, 22L), got.poll(20, TimeUnit.SECONDS));
            peer.assertSucceeds();
            try (ChildProcess broadcaster = NativePeers.start("tcopydata", "broadcast", name, "33", "44")) {
                assertEquals("POSTED " + message.id(), broadcaster.awaitLine("POSTED"));
                broadcaster.assertSucceeds();
            }
            assertEquals(List.of(33L, 44L), got.poll(20, TimeUnit.SECONDS), "the peer's broadcast reaches the Java window");
        }
    }
}
