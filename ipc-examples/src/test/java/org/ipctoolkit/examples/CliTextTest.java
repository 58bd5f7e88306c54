package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that cannot be lost on its way in, and names that cannot fool a terminal on their way out:
 * {@code \\uXXXX} escapes in names and values, values from a UTF-8 file, names quoted with escapes.
 */
class CliTextTest {
    private static final String DECL = IpcCommandTest.DECL;

    @TempDir
    Path temp;

    @Test
    void escapesAreExactlyBackslashUAndFourHexDigits() {
        assertEquals("张三", CliText.decodeEscapes("\\u5F20\\u4e09"));
        assertEquals("a\\u0041", CliText.decodeEscapes("a\\u005cu0041"), "\\u005C writes a literal backslash");
        assertEquals("Global\\ShareMem", CliText.decodeEscapes("Global\\ShareMem"));
        assertEquals("Local\\u12", CliText.decodeEscapes("Local\\u12"), "too short: not an escape");
        assertEquals("Local\\uxyz1", CliText.decodeEscapes("Local\\uxyz1"), "not hex: not an escape");
        assertEquals("\\\u00e9", CliText.decodeEscapes("\\\\u00e9"), "a backslash before an escape stays");
        assertEquals("\uD83D\uDE00", CliText.decodeEscapes("\\uD83D\\uDE00"), "a pair makes one character");
    }

    @Test
    void quotingEscapesWhatATerminalWouldActOnAndNothingElse() {
        assertEquals("\"ShareMem\"", CliText.quote("ShareMem"));
        assertEquals("\"张三 é\"", CliText.quote("张三 é", StandardCharsets.UTF_8));
        assertEquals("\"a\\u001b[31m\\u0007\\u000a\"", CliText.quote("a\u001b[31m\u0007\n"));
        assertEquals("\"\\u202eevil\\u009b\"", CliText.quote("\u202eevil\u009b"), "bidi override and C1 CSI");
        assertEquals("\"\\ud800\"", CliText.quote("\uD800"));
        assertEquals("\"a\\u005cu0041\"", CliText.quote("a\\u0041"),
                "a literal \\u sequence is quoted so that the tool reads it back as the same name");
        assertEquals("\"\\u5f20\\u4e09 \\u00e9\"", CliText.quote("张三 é", StandardCharsets.US_ASCII),
                "what the output's charset cannot show is escaped too, rather than printed as ?");
        for (String name : new String[] {"a\u001b[31m", "a\\u0041", "Global\\X", "\u202e"}) {
            String quoted = CliText.quote(name);
            assertEquals(name, CliText.decodeEscapes(quoted.substring(1, quoted.length() - 1)));
        }
    }

    @Test
    void escapedNamesAndValuesReachTheObjectIntact() {
        String prefix = TestNames.unique("clitext");
        try (SharedMemory shm = SharedMemory.create(prefix + "-张三", 36)) {
            Result r = IpcCommandTest.run("shm", "write", prefix + "-\\u5F20\\u4E09", "--record", DECL,
                    "--charset", "GBK", "--set", "name=\\u674E\\u56DB", "--set", "id=\\u005cu0041", "--hold", "1ms");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Opened shared memory " + CliText.quote(prefix + "-张三")), r.out());
            ByteBuffer b = shm.buffer();
            assertEquals("04c0eecbc4", hex(b, 11, 5), "李四 in GBK");
            assertEquals("065c7530303431", hex(b, 0, 7), "the literal text \\u0041");
        }
    }

    @Test
    void valuesComeFromAUtf8FileVerbatim() throws IOException {
        Path values = temp.resolve("values.txt");
        Files.write(values, ("\uFEFF# TShareMem for the GBK peer\r\n\r\nname=张三\r\nid=\\u0041=1\nage=25\n")
                .getBytes(StandardCharsets.UTF_8));
        String name = TestNames.unique("clitext");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--charset", "GBK",
                    "--values", values.toString(), "--set", "age=26", "--hold", "1ms");
            assertEquals(0, r.code(), r.err());
            ByteBuffer b = shm.buffer();
            assertEquals("04d5c5c8fd", hex(b, 11, 5), "张三 in GBK, from the file's UTF-8");
            assertEquals("085c75303034313d31", hex(b, 0, 9), "file values are verbatim: no escapes, '=' kept");
            assertEquals(26, b.getInt(32), "--set is applied after the file");
        }
    }

    @Test
    void aValuesFileMustBeUtf8WithFieldEqualsValueLines() throws IOException {
        String name = TestNames.unique("clitext");
        Path noEquals = temp.resolve("bad.txt");
        Files.writeString(noEquals, "id=1\nname Terry\n");
        Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--values", noEquals.toString());
        CliFailuresTest.assertUsageError(r, "ipc shm write", "--values", "line 2", "FIELD=VALUE");
        CliFailuresTest.assertNothingCreated(name, r);

        Path gbk = temp.resolve("gbk.txt");
        Files.write(gbk, "name=张三\n".getBytes("GBK"));
        Result g = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--values", gbk.toString());
        CliFailuresTest.assertUsageError(g, "ipc shm write", "--values", "UTF-8");
        CliFailuresTest.assertNothingCreated(name, g);

        Result noRecord = IpcCommandTest.run("shm", "write", name, "--hex", "00", "--values", gbk.toString());
        CliFailuresTest.assertUsageError(noRecord, "ipc shm write", "--values", "--record");
    }

    private static String hex(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
