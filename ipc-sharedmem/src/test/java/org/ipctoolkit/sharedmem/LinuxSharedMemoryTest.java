package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;
import static org.ipctoolkit.sharedmem.ShmTraces.fileOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What only the POSIX backend has: the file in /dev/shm, its mode and mark, the owner check, and
 * the names a crashed last holder leaves behind. Windows has none of these (the kernel owns names
 * and lifetime there), so the Windows run leaves this class out by its tag.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxSharedMemoryTest {

    @Test
    void theObjectIsAFileInDevShmForThisUserOnlyAndMarkedAsOurs() throws IOException {
        String name = TestNames.unique("posix");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            assertTrue(shm.created());
            Path file = Path.of("/dev/shm", name);
            assertEquals(file, fileOf(name));
            assertTrue(Files.isRegularFile(file));
            assertEquals(36, Files.size(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            assertEquals(01600, mode & 07777, "mode 0600 plus the sticky bit that marks our objects");
            assertEquals(System.getProperty("user.name"), Files.getOwner(file).getName());
        }
        assertFalse(Files.exists(fileOf(name)));
    }

    @Test
    void localIsDroppedAndOtherCharactersAreEscapedReversibly() {
        String base = TestNames.unique("posix");
        try (SharedMemory local = SharedMemory.create("Local\\" + base, 8);
             SharedMemory global = SharedMemory.create("Global\\" + base, 8);
             SharedMemory odd = SharedMemory.create(base + " a%b/é", 8)) {
            assertTrue(local.created() && global.created() && odd.created());
            assertTrue(Files.exists(Path.of("/dev/shm", base)));
            assertTrue(Files.exists(Path.of("/dev/shm", "Global%5C" + base)));
            assertTrue(Files.exists(Path.of("/dev/shm", base + "%20a%25b%2F%C3%A9")));
            assertEquals(base + " a%b/é", ObjectName.fromPosixName(base + "%20a%25b%2F%C3%A9"));
            assertEquals("Global\\" + base, ObjectName.fromPosixName("Global%5C" + base));
        }
    }

    @Test
    void anObjectOfAnotherUserIsRefusedUnlessAllowed() throws IOException {
        Assumptions.assumeTrue(TestPlatform.isPosixRoot(), "only root can make a file owned by another user");
        String name = TestNames.unique("posix");
        Path file = fileOf(name);
        Files.write(file, new byte[] {1, 2, 3, 4});
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.setAttribute(file, "unix:uid", 65534);
            IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class, () -> SharedMemory.open(name));
            assertTrue(e.getMessage().contains("belongs to user id 65534"), e.getMessage());
            try (SharedMemory shm = SharedMemory.open(name, SharedMemory.Option.ALLOW_OTHER_OWNER)) {
                assertEquals(4, shm.size());
                assertEquals(3, shm.buffer().get(2));
            }
            assertTrue(Files.exists(file), "another user's object is never removed");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        String name = TestNames.unique("posix");
        Path link = fileOf(name);
        Files.createSymbolicLink(link, Path.of("/etc/hostname"));
        try {
            IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class, () -> SharedMemory.open(name));
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void anotherProgramsObjectIsUsedButNeverRemoved() throws IOException {
        String name = TestNames.unique("posix");
        Path file = fileOf(name);
        Files.write(file, new byte[] {9, 8, 7});
        try {
            try (SharedMemory shm = SharedMemory.open(name)) {
                assertEquals(7, shm.buffer().get(2));
            }
            assertTrue(Files.exists(file), "closing the last Java holder leaves another program's object");
            IpcException e = assertThrows(IpcException.class, () -> SharedMemory.removeName(name, false));
            assertTrue(e.getMessage().contains("not created by ipc-toolkit"), e.getMessage());
            assertFalse(SharedMemory.removeName(name, true));
            assertFalse(Files.exists(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anEmptyObjectIsRefused() throws IOException {
        String name = TestNames.unique("posix");
        Path file = fileOf(name);
        Files.write(file, new byte[0]);
        try {
            assertThrows(IpcIncompatibleObjectException.class, () -> SharedMemory.open(name));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aKilledLastHolderLeavesAStaleFileThatRemoveNameTakesAway() {
        String name = TestNames.unique("stale");
        ShmTraces.createdByAKilledProcess(name, 64);
        assertTrue(Files.exists(fileOf(name)), "no process was left to remove the name");
        assertTrue(SharedMemory.removeName(name, false), "it was stale");
        assertFalse(Files.exists(fileOf(name)));
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.removeName(name, false));
    }

    @Test
    void aLiveObjectIsRemovedOnlyByForceAndItsHoldersKeepTheirMemory() {
        String name = TestNames.unique("posix");
        try (SharedMemory holder = SharedMemory.create(name, 16)) {
            holder.buffer().put(0, (byte) 4);
            IpcException e = assertThrows(IpcException.class, () -> SharedMemory.removeName(name, false));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertFalse(SharedMemory.removeName(name, true));
            assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
            assertEquals(4, holder.buffer().get(0));
        }
    }
}
