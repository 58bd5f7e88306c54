package org.ipctoolkit.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Named pipes in one process (both ends on different threads), on both platforms: byte mode streams,
 * message boundaries and a 16 MiB message, transact, peek, the end of stream at close, a busy pipe
 * (every instance taken) and its timeout, a missing pipe, a name already served, bad names.
 */
class PipeBasicsTest {
    private static final NamedPipeServer.Options MESSAGE = NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE);

    @Test
    void byteModeCarriesAStreamBothWaysAndCloseIsTheEnd() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name)) {
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            try (PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(10));
                 PipeConnection served = accepted.get(10, TimeUnit.SECONDS)) {
                OutputStream out = client.outputStream();
                out.write("hello ".getBytes());
                out.write("world".getBytes());
                InputStream in = served.inputStream();
                byte[] got = in.readNBytes(11);
                assertEquals("hello world", new String(got));
                served.outputStream().write(42);
                assertEquals(42, client.inputStream().read());
                assertEquals(ProcessHandle.current().pid(), served.peerProcessId().orElseThrow());
                client.close();
                assertEquals(-1, in.read(), "the client's close is the end of the stream");
            }
        }
    }

    @Test
    void messagesKeepTheirBoundariesUpTo16MiB() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE)) {
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            try (PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(10), PipeMode.MESSAGE, PipeDirection.DUPLEX);
                 PipeConnection served = accepted.get(10, TimeUnit.SECONDS)) {
                byte[] big = new byte[16 << 20];
                Arrays.fill(big, (byte) 7);
                big[big.length - 1] = 9;
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    client.writeMessage("one".getBytes());
                    client.writeMessage(new byte[0]);
                    client.writeMessage(big);
                    client.writeMessage("last".getBytes());
                });
                assertArrayEquals("one".getBytes(), served.readMessage());
                assertEquals(0, served.readMessage().length, "an empty message is a message");
                assertArrayEquals(big, served.readMessage());
                byte[] part = new byte[2];
                assertEquals(2, served.inputStream().read(part), "a short read takes part of the message");
                assertEquals("la", new String(part));
                assertArrayEquals("st".getBytes(), served.readMessage(), "the rest of it comes next");
                writing.get(30, TimeUnit.SECONDS);
                client.close();
                assertNull(served.readMessage(), "null at the end");
            }
        }
    }

    @Test
    void transactAndPeek() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE);
             PipeListener l = server.listen(c -> {
                 byte[] m;
                 while ((m = c.readMessage()) != null) {
                     c.writeMessage(("re: " + new String(m)).getBytes());
                 }
             })) {
            try (PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(10), PipeMode.MESSAGE, PipeDirection.DUPLEX)) {
                assertEquals("re: ping", new String(client.transact("ping".getBytes())));
                client.writeMessage("peek".getBytes());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                PipePeek p;
                while ((p = client.peek()).bytesAvailable() < 8 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(new PipePeek(8, 8), p, "the reply waits whole: 8 bytes, an 8-byte message");
                assertEquals("re: peek", new String(client.readMessage()), "peek left it there");
            }
        }
    }

    @Test
    void aPipeWhoseInstancesAreAllTakenIsBusyUntilTheTimeout() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, NamedPipeServer.Options.DEFAULT.maxInstances(1))) {
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            try (PipeConnection first = NamedPipeClient.connect(name, Duration.ofSeconds(10));
                 PipeConnection served = accepted.get(10, TimeUnit.SECONDS)) {
                long start = System.nanoTime();
                PipeBusyException e = assertThrows(PipeBusyException.class, () -> NamedPipeClient.connect(name, Duration.ofMillis(300)));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms >= 250 && ms < 10_000, "gave up after " + ms + " ms: " + e.getMessage());
                assertTrue(e.getMessage().contains("WaitNamedPipeW"), e.getMessage());
            }
            assertTrue(server.accept(Duration.ofMillis(100)).isEmpty(), "no client: accept times out empty");
        }
    }

    @Test
    void aPipeOnAMachineThatDoesNotExistIsAClearError() {
        String name = "\\\\NO-SUCH-HOST-" + TestNames.unique("h") + "\\pipe\\x";
        IpcException e = assertThrows(IpcException.class, () -> NamedPipeClient.connect(name, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("CreateFileW") && e.getMessage().contains("NO-SUCH-HOST"), e.getMessage());
        if (!Platform.current().isWindows()) {
            assertTrue(e instanceof IpcInvalidArgumentException && e.getMessage().contains("no remote named pipes"), e.getMessage());
        }
    }

    @Test
    void missingPipesNamesTakenAndBadNames() {
        String name = TestNames.unique("pipe");
        IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> NamedPipeClient.connect(name, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("CreateFileW"), e.getMessage());
        try (NamedPipeServer server = NamedPipeServer.create("\\\\.\\pipe\\" + name)) {
            assertThrows(IpcAlreadyExistsException.class, () -> NamedPipeServer.create(name.toUpperCase()));
        }
        try (NamedPipeServer again = NamedPipeServer.create(name)) {
            assertEquals(name, again.name().name(), "the name is free again after close");
        }
        for (String bad : new String[] {"", "\\\\\\pipe\\x", "\\\\.\\nopipe\\x", "x".repeat(300), "a\0b"}) {
            assertThrows(IpcInvalidArgumentException.class, () -> NamedPipeServer.create(bad), bad);
        }
        assertThrows(IpcInvalidArgumentException.class, () -> NamedPipeServer.create("\\\\OTHER\\pipe\\x"));
    }
}
