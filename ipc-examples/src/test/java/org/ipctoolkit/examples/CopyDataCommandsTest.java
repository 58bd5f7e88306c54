package org.ipctoolkit.examples;

import static org.ipctoolkit.examples.IpcCommandTest.count;
import static org.junit.jupiter.api.Assertions.*;

import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** {@code ipc demo copydata} and {@code ipc copydata listen|send}, as separate processes; on every backend. */
class CopyDataCommandsTest {
    @Test
    void theCopyDataDemoAnswersEveryRequestAndLeavesNothingBehind() {
        String title = TestNames.unique("demo-cd");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "copydata", "--name", title)) {
            demo.assertSucceeds();
            String out = demo.transcript();
            assertEquals(CopyDataDemo.SENDERS * CopyDataDemo.REQUESTS, count(out, ") returned "), out);
            assertTrue(out.contains("SendMessage(WM_COPYDATA, 11 x 2) returned 22"), out);
            assertTrue(out.contains("the window is gone") && out.contains("Demo finished."), out);
        }
        assertThrows(IpcNotFoundException.class, () -> CopyDataSender.find(CopyDataDemo.CLASS, title));
    }

    @Test
    void sendInOneProcessIsPrintedByListenInAnother() {
        String title = TestNames.unique("cli-cd");
        try (ChildProcess listener = ChildProcess.startJava(IpcCommand.class, "copydata", "listen", "IpcToolkitCli", title,
                "--count", "2", "--for", "2m")) {
            listener.awaitLine("Created a message-only window");
            Result sent = IpcCommandTest.run("copydata", "send", "IpcToolkitCli", title, "--dwdata", "7", "hello", "");
            assertEquals(0, sent.code(), sent.err());
            assertTrue(sent.out().contains("Sent 10 bytes (dwData 7)") && sent.out().contains("it answered 10"), sent.out());
            assertTrue(sent.out().contains("Sent 0 bytes (dwData 7)") && sent.out().contains("it answered 0"), sent.out());
            listener.assertSucceeds();
            assertTrue(listener.transcript().contains("dwData 7, 10 bytes: \"hello\""), listener.transcript());
        }
    }

    @Test
    void sendToAMissingWindowFailsWithOneClearLine() {
        String title = TestNames.unique("cli-cd");
        Result r = IpcCommandTest.run("copydata", "send", "IpcToolkitCli", title, "x");
        assertEquals(IpcCommand.FAILED, r.code(), r.out());
        String err = r.err().replace("\r\n", "\n");
        assertTrue(err.startsWith("ipc: ") && err.contains(title) && err.indexOf('\n') == err.length() - 1, err);
    }
}
