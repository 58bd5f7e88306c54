package org.ipctoolkit.examples;

import static org.ipctoolkit.examples.IpcCommandTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.pipe.NamedPipeClient;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** {@code ipc demo pipe} and {@code ipc pipe serve|connect}, as separate processes; on every backend. */
class PipeCommandsTest {
    @Test
    void thePipeDemoAnswersThreeClientsAtOnceAndLeavesNothingBehind() {
        String name = TestNames.unique("demo-pipe");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "pipe", "--name", name)) {
            demo.assertSucceeds();
            String out = demo.transcript();
            assertEquals(PipeDemo.CLIENTS, count(out, "ConnectNamedPipe: client process"), out);
            assertEquals(PipeDemo.CLIENTS * PipeDemo.REQUESTS, count(out, ") returned "), out);
            assertTrue(out.contains("TransactNamedPipe(11 x 2) returned 22"), out);
            assertTrue(out.contains("all 3 clients are connected at once"), out);
            for (int t = 1; t <= PipeDemo.CLIENTS; t++) {
                assertTrue(out.contains("from ipc-pipe-" + name + "-" + t), "thread " + t + " answered: " + out);
            }
            assertTrue(out.contains("the pipe is gone") && out.contains("Demo finished."), out);
        }
        assertThrows(IpcNotFoundException.class, () -> NamedPipeClient.connect(name, Duration.ZERO));
    }

    @Test
    void connectTransactsWithAnEchoServerInAnotherProcess() {
        String name = TestNames.unique("cli-pipe");
        try (ChildProcess server = ChildProcess.startJava(IpcCommand.class, "pipe", "serve", name, "--message", "--echo",
                "--clients", "1", "--for", "2m")) {
            server.awaitLine("Created ");
            Result r = IpcCommandTest.run("pipe", "connect", name, "--message", "hello", "\\u4f60\\u597d", "");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Sent 5 bytes; reply of 5 bytes: \"hello\""), r.out());
            assertTrue(r.out().contains("Sent 6 bytes; reply of 6 bytes: \"\u4f60\u597d\""), r.out());
            assertTrue(r.out().contains("Sent 0 bytes; reply of 0 bytes"), r.out());
            server.assertSucceeds();
            String log = server.transcript();
            assertTrue(log.contains("message of 5 bytes: \"hello\"") && log.contains("Served 1 client;"), log);
        }
    }

    @Test
    void aByteClientJoinsItsStandardInputToTheServersOutput() {
        String name = TestNames.unique("cli-pipe");
        try (ChildProcess server = ChildProcess.startJava(IpcCommand.class, "pipe", "serve", name)) {
            server.awaitLine("Created ");
            try (ChildProcess client = ChildProcess.startJava(IpcCommand.class, "pipe", "connect", name)) {
                server.awaitLine("Client connected");
                client.send("typed into the client");
                server.awaitLine("typed into the client");
                server.send("typed into the server");
                client.awaitLine("typed into the server");
                client.kill();
                server.awaitLine("The other side closed the pipe");
            }
        }
    }

    @Test
    void connectingToAMissingPipeFailsWithOneClearLine() {
        String name = TestNames.unique("cli-pipe");
        Result r = IpcCommandTest.run("pipe", "connect", name, "x");
        assertEquals(IpcCommand.FAILED, r.code(), r.out());
        String err = r.err().replace("\r\n", "\n");
        assertTrue(err.startsWith("ipc: ") && err.contains(name) && err.contains("CreateFileW")
                && err.indexOf('\n') == err.length() - 1, err);
    }
}
