package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.NamedObjectHeader;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.NamedEvent;
import org.ipctoolkit.sync.NamedMutex;
import org.ipctoolkit.sync.NamedSemaphore;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * An object made by another version of the library (here: body layout 1, the provisional layout of
 * the builds before the sync layouts were final) is refused by every kind's open and createOrOpen,
 * with a message that says so, and is left alone. Linux only: Windows objects have no header.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxLayoutVersionTest {

    /** Writes, where an object of {@code type} named {@code name} lives, a file with body layout 1. */
    private static Path earlierBuildsObject(ObjectType type, String name) throws IOException {
        Path path = LinuxNamedObject.pathOf(type, ObjectName.of(type.description(), name));
        if (!Files.isDirectory(path.getParent())) {
            Files.createDirectory(path.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        ByteBuffer b = ByteBuffer.allocate((int) type.fileSize()).order(ByteOrder.nativeOrder());
        b.putInt(NamedObjectHeader.MAGIC_OFFSET, NamedObjectHeader.MAGIC);
        b.putInt(NamedObjectHeader.LAYOUT_VERSION_OFFSET, NamedObjectHeader.LAYOUT_VERSION);
        b.putInt(NamedObjectHeader.TYPE_CODE_OFFSET, type.typeCode());
        b.putInt(NamedObjectHeader.BODY_VERSION_OFFSET, 1);
        b.putInt(NamedObjectHeader.BODY_SIZE_OFFSET, type.bodySize());
        Files.write(path, b.array());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
    }

    private static void assertRefused(ObjectType type, String name, Runnable... attempts) throws IOException {
        assertNotEquals(1, type.bodyVersion(), "this build's layout is not the earlier one");
        Path path = earlierBuildsObject(type, name);
        try {
            for (Runnable attempt : attempts) {
                IpcIncompatibleObjectException e = assertThrows(IpcIncompatibleObjectException.class, attempt::run);
                assertTrue(e.getMessage().contains("another version of ipc-toolkit (" + type.description() + " layout 1"),
                        e.getMessage());
                assertTrue(Files.exists(path), "a refused object is left alone");
            }
        } finally {
            Files.delete(path);
            try {
                Files.deleteIfExists(path.getParent());
            } catch (DirectoryNotEmptyException othersStillThere) {
                // another test's objects: the directory stays
            }
        }
    }

    @Test
    void eachKindRefusesTheLayoutOfAnEarlierBuild() throws IOException {
        String sem = TestNames.unique("sem");
        assertRefused(ObjectType.SEMAPHORE, sem, () -> NamedSemaphore.open(sem), () -> NamedSemaphore.createOrOpen(sem, 0, 1));
        String event = TestNames.unique("evt");
        assertRefused(ObjectType.EVENT, event, () -> NamedEvent.open(event),
                () -> NamedEvent.createOrOpen(event, false, false));
        String mutex = TestNames.unique("mtx");
        assertRefused(ObjectType.MUTEX, mutex, () -> NamedMutex.open(mutex), () -> NamedMutex.createOrOpen(mutex, false));
    }
}
