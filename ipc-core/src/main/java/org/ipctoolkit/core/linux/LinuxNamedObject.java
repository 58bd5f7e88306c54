package org.ipctoolkit.core.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named object in {@code /dev/shm} with Win32 lifetime: the name exists while a holder has it open,
 * and goes away after the last holder closes or dies.
 *
 * <h2>The protocol</h2>
 * <ul>
 *   <li><b>Creation is atomic.</b> The object is made unnamed ({@code O_TMPFILE}), sized with
 *       {@code fallocate} (so its memory is reserved now, as Windows commits a section, and a
 *       later write can never fault for lack of space), locked, and only then given its name with
 *       {@code linkat}, which fails if the name exists. Nobody ever sees a half-made object.</li>
 *   <li><b>Every holder keeps a shared {@code flock}</b> on its descriptor for as long as it holds
 *       the object. The kernel drops it when the process dies, however it dies.</li>
 *   <li><b>The last holder removes the name.</b> On close a holder asks for the lock exclusively
 *       without waiting; whoever gets it is the last one, and unlinks the name if it still names
 *       the same file.</li>
 *   <li><b>A dead last holder is noticed by the next user.</b> When every holder died, no process
 *       was left to unlink; an object of ours that nobody holds is stale, and the next
 *       {@code open} or {@code create} of that name removes it and carries on as if it were gone.</li>
 *   <li><b>Ours and theirs.</b> Objects this library creates carry the sticky bit
 *       ({@code S_ISVTX}, shown by {@code ls -l} as {@code -rw------T}) besides mode {@code 0600}.
 *       Objects without it were made by another program (Python, C); they are opened and used
 *       like ours but never removed, neither on close nor as stale.</li>
 *   <li><b>Other users' objects</b> are refused with {@link IpcAccessDeniedException} unless the
 *       caller allows them; {@code O_NOFOLLOW} refuses symbolic links.</li>
 * </ul>
 * An opener that loses a race with the last holder's close (it opened the file just before the
 * name was removed) notices that its file no longer has the name and starts over.
 */
public final class LinuxNamedObject {
    /** The directory POSIX shared memory lives in on Linux ({@code shm_open} uses it too). */
    public static final String SHM_DIR = "/dev/shm";

    private static final Logger LOG = LoggerFactory.getLogger(LinuxNamedObject.class);
    private static final int MODE = 0600;
    private static final int ATTEMPTS = 100;
    private static final Libc C = Libc.INSTANCE;

    private final String kind;
    private final ObjectName name;
    private final Path path;
    private final int fd;
    private final long size;
    private final boolean created;
    private final boolean ours;
    private final boolean readOnly;

    private LinuxNamedObject(String kind, ObjectName name, int fd, long size,
                           boolean created, boolean ours, boolean readOnly) {
        this.kind = kind;
        this.name = name;
        this.path = pathOf(name);
        this.fd = fd;
        this.size = size;
        this.created = created;
        this.ours = ours;
        this.readOnly = readOnly;
    }

    /**
     * @param name an object name
     * @return the file that holds the object on Linux: {@code /dev/shm/} + its POSIX form
     */
    public static Path pathOf(ObjectName name) {
        return Path.of(SHM_DIR, name.posixName());
    }

