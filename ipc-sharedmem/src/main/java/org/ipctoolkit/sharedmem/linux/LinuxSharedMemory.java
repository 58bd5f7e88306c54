package org.ipctoolkit.sharedmem.linux;

import com.sun.jna.Pointer;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;

/**
 * Shared memory on Linux: a file in {@code /dev/shm} mapped with {@code mmap(MAP_SHARED)}, with the
 * Win32 lifetime of {@link LinuxNamedObject}.
 */
public final class LinuxSharedMemory implements SharedMemoryBackend {
    private static final ObjectType TYPE = ObjectType.SHARED_MEMORY;
    private static final String KIND = TYPE.description();

    private final LinuxNamedObject object;

    private LinuxSharedMemory(LinuxNamedObject object) {
        this.object = object;
    }

    /**
     * Creates a new object ({@code open(O_TMPFILE)}, {@code fallocate}, {@code linkat}).
     *
     * @param name its name
     * @param size its size in bytes
     * @return the backend holding it
     */
    public static LinuxSharedMemory create(ObjectName name, long size) {
        return new LinuxSharedMemory(LinuxNamedObject.create(TYPE, name, size));
    }

    /**
     * Opens an existing object.
     *
     * @param name            its name
     * @param readOnly        open for reading only
     * @param allowOtherOwner accept an object of another user
     * @return the backend holding it
     */
    public static LinuxSharedMemory open(ObjectName name, boolean readOnly, boolean allowOtherOwner) {
        return new LinuxSharedMemory(LinuxNamedObject.open(TYPE, name, readOnly, allowOtherOwner));
    }

    /**
     * Opens the object, or creates it if it does not exist.
     *
     * @param name            its name
     * @param size            the size to create with, and the least size an existing one must have
     * @param allowOtherOwner accept an existing object of another user
     * @return the backend holding it
     */
    public static LinuxSharedMemory createOrOpen(ObjectName name, long size, boolean allowOtherOwner) {
        return new LinuxSharedMemory(LinuxNamedObject.createOrOpen(TYPE, name, size, allowOtherOwner));
    }

    /**
     * Removes a name by hand; see {@link LinuxNamedObject#remove}.
     *
     * @param name  the name
     * @param force remove a live object or another program's object too
     * @return true if the object was stale, false if it was removed by force
     */
    public static boolean remove(ObjectName name, boolean force) {
        return LinuxNamedObject.remove(TYPE, name, force) == LinuxNamedObject.Removal.REMOVED_STALE;
    }

    @Override
    public long size() {
        return object.size();
    }

    @Override
    public boolean created() {
        return object.created();
    }

    @Override
    public Pointer mapView() {
        return object.map();
    }

    @Override
    public void unmapView(Pointer address) {
        int errno = LinuxNamedObject.unmap(address, object.size());
        if (errno != 0) {
            throw LinuxErrors.failure(KIND, null, "munmap", errno, null);
        }
    }

    @Override
    public void closeObject() {
        object.close();
    }
}
