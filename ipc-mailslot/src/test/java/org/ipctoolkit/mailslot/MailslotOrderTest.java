package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Order and boundaries across processes: 4 client processes send 2,500 messages each, of sizes 5 to
 * 65 bytes; the server receives all 10,000, each whole, and each client's in the order it sent them.
 * Once with {@code read}, once with {@code listen}.
 */
class MailslotOrderTest {
    private static final int SENDERS = 4;
    private static final int EACH = 2500;

    @Test
    void tenThousandMessagesFromFourProcessesWithRead() {
        String name = TestNames.unique("ms-order");
        try (MailslotServer server = MailslotServer.create(name, 0, MailslotServer.WAIT_FOREVER)) {
            List<ChildProcess> children = startSenders(name);
            try {
                Checker checker = new Checker();
                for (int n = 0; n < SENDERS * EACH; n++) {
                    Optional<byte[]> m = server.read(Duration.ofSeconds(60));
                    assertTrue(m.isPresent(), () -> "message " + checker.total + " did not come");
                    checker.check(m.get());
                }
                for (ChildProcess c : children) {
                    c.awaitLine("SENT");
                    c.assertSucceeds();
                }
                assertEquals(Optional.empty(), server.read(Duration.ZERO).map(Arrays::toString));
                checker.assertComplete();
            } finally {
                children.forEach(ChildProcess::close);
            }
        }
    }

    @Test
    void tenThousandMessagesFromFourProcessesWithListen() throws Exception {
        String name = TestNames.unique("ms-order");
        try (MailslotServer server = MailslotServer.create(name, 0, MailslotServer.WAIT_FOREVER)) {
            Checker checker = new Checker();
            CountDownLatch all = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            server.listen(m -> {
                try {
                    checker.check(m);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    all.countDown();
                }
                if (checker.total == SENDERS * EACH) {
                    all.countDown();
                }
            });
            List<ChildProcess> children = startSenders(name);
            try {
                assertTrue(all.await(120, TimeUnit.SECONDS), () -> "only " + checker.total + " messages came");
                if (failure.get() != null) {
                    throw new AssertionError(failure.get());
                }
                for (ChildProcess c : children) {
                    c.assertSucceeds();
                }
                checker.assertComplete();
            } finally {
                children.forEach(ChildProcess::close);
            }
        }
    }

    private static List<ChildProcess> startSenders(String name) {
        List<ChildProcess> children = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            children.add(ChildProcess.startJava(MailslotPeer.class, "send", name, String.valueOf(s), String.valueOf(EACH)));
        }
        return children;
    }

    /** Checks each message against what its sender sent next. Used by one thread at a time. */
    private static final class Checker {
        final int[] next = new int[SENDERS];
        volatile int total;

        void check(byte[] m) {
            assertTrue(m.length >= 5, () -> "a message of " + m.length + " bytes");
            int sender = m[0];
            int index = ByteBuffer.wrap(m, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            assertTrue(sender >= 0 && sender < SENDERS, "sender " + sender);
            assertEquals(next[sender], index, "sender " + sender + "'s messages out of order");
            assertArrayEquals(MailslotPeer.message(sender, index), m, "message " + index + " of sender " + sender);
            next[sender]++;
            total = total + 1;
        }

        void assertComplete() {
            for (int s = 0; s < SENDERS; s++) {
                assertEquals(EACH, next[s], "messages from sender " + s);
            }
        }
    }
}
