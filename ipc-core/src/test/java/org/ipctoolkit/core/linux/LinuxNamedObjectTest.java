package org.ipctoolkit.core.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Linux named-object core for the library's own kinds: their namespace, their header written
 * before the name appears and checked on open, and one namespace shared by every kind. Linux only.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxNamedObjectTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static ObjectName unique(String what) {
        return ObjectName.of("test", "ipctest-core-" + what + "-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
    }

    private static int euid() {
        return Libc.geteuid();
    }

    @Test
    void theLibrarysKindsLiveInAPrivateDirectoryOfTheUser() throws IOException {
        ObjectName name = unique("dir");
        try (Held event = new Held(LinuxNamedObject.create(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS))) {
            Path dir = Path.of("/dev/shm/ipc-toolkit-" + euid());
            assertEquals(dir.resolve(name.posixName()), event.object.path());
            assertEquals(dir.toString(), Namespace.LIBRARY.directory());
            assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals(euid(), (Integer) Files.getAttribute(dir, "unix:uid"));
            int mode = (Integer) Files.getAttribute(event.object.path(), "unix:mode");
            assertEquals(01600, mode & 07777, "mode 0600 and the sticky bit, as for shared memory");
            assertEquals(NamedObjectHeader.LENGTH + ObjectType.EVENT.bodySize(), Files.size(event.object.path()));
        }
        assertFalse(Files.exists(LinuxNamedObject.pathOf(ObjectType.EVENT, name)), "the last close removed it");
    }

    @Test
    void theLastCloseOfTheLastObjectRemovesTheEmptyDirectory() {
        Path dir = Path.of(Namespace.LIBRARY.directory());
        ObjectName first = unique("lastdir");
        ObjectName second = unique("lastdir");
        Held a = new Held(LinuxNamedObject.create(ObjectType.EVENT, first, LinuxNamedObject.Initializer.ZEROS));
        try (Held b = new Held(LinuxNamedObject.create(ObjectType.MUTEX, second, LinuxNamedObject.Initializer.ZEROS))) {
            a.close();
            assertTrue(Files.isDirectory(dir), "another object is still in it");
        }
        // ipc-core's tests run alone (no other process of this user holds one of the library's objects).
        assertFalse(Files.exists(dir), "nothing of the library is left in /dev/shm, as on Windows");
        try (Held again = new Held(LinuxNamedObject.create(ObjectType.EVENT, first, LinuxNamedObject.Initializer.ZEROS))) {
            assertTrue(Files.isDirectory(dir), "the next creator makes it again");
        }
    }

    @Test
    void theCreatorWritesHeaderAndBodyBeforeTheNameAppears() throws IOException {
        ObjectName name = unique("publish");
        Path path = LinuxNamedObject.pathOf(ObjectType.MUTEX, name);
        boolean[] nameExistedDuringInitialisation = {true};
        LinuxNamedObject.Initializer init = body -> {
            nameExistedDuringInitialisation[0] = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            assertEquals(ObjectType.MUTEX.bodySize(), body.capacity());
            assertEquals(ByteOrder.nativeOrder(), body.order());
            body.putInt(0, 0x01020304);
            body.putLong(8, -7L);
        };
        try (Held mutex = new Held(LinuxNamedObject.create(ObjectType.MUTEX, name, init))) {
            assertFalse(nameExistedDuringInitialisation[0], "the name appears only after initialisation");
            assertTrue(mutex.object.created());
            ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("IPCT", new String(Files.readAllBytes(path), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(NamedObjectHeader.MAGIC, file.getInt(NamedObjectHeader.MAGIC_OFFSET));
            assertEquals(NamedObjectHeader.LAYOUT_VERSION, file.getInt(NamedObjectHeader.LAYOUT_VERSION_OFFSET));
            assertEquals(ObjectType.MUTEX.typeCode(), file.getInt(NamedObjectHeader.TYPE_CODE_OFFSET));
            assertEquals(ObjectType.MUTEX.bodyVersion(), file.getInt(NamedObjectHeader.BODY_VERSION_OFFSET));
            assertEquals(ObjectType.MUTEX.bodySize(), file.getInt(NamedObjectHeader.BODY_SIZE_OFFSET));
            assertEquals(ProcessHandle.current().pid(), file.getInt(NamedObjectHeader.CREATOR_PID_OFFSET));
            for (int i = 24; i < NamedObjectHeader.LENGTH; i++) {
                assertEquals(0, file.get(i), "reserved byte " + i);
            }
            try (Held opened = new Held(LinuxNamedObject.open(ObjectType.MUTEX, name))) {
                assertFalse(opened.object.created());
                assertEquals(0x01020304, opened.object.body().getInt(0));
                assertEquals(-7L, opened.object.body().getLong(8));
                opened.object.body().putInt(4, 99);
                assertEquals(99, mutex.object.body().getInt(4), "both map the same body");
            }
            try (Held again = new Held(LinuxNamedObject.createOrOpen(ObjectType.MUTEX, name, body -> fail("not created")))) {
                assertFalse(again.object.created());
            }
        }
    }

    @Test
    void aNameHeldByAnotherKindIsRefusedNamingThatKind() {
        ObjectName name = unique("kinds");
        try (Held event = new Held(LinuxNamedObject.create(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS))) {
            for (IpcIncompatibleObjectException e : new IpcIncompatibleObjectException[] {
                    assertThrows(IpcIncompatibleObjectException.class, () -> LinuxNamedObject.open(ObjectType.MUTEX, name)),
                    assertThrows(IpcIncompatibleObjectException.class,
                            () -> LinuxNamedObject.create(ObjectType.MUTEX, name, LinuxNamedObject.Initializer.ZEROS)),
                    assertThrows(IpcIncompatibleObjectException.class,
                            () -> LinuxNamedObject.createOrOpen(ObjectType.SEMAPHORE, name, LinuxNamedObject.Initializer.ZEROS)),
                    assertThrows(IpcIncompatibleObjectException.class,
                            () -> LinuxNamedObject.remove(ObjectType.MUTEX, name, false))}) {
                assertTrue(e.getMessage().contains("held by an event"), e.getMessage());
                assertTrue(e.getMessage().contains(name.win32Name()), e.getMessage());
            }
            assertThrows(IpcAlreadyExistsException.class,
                    () -> LinuxNamedObject.create(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS),
                    "the same kind: the name exists");
            assertEquals(0, event.object.body().getInt(0), "nothing touched the event");
        }
    }

    @Test
    void sharedMemoryAndALibraryKindOfTheSameNameCoexistOnLinux() {
        ObjectName name = unique("coexist");
        try (Held shm = new Held(LinuxNamedObject.create(ObjectType.SHARED_MEMORY, name, 16));
             Held mutex = new Held(LinuxNamedObject.create(ObjectType.MUTEX, name, LinuxNamedObject.Initializer.ZEROS))) {
            assertNotEquals(shm.object.path(), mutex.object.path());
            assertEquals(Path.of("/dev/shm", name.posixName()), shm.object.path());
        }
    }

    /** Writes a file by hand where an event of that name would be, with the header given. */
    private static Path handMade(ObjectName name, int size, int magic, int layout, int typeCode, int bodyVersion,
                                 int bodySize) throws IOException {
        Namespace.LIBRARY.ensureDirectory();
        Path path = LinuxNamedObject.pathOf(ObjectType.EVENT, name);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        if (size >= NamedObjectHeader.LENGTH) {
            b.putInt(NamedObjectHeader.MAGIC_OFFSET, magic);
            b.putInt(NamedObjectHeader.LAYOUT_VERSION_OFFSET, layout);
            b.putInt(NamedObjectHeader.TYPE_CODE_OFFSET, typeCode);
            b.putInt(NamedObjectHeader.BODY_VERSION_OFFSET, bodyVersion);
            b.putInt(NamedObjectHeader.BODY_SIZE_OFFSET, bodySize);
        }
        Files.write(path, b.array());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
    }

    private static void assertRefused(ObjectName name, String expected) {
        IpcIncompatibleObjectException e = assertThrows(IpcIncompatibleObjectException.class,
                () -> LinuxNamedObject.open(ObjectType.EVENT, name));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        e = assertThrows(IpcIncompatibleObjectException.class,
                () -> LinuxNamedObject.createOrOpen(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anotherVersionOfTheLibraryIsRefusedClearly() throws IOException {
        int size = (int) ObjectType.EVENT.fileSize();
        int code = ObjectType.EVENT.typeCode();
        int body = ObjectType.EVENT.bodySize();
        int bodyVersion = ObjectType.EVENT.bodyVersion();
        Object[][] cases = {
                {NamedObjectHeader.MAGIC, NamedObjectHeader.LAYOUT_VERSION + 1, code, bodyVersion, body,
                        "another version of ipc-toolkit (header layout 2"},
                {NamedObjectHeader.MAGIC, NamedObjectHeader.LAYOUT_VERSION, code, bodyVersion + 1, body,
                        "another version of ipc-toolkit (event layout"},
                {0x12345678, NamedObjectHeader.LAYOUT_VERSION, code, bodyVersion, body, "not an ipc-toolkit object"},
                {NamedObjectHeader.MAGIC, NamedObjectHeader.LAYOUT_VERSION, 99, bodyVersion, body, "type code 99"},
                {NamedObjectHeader.MAGIC, NamedObjectHeader.LAYOUT_VERSION, code, bodyVersion, body * 2, "size"},
        };
        for (Object[] c : cases) {
            ObjectName name = unique("version");
            Path path = handMade(name, size, (Integer) c[0], (Integer) c[1], (Integer) c[2], (Integer) c[3],
                    (Integer) c[4]);
            try {
                assertRefused(name, (String) c[5]);
                assertTrue(Files.exists(path), "a refused object is left alone");
            } finally {
                Files.delete(path);
            }
        }
        ObjectName small = unique("small");
        Path path = handMade(small, 10, 0, 0, 0, 0, 0);
        try {
            assertRefused(small, "too few");
        } finally {
            Files.delete(path);
        }
    }

    @Test
    void aFailingInitializerLeavesNothingBehind() {
        ObjectName name = unique("init");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LinuxNamedObject.create(ObjectType.SEMAPHORE, name, body -> {
                    throw new IllegalStateException("initial count out of range");
                }));
        assertEquals("initial count out of range", e.getMessage());
        assertFalse(Files.exists(LinuxNamedObject.pathOf(ObjectType.SEMAPHORE, name)));
        assertThrows(IpcNotFoundException.class, () -> LinuxNamedObject.open(ObjectType.SEMAPHORE, name));
    }

    @Test
    void kindsAndSizesAreCheckedBeforeAnyNativeCall() {
        ObjectName name = unique("args");
        assertThrows(IllegalArgumentException.class, () -> LinuxNamedObject.create(ObjectType.MUTEX, name, 64));
        assertThrows(IllegalArgumentException.class,
                () -> LinuxNamedObject.create(ObjectType.SHARED_MEMORY, name, LinuxNamedObject.Initializer.ZEROS));
        assertThrows(IllegalArgumentException.class, () -> LinuxNamedObject.open(ObjectType.SHARED_MEMORY, name));
        assertThrows(IllegalArgumentException.class, () -> LinuxNamedObject.open(ObjectType.EVENT, name, false, false));
    }

    @Test
    void aStaleObjectOfALibraryKindIsRemovedByTheNextUser() throws IOException {
        ObjectName name = unique("stale");
        // A stale object: ours (sticky, this user), with a valid header, and nobody holds it.
        LinuxNamedObject event = LinuxNamedObject.create(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS);
        Path path = event.path();
        Path copy = path.resolveSibling(name.posixName() + ".copy");
        Files.copy(path, copy);
        event.close();
        Files.move(copy, path);
        Files.setAttribute(path, "unix:mode", 01600);
        assertThrows(IpcNotFoundException.class, () -> LinuxNamedObject.open(ObjectType.EVENT, name));
        assertFalse(Files.exists(path));
    }

    @Test
    void thePrivateDirectoryIsRefusedIfItIsNotADirectoryOfThisUserOnly() throws IOException {
        Path base = Path.of("/dev/shm", "ipctest-core-privdir-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
        try {
            Namespace.ensurePrivateDirectory(base.toString(), euid());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
            Namespace.ensurePrivateDirectory(base.toString(), euid());   // again: fine as it is

            IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class,
                    () -> Namespace.ensurePrivateDirectory(base.toString(), euid() + 1));
            assertTrue(e.getMessage().contains("belongs to user id " + euid()), e.getMessage());

            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            e = assertThrows(IpcAccessDeniedException.class, () -> Namespace.ensurePrivateDirectory(base.toString(), euid()));
            assertTrue(e.getMessage().contains("0755") && e.getMessage().contains("0700"), e.getMessage());

            Path link = base.resolveSibling(base.getFileName() + "-link");
            Files.createSymbolicLink(link, base);
            try {
                e = assertThrows(IpcAccessDeniedException.class,
                        () -> Namespace.ensurePrivateDirectory(link.toString(), euid()));
                assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
            } finally {
                Files.delete(link);
            }
            Path file = base.resolveSibling(base.getFileName() + "-file");
            Files.write(file, new byte[1]);
            try {
                e = assertThrows(IpcAccessDeniedException.class,
                        () -> Namespace.ensurePrivateDirectory(file.toString(), euid()));
                assertTrue(e.getMessage().contains("regular file"), e.getMessage());
            } finally {
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(base);
        }
    }

    @Test
    void theProbesSucceedHereAndTheArchitectureIsSupported() {
        assertNull(LinuxConstants.unsupportedArchitecture(), LinuxConstants.ARCHITECTURE);
        assertTrue(Namespace.SHARED_MEMORY.availability().isAvailable(), String.valueOf(
                Namespace.SHARED_MEMORY.availability().unavailabilityCause()));
        assertTrue(Namespace.LIBRARY.availability().isAvailable(), String.valueOf(
                Namespace.LIBRARY.availability().unavailabilityCause()));
    }

    @Test
    void fileIdentityDescribesWhatIsAtAPathWithoutFollowingLinks() throws IOException {
        FileIdentity dir = FileIdentity.ofPath("/dev/shm");
        assertNotNull(dir);
        assertTrue(dir.isDirectory());
        assertEquals("a directory", dir.fileType());
        assertNull(FileIdentity.ofPath("/dev/shm/ipctest-core-nothing-here"));
        assertEquals(LinuxConstants.ENOENT, com.sun.jna.Native.getLastError());
        Path file = Files.createTempFile("ipctest", ".bin");
        try {
            Files.write(file, new byte[123]);
            FileIdentity id = FileIdentity.ofPath(file.toString());
            assertTrue(id.isRegularFile());
            assertEquals(123, id.size());
            assertEquals(1, id.nlink());
            assertEquals((Long) Files.getAttribute(file, "unix:ino"), id.ino());
            assertEquals((Long) Files.getAttribute(file, "unix:dev"), encodeDev(id.dev()));
        } finally {
            Files.delete(file);
        }
    }

    /** The JDK reports st_dev in glibc's encoding of major and minor. */
    private static long encodeDev(long dev) {
        long major = dev >>> 32;
        long minor = dev & 0xffffffffL;
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** Closes a held object at the end of a try block. */
    private record Held(LinuxNamedObject object) implements AutoCloseable {
        @Override
        public void close() {
            object.close();
        }
    }

    @Test
    void closingTwiceIsHarmlessAndTheBodyIsGoneAfterClose() {
        ObjectName name = unique("twice");
        LinuxNamedObject event = LinuxNamedObject.create(ObjectType.EVENT, name, LinuxNamedObject.Initializer.ZEROS);
        event.close();
        event.close();
        assertThrows(IllegalStateException.class, event::body);
        IpcException e = assertThrows(IpcNotFoundException.class, () -> LinuxNamedObject.open(ObjectType.EVENT, name));
        assertTrue(e.getMessage().contains(name.win32Name()));
    }
}
