package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;
import static org.ipctoolkit.sharedmem.ShmTraces.fileOf;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxConstants;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

/**
 * Nothing another local process puts at a name, or holds on it, can make a call block for ever:
 * a FIFO, a directory or a symbolic link at the name is refused at once, a closed holder keeps no
 * lock, and a process that holds the object exclusively makes a waiting call fail as busy after a
 * deadline. Linux only: these are files in {@code /dev/shm} and {@code flock}s.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxNeverBlocksTest {
    /** Far longer than any of these calls may take; a call that blocks fails the test here. */
    private static final Duration NEVER = Duration.ofSeconds(20);
    private static final String TIMEOUT_PROPERTY = LinuxNamedObject.LOCK_TIMEOUT_PROPERTY;

    private String savedTimeout;

    @BeforeEach
    void shortLockTimeout() {
        savedTimeout = System.getProperty(TIMEOUT_PROPERTY);
        System.setProperty(TIMEOUT_PROPERTY, "400");
    }

    @AfterEach
    void restoreLockTimeout() {
        if (savedTimeout == null) {
            System.clearProperty(TIMEOUT_PROPERTY);
        } else {
            System.setProperty(TIMEOUT_PROPERTY, savedTimeout);
        }
    }

    private static <T extends Throwable> T refusedAtOnce(Class<T> type, Executable call) {
        return assertTimeoutPreemptively(NEVER, () -> assertThrows(type, call));
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "666", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    /** Every entry point that takes a name, each of which must refuse a name that is not an object. */
    private static List<Executable> everyEntryPoint(String name) {
        return List.of(
                () -> SharedMemory.create(name, 64).close(),
                () -> SharedMemory.createOrOpen(name, 64).close(),
                () -> SharedMemory.open(name).close(),
                () -> SharedMemory.open(name, SharedMemory.Option.READ_ONLY).close(),
                () -> SharedMemory.removeName(name, false));
    }

    /** Every entry point fails with {@code type} at once, with a message containing each of {@code words}. */
    private static void everyEntryPointRefusesAtOnce(String name, Class<? extends IpcException> type,
                                                     String... words) {
        for (Executable call : everyEntryPoint(name)) {
            IpcException e = refusedAtOnce(type, call);
            for (String word : words) {
                assertTrue(e.getMessage().contains(word), e.getMessage());
            }
        }
    }

    @Test
    void aFifoAtTheNameIsRefusedAtOnceByEveryEntryPoint() throws Exception {
        String name = TestNames.unique("fifo");
        Path fifo = fileOf(name);
        mkfifo(fifo);
        try {
            everyEntryPointRefusesAtOnce(name, IpcIncompatibleObjectException.class, "FIFO", name);
            assertTrue(Files.exists(fifo), "only a forced removal takes it away");
            assertFalse(assertTimeoutPreemptively(NEVER, () -> SharedMemory.removeName(name, true)));
            assertFalse(Files.exists(fifo));
        } finally {
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void aDirectoryAtTheNameIsRefusedAtOnceByEveryEntryPoint() throws IOException {
        String name = TestNames.unique("dir");
        Path dir = fileOf(name);
        Files.createDirectory(dir);
        try {
            everyEntryPointRefusesAtOnce(name, IpcIncompatibleObjectException.class, "directory");
            assertTrue(Files.isDirectory(dir));
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aSymbolicLinkAtTheNameIsRefusedAtOnceByEveryEntryPoint() throws Exception {
        String name = TestNames.unique("link");
        Path fifo = fileOf(name + "-target");
        mkfifo(fifo);
        Path link = fileOf(name);
        Files.createSymbolicLink(link, fifo);
        try {
            everyEntryPointRefusesAtOnce(name, IpcAccessDeniedException.class, "symbolic link");
            assertTrue(Files.isSymbolicLink(link));
            assertFalse(assertTimeoutPreemptively(NEVER, () -> SharedMemory.removeName(name, true)));
            assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.exists(fifo), "removing a link never touches what it points to");
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void theLastCloseReleasesItsLockWhileABufferKeepsTheMappingAlive() {
        String name = TestNames.unique("unlock");
        Path file = fileOf(name);
        SharedMemory shm = SharedMemory.create(name, 64);
        ByteBuffer kept = shm.buffer();
        kept.put(0, (byte) 7);
        // An opener that opened the file just before the last holder's close removed the name.
        int fd = Libc.open(file.toString(), LinuxConstants.O_RDONLY | LinuxConstants.O_CLOEXEC, 0);
        assertTrue(fd >= 0);
        try {
            shm.close();
            assertFalse(Files.exists(file), "the last holder removed the name");
            assertEquals(0, Libc.flock(fd, LinuxConstants.LOCK_SH | LinuxConstants.LOCK_NB),
                    "a closed holder must not keep its lock through the mapping its buffers keep alive");
        } finally {
            Libc.close(fd);
        }
        Reference.reachabilityFence(kept);
    }

    /** Starts util-linux {@code flock}, holding {@code file} with {@code LOCK_EX} until it is killed. */
    private static ChildProcess holdExclusively(Path file) {
        ChildProcess holder = ChildProcess.start("flock", List.of("flock", "--exclusive", "--close",
                file.toString(), "sh", "-c", "echo LOCKED; exec sleep 600"));
        holder.awaitLine("LOCKED");
        return holder;
    }

    private static void killWithItsChildren(ChildProcess holder) {
        ProcessHandle.of(holder.pid()).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        holder.kill();
    }

    private static void assertBusy(String name, String operation, Supplier<Object> call) {
        long start = System.nanoTime();
        IpcException e = refusedAtOnce(IpcException.class, call::get);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 300, "it waited for the lock timeout first, not " + millis + " ms");
        String m = e.getMessage();
        assertTrue(m.startsWith(operation + " failed"), m);
        assertTrue(m.contains(name) && m.contains("busy") && m.contains("exclusively")
                && m.contains("another process"), m);
        assertTrue(m.contains(TIMEOUT_PROPERTY), "it says how to wait longer: " + m);
    }

    @Test
    void anotherProgramsObjectHeldExclusivelyMakesOpenFailAsBusyAfterTheDeadline() throws IOException {
        String name = TestNames.unique("busy");
        Path file = fileOf(name);
        Files.write(file, new byte[16]);
        try {
            ChildProcess holder = holdExclusively(file);
            try {
                assertBusy(name, "open", () -> SharedMemory.open(name));
                assertBusy(name, "open", () -> SharedMemory.open(name, SharedMemory.Option.READ_ONLY));
                assertBusy(name, "createOrOpen", () -> SharedMemory.createOrOpen(name, 16));
            } finally {
                killWithItsChildren(holder);
            }
            try (SharedMemory shm = assertTimeoutPreemptively(NEVER, () -> SharedMemory.open(name))) {
                assertEquals(16, shm.size(), "once the holder is gone, the object opens");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void ourStaleObjectHeldExclusivelyIsNeitherRemovedNorWaitedForEver() throws IOException {
        String name = TestNames.unique("busy");
        Path file = fileOf(name);
        ShmTraces.createdByAKilledProcess(name, 64);
        try {
            ChildProcess holder = holdExclusively(file);
            try {
                assertBusy(name, "open", () -> SharedMemory.open(name));
                assertTrue(Files.exists(file), "a name held by a live process is not stale");
            } finally {
                killWithItsChildren(holder);
            }
            assertTrue(assertTimeoutPreemptively(NEVER, () -> SharedMemory.removeName(name, false)),
                    "now it is stale");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
