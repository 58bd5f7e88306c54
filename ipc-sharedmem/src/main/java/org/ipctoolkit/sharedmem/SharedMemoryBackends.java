package org.ipctoolkit.sharedmem;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.core.windows.WindowsProbe;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;
import org.ipctoolkit.sharedmem.linux.LinuxSharedMemory;
import org.ipctoolkit.sharedmem.windows.WindowsSharedMemory;

/**
 * The one place that picks the shared memory backend for this platform: one {@code switch} on
 * {@link Platform#current()}, run once, which also runs the backend's real probe (Windows:
 * {@code CreateFileMappingW} of a one-byte unnamed mapping; Linux: {@code open(O_TMPFILE)} in
 * {@code /dev/shm}, on x86-64 and AArch64 only).
 */
final class SharedMemoryBackends {
    private static final Factory FACTORY = select(Platform.current());

    private SharedMemoryBackends() {
    }

    /** What a platform's backend offers; each operation is called after the availability check. */
    private interface Factory {
        Availability availability();

        SharedMemoryBackend create(ObjectName name, long size);

        SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner);

        SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner);

        boolean removeName(ObjectName name, boolean force);
    }

    private static Factory select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return new WindowsFactory(WindowsProbe.probeFileMapping());
            case LINUX:
                return new LinuxFactory(ObjectType.SHARED_MEMORY.namespace().availability());
            default:
                return new UnsupportedFactory(Availability.unavailable(new UnsupportedOperationException(
                        "shared memory is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
        }
    }

    private record WindowsFactory(Availability availability) implements Factory {
        @Override
        public SharedMemoryBackend create(ObjectName name, long size) {
            return WindowsSharedMemory.create(name, size, false);
        }

        @Override
        public SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
            return WindowsSharedMemory.open(name, readOnly);
        }

        @Override
        public SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
            return WindowsSharedMemory.create(name, size, true);
        }

        @Override
        public boolean removeName(ObjectName name, boolean force) {
            throw new UnsupportedOperationException("Windows has no stale names: the kernel deletes a file"
                    + " mapping with its last handle, so there is nothing to remove");
        }
    }

    private record LinuxFactory(Availability availability) implements Factory {
        @Override
        public SharedMemoryBackend create(ObjectName name, long size) {
            return LinuxSharedMemory.create(name, size);
        }

        @Override
        public SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
            return LinuxSharedMemory.open(name, readOnly, allowOtherOwner);
        }

        @Override
        public SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
            return LinuxSharedMemory.createOrOpen(name, size, allowOtherOwner);
        }

        @Override
        public boolean removeName(ObjectName name, boolean force) {
            return LinuxSharedMemory.remove(name, force);
        }
    }

    private record UnsupportedFactory(Availability availability) implements Factory {
        @Override
        public SharedMemoryBackend create(ObjectName name, long size) {
            throw new AssertionError("unreachable: the availability check throws first");
        }

        @Override
        public SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
            throw new AssertionError("unreachable: the availability check throws first");
        }

        @Override
        public SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
            throw new AssertionError("unreachable: the availability check throws first");
        }

        @Override
        public boolean removeName(ObjectName name, boolean force) {
            throw new AssertionError("unreachable: the availability check throws first");
        }
    }

    static Availability availability() {
        return FACTORY.availability();
    }

    private static Factory available(ObjectName name, String operation) {
        FACTORY.availability().ensureAvailable(SharedMemory.KIND, name.win32Name(), operation);
        return FACTORY;
    }

    static SharedMemoryBackend create(ObjectName name, long size) {
        return available(name, "create").create(name, size);
    }

    static SharedMemoryBackend open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
        return available(name, "open").open(name, readOnly, allowOtherOwner);
    }

    static SharedMemoryBackend createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
        return available(name, "createOrOpen").createOrOpen(name, size, allowOtherOwner);
    }

    static boolean removeName(ObjectName name, boolean force) {
        return available(name, "removeName").removeName(name, force);
    }
}
