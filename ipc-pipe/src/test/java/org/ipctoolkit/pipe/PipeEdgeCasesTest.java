package org.ipctoolkit.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong at the edges, on both platforms: a server that writes and closes at once (its client
 * still reads everything), writing after the other end closed, a reader that stops reading (the writer
 * waits, nothing piles up), and instances freed by close when the maximum is reached.
 */
class PipeEdgeCasesTest {
    private static final NamedPipeServer.Options MESSAGE = NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE);

    private static PipeConnection[] pair(String name, NamedPipeServer server, PipeMode readMode) throws Exception {
        CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
        PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(10), readMode, PipeDirection.DUPLEX);
        return new PipeConnection[] {accepted.get(10, TimeUnit.SECONDS), client};
    }

    @Test
    void whatAServerWroteJustBeforeClosingIsStillRead() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE)) {
            PipeConnection[] p = pair(name, server, PipeMode.MESSAGE);
            try (PipeConnection served = p[0]; PipeConnection client = p[1]) {
                served.writeMessage("one".getBytes());
                served.writeMessage("two".getBytes());
                served.close();
                Thread.sleep(200);
                assertArrayEquals("one".getBytes(), client.readMessage(), "the first message survives the server's close");
                assertArrayEquals("two".getBytes(), client.readMessage());
                assertNull(client.readMessage(), "then the end");
            }
        }
    }

    @Test
    void writingAfterTheOtherEndClosedIsAClearError() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE)) {
            PipeConnection[] p = pair(name, server, PipeMode.MESSAGE);
            try (PipeConnection served = p[0]; PipeConnection client = p[1]) {
                client.close();
                assertNull(served.readMessage(), "the server sees the end");
                IpcException e = assertThrows(IpcException.class, () -> served.writeMessage("late".getBytes()));
                assertTrue(e.getMessage().contains(name) && e.getMessage().contains("WriteFile"), e.getMessage());
                IOException s = assertThrows(IOException.class, () -> served.outputStream().write(1));
                assertTrue(s.getMessage().contains("WriteFile"), s.getMessage());
                IpcException mine = assertThrows(IpcException.class, () -> client.writeMessage("x".getBytes()));
                assertTrue(mine.getMessage().contains("closed"), mine.getMessage());
            }
        }
    }

    @Test
    void aReaderThatStopsReadingHoldsTheWriterNotTheMemory() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name)) {
            PipeConnection[] p = pair(name, server, PipeMode.BYTE);
            try (PipeConnection served = p[0]; PipeConnection client = p[1]) {
                AtomicLong written = new AtomicLong();
                byte[] chunk = new byte[64 << 10];
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        while (true) {
                            served.outputStream().write(chunk);
                            written.addAndGet(chunk.length);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                Thread.sleep(1500);
                long stuckAt = written.get();
                Thread.sleep(500);
                assertEquals(stuckAt, written.get(), "the writer waits for the reader");
                assertTrue(stuckAt < (32 << 20), "at most the pipe's buffers are filled: " + stuckAt + " bytes");
                served.close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> writer.get(10, TimeUnit.SECONDS));
                assertTrue(String.valueOf(e.getCause().getMessage()).contains("closed"), String.valueOf(e.getCause()));
                long read = 0;
                byte[] b = new byte[1 << 16];
                int n;
                while ((n = client.inputStream().read(b)) > 0) {
                    read += n;
                }
                assertTrue(read >= stuckAt - chunk.length && read <= stuckAt + chunk.length,
                        "the reader gets what was written, " + read + " of " + stuckAt + " bytes");
            }
        }
    }

    @Test
    void aClientGetsOnlyTheDirectionsThePipeHas() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE.direction(PipeDirection.INBOUND))) {
            // Linux hears a client's hello while an accept runs (Windows refuses at CreateFileW at any time)
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class,
                    () -> NamedPipeClient.connect(name, Duration.ofSeconds(5), PipeMode.BYTE, PipeDirection.DUPLEX),
                    "an inbound pipe has no way back to the client");
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("CreateFileW"), e.getMessage());
            try (PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(10), PipeMode.BYTE, PipeDirection.INBOUND);
                 PipeConnection served = accepted.get(10, TimeUnit.SECONDS)) {
                client.outputStream().write("up".getBytes());
                assertArrayEquals("up".getBytes(), served.readMessage());
                IpcException back = assertThrows(IpcException.class, () -> served.writeMessage("down".getBytes()));
                assertTrue(back.getMessage().contains("WriteFile"), back.getMessage());
                IOException read = assertThrows(IOException.class, () -> client.inputStream().read());
                assertTrue(read.getMessage().contains("ReadFile"), read.getMessage());
            }
        }
    }

    @Test
    void anInstanceFreedByCloseTakesTheNextClient() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE.maxInstances(1))) {
            PipeConnection[] p = pair(name, server, PipeMode.MESSAGE);
            PipeConnection client = p[1];
            CompletableFuture<PipeConnection> next = CompletableFuture.supplyAsync(server::accept);
            assertThrows(PipeBusyException.class, () -> NamedPipeClient.connect(name, Duration.ofMillis(300)),
                    "the only instance is taken; the waiting accept does not make a second");
            try (client) {
                p[0].close();
                try (PipeConnection second = NamedPipeClient.connect(name, Duration.ofSeconds(10), PipeMode.MESSAGE, PipeDirection.DUPLEX);
                     PipeConnection served = next.get(10, TimeUnit.SECONDS)) {
                    second.writeMessage("hi".getBytes());
                    assertArrayEquals("hi".getBytes(), served.readMessage());
                }
            }
        }
    }
}
