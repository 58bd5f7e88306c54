package org.ipctoolkit.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Named pipes between processes ({@link PipePeer}), on both platforms: a message server answering
 * three client processes at once; a client killed in the middle (the server reads the end); a server
 * killed in the middle (the client reads the end or a clear error, and never hangs).
 */
class PipeCrossProcessTest {
    @Test
    void aMessageServerAnswersThreeClientProcessesAtOnce() {
        String name = TestNames.unique("pipex");
        try (ChildProcess server = ChildProcess.startJava(PipePeer.class, "serve", name)) {
            server.awaitLine("READY");
            List<ChildProcess> clients = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    clients.add(ChildProcess.startJava(PipePeer.class, "client", name, "c" + i, "200"));
                }
                for (ChildProcess c : clients) {
                    c.awaitLine("DONE");
                }
            } finally {
                clients.forEach(ChildProcess::close);
            }
            server.send("");
            assertEquals(0, server.waitFor(Duration.ofSeconds(30)), server.transcript());
        }
    }

    @Test
    void aClientKilledInTheMiddleIsTheEndForTheServer() throws Exception {
        String name = TestNames.unique("pipex");
        try (NamedPipeServer server = NamedPipeServer.create(name)) {
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            try (ChildProcess client = ChildProcess.startJava(PipePeer.class, "hold", name)) {
                client.awaitLine("CONNECTED");
                try (PipeConnection c = accepted.get(30, TimeUnit.SECONDS)) {
                    c.outputStream().write(new byte[] {1, 2, 3});
                    client.kill();
                    client.waitFor(Duration.ofSeconds(30));
                    assertEquals(-1, c.inputStream().read(), "the killed client's end of the pipe is the end of the stream");
                }
            }
        }
    }

    @Test
    void aServerKilledInTheMiddleIsTheEndForTheClient() throws Exception {
        String name = TestNames.unique("pipex");
        try (ChildProcess server = ChildProcess.startJava(PipePeer.class, "serve", name)) {
            server.awaitLine("READY");
            PipeConnection c = NamedPipeClient.connect(name, Duration.ofSeconds(30), PipeMode.MESSAGE, PipeDirection.DUPLEX);
            try (c) {
                assertEquals("re:x", new String(c.transact("x".getBytes())));
                CompletableFuture<byte[]> pending = CompletableFuture.supplyAsync(c::readMessage);
                server.kill();
                server.waitFor(Duration.ofSeconds(30));
                try {
                    assertNull(pending.get(30, TimeUnit.SECONDS), "the end of the stream");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof IpcException, "a clear error: " + e.getCause());
                }
            }
        }
    }
}
