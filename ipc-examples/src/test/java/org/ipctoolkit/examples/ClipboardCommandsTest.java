package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.clipboard.Clipboard;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** {@code ipc demo clipboard} and {@code ipc clipboard ...}, as separate processes; on every backend. */
class ClipboardCommandsTest {
    @Test
    void theClipboardDemoReadsTheRecordAndItsTextInASecondProcess() {
        String format = TestNames.unique("IpcDemoTShareMem");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "clipboard", "--format", format)) {
            demo.assertSucceeds();
            String out = demo.transcript();
            assertTrue(out.contains("TShareMem id 8888, name Terry, age 25"), out);
            assertTrue(out.contains("GetClipboardData(CF_UNICODETEXT): \"id 8888, name Terry, age 25\"") && out.contains("Demo finished."), out);
        }
    }

    @Test
    void writeInOneProcessIsReadByTheToolInAnother() {
        String format = TestNames.unique("IpcCliFormat");
        try (ChildProcess writer = ChildProcess.startJava(IpcCommand.class, "clipboard", "write", format, "68656c6c6f",
                "--encoding", "hex", "--text", "hello \\u4e2d", "--for", "2m")) {
            writer.awaitLine("Wrote ");
            Result read = IpcCommandTest.run("clipboard", "read", format, "--encoding", "utf-8");
            assertEquals(0, read.code(), read.err());
            assertTrue(read.out().contains("5 bytes: \"hello\""), read.out());
            Result get = IpcCommandTest.run("clipboard", "get");
            assertEquals("hello 中", get.out().strip(), get.out());
            Result formats = IpcCommandTest.run("clipboard", "formats");
            assertTrue(formats.out().contains(format) && formats.out().contains("CF_UNICODETEXT"), formats.out());
            Clipboard.system().setText("taken");   // another program takes the clipboard: the writer ends (Linux)
            writer.waitFor(Duration.ofSeconds(60));
        }
        Result missing = IpcCommandTest.run("clipboard", "read", TestNames.unique("IpcCliNever"));
        assertEquals(IpcCommand.FAILED, missing.code(), missing.out());
    }
}
