package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each way the tool used to fail with a stack trace, or after it had already created an object: now one
 * {@code ipc:} line (and a usage hint for a bad argument), before any object is touched. On every backend.
 */
class CliFailuresTest {
    private static final String DECL = IpcCommandTest.DECL;

    @TempDir
    Path temp;

    /** A failure: exit code 1 and exactly one line, {@code ipc: ...}, holding every part. */
    static void assertOneIpcLine(Result r, String... parts) {
        assertEquals(IpcCommand.FAILED, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, "one line, no stack trace:\n" + r.err());
        assertTrue(lines[0].startsWith("ipc: "), r.err());
        for (String part : parts) {
            assertTrue(lines[0].contains(part), "\"" + part + "\" in: " + r.err());
        }
    }

    /** A bad argument: exit code 2, {@code ipc: ...} holding every part, then the failing command's help hint. */
    static void assertUsageError(Result r, String command, String... parts) {
        assertEquals(IpcCommand.USAGE, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(2, lines.length, "the message and a hint, no stack trace, no whole usage:\n" + r.err());
        assertTrue(lines[0].startsWith("ipc: "), r.err());
        for (String part : parts) {
            assertTrue(lines[0].contains(part), "\"" + part + "\" in: " + r.err());
        }
        assertEquals("Try '" + command + " --help' for more information.", lines[1], r.err());
    }

    /** Nothing was created: no "Created" line, and no object of that name exists. */
    static void assertNothingCreated(String name, Result r) {
        assertFalse(r.out().contains("Created") || r.out().contains("Opened"), r.out());
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name).close());
    }

    @Test
    void hexLongerThanSizeIsRefusedBeforeAnythingIsCreated() {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--hex", "0102030405", "--size", "2", "--hold", "1ms");
        assertUsageError(r, "ipc shm write", "--hex", "5 bytes", "--size 2");
        assertNothingCreated(name, r);
    }

    @Test
    void recordLargerThanSizeIsRefusedBeforeAnythingIsCreated() {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--size", "8", "--hold", "1ms");
        assertUsageError(r, "ipc shm write", "36 bytes", "--size 8");
        assertNothingCreated(name, r);
    }

    @Test
    void aNegativeDumpLengthIsAUsageError() {
        Result r = IpcCommandTest.run("shm", "dump", TestNames.unique("clifail"), "--length", "-1");
        assertUsageError(r, "ipc shm dump", "--length", "-1");
    }

    @Test
    void aCorruptLengthByteIsOneLine() {
        String name = TestNames.unique("clifail");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            shm.buffer().put(0, (byte) 0xFF);
            Result r = IpcCommandTest.run("shm", "read", name, "--record", DECL);
            assertOneIpcLine(r, "corrupt", "id");
        }
    }

    @Test
    void writingIntoARecordWithACorruptFieldStillWritesAndHolds() {
        String name = TestNames.unique("clifail");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            shm.buffer().put(11, (byte) 0xFF);
            Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--set", "age=7", "--hold", "1ms");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("cannot be shown: corrupt record"), r.out());
            assertTrue(r.out().contains("Holding"), r.out());
            assertEquals(7, shm.buffer().getInt(32));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000000h", "PT-5S", "0s", "PT0S", "99999999999999999999s"})
    void aHoldThatIsNotPositiveOrTooLongIsRefusedBeforeAnythingIsCreated(String hold) {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--hex", "00", "--hold", hold);
        assertUsageError(r, "ipc shm write", "--hold", hold);
        assertNothingCreated(name, r);
    }

    @Test
    void aRecordFileMustBeAModestRegularFile() throws IOException {
        String name = TestNames.unique("clifail");
        Result dir = IpcCommandTest.run("shm", "write", name, "--record-file", temp.toString(), "--hold", "1ms");
        assertUsageError(dir, "ipc shm write", "--record-file", "not a regular file");
        assertNothingCreated(name, dir);

        Path big = temp.resolve("big.pas");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputFiles.MAX_BYTES + 1);
        }
        Result large = IpcCommandTest.run("shm", "write", name, "--record-file", big.toString(), "--hold", "1ms");
        assertUsageError(large, "ipc shm write", "--record-file", "more than");
        assertNothingCreated(name, large);

        Result missing = IpcCommandTest.run("shm", "read", name, "--record-file", temp.resolve("none.pas").toString());
        assertUsageError(missing, "ipc shm read", "--record-file", "no such file");

        Path latin1 = temp.resolve("latin1.pas");
        Files.write(latin1, new byte[] {'T', '=', (byte) 0xE9});
        Result notUtf8 = IpcCommandTest.run("shm", "read", name, "--record-file", latin1.toString());
        assertUsageError(notUtf8, "ipc shm read", "--record-file", "UTF-8");
    }

    @Test
    void aDirectoryAsRecordFileIsRefusedWithoutReadingIt() {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--record-file", temp.toString(), "--hold", "1ms");
        assertUsageError(r, "ipc shm write", "--record-file", "not a regular file");
        assertNothingCreated(name, r);
    }

    @Test
    void aBadFieldValueIsRefusedBeforeAnythingIsCreated() {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--set", "age=abc", "--hold", "1ms");
        assertOneIpcLine(r, "age", "abc");
        assertNothingCreated(name, r);
    }

    @Test
    void aParameterErrorShowsTheFailingSubcommandNotItsParent() {
        String name = TestNames.unique("clifail");
        Result set = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--set", "foo");
        assertUsageError(set, "ipc shm write", "--set", "FIELD=VALUE", "foo");
        assertNothingCreated(name, set);
        Result nothing = IpcCommandTest.run("shm", "write", name, "--size", "4");
        assertUsageError(nothing, "ipc shm write", "nothing to write");
        Result unknown = IpcCommandTest.run("shm", "read", name, "--record", DECL, "--bogus");
        assertUsageError(unknown, "ipc shm read", "--bogus");
        Result badCharset = IpcCommandTest.run("shm", "read", name, "--record", DECL, "--charset", "NoSuchCharset");
        assertUsageError(badCharset, "ipc shm read", "--charset", "NoSuchCharset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0g", "012", "0x01", ""})
    void hexErrorsNameTheOption(String hex) {
        String name = TestNames.unique("clifail");
        Result r = IpcCommandTest.run("shm", "write", name, "--hex", hex, "--hold", "1ms");
        assertUsageError(r, "ipc shm write", "--hex");
        assertNothingCreated(name, r);
    }

    @Test
    void allowOtherOwnerIsAnOptionOfEveryCommandThatOpens() {
        String name = TestNames.unique("clifail");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            assertEquals(0, IpcCommandTest.run("shm", "read", name, "--record", DECL, "--allow-other-owner").code());
            assertEquals(0, IpcCommandTest.run("shm", "dump", name, "--allow-other-owner").code());
            Result write = IpcCommandTest.run("shm", "write", name, "--hex", "2a", "--allow-other-owner", "--hold", "1ms");
            assertEquals(0, write.code(), write.err());
            assertEquals(0x2a, shm.buffer().get(0));
        }
    }

    @Test
    void namesWithControlCharactersAreShownEscapedInEveryMessage() {
        String name = TestNames.unique("clifail") + "\u001b[31m";
        Result write = IpcCommandTest.run("shm", "write", name, "--hex", "00", "--hold", "1ms");
        assertEquals(0, write.code(), write.err());
        assertFalse(write.out().contains("\u001b"), write.out());
        assertTrue(write.out().contains("\"" + name.replace("\u001b", "\\u001b") + "\""), write.out());

        String missing = TestNames.unique("clifail") + "\u001b]0;title\u0007";
        Result read = IpcCommandTest.run("shm", "read", missing, "--record", DECL);
        assertOneIpcLine(read, missing.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007"));
        assertFalse(read.err().contains("\u001b") || read.err().contains("\u0007"), read.err());

        Result unknown = IpcCommandTest.run("shm", "dump", "x", "--bogus\u001b[2J");
        assertEquals(IpcCommand.USAGE, unknown.code(), unknown.err());
        assertFalse(unknown.err().contains("\u001b"), unknown.err());
        assertTrue(unknown.err().contains("--bogus\\u001b[2J"), unknown.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        String name = TestNames.unique("clifail");
        Result quiet = IpcCommandTest.run("shm", "read", name, "--record", DECL);
        assertOneIpcLine(quiet, "failed for shared memory");
        for (String[] args : new String[][] {{"--verbose", "shm", "read", name, "--record", DECL},
                {"shm", "read", name, "--record", DECL, "-v"}}) {
            Result loud = IpcCommandTest.run(args);
            assertEquals(IpcCommand.FAILED, loud.code(), loud.err());
            assertTrue(loud.err().startsWith("ipc: "), loud.err());
            assertTrue(loud.err().contains("IpcNotFoundException") && loud.err().contains("\tat "), loud.err());
        }
    }
}
