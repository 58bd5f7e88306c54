package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MinGW C peer ({@code interop/windows/tmailslot.c}: CreateMailslotA, GetMailslotInfo and ReadFile
 * as the ChienIPC unit reads; CreateFileA with {@code FILE_SHARE_READ} and WriteFile as Microsoft's
 * sample writes) exchanges messages with the Java side: 0-byte, ordinary and maximum-size ones, in
 * order, with the message count. Windows only: the peer is a Windows program (run by Wine).
 */
@Tag("windows-only")
class NativePeerInteropTest {
    private static final int MAX = 500;
    /** Wine 8's GetMailslotInfo counts at most one message (see the windows package description). */
    private static final boolean WINE = TestPlatform.isWine();

    /** The peer's fill:N message. */
    private static byte[] fill(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void thePeerWritesToTheJavaServer() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, MAX, Duration.ZERO)) {
            try (ChildProcess peer = NativePeers.start("tmailslot", "send", name, "hex:68656c6c6f", "empty",
                    "fill:" + MAX, "fill:" + (MAX + 1), "hex:656e64")) {
                assertEquals("SENT 5", peer.awaitLine("SENT"));
                assertEquals("SENT 0", peer.awaitLine("SENT"));
                assertEquals("SENT " + MAX, peer.awaitLine("SENT"));
                // Windows refuses a message above the maximum; Wine 8 writes it, and the server drops it
                String over = peer.awaitLine(WINE ? "SENT" : "WRITEFAILED");
                assertTrue(over.startsWith("SENT " + (MAX + 1)) || over.startsWith("WRITEFAILED " + (MAX + 1)), over);
                assertEquals("SENT 3", peer.awaitLine("SENT"));
                peer.assertSucceeds();
            }
            MailslotInfo info = server.info();
            assertEquals(4, info.messageCount(), "hello, empty, the maximum, end: " + info);
            assertEquals(OptionalInt.of(5), info.nextMessageSize());
            assertEquals(MAX, info.maxMessageSize());
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), server.read().orElseThrow());
            assertEquals(0, server.read().orElseThrow().length);
            assertArrayEquals(fill(MAX), server.read().orElseThrow());
            assertArrayEquals("end".getBytes(StandardCharsets.US_ASCII), server.read().orElseThrow());
            assertTrue(server.read().isEmpty());
            assertEquals(0, server.info().messageCount());
        }
    }

    @Test
    void thePeerReadsAJavaClientsMessages() {
        String name = TestNames.unique("ms");
        try (ChildProcess peer = NativePeers.start("tmailslot", "serve", name, String.valueOf(MAX))) {
            peer.awaitLine("READY");
            try (MailslotClient client = MailslotClient.open(name)) {
                client.send("hello".getBytes(StandardCharsets.US_ASCII));
                client.send(new byte[0]);
                client.send(fill(MAX));
                client.send("Z\u00df");
            }
            peer.send("info");
            assertEquals(WINE ? "INFO " + MAX + " 5 1" : "INFO " + MAX + " 5 4", peer.awaitLine("INFO"),
                    "GetMailslotInfo in the peer: maximum, next size, count (Wine 8 counts at most 1)");
            peer.send("read");
            assertEquals("MSG 5 68656c6c6f", peer.awaitLine("MSG"));
            peer.send("read");
            assertTrue(peer.awaitLine("MSG").startsWith("MSG 0"), "the 0-byte message");
            peer.send("read");
            assertEquals("MSG " + MAX + " " + HexFormat.of().formatHex(fill(MAX)), peer.awaitLine("MSG"));
            peer.send("read");
            assertEquals("MSG 4 5a00df00", peer.awaitLine("MSG"), "send(String) writes UTF-16LE");
            peer.send("read");
            assertEquals("NONE", peer.awaitLine("NONE"));
            peer.send("quit");
            peer.assertSucceeds();
        }
    }
}
