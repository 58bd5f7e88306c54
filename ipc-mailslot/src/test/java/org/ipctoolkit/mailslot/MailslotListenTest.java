package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * {@code listen}: delivery in order on the reader thread, a listener that throws does not stop it,
 * {@code read} is refused meanwhile, and the thread stops cleanly when the reader is closed, when the
 * server is closed, and when the listener closes it from inside.
 */
class MailslotListenTest {
    @Test
    void deliversInOrderAndSurvivesAThrowingListener() throws Exception {
        String name = TestNames.unique("ms-listen");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            List<String> got = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(100);
            MailslotReader reader = server.listen(m -> {
                String text = new String(m, java.nio.charset.StandardCharsets.UTF_16LE);
                got.add(text);
                threads.add(Thread.currentThread().getName());
                all.countDown();
                if (text.equals("7")) {
                    throw new IllegalStateException("a listener that throws (expected in this test)");
                }
            });
            assertThrows(IllegalStateException.class, server::read, "read while a reader thread runs");
            assertThrows(IllegalStateException.class, () -> server.listen(m -> { }));
            for (int i = 0; i < 100; i++) {
                client.send(String.valueOf(i));
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), () -> "got " + got);
            for (int i = 0; i < 100; i++) {
                assertEquals(String.valueOf(i), got.get(i));
            }
            assertTrue(threads.stream().allMatch(t -> t.startsWith("ipc-mailslot-reader-")), threads::toString);
            assertTrue(reader.isRunning());
            reader.close();
            assertFalse(reader.isRunning());
            reader.close();
            // Messages sent after the reader stopped stay for read().
            client.send("after");
            assertEquals("after", new String(server.read(Duration.ofSeconds(10)).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_16LE));
        }
    }

    @Test
    void closingTheServerStopsTheReader() throws Exception {
        String name = TestNames.unique("ms-listen");
        MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
        CountDownLatch one = new CountDownLatch(1);
        MailslotReader reader = server.listen(m -> one.countDown());
        try (MailslotClient client = MailslotClient.open(name)) {
            client.send(new byte[1]);
            assertTrue(one.await(10, TimeUnit.SECONDS));
        }
        server.close();
        assertFalse(reader.isRunning());
        assertThrows(IllegalStateException.class, server::info);
    }

    @Test
    void theListenerMayCloseTheServerFromInside() throws Exception {
        String name = TestNames.unique("ms-listen");
        MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
        CountDownLatch closed = new CountDownLatch(1);
        MailslotReader reader = server.listen(m -> {
            server.close();
            closed.countDown();
        });
        try (MailslotClient client = MailslotClient.open(name)) {
            client.send(new byte[1]);
            assertTrue(closed.await(10, TimeUnit.SECONDS));
        }
        assertTrue(reader.awaitStopped(Duration.ofSeconds(10)), "the reader thread ends after its listener closed the server");
        assertFalse(reader.isRunning());
        assertThrows(IllegalStateException.class, server::info);
    }

    @Test
    void theListenerMayCloseItsReaderFromInside() throws Exception {
        String name = TestNames.unique("ms-listen");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            CountDownLatch first = new CountDownLatch(1);
            MailslotReader[] self = new MailslotReader[1];
            CountDownLatch started = new CountDownLatch(1);
            self[0] = server.listen(m -> {
                started.await();
                self[0].close();
                first.countDown();
            });
            started.countDown();
            client.send(new byte[] {1});
            assertTrue(first.await(10, TimeUnit.SECONDS));
            client.send(new byte[] {2});
            assertTrue(self[0].awaitStopped(Duration.ofSeconds(10)), "the reader ends after closing itself");
            assertArrayEquals(new byte[] {2}, server.read(Duration.ofSeconds(10)).orElseThrow(),
                    "the second message stays for read()");
        }
    }
}
