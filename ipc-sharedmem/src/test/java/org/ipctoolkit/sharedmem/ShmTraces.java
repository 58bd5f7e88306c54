package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestPlatform;

/**
 * Where a shared memory object leaves a trace outside the API. On Linux that is its file in
 * {@code /dev/shm}; on Windows the kernel keeps nothing once the last handle is gone, and
 * {@code OpenFileMapping} failing (which the callers check) is the whole story.
 */
final class ShmTraces {
    private ShmTraces() {
    }

    /** The object's file in {@code /dev/shm} (Linux only). */
    static Path fileOf(String name) {
        return LinuxNamedObject.pathOf(ObjectName.of(SharedMemory.KIND, name));
    }

    static void assertGone(String name) {
        if (TestPlatform.isLinux()) {
            Path path = fileOf(name);
            assertFalse(Files.exists(path), path + " is left behind");
        }
    }

    /**
     * A child JVM creates the object and is killed ({@code SIGKILL}, {@code TerminateProcess})
     * before it can close it: whatever the kernel or the library leaves after a crash stays.
     */
    static void createdByAKilledProcess(String name, int size) {
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "create", name,
                String.valueOf(size))) {
            child.awaitLine("READY");
            child.kill();
        }
    }
}
