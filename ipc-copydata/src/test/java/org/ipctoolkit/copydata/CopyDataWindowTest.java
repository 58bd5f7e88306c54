package org.ipctoolkit.copydata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * A window and its senders in one process, on both platforms: payloads from nothing to 16 MiB with
 * their dwData and results, the handler on the window's own thread, a hung receiver and the timeout,
 * a window gone, a handler that throws or closes its own window, registered messages sent and posted,
 * the sender's window passed as WPARAM, a Delphi record, and a class used again after its last window
 * closed. (Cross-process behaviour is in {@link CopyDataCrossProcessTest}.)
 */
class CopyDataWindowTest {
    private static String cls() {
        return TestNames.unique("cdclass");
    }

    private static String title() {
        return TestNames.unique("cdtitle");
    }

    @Test
    void payloadsFromNothingTo16MiBRoundTripOnTheWindowsThread() throws Exception {
        String cls = cls();
        String title = title();
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (CopyDataWindow window = CopyDataWindow.create(cls, title, (sender, dwData, data) -> {
            handlerThread.set(Thread.currentThread());
            got.add(data);
            return dwData + data.length;
        })) {
            CopyDataSender sender = CopyDataSender.find(cls, title);
            assertEquals(window.handle(), sender.handle());
            for (int size : new int[] {0, 1, 64, 65536, 16 << 20}) {
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) size);
                if (size > 0) {
                    data[size - 1] = 42;
                }
                assertEquals(-5L + size, sender.send(-5L, data, Duration.ofSeconds(60)), "size " + size);
                assertArrayEquals(data, got.poll(10, TimeUnit.SECONDS), "size " + size);
            }
            assertEquals("ipc-copydata-window-" + title, handlerThread.get().getName());
        }
        assertTrue(!handlerThread.get().isAlive(), "close ended the window's thread");
    }

    @Test
    void aHungReceiverTimesOutAndTheWindowAnswersLater() throws Exception {
        String cls = cls();
        String title = title();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (CopyDataWindow window = CopyDataWindow.create(cls, title, (sender, dwData, data) -> {
            if (dwData == 1) {
                inHandler.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return 100 + dwData;
        })) {
            CopyDataSender sender = CopyDataSender.find(cls, title);
            long start = System.nanoTime();
            CopyDataTimeoutException e = assertThrows(CopyDataTimeoutException.class,
                    () -> sender.send(1, new byte[] {1}, Duration.ofMillis(300)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(inHandler.await(10, TimeUnit.SECONDS), "the handler got the message");
            assertTrue(waited >= 250 && waited < 10_000, "waited " + waited + " ms: " + e.getMessage());
            release.countDown();
            assertEquals(102, sender.send(2, new byte[0]), "the window works again once the handler returned");
        }
    }

    @Test
    void aWindowGoneIsNotFound() {
        String cls = cls();
        String title = title();
        CopyDataWindow window = CopyDataWindow.create(cls, title, (s, d, b) -> 1);
        CopyDataSender sender = CopyDataSender.find(cls, title);
        assertEquals(1, sender.send(0, new byte[0]));
        window.close();
        window.close();
        IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> sender.send(0, new byte[] {1}));
        assertTrue(e.getMessage().contains(cls), "the message names the window: " + e.getMessage());
        assertThrows(IpcNotFoundException.class, () -> CopyDataSender.find(cls, title));
    }

    @Test
    void aHandlerThatThrowsAnswersZeroAndTheWindowKeepsWorking() {
        String cls = cls();
        String title = title();
        try (CopyDataWindow window = CopyDataWindow.create(cls, title, (sender, dwData, data) -> {
            if (dwData == 13) {
                throw new IllegalStateException("test: the handler fails on purpose");
            }
            return 7;
        })) {
            CopyDataSender sender = CopyDataSender.find(cls, title);
            assertEquals(0, sender.send(13, new byte[] {1, 2}));
            assertEquals(7, sender.send(1, new byte[] {1, 2}));
        }
    }

    @Test
    void aHandlerMayCloseItsOwnWindow() throws Exception {
        String cls = cls();
        String title = title();
        AtomicReference<CopyDataWindow> self = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        CopyDataWindow window = CopyDataWindow.create(cls, title, (sender, dwData, data) -> {
            self.get().close();
            closed.countDown();
            return 5;
        });
        self.set(window);
        assertEquals(5, CopyDataSender.find(cls, title).send(0, new byte[0]));
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        // the window is destroyed once the handler has returned; find would race with that, so send until gone
        CopyDataSender sender;
        try {
            sender = CopyDataSender.find(cls, title);
        } catch (IpcNotFoundException gone) {
            return;
        }
        CopyDataSender last = sender;
        assertThrows(IpcNotFoundException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                last.send(0, new byte[0], Duration.ofSeconds(5));
            }
        });
    }

    @Test
    void registeredMessagesAreSentAndPosted() throws Exception {
        String cls = cls();
        String title = title();
        String name = TestNames.unique("cdmsg");
        RegisteredMessage message = RegisteredMessage.register(name);
        assertEquals(message.id(), RegisteredMessage.register(name.toUpperCase()).id(), "names compare without case");
        assertTrue(message.id() >= 0xC000 && message.id() <= 0xFFFF, message.toString());
        BlockingQueue<Long> posted = new LinkedBlockingQueue<>();
        try (CopyDataWindow window = CopyDataWindow.create(cls, title, (s, d, b) -> 0)) {
            CopyDataSender sender = CopyDataSender.find(cls, title);
            assertEquals(0, message.send(sender, 1, 2, Duration.ofSeconds(5)), "nobody listens yet");
            window.onMessage(message, (w, l) -> {
                posted.add(w * 10 + l);
                return w + l;
            });
            assertEquals(3, message.send(sender, 1, 2, Duration.ofSeconds(5)));
            assertEquals(12L, posted.poll(5, TimeUnit.SECONDS));
            message.post(sender, 4, 5);
            assertEquals(45L, posted.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClassIsRegisteredAgainAfterItsLastWindowClosed() {
        String cls = cls();
        String t1 = title();
        String t2 = title();
        try (CopyDataWindow a = CopyDataWindow.create(cls, t1, (s, d, b) -> 1);
             CopyDataWindow b = CopyDataWindow.create(cls, t2, (s, d, x) -> 2)) {
            assertEquals(1, CopyDataSender.find(cls, t1).send(0, new byte[0]));
            assertEquals(2, CopyDataSender.find(cls, t2).send(0, new byte[0]));
        }
        try (CopyDataWindow c = CopyDataWindow.create(cls, t1, (s, d, b) -> 3)) {
            assertEquals(3, CopyDataSender.find(cls, t1).send(0, new byte[0]));
        }
    }

    @Test
    void theSendersWindowArrivesAsWParam() {
        String cls = cls();
        AtomicReference<Long> seen = new AtomicReference<>();
        try (CopyDataWindow receiver = CopyDataWindow.create(cls, "receiver", (sender, d, b) -> {
            seen.set(sender);
            return 1;
        });
             CopyDataWindow me = CopyDataWindow.create(cls, "me", (s, d, b) -> 0)) {
            CopyDataSender anonymous = CopyDataSender.find(cls, "receiver");
            assertEquals(1, anonymous.send(0, new byte[0]));
            assertEquals(0L, seen.get(), "no sender window: WPARAM 0");
            assertEquals(1, anonymous.from(me).send(0, new byte[0]));
            assertEquals(me.handle(), seen.get());
            assertEquals(receiver.handle(), anonymous.from(me).handle(), "from() keeps the target");
        }
    }

    @Test
    void aDelphiRecordArrivesAsItsBytes() {
        String cls = cls();
        DelphiRecord layout = DelphiRecord.parse(SeedRecords.TSHAREMEM_DECLARATION);
        AtomicReference<byte[]> got = new AtomicReference<>();
        try (CopyDataWindow w = CopyDataWindow.create(cls, "", (s, d, b) -> {
            got.set(b);
            return layout.getInt(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), "age");
        })) {
            ByteBuffer r = ByteBuffer.allocate(layout.size() + 10).order(ByteOrder.LITTLE_ENDIAN);
            layout.putString(r, "id", "8888");
            layout.putString(r, "name", "Terry");
            layout.putInt(r, "age", 25);
            assertEquals(25, CopyDataSender.find(cls, "").send(1, layout, r));
            assertEquals(SeedRecords.TSHAREMEM_HEX, HexFormat.of().formatHex(got.get()), "the record's bytes, and only them");
        }
    }
}
