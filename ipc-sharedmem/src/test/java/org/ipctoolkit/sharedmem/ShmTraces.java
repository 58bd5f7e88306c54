package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.testkit.TestPlatform;

/**
 * Where a shared memory object leaves a trace outside the API. On Linux that is its file in
 * {@code /dev/shm}; on Windows the kernel keeps nothing once the last handle is gone, and
 * {@code OpenFileMapping} failing (which the callers check) is the whole story.
 */
final class ShmTraces {
    private ShmTraces() {
    }

    static void assertGone(String name) {
        if (TestPlatform.isLinux()) {
            var path = LinuxNamedObject.pathOf(ObjectName.of(SharedMemory.KIND, name));
            assertFalse(Files.exists(path), path + " is left behind");
        }
    }
}
