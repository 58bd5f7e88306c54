package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of one process's shared memory objects; runs on every backend. */
class SharedMemoryTest {

    private static String name() {
        return TestNames.unique("shm");
    }

    @Test
    void createdMemoryIsZeroAndSeenByASecondHolder() {
        String name = name();
        try (SharedMemory writer = SharedMemory.create(name, 4096)) {
            assertTrue(writer.created());
            assertEquals(name, writer.name());
            assertEquals(4096, writer.size());
            ByteBuffer w = writer.buffer();
            assertEquals(4096, w.capacity());
            for (int i = 0; i < 4096; i++) {
                assertEquals(0, w.get(i), "byte " + i);
            }
            w.putInt(100, 0x12345678);
            try (SharedMemory reader = SharedMemory.open(name)) {
                assertFalse(reader.created());
                assertTrue(reader.size() >= 4096);
                assertEquals(0x12345678, reader.buffer().getInt(100));
                reader.buffer().put(200, (byte) 7);
            }
            assertEquals(7, w.get(200));
        }
    }

    @Test
    void buffersAreInNativeOrderAndIndependent() {
        try (SharedMemory shm = SharedMemory.create(name(), 64)) {
            ByteBuffer a = shm.buffer();
            ByteBuffer b = shm.buffer();
            assertEquals(ByteOrder.nativeOrder(), a.order());
            a.position(10);
            assertEquals(0, b.position());
            a.putInt(0, 1);
            assertEquals(1, b.getInt(0));
        }
    }

    @Test
    void createFailsWhenTheNameExists() {
        String name = name();
        try (SharedMemory first = SharedMemory.create(name, 16)) {
            assertTrue(first.created());
            IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                    () -> SharedMemory.create(name, 16));
            assertEquals(name, e.objectName());
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void openFailsWhenTheNameDoesNotExist() {
        String name = name();
        IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
        assertEquals(name, e.objectName());
        assertEquals(2, e.nativeError().orElseThrow().code(), "ERROR_FILE_NOT_FOUND and ENOENT are both 2");
        assertTrue(e.getMessage().contains("2 ("), e.getMessage());
    }

    @Test
    void createOrOpenTellsWhichHappened() {
        String name = name();
        try (SharedMemory first = SharedMemory.createOrOpen(name, 32)) {
            assertTrue(first.created());
            first.buffer().put(0, (byte) 42);
            try (SharedMemory second = SharedMemory.createOrOpen(name, 32)) {
                assertFalse(second.created());
                assertEquals(42, second.buffer().get(0));
            }
            try (SharedMemory smaller = SharedMemory.createOrOpen(name, 8)) {
                assertFalse(smaller.created());
                assertTrue(smaller.size() >= 32, "an existing object keeps its own size");
            }
        }
    }

    @Test
    void createOrOpenRefusesAnExistingObjectThatIsTooSmall() {
        String name = name();
        try (SharedMemory small = SharedMemory.create(name, 100)) {
            IpcIncompatibleObjectException e = assertThrows(IpcIncompatibleObjectException.class,
                    () -> SharedMemory.createOrOpen(name, 1 << 20));
            assertTrue(e.getMessage().contains("fewer than"), e.getMessage());
            assertEquals(0, small.buffer().get(0), "the existing object is untouched");
        }
    }

    @Test
    void readOnlyOpeningGivesReadOnlyBuffers() {
        String name = name();
        try (SharedMemory rw = SharedMemory.create(name, 16);
             SharedMemory ro = SharedMemory.open(name, SharedMemory.Option.READ_ONLY)) {
            assertTrue(ro.isReadOnly());
            rw.buffer().put(3, (byte) 9);
            ByteBuffer b = ro.buffer();
            assertTrue(b.isReadOnly());
            assertEquals(9, b.get(3));
            assertThrows(ReadOnlyBufferException.class, () -> b.put(0, (byte) 1));
        }
    }

    @Test
    void readOnlyCannotBeCombinedWithCreation() {
        assertThrows(IpcInvalidArgumentException.class,
                () -> SharedMemory.createOrOpen(name(), 16, SharedMemory.Option.READ_ONLY));
    }

    @Test
    void theLastCloseRemovesTheObject() {
        String name = name();
        SharedMemory.create(name, 16).close();
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void anyHolderKeepsTheObjectAlive() {
        String name = name();
        SharedMemory creator = SharedMemory.create(name, 16);
        SharedMemory holder = SharedMemory.open(name);
        creator.buffer().put(0, (byte) 5);
        creator.close();
        try (SharedMemory later = SharedMemory.open(name)) {
            assertEquals(5, later.buffer().get(0));
            holder.close();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseThrows() {
        SharedMemory shm = SharedMemory.create(name(), 16);
        ByteBuffer before = shm.buffer();
        before.put(0, (byte) 1);
        shm.close();
        shm.close();
        assertThrows(IllegalStateException.class, shm::buffer);
        assertThrows(IllegalStateException.class, () -> shm.slice(0, 1));
        assertTrue(shm.toString().contains("closed"));
        before.put(0, (byte) (before.get(0) + 1));  // harmless: see SharedMemoryBufferLifetimeTest
    }

    @Test
    void slicesAreBoundsChecked() {
        try (SharedMemory shm = SharedMemory.create(name(), 100)) {
            ByteBuffer s = shm.slice(90, 10);
            s.put(0, (byte) 3);
            assertEquals(3, shm.buffer().get(90));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.slice(91, 10));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.slice(-1, 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Local\\", "Global\\", "a\\b", "Local\\a\\b", "nul\u0000inside"})
    void invalidNamesAreRefusedBeforeAnyNativeCall(String bad) {
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> SharedMemory.create(bad, 16));
        assertTrue(e.getMessage().contains("invalid name"), e.getMessage());
        assertTrue(e.nativeError().isEmpty());
    }

    @Test
    void tooLongNamesAndNullAreRefused() {
        assertThrows(IpcInvalidArgumentException.class, () -> SharedMemory.open("x".repeat(261)));
        assertThrows(NullPointerException.class, () -> SharedMemory.open(null));
    }

    @Test
    void unusualButValidNamesWork() {
        String name = name() + " 共享 %.";
        try (SharedMemory shm = SharedMemory.create(name, 16)) {
            shm.buffer().put(0, "hi".getBytes(StandardCharsets.US_ASCII));
            try (SharedMemory again = SharedMemory.open(name)) {
                assertEquals('h', again.buffer().get(0));
            }
        }
    }

    @Test
    void theLocalPrefixNamesTheSameObjectInThisSession() {
        String name = name();
        try (SharedMemory plain = SharedMemory.create(name, 16);
             SharedMemory local = SharedMemory.open("Local\\" + name)) {
            plain.buffer().put(0, (byte) 77);
            assertEquals(77, local.buffer().get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, SharedMemory.MAX_SIZE + 1})
    void sizesOutsideTheLimitsAreRefused(long size) {
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> SharedMemory.create(name(), size));
        assertTrue(e.getMessage().contains("size must be"), e.getMessage());
    }

    @Test
    void aSizeTheSystemCannotProvideIsAnErrorNotACrash() {
        String name = name();
        IpcException e = assertThrows(IpcResourceExhaustedException.class,
                () -> SharedMemory.create(name, SharedMemory.MAX_SIZE / 2));
        assertTrue(e.nativeError().isPresent(), e.getMessage());
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name), "nothing is left behind");
    }
}
