package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The tool against what only Linux has: a device as a file ({@code /dev/zero}, a plain file under
 * Wine), a locale that cannot decode the command line, files in
 * {@code /dev/shm} of other users (made as root), and sparse objects larger than a buffer.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class CliLinuxTest {

    private static Path fileOf(String name) {
        return LinuxNamedObject.pathOf(ObjectName.of("shared memory", name));
    }

    /** The tool in a child JVM whose locale is {@code C}: it reads its command line as ASCII. */
    private static ChildProcess startUnderTheCLocale(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "LANG=C", "LC_ALL=C",
                ChildProcess.javaExecutable(),
                "-cp", System.getProperty("java.class.path"), IpcCommand.class.getName()));
        command.addAll(List.of(args));
        return ChildProcess.start("ipc-LANG=C", command);
    }

    @Test
    void aDeviceAsRecordFileIsRefusedWithoutReadingIt() {
        String name = TestNames.unique("clilinux");
        IpcCommandTest.Result r = IpcCommandTest.run("shm", "write", name, "--record-file", "/dev/zero", "--hold", "1ms");
        CliFailuresTest.assertUsageError(r, "ipc shm write", "/dev/zero", "not a regular file");
        CliFailuresTest.assertNothingCreated(name, r);
    }

    @Test
    void anArgumentTheLocaleCannotDecodeIsRefusedNotTurnedIntoReplacementCharacters() {
        String name = TestNames.unique("clilinux") + "-张三";
        try (ChildProcess cli = startUnderTheCLocale("shm", "write", name, "--hex", "00", "--hold", "1ms")) {
            assertEquals(IpcCommand.USAGE, cli.waitFor(ChildProcess.DEFAULT_TIMEOUT), cli.transcript());
            String out = cli.transcript();
            assertTrue(out.startsWith("ipc: argument 3"), out);
            assertTrue(out.contains("could not be decoded") && out.contains("UTF-8") && out.contains("\\u"), out);
            assertFalse(out.contains("Created"), out);
        }
        String escaped = TestNames.unique("clilinux") + "-\\u5f20\\u4e09";
        try (ChildProcess cli = startUnderTheCLocale("shm", "write", escaped, "--hex", "2a", "--hold", "1ms")) {
            cli.assertSucceeds();
            assertTrue(cli.transcript().contains("\\u5f20\\u4e09"),
                    "escapes get through any locale, and the ASCII output shows them escaped: " + cli.transcript());
        }
    }

    @Test
    void rmAsRootRefusesAnotherUsersObjectWithoutForce() throws IOException {
        Assumptions.assumeTrue(TestPlatform.isPosixRoot(), "only root can remove another user's file in /dev/shm");
        String name = TestNames.unique("clilinux");
        Path file = fileOf(name);
        Files.write(file, new byte[36]);
        try {
            Files.setAttribute(file, "unix:mode", 01600);
            Files.setAttribute(file, "unix:uid", 65534);
            Result r = IpcCommandTest.run("shm", "rm", name);
            CliFailuresTest.assertOneIpcLine(r, "user id 65534", "--force");
            assertTrue(Files.exists(file), "another user's object, even one that looks stale, stays without --force");
            Result forced = IpcCommandTest.run("shm", "rm", name, "--force");
            assertEquals(0, forced.code(), forced.err());
            assertFalse(Files.exists(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anotherUsersObjectIsOpenedWithAllowOtherOwnerWhichTheRefusalSuggests() throws IOException {
        Assumptions.assumeTrue(TestPlatform.isPosixRoot(), "only root can make a file owned by another user");
        String name = TestNames.unique("clilinux");
        Path file = fileOf(name);
        Files.write(file, new byte[] {1, 2, 3, 4});
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.setAttribute(file, "unix:uid", 65534);
            Result refused = IpcCommandTest.run("shm", "dump", name);
            CliFailuresTest.assertOneIpcLine(refused, "65534", "--allow-other-owner");
            Result allowed = IpcCommandTest.run("shm", "dump", name, "--allow-other-owner");
            assertEquals(0, allowed.code(), allowed.err());
            assertTrue(allowed.out().contains("00000000  01 02 03 04"), allowed.out());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anObjectLargerThanABufferIsWrittenAndDumpedThroughSlices() throws IOException {
        String name = TestNames.unique("clilinux");
        Path file = fileOf(name);
        long size = 3_000_000_000L;
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);   // sparse: no memory is used for the pages nobody touches
        }
        try {
            Result write = IpcCommandTest.run("shm", "write", name, "--size", Long.toString(size), "--hex", "0102",
                    "--hold", "1ms");
            assertEquals(0, write.code(), write.err());
            assertTrue(write.out().startsWith("Opened shared memory \"" + name + "\" (" + size + " bytes)"), write.out());
            Result dump = IpcCommandTest.run("shm", "dump", name, "--length", "32");
            assertEquals(0, dump.code(), dump.err());
            assertTrue(dump.out().contains("00000000  01 02 00 00"), dump.out());
            assertTrue(dump.out().contains("00000010  00 00"), dump.out());
            assertFalse(dump.out().contains("00000020"), dump.out());
            assertEquals(3, dump.out().strip().split("\\R").length, dump.out());
        } finally {
            Files.deleteIfExists(file);
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name).close());
    }
}
