package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * {@code info()} (GetMailslotInfo): counts and next sizes, a 0-byte message distinct from none, the
 * maximum size and read timeout as given; read timeouts: 0, a few milliseconds, the server's own
 * timeout, and {@code WAIT_FOREVER} ended by a writer.
 */
class MailslotInfoAndTimeoutTest {
    @Test
    void infoCountsAndSizes() {
        String name = TestNames.unique("ms-info");
        try (MailslotServer server = MailslotServer.create(name, 500, Duration.ofMillis(1234));
             MailslotClient client = MailslotClient.open(name)) {
            MailslotInfo empty = server.info();
            assertEquals(500, empty.maxMessageSize());
            assertEquals(OptionalInt.empty(), empty.nextMessageSize());
            assertEquals(0, empty.messageCount());
            assertEquals(Duration.ofMillis(1234), empty.readTimeout());

            client.send(new byte[0]);
            client.send(new byte[7]);
            client.send("héllo");
            MailslotInfo three = server.info();
            assertEquals(OptionalInt.of(0), three.nextMessageSize(), "a 0-byte message is not \"no message\"");
            assertEquals(3, three.messageCount());

            assertArrayEquals(new byte[0], server.read().orElseThrow());
            assertEquals(new MailslotInfo(500, OptionalInt.of(7), 2, Duration.ofMillis(1234)), server.info());
            assertArrayEquals(new byte[7], server.read().orElseThrow());
            assertEquals(OptionalInt.of(10), server.info().nextMessageSize());
            assertEquals("héllo", new String(server.read().orElseThrow(), java.nio.charset.StandardCharsets.UTF_16LE));
            assertEquals(new MailslotInfo(500, OptionalInt.empty(), 0, Duration.ofMillis(1234)), server.info());
        }
    }

    @Test
    void infoIsExactForMoreMessagesThanTheKernelQueues() {
        String name = TestNames.unique("ms-info");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            for (int i = 0; i < 200; i++) {
                client.send(new byte[i]);
            }
            MailslotInfo info = server.info();
            assertEquals(200, info.messageCount());
            assertEquals(OptionalInt.of(0), info.nextMessageSize());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, server.read().orElseThrow().length);
                assertEquals(199 - i, server.info().messageCount());
            }
        }
    }

    @Test
    void readTimeouts() throws Exception {
        String name = TestNames.unique("ms-timeout");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ofMillis(40));
             MailslotClient client = MailslotClient.open(name)) {
            long t0 = System.nanoTime();
            assertEquals(Optional.empty(), server.read(Duration.ZERO));
            assertEquals(Optional.empty(), server.read(Duration.ofMillis(30)));
            long t1 = System.nanoTime();
            assertTrue(t1 - t0 >= TimeUnit.MILLISECONDS.toNanos(30), "waited " + (t1 - t0) / 1000 + " us");
            assertEquals(Optional.empty(), server.read(), "the server's own timeout, 40 ms");
            assertTrue(System.nanoTime() - t1 >= TimeUnit.MILLISECONDS.toNanos(40));

            server.setReadTimeout(Duration.ZERO);
            assertEquals(Duration.ZERO, server.info().readTimeout());
            assertEquals(Optional.empty(), server.read());
            server.setReadTimeout(MailslotServer.WAIT_FOREVER);
            assertEquals(MailslotServer.WAIT_FOREVER, server.info().readTimeout());

            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Optional<byte[]>> read = CompletableFuture.supplyAsync(() -> {
                reading.countDown();
                return server.read();
            });
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            client.send(new byte[] {42});
            assertArrayEquals(new byte[] {42}, read.get(30, TimeUnit.SECONDS).orElseThrow());

            client.send(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, server.read(Duration.ofMillis(5)).orElseThrow(), "a waiting message is read at once");
        }
    }
}
