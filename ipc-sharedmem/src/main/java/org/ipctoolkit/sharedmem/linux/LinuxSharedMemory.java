package org.ipctoolkit.sharedmem.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.MAP_ANONYMOUS;
import static org.ipctoolkit.core.linux.LinuxConstants.MAP_FIXED;
import static org.ipctoolkit.core.linux.LinuxConstants.MAP_NORESERVE;
import static org.ipctoolkit.core.linux.LinuxConstants.MAP_PRIVATE;
import static org.ipctoolkit.core.linux.LinuxConstants.PROT_READ;
import static org.ipctoolkit.core.linux.LinuxConstants.PROT_WRITE;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared memory on Linux: a file in {@code /dev/shm} mapped with {@code mmap(MAP_SHARED)}, with the
 * Win32 lifetime of {@link LinuxNamedObject}.
 *
 * <p>At close the shared mapping is replaced in place, in one {@code mmap(MAP_FIXED)} call, by
 * private anonymous memory ({@code MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE}): the file loses its
 * last reference from this process at once (its pages are freed when no holder is left), and a
 * buffer still in use touches zero-filled pages of this process alone. The kernel swaps the two
 * mappings under its address-space lock, so even a thread using a buffer during the close never
 * finds the range unmapped. The private range is unmapped once its buffers are collected.
 *
 * <p>Not under strict overcommit ({@code vm.overcommit_memory=2}): there the kernel ignores
 * {@code MAP_NORESERVE} and charges the private memory to the commit limit, and a kernel before 6.12
 * checks that charge after it has already removed the old mapping, so a failure would leave the
 * range unmapped under the buffers. There the shared mapping stays until the buffers are collected.
 */
public final class LinuxSharedMemory implements SharedMemoryBackend {
    private static final ObjectType TYPE = ObjectType.SHARED_MEMORY;
    private static final String KIND = TYPE.description();
    private static final Logger LOG = LoggerFactory.getLogger(LinuxSharedMemory.class);
    private static final String OVERCOMMIT = "/proc/sys/vm/overcommit_memory";
    /** False under strict overcommit, or if the mode cannot be read. */
    private static final boolean SWAP_AT_CLOSE = !strictOvercommit();

    private final LinuxNamedObject object;
    private final boolean readOnly;
    /** False once the view no longer maps the file (swapped at close, or freed): then closing the
     *  descriptor alone releases the shared lock. Written and read by the closing thread. */
    private volatile boolean viewMapsTheFile = true;

    private LinuxSharedMemory(LinuxNamedObject object, boolean readOnly) {
        this.object = object;
        this.readOnly = readOnly;
    }

    /**
     * Creates a new object ({@code open(O_TMPFILE)}, {@code fallocate}, {@code linkat}).
     *
     * @param name its name
     * @param size its size in bytes
     * @return the backend holding it
     */
    public static LinuxSharedMemory create(ObjectName name, long size) {
        return new LinuxSharedMemory(LinuxNamedObject.create(TYPE, name, size), false);
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
        return new LinuxSharedMemory(LinuxNamedObject.open(TYPE, name, readOnly, allowOtherOwner), readOnly);
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
        return new LinuxSharedMemory(LinuxNamedObject.createOrOpen(TYPE, name, size, allowOtherOwner), false);
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

    private static boolean strictOvercommit() {
        try {
            return !Files.readString(Path.of(OVERCOMMIT)).trim().matches("[01]");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * {@code mmap(address, size, prot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)}
     * over the shared mapping. Should that fail (it needs a new mapping, so {@code ENOMEM} is
     * possible), the shared mapping stays until {@link #freeView}, and a warning is logged.
     */
    @Override
    public void retireView(Pointer address) {
        if (!SWAP_AT_CLOSE) {
            LOG.debug("{} \"{}\": {} is not 0 or 1 (strict overcommit); the closed view stays mapped until"
                    + " its buffers are collected", KIND, object.path(), OVERCOMMIT);
            return;
        }
        int prot = readOnly ? PROT_READ : PROT_READ | PROT_WRITE;
        Pointer replaced = Libc.mmap(address, object.size(), prot,
                MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (Pointer.nativeValue(replaced) == Pointer.nativeValue(address)) {
            viewMapsTheFile = false;
        } else {
            int errno = Native.getLastError();
            LOG.warn("{} \"{}\": mmap(MAP_FIXED) over the closed view failed (errno {}); its {} bytes stay"
                    + " mapped until its buffers are collected", KIND, object.path(), errno, object.size());
        }
    }

    /** {@code munmap} of the view's range (shared, or private after {@link #retireView}). */
    @Override
    public void freeView(Pointer address) {
        int errno = LinuxNamedObject.unmap(address, object.size());
        if (errno == 0) {
            viewMapsTheFile = false;
        } else {
            throw LinuxErrors.failure(KIND, null, "munmap", errno, null);
        }
    }

    @Override
    public void closeObject() {
        object.close(viewMapsTheFile);
    }
}