    /**
     * Creates a new object of {@code size} zero bytes; fails if the name exists (and is not stale).
     *
     * @param kind the kind of object, for messages
     * @param name its name
     * @param size its size in bytes, at least 1
     * @return the new object, held by the caller
     * @throws IpcAlreadyExistsException if a live object or another program's object has the name
     */
    public static LinuxNamedObject create(String kind, ObjectName name, long size) {
        int fd = C.open(SHM_DIR, O_TMPFILE | O_RDWR | O_CLOEXEC, MODE | S_ISVTX);
        if (fd < 0) {
            throw LinuxErrors.failure(kind, name.win32Name(), "open", Native.getLastError(),
                    "cannot make an unnamed file in " + SHM_DIR);
        }
        try {
            check(kind, name, "fchmod", C.fchmod(fd, MODE | S_ISVTX));
            allocate(kind, name, fd, size);
            check(kind, name, "flock", C.flock(fd, LOCK_SH));
            Path target = pathOf(name);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (C.linkat(AT_FDCWD, "/proc/self/fd/" + fd, AT_FDCWD, target.toString(), AT_SYMLINK_FOLLOW) == 0) {
                    return new LinuxNamedObject(kind, name, fd, size, true, true, false);
                }
                int errno = Native.getLastError();
                if (errno != EEXIST) {
                    throw LinuxErrors.failure(kind, name.win32Name(), "linkat", errno, null);
                }
                if (!removeIfStale(kind, name)) {
                    throw LinuxErrors.failure(kind, name.win32Name(), "linkat", errno,
                            "an object of this name exists (" + target + ")");
                }
            }
            throw new IpcException(kind, name.win32Name(), "create", null,
                    "the name kept reappearing; gave up after " + ATTEMPTS + " attempts");
        } catch (RuntimeException e) {
            C.close(fd);
            throw e;
        }
    }

    private static void allocate(String kind, ObjectName name, int fd, long size) {
        if (C.fallocate(fd, 0, 0, size) == 0) {
            return;
        }
        int errno = Native.getLastError();
        if (errno != EOPNOTSUPP) {
            throw LinuxErrors.failure(kind, name.win32Name(), "fallocate", errno,
                    "cannot reserve " + size + " bytes in " + SHM_DIR);
        }
        check(kind, name, "ftruncate", C.ftruncate(fd, size));
    }

    /**
     * Opens an existing object.
     *
     * @param kind            the kind of object, for messages
     * @param name            its name
     * @param readOnly        open for reading only
     * @param allowOtherOwner accept an object owned by another user
     * @return the object, held by the caller
     * @throws IpcNotFoundException           if no (live) object has the name
     * @throws IpcAccessDeniedException       if it belongs to another user (and that is not allowed),
     *                                        or the system denies access
     * @throws IpcIncompatibleObjectException if the name is not a regular file, or its size is 0
     */
    public static LinuxNamedObject open(String kind, ObjectName name, boolean readOnly, boolean allowOtherOwner) {
        Path target = pathOf(name);
        int euid = C.geteuid();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int fd = C.open(target.toString(), (readOnly ? O_RDONLY : O_RDWR) | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0) {
                int errno = Native.getLastError();
                throw LinuxErrors.failure(kind, name.win32Name(), "open", errno,
                        errno == ELOOP ? target + " is a symbolic link, which is refused" : null);
            }
            try {
                FileIdentity id = FileIdentity.ofDescriptor(fd, kind, name.win32Name());
                if (!id.isRegularFile()) {
                    throw new IpcIncompatibleObjectException(kind, name.win32Name(), "open", null,
                            target + " is not a regular file");
                }
                if (id.uid() != euid && !allowOtherOwner) {
                    throw new IpcAccessDeniedException(kind, name.win32Name(), "open", null,
                            target + " belongs to user id " + id.uid() + ", not to this user (" + euid
                                    + "); allow other owners explicitly to use it");
                }
                boolean isOurs = (id.mode() & S_ISVTX) != 0;
                if (isOurs && id.uid() == euid && C.flock(fd, LOCK_EX | LOCK_NB) == 0) {
                    unlinkIfSameFile(target, id);
                    LOG.debug("removed stale {} {} (its last holder died)", kind, target);
                    C.close(fd);
                    continue;
                }
                lockShared(kind, name, fd);
                if (!id.sameFile(identityOrNull(target))) {
                    C.close(fd);
                    continue;
                }
                long size = FileIdentity.ofDescriptor(fd, kind, name.win32Name()).size();
                if (size == 0) {
                    throw new IpcIncompatibleObjectException(kind, name.win32Name(), "open", null,
                            target + " has a size of 0 bytes (its creator may not have sized it yet)");
                }
                return new LinuxNamedObject(kind, name, fd, size, false, isOurs, readOnly);
            } catch (RuntimeException e) {
                C.close(fd);
                throw e;
            }
        }
        throw new IpcException(kind, name.win32Name(), "open", null,
                "the object kept disappearing while being opened; gave up after " + ATTEMPTS + " attempts");
    }

    /**
     * Opens the object if it exists, or creates it.
     *
     * @param kind            the kind of object, for messages
     * @param name            its name
     * @param size            the size to create with; an existing object must have at least this size
     * @param allowOtherOwner accept an existing object owned by another user
     * @return the object; {@link #created()} tells which happened
     * @throws IpcIncompatibleObjectException if the existing object is smaller than {@code size}
     */
    public static LinuxNamedObject createOrOpen(String kind, ObjectName name, long size, boolean allowOtherOwner) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return create(kind, name, size);
            } catch (IpcAlreadyExistsException exists) {
                LinuxNamedObject existing;
                try {
                    existing = open(kind, name, false, allowOtherOwner);
                } catch (IpcNotFoundException gone) {
                    continue;
                }
                if (existing.size < size) {
                    existing.close();
                    throw new IpcIncompatibleObjectException(kind, name.win32Name(), "createOrOpen", null,
                            "it exists with " + existing.size + " bytes, fewer than the " + size + " asked for");
                }
                return existing;
            }
        }
        throw new IpcException(kind, name.win32Name(), "createOrOpen", null,
                "the name kept appearing and disappearing; gave up after " + ATTEMPTS + " attempts");
    }

    /** What {@link #remove} did. */
    public enum Removal {
        /** The object was ours and nobody held it: the name was stale. */
        REMOVED_STALE,
        /** The object was in use, or not ours, and was removed because the caller forced it. */
        REMOVED_FORCED
    }

    /**
     * Removes a name by hand (for tools): a stale object of ours (made by this library, owned by this
     * user) always; a live object, one another program created, or one of another user (also for
     * root), only when forced. Holders keep their memory; only the name goes.
     *
     * @param kind  the kind of object, for messages
     * @param name  its name
     * @param force remove even a live object or another program's object
     * @return what was done
     * @throws IpcNotFoundException if nothing has the name
     * @throws IpcException         if the object is live, not ours or another user's, and {@code force}
     *                              is false
     */
    public static Removal remove(String kind, ObjectName name, boolean force) {
        Path target = pathOf(name);
        int fd = C.open(target.toString(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0) {
            throw LinuxErrors.lastFailure(kind, name.win32Name(), "open");
        }
        try {
            FileIdentity id = FileIdentity.ofDescriptor(fd, kind, name.win32Name());
            boolean isOurs = (id.mode() & S_ISVTX) != 0 && id.isRegularFile();
            // Another user's object is never "stale" to us, even for root: only force removes it.
            boolean mine = id.uid() == C.geteuid();
            boolean stale = isOurs && mine && C.flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (!stale && !force) {
                throw new IpcException(kind, name.win32Name(), "remove", null, !mine
                        ? target + " belongs to user id " + id.uid() + ", not to this user (" + C.geteuid()
                                + "); force the removal to delete it anyway"
                        : isOurs
                        ? target + " is in use by a live holder; force the removal to take the name away anyway"
                        : target + " was not created by ipc-toolkit; force the removal to delete it anyway");
            }
            if (C.unlink(target.toString()) != 0) {
                throw LinuxErrors.lastFailure(kind, name.win32Name(), "unlink");
            }
            return stale ? Removal.REMOVED_STALE : Removal.REMOVED_FORCED;
        } finally {
            C.close(fd);
        }
    }

    private static boolean removeIfStale(String kind, ObjectName name) {
        Path target = pathOf(name);
        int fd = C.open(target.toString(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0) {
            return Native.getLastError() == ENOENT;
        }
        try {
            FileIdentity id = FileIdentity.ofDescriptor(fd, kind, name.win32Name());
            boolean staleOfOurs = id.isRegularFile() && (id.mode() & S_ISVTX) != 0
                    && id.uid() == C.geteuid() && C.flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (staleOfOurs) {
                unlinkIfSameFile(target, id);
                LOG.debug("removed stale {} {} (its last holder died)", kind, target);
            }
            return staleOfOurs;
        } finally {
            C.close(fd);
        }
    }

    private static void lockShared(String kind, ObjectName name, int fd) {
        while (C.flock(fd, LOCK_SH) != 0) {
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw LinuxErrors.failure(kind, name.win32Name(), "flock", errno, null);
            }
        }
    }

    private static void unlinkIfSameFile(Path target, FileIdentity id) {
        if (id.sameFile(identityOrNull(target))) {
            C.unlink(target.toString());
        }
    }

    private static FileIdentity identityOrNull(Path target) {
        try {
            return FileIdentity.ofPath(target);
        } catch (IOException e) {
            return null;
        }
    }

    private static void check(String kind, ObjectName name, String function, int result) {
        if (result != 0) {
            throw LinuxErrors.lastFailure(kind, name.win32Name(), function);
        }
    }

    /**
     * Maps the whole object into memory, shared with every other holder.
     *
     * @return the address of the mapping; release it with {@link #unmap(Pointer, long)}
     */
    public Pointer map() {
        int prot = readOnly ? PROT_READ : PROT_READ | PROT_WRITE;
        Pointer address = C.mmap(null, size, prot, MAP_SHARED, fd, 0);
        if (address == null || Pointer.nativeValue(address) == -1L) {
            throw LinuxErrors.lastFailure(kind, name.win32Name(), "mmap");
        }
        return address;
    }

    /**
     * Unmaps a mapping made by {@link #map()}.
     *
     * @param address the mapping's address
     * @param length  its length
     * @return 0, or the errno of a failed {@code munmap}
     */
    public static int unmap(Pointer address, long length) {
        return C.munmap(address, length) == 0 ? 0 : Native.getLastError();
    }

    /**
     * Gives up this holder's hold; the last holder removes the name (if the object is ours).
     * Call once.
     */
    public void close() {
        try {
            if (ours && C.flock(fd, LOCK_EX | LOCK_NB) == 0) {
                unlinkIfSameFile(path, FileIdentity.ofDescriptor(fd, kind, name.win32Name()));
            }
        } finally {
            C.close(fd);
        }
    }

    /** @return the size in bytes, as found at creation or opening */
    public long size() {
        return size;
    }

    /** @return true if this call created the object, false if it opened an existing one */
    public boolean created() {
        return created;
    }

    /** @return true if this library created the object (it carries the sticky bit) */
    public boolean isOurs() {
        return ours;
    }

    /** @return the file that holds the object */
    public Path path() {
        return path;
    }
}
