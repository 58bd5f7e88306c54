package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Random;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * Message sizes from 0 bytes to the maximum, and bad input refused before any native call: invalid
 * and remote server names, negative sizes and timeouts, messages above the server's maximum (naming
 * both sizes) and above the network limit.
 */
class MailslotSizesAndBadInputTest {
    @Test
    void everySizeFromZeroToTheMaximum() {
        String name = TestNames.unique("ms-size");
        int max = 4096;
        Random random = new Random(7);
        try (MailslotServer server = MailslotServer.create(name, max, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            int[] sizes = {0, 1, 2, 3, 63, 64, 65, 424, 425, 1000, 4095, 4096};
            for (int size : sizes) {
                byte[] m = new byte[size];
                random.nextBytes(m);
                client.send(m);
                assertArrayEquals(m, server.read(Duration.ofSeconds(10)).orElseThrow(), size + " bytes");
            }
            if (TestPlatform.isWine()) {
                // Wine 8 does not enforce CreateMailslot's maximum: WriteFile succeeds, and the server
                // drops the message (see the windows package description). Never delivered either way.
                client.send(new byte[max + 1]);
            } else {
                IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                        () -> client.send(new byte[max + 1]));
                assertTrue(e.getMessage().contains(Integer.toString(max + 1)), e.getMessage());
            }
            assertEquals(0, server.info().messageCount(), "nothing was sent, or nothing delivered");
            byte[] part = {9, 8, 7, 6, 5};
            client.send(part, 1, 3);
            assertArrayEquals(new byte[] {8, 7, 6}, server.read(Duration.ofSeconds(10)).orElseThrow());
        }
    }

    @Test
    void largeMessagesOfAnAnySizeMailslot() {
        String name = TestNames.unique("ms-size");
        Random random = new Random(8);
        try (MailslotServer server = MailslotServer.create(name, MailslotServer.ANY_SIZE, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            assertEquals(MailslotServer.ANY_SIZE, server.info().maxMessageSize());
            for (int size : new int[] {0, 65_536, 60_000, 1}) {
                byte[] m = new byte[size];
                random.nextBytes(m);
                client.send(m);
                assertArrayEquals(m, server.read(Duration.ofSeconds(10)).orElseThrow(), size + " bytes");
            }
        }
    }

    @Test
    void badInput() {
        for (String bad : new String[] {"", "a\\\\b", "a\\", "\\\\.\\pipe\\x", "a/b", "a:b", "a*b", "a?b", "a|b",
                "a\\.\\b", "a\\..", "\\\\\\mailslot\\x", "x".repeat(300)}) {
            assertThrows(IpcInvalidArgumentException.class, () -> MailslotServer.create(bad, 0, Duration.ZERO), bad);
            assertThrows(IpcInvalidArgumentException.class, () -> MailslotClient.open(bad), bad);
        }
        String name = TestNames.unique("ms-bad");
        for (String remote : new String[] {"\\\\HOST\\mailslot\\" + name, "\\\\*\\mailslot\\" + name}) {
            IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                    () -> MailslotServer.create(remote, 0, Duration.ZERO));
            assertTrue(e.getMessage().contains("on this machine"), e.getMessage());
        }
        assertThrows(IpcInvalidArgumentException.class, () -> MailslotServer.create(name, -1, Duration.ZERO));
        assertThrows(IpcInvalidArgumentException.class, () -> MailslotServer.create(name, 0, Duration.ofMillis(-1)));
        assertThrows(IpcInvalidArgumentException.class, () -> MailslotServer.create(name, 0, null));
        assertThrows(NullPointerException.class, () -> MailslotServer.create(null, 0, Duration.ZERO));
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            assertThrows(IpcInvalidArgumentException.class, () -> server.read(Duration.ofSeconds(-1)));
            assertThrows(IpcInvalidArgumentException.class, () -> server.setReadTimeout(Duration.ofMillis(-5)));
            assertThrows(NullPointerException.class, () -> server.listen(null));
            try (MailslotClient client = MailslotClient.open(name)) {
                assertThrows(IndexOutOfBoundsException.class, () -> client.send(new byte[4], 2, 3));
                assertThrows(IndexOutOfBoundsException.class, () -> client.send(new byte[4], -1, 1));
            }
        }
    }

    @Test
    void aNetworkMessageAbove424BytesIsRefusedBeforeSending() {
        MailslotClient client;
        try {
            client = MailslotClient.open("*", TestNames.unique("ms-bad"));
        } catch (IpcException | UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("broadcast clients cannot be opened here: " + e);
            return;
        }
        try (client) {
            IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                    () -> client.send(new byte[MailslotClient.MAXIMUM_NETWORK_MESSAGE + 1]));
            assertTrue(e.getMessage().contains("424") && e.getMessage().contains("425"), e.getMessage());
        }
    }
}
