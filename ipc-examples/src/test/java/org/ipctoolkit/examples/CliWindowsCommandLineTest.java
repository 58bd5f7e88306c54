package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Windows JRE decodes its command line in the ANSI code page before {@code main} runs: the tool
 * compares its arguments with {@code GetCommandLineW} and refuses lost characters, and escapes get
 * the same text through intact. The child JVM is started by {@code CreateProcessW} with a UTF-16
 * command line, as a console would start it. Windows only (run under Wine here).
 */
@Tag("windows-only")
@EnabledOnOs(OS.WINDOWS)
class CliWindowsCommandLineTest {

    /** @return text the child's ANSI code page cannot represent */
    private static String textTheAnsiCodePageLacks() {
        CharsetEncoder ansi = Charset.forName(System.getProperty("sun.jnu.encoding")).newEncoder();
        for (String candidate : new String[] {"张三", "Ωж", "\u0101\u0113"}) {
            if (!ansi.canEncode(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("the ANSI code page " + ansi.charset() + " represents every candidate: nothing can be lost");
        return null;
    }

    @Test
    void aValueWhoseCharactersTheAnsiCodePageLacksIsRefusedNotWrittenAsQuestionMarks() {
        String text = textTheAnsiCodePageLacks();
        String name = TestNames.unique("cliwin");
        try (ChildProcess cli = ChildProcess.startJava(IpcCommand.class, "shm", "write", name,
                "--record", IpcCommandTest.DECL, "--charset", "GBK", "--set", "name=" + text, "--hold", "1ms")) {
            assertEquals(IpcCommand.USAGE, cli.waitFor(ChildProcess.DEFAULT_TIMEOUT), cli.transcript());
            String out = cli.transcript();
            assertTrue(out.startsWith("ipc: argument 9"), out);
            assertTrue(out.contains("--set"), out);
            assertTrue(out.contains(String.format("U+%04X", (int) text.charAt(0))), out);
            assertTrue(out.contains(CliText.escapeNonAscii("name=" + text)), "it says what to type instead: " + out);
            assertFalse(out.contains("Created"), out);
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name).close());
    }

    @Test
    void aNameWhoseCharactersTheAnsiCodePageLacksIsRefused() {
        String name = TestNames.unique("cliwin") + textTheAnsiCodePageLacks();
        try (ChildProcess cli = ChildProcess.startJava(IpcCommand.class, "shm", "write", name, "--hex", "00",
                "--hold", "1ms")) {
            assertEquals(IpcCommand.USAGE, cli.waitFor(ChildProcess.DEFAULT_TIMEOUT), cli.transcript());
            assertTrue(cli.transcript().startsWith("ipc: argument 3"), cli.transcript());
        }
    }

    @Test
    void escapesGetTheSameTextThroughTheCommandLineIntact() {
        String text = textTheAnsiCodePageLacks();
        String name = TestNames.unique("cliwin") + text;
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            try (ChildProcess cli = ChildProcess.startJava(IpcCommand.class, "shm", "write",
                    CliText.escapeNonAscii(name), "--record", IpcCommandTest.DECL, "--charset", "GBK",
                    "--set", CliText.escapeNonAscii("name=" + text), "--hold", "1ms")) {
                cli.assertSucceeds();
            }
            ByteBuffer b = shm.buffer();
            byte[] expected = text.getBytes(Charset.forName("GBK"));
            byte[] written = new byte[b.get(11)];
            b.get(12, written);
            assertArrayEquals(expected, written);
        }
    }
}
