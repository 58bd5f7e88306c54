package org.ipctoolkit.sharedmem;

import com.sun.jna.platform.win32.Kernel32;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;
import org.ipctoolkit.sharedmem.linux.LinuxSharedMemory;
import org.ipctoolkit.sharedmem.windows.WindowsSharedMemory;

/** The one place that picks the shared memory backend for this platform. */
final class SharedMemoryBackends {
    private static final Platform PLATFORM = Platform.current();
    private static final Throwable UNAVAILABILITY_CAUSE = probe();

    private SharedMemoryBackends() {
    }

    private static Throwable probe() {
        try {
            switch (PLATFORM) {
                case WINDOWS:
                    Kernel32.INSTANCE.GetCurrentProcessId();
                    return null;
                case LINUX:
                    Libc.INSTANCE.geteuid();
                    return Files.isDirectory(Path.of(LinuxNamedObject.SHM_DIR)) ? null
                            : new IllegalStateException(LinuxNamedObject.SHM_DIR + " is not a directory");
                default:
                    return new UnsupportedOperationException("shared memory is not supported on " + PLATFORM
                            + " (" + System.getProperty("os.name") + ")");
            }
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    private static void ensureAvailable(ObjectName name, String operation) {
        if (UNAVAILABILITY_CAUSE != null) {
            IpcException e = new IpcException(SharedMemory.KIND, name.win32Name(), operation, null,
                    "the backend is not available: " + UNAVAILABILITY_CAUSE);
            e.initCause(UNAVAILABILITY_CAUSE);
            throw e;
        }
    }

    static SharedMemoryBackend create(ObjectName name, long size) {
        ensureAvailable(name, "create");
        return PLATFORM.isWindows() ? WindowsSharedMemory.create(name, size, false)
                : LinuxSharedMemory.create(name, size);
    }

    static SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
        ensureAvailable(name, "open");
        return PLATFORM.isWindows() ? WindowsSharedMemory.open(name, readOnly)
                : LinuxSharedMemory.open(name, readOnly, allowOtherOwner);
    }

    static SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
        ensureAvailable(name, "createOrOpen");
        return PLATFORM.isWindows() ? WindowsSharedMemory.create(name, size, true)
                : LinuxSharedMemory.createOrOpen(name, size, allowOtherOwner);
    }

    static boolean removeName(ObjectName name, boolean force) {
        ensureAvailable(name, "removeName");
        if (PLATFORM.isWindows()) {
            throw new UnsupportedOperationException("Windows has no stale names: the kernel deletes a file"
                    + " mapping with its last handle, so there is nothing to remove");
        }
        return LinuxSharedMemory.remove(name, force);
    }
}
