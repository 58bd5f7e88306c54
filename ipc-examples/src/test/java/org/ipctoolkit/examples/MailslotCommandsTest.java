package org.ipctoolkit.examples;

import static org.ipctoolkit.examples.IpcCommandTest.count;
import static org.junit.jupiter.api.Assertions.*;

import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * {@code ipc demo mailslot} and {@code ipc mailslot listen|send|info}, as separate processes; on every
 * backend.
 */
class MailslotCommandsTest {
    @Test
    void theMailslotDemoDeliversEveryNoteAndLeavesNothingBehind() {
        String name = TestNames.unique("demo-ms");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "mailslot", "--name", name,
                "--network-port", Integer.toString(20000 + (int) (ProcessHandle.current().pid() % 20000)))) {
            demo.assertSucceeds();
            String out = demo.transcript();
            for (int i = 1; i <= MailslotDemo.CLIENTS; i++) {
                assertEquals(MailslotDemo.NOTES, count(out, "OnMessage: from client " + i + " (pid "),
                        "every note of client " + i + " arrives once: " + out);
            }
            assertTrue(out.contains("the mailslot is gone") && out.contains("Demo finished."), out);
        }
        assertThrows(IpcNotFoundException.class, () -> MailslotClient.open(name).close());
    }

    @Test
    void sendInOneProcessIsPrintedByListenInAnother() {
        String name = TestNames.unique("cli-ms");
        try (ChildProcess listener = ChildProcess.startJava(IpcCommand.class, "mailslot", "listen", name,
                "--count", "4", "--for", "2m")) {
            listener.awaitLine("Created mailslot");
            Result sent = IpcCommandTest.run("mailslot", "send", name, "hello", "\\u4e2d\\u6587", "");
            assertEquals(0, sent.code(), sent.err());
            assertEquals(3, count(sent.out(), "Sent "), sent.out());
            Result hex = IpcCommandTest.run("mailslot", "send", name, "--encoding", "hex", "00ff");
            assertEquals(0, hex.code(), hex.err());
            listener.assertSucceeds();
            String out = listener.transcript();
            assertTrue(out.contains("message of 10 bytes: \"hello\""), out);
            assertTrue(out.contains("message of 4 bytes: \"\u4e2d\u6587\"") || out.contains("message of 4 bytes: \"\\u4e2d\\u6587\""), out);
            assertTrue(out.contains("message of 0 bytes: \"\""), out);
        }
    }

    @Test
    void sendToAMailslotWithoutServerFailsWithOneClearLine() {
        String name = TestNames.unique("cli-ms");
        Result r = IpcCommandTest.run("mailslot", "send", name, "x");
        assertEquals(IpcCommand.FAILED, r.code(), r.out());
        String err = r.err().replace("\r\n", "\n");
        assertTrue(err.startsWith("ipc: ") && err.contains("mailslot \"\\\\.\\mailslot\\" + name + "\"")
                && err.indexOf('\n') == err.length() - 1, "one line naming the mailslot: " + err);
    }
}
