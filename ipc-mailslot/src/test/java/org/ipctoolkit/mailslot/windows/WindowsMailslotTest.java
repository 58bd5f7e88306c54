package org.ipctoolkit.mailslot.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotReader;
import org.ipctoolkit.mailslot.MailslotServer;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend's own behaviour: waking a blocked {@code ReadFile} (the wake-up message),
 * per-call timeouts over {@code SetMailslotInfo}, the Win32 errors it turns into exceptions, and
 * what it does where Wine 8 differs from Windows (see the package description). Windows only: it
 * tests the Win32 backend (run under Wine here), whose probe and errors Linux does not have.
 */
@Tag("windows-only")
class WindowsMailslotTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static SystemTraits traits() {
        return ((WindowsMailslotBackends) WindowsMailslotBackends.load()).traits();
    }

    /**
     * Waits until a thread whose name starts with {@code prefix} is inside {@code ReadFile} (its stack
     * shows the JNA call), so that what follows tests the wake-up of a blocked read.
     */
    private static void awaitInReadFile(String prefix) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (e.getKey().getName().startsWith(prefix)) {
                    for (StackTraceElement frame : e.getValue()) {
                        if (frame.getMethodName().equals("ReadFile")) {
                            return;
                        }
                    }
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("no thread " + prefix + "* entered ReadFile within " + LONG);
    }

    @Test
    void theProbeRunsAndReportsTheSystem() {
        WindowsMailslotBackends b = (WindowsMailslotBackends) WindowsMailslotBackends.load();
        assertTrue(b.availability().isAvailable(), b::toString);
        System.out.println("mailslot probe: " + b);
    }

    @Test
    void closingTheReaderWakesABlockedReadWithoutLeavingAnything() throws Exception {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 0, MailslotServer.WAIT_FOREVER);
             MailslotClient client = MailslotClient.open(name)) {
            BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            MailslotReader reader = server.listen(got::add);
            client.send(bytes("one"));
            assertArrayEquals(bytes("one"), got.poll(30, TimeUnit.SECONDS));
            awaitInReadFile("ipc-mailslot-reader-" + name);
            long start = System.nanoTime();
            reader.close(); // the reader is blocked in ReadFile(MAILSLOT_WAIT_FOREVER)
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "close took too long");
            assertFalse(reader.isRunning());
            assertEquals(0, server.info().messageCount(), "no wake-up message is left: " + server.info());
            assertEquals(OptionalInt.empty(), server.info().nextMessageSize());
            client.send(bytes("two"));
            assertArrayEquals(bytes("two"), server.read(LONG).orElseThrow(), "the next read gets a real message");
            try (MailslotReader again = server.listen(got::add)) {
                client.send(bytes("three"));
                assertArrayEquals(bytes("three"), got.poll(30, TimeUnit.SECONDS));
                assertTrue(again.isRunning());
            }
            assertTrue(got.isEmpty(), "no wake-up message was delivered");
        }
    }

    @Test
    void closingTheServerEndsABlockedRead() throws Exception {
        String name = TestNames.unique("ms");
        MailslotServer server = MailslotServer.create(name, 0, MailslotServer.WAIT_FOREVER);
        CompletableFuture<Optional<byte[]>> read = new CompletableFuture<>();
        Thread t = new Thread(() -> read.complete(server.read()), "blocked-read-" + name);
        t.start();
        awaitInReadFile("blocked-read-" + name);
        server.close();
        Optional<byte[]> r = read.get(30, TimeUnit.SECONDS);
        assertTrue(r.isEmpty());
        t.join();
        MailslotServer.create(name, 0, Duration.ZERO).close(); // the name is free again
    }

    @Test
    void perCallTimeoutsAndTheServersOwn() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 0, MailslotServer.WAIT_FOREVER);
             MailslotClient client = MailslotClient.open(name)) {
            long start = System.nanoTime();
            assertTrue(server.read(Duration.ofMillis(200)).isEmpty());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 190 && waited < 20_000, "waited " + waited + " ms");
            assertTrue(server.read(Duration.ZERO).isEmpty());
            server.setReadTimeout(Duration.ofMillis(100));
            assertEquals(Duration.ofMillis(100), server.info().readTimeout());
            start = System.nanoTime();
            assertTrue(server.read().isEmpty());
            waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 90 && waited < 20_000, "waited " + waited + " ms");
            client.send(bytes("x"));
            assertArrayEquals(bytes("x"), server.read(Duration.ZERO).orElseThrow());
        }
    }

    @Test
    void aSecondServerIsRefusedWithError183() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                    () -> MailslotServer.create(name.toUpperCase(java.util.Locale.ROOT), 0, Duration.ZERO));
            assertEquals(183, e.nativeError().orElseThrow().code());
            assertEquals("mailslot", e.objectKind());
            assertEquals("CreateMailslotW", e.operation());
        }
    }

    @Test
    void aClientWithoutServerIsNotFound() {
        IpcNotFoundException e = assertThrows(IpcNotFoundException.class,
                () -> MailslotClient.open(TestNames.unique("ms")));
        assertEquals(2, e.nativeError().orElseThrow().code());
        assertEquals("CreateFileW", e.operation());
    }

    @Test
    void aClientWhoseServerClosedIsNotFoundAndTheNameCanBeCreatedAgain() {
        String name = TestNames.unique("ms");
        try (MailslotClient client = openWithServer(name)) {
            IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> client.send(bytes("late")));
            assertTrue(e.getMessage().contains("nothing was sent") || e.getMessage().contains("no server"), e.getMessage());
            try (MailslotServer again = MailslotServer.create(name, 0, Duration.ZERO)) {
                assertTrue(again.read().isEmpty(), "nothing of the old server's client arrived");
            }
        }
    }

    private static MailslotClient openWithServer(String name) {
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            MailslotClient client = MailslotClient.open(name);
            client.send(bytes("early"));
            assertArrayEquals(bytes("early"), server.read().orElseThrow());
            return client;
        }
    }

    @Test
    void manyClientsAtOnce() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             MailslotClient a = MailslotClient.open(name);
             MailslotClient b = MailslotClient.open(name);
             MailslotClient c = MailslotClient.open("\\\\.\\MAILSLOT\\" + name.toUpperCase(java.util.Locale.ROOT))) {
            a.send(bytes("a"));
            b.send(bytes("b"));
            c.send(bytes("c"));
            assertEquals(3, server.info().messageCount());
            assertArrayEquals(bytes("a"), server.read().orElseThrow());
            assertArrayEquals(bytes("b"), server.read().orElseThrow());
            assertArrayEquals(bytes("c"), server.read().orElseThrow());
        }
    }

    @Test
    void aMessageAboveTheMaximumIsRefusedOrNeverDelivered() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 10, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            boolean refused;
            try {
                client.send(new byte[11]);
                refused = false; // Wine 8 lets it through; the server drops it
            } catch (IpcInvalidArgumentException e) {
                refused = true; // Windows: WriteFile fails
                assertTrue(e.getMessage().contains("maximum"), e.getMessage());
            }
            client.send(bytes("0123456789"));
            assertEquals(1, server.info().messageCount(), "refused=" + refused);
            assertArrayEquals(bytes("0123456789"), server.read().orElseThrow());
            assertTrue(server.read().isEmpty());
        }
    }

    @Test
    void emptyAndLargeMessagesAreWholeAndCounted() {
        String name = TestNames.unique("ms");
        byte[] large = new byte[150_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        try (MailslotServer server = MailslotServer.create(name, MailslotServer.ANY_SIZE, Duration.ZERO);
             MailslotClient client = MailslotClient.open(name)) {
            client.send(new byte[0]);
            assertEquals(OptionalInt.of(0), server.info().nextMessageSize());
            assertEquals(1, server.info().messageCount());
            client.send(large);
            client.send(new byte[0]);
            assertEquals(3, server.info().messageCount());
            assertEquals(0, server.read().orElseThrow().length);
            assertEquals(OptionalInt.of(large.length), server.info().nextMessageSize());
            assertArrayEquals(large, server.read().orElseThrow());
            assertEquals(0, server.read().orElseThrow().length);
            assertTrue(server.read().isEmpty());
        }
    }

    @Test
    void aBroadcastReachesTheLocalServerOrIsRefusedClearly() {
        String name = TestNames.unique("ms");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ofSeconds(10));
             MailslotClient client = MailslotClient.open("*", name)) {
            client.send(bytes("to all"));
            assertArrayEquals(bytes("to all"), server.read().orElseThrow());
        } catch (IpcException e) {
            // Windows 11 24H2 / Server 2025: remote mailslots are off by default
            assertEquals(3025, e.nativeError().orElseThrow().code(), e.getMessage());
            assertTrue(e.getMessage().contains("disable remote mailslots"), e.getMessage());
        }
    }

    @Test
    void withoutNetworkMailslotsAnotherMachineIsRefusedClearly() {
        assumeFalse(traits().networkMailslots(),
                "Windows: the redirector sends it, and a datagram never fails for want of a server");
        IpcException e = assertThrows(IpcException.class, () -> MailslotClient.open("nosuchhost", "x"));
        assertTrue(e.getMessage().contains("no remote mailslots"), e.getMessage());
    }
}
