package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Windows keeps file mappings and synchronisation objects in one namespace, so a mutex cannot take
 * a name a shared memory holds ({@code ERROR_INVALID_HANDLE}). Windows only: on Linux shared memory
 * keeps its bare names in {@code /dev/shm} for its Python and C peers, apart from the library's own
 * kinds, by design (see {@code ObjectType}), so both may exist there.
 */
@Tag("windows-only")
class WindowsNamespaceTest {

    @Test
    void aSharedMemoryNameIsRefusedToEveryKind() {
        String name = TestNames.unique("shm");
        try (SharedMemory shm = SharedMemory.create(name, 16)) {
            assertTrue(shm.created());
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedMutex.create(name));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedEvent.open(name));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedSemaphore.createOrOpen(name, 0, 1));
        }
    }
}
