package org.ipctoolkit.core.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named object on Linux with Win32 lifetime: a file in a {@link Namespace} under {@code /dev/shm}
 * whose name exists while a holder has it open, and goes away after the last holder closes or dies.
 * Its {@link ObjectType} says where its name lives and whether it starts with a
 * {@link NamedObjectHeader}.
 *
 * <h2>The lifetime protocol</h2>
 * <ul>
 *   <li><b>Initialise, then publish.</b> The object is made unnamed ({@code open(O_TMPFILE)}),
 *       sized with {@code fallocate} (its memory is reserved now, as Windows commits a section, so
 *       a later write never faults for lack of space), given its header and initial body (kinds
 *       with a header: the body by the caller's {@link Initializer}, then the header, magic last),
 *       locked shared, and only then named with {@code linkat}, which fails if the name exists.
 *       Nobody ever sees a half-made object.</li>
 *   <li><b>Every holder keeps a shared {@code flock}</b> on its descriptor while it holds the
 *       object. The kernel drops it when the process dies, however it dies. A peer that is not
 *       this library (Python, C) counts as a holder only if it takes the same lock: see
 *       {@code interop/python/ipctoolkit_shm.py} and {@code interop/c/ipctoolkit_shm.h}.</li>
 *   <li><b>The last holder removes the name.</b> On close a holder asks for the lock exclusively
 *       without waiting ({@code LOCK_EX|LOCK_NB}); whoever gets it is the last one and unlinks the
 *       name if it still names the same file. It then releases the lock explicitly
 *       ({@code LOCK_UN}) before {@code close}: a lock belongs to the open file description, which a
 *       mapping keeps alive after {@code close}, so without it a closed holder whose buffers are
 *       still reachable would keep the lock until they are collected. {@code LOCK_EX} is never held
 *       longer than the unlink decision.</li>
 *   <li><b>A dead last holder is noticed by the next user.</b> When every holder died, no process
 *       was left to unlink; an object of ours that nobody holds is stale, and the next
 *       {@code open} or {@code create} of that name removes it and carries on as if it were gone.</li>
 *   <li><b>Opening never blocks.</b> Every open uses {@code O_NONBLOCK | O_NOFOLLOW | O_NOCTTY},
 *       and whatever is not a regular file (a FIFO, a directory, a device, a socket) is refused at
 *       once with {@link IpcIncompatibleObjectException}; a symbolic link with
 *       {@link IpcAccessDeniedException}.</li>
 *   <li><b>Every lock wait has a deadline.</b> The only wait is an opener's shared lock while
 *       another process holds the object exclusively: a closing holder does for microseconds, a
 *       hostile or stuck process ({@code flock /dev/shm/NAME sleep 600}) for ever. The opener retries
 *       with {@code LOCK_NB} and a growing pause (10 us up to 10 ms) until
 *       {@value #DEFAULT_LOCK_TIMEOUT_MILLIS} ms have passed (the system property
 *       {@value #LOCK_TIMEOUT_PROPERTY} sets another number of milliseconds, read when a wait
 *       starts), then fails with an {@link IpcException} that says the object is busy. An interrupt
 *       ends the wait too, with the interrupt status kept.</li>
 *   <li><b>Ours and theirs.</b> Objects this library creates carry the sticky bit
 *       ({@code S_ISVTX}, shown by {@code ls -l} as {@code -rw------T}) besides mode {@code 0600}.
 *       Objects without it were made by another program (Python, C); they are opened and used
 *       like ours but never removed, neither on close nor as stale.</li>
 *   <li><b>Other users' objects</b> are refused with {@link IpcAccessDeniedException} unless the
 *       caller allows them (shared memory only; the library's namespace is private to its user),
 *       and are never removed as stale.</li>
 * </ul>
 * An opener that loses a race with the last holder's close (it opened the file just before the
 * name was removed) notices after locking that its file no longer has the name, and starts over.
 *
 * <h2>System calls</h2>
 * create: {@code open(O_TMPFILE)}, {@code statx}, {@code fallocate}, {@code flock},
 * {@code linkat}; open: {@code open}, {@code statx}, {@code flock} twice (the stale test and the
 * shared lock), {@code statx} of the name; close: {@code flock}, {@code flock(LOCK_UN)},
 * {@code close}, and for the last holder {@code statx} and {@code unlink} too. Kinds with a header
 * add an {@code mmap} (and {@code munmap} at close).
 *
 * <p>An instance is not thread-safe; its owner (e.g. {@code SharedMemory}) serialises
 * {@link #close()}, which runs once.
 */
public final class LinuxNamedObject {
    /** The directory POSIX shared memory lives in on Linux ({@code shm_open} uses it too). */
    public static final String SHM_DIR = "/dev/shm";
    /** The system property that sets how long a lock wait lasts, in milliseconds. */
    public static final String LOCK_TIMEOUT_PROPERTY = "ipctoolkit.linux.lockTimeoutMillis";
    /** How long a lock wait lasts when {@value #LOCK_TIMEOUT_PROPERTY} is not set, in milliseconds. */
    public static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxNamedObject.class);
    private static final int MODE = 0600;
    private static final int ATTEMPTS = 100;
    private static final int OPEN_FLAGS = O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Writes the initial state of a new object's body, before its name appears. */
    @FunctionalInterface
    public interface Initializer {
        /** Leaves the body zeroed. */
        Initializer ZEROS = body -> { };

        /**
         * @param body a direct buffer over the body (after the header), zeroed, in native byte order
         */
        void initialize(ByteBuffer body);
    }

    private final ObjectType type;
    private final ObjectName name;
    private final Target path;
    private final int fd;
    private final FileIdentity identity;
    private final long size;
    private final boolean created;
    private final boolean ours;
    private final boolean readOnly;
    private final Pointer mapping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LinuxNamedObject(ObjectType type, ObjectName name, Target path, int fd, FileIdentity identity,
                             long size, boolean created, boolean ours, boolean readOnly, Pointer mapping) {
        this.type = type;
        this.name = name;
        this.path = path;
        this.fd = fd;
        this.identity = identity;
        this.size = size;
        this.created = created;
        this.ours = ours;
        this.readOnly = readOnly;
        this.mapping = mapping;
    }

    /**
     * @param name an object name
     * @return the file that holds a shared memory object of that name: {@code /dev/shm/} + its POSIX form
     */
    public static Path pathOf(ObjectName name) {
        return pathOf(ObjectType.SHARED_MEMORY, name);
    }

    /**
     * @param type the kind of object
     * @param name an object name
     * @return the file that holds an object of that kind and name
     */
    public static Path pathOf(ObjectType type, ObjectName name) {
        return Path.of(type.namespace().pathOf(name));
    }

    /**
     * @return how long a lock wait lasts now: {@value #LOCK_TIMEOUT_PROPERTY} if it holds a
     *         non-negative number of milliseconds, else {@value #DEFAULT_LOCK_TIMEOUT_MILLIS}
     */
    public static long lockTimeoutMillis() {
        Long value = Long.getLong(LOCK_TIMEOUT_PROPERTY);
        return value == null || value < 0 ? DEFAULT_LOCK_TIMEOUT_MILLIS : value;
    }

    // ---------------------------------------------------------------------------------------- create

    /**
     * Creates a new object of a kind without header (shared memory) of {@code size} zero bytes;
     * fails if the name exists (and is not stale).
     *
     * @param type a kind without header
     * @param name its name
     * @param size its size in bytes, at least 1
     * @return the new object, held by the caller
     * @throws IpcAlreadyExistsException      if a live object or another program's object has the name
     * @throws IpcIncompatibleObjectException if the name is something else than a regular file
     * @throws IpcAccessDeniedException       if the name is a symbolic link
     */
    public static LinuxNamedObject create(ObjectType type, ObjectName name, long size) {
        requireHeader(type, false);
        return create(type, name, size, null, "create");
    }

    /**
     * Creates a new object of a kind with header; its body is written by {@code initializer} before
     * the name appears. Fails if the name exists (and is not stale).
     *
     * @param type        a kind with header
     * @param name        its name
     * @param initializer writes the body's initial state
     * @return the new object, held and mapped by the caller
     * @throws IpcAlreadyExistsException      if a live object of this kind has the name
     * @throws IpcIncompatibleObjectException if another kind holds the name (Win32's
     *                                        {@code ERROR_INVALID_HANDLE}), or it is not a regular file
     */
    public static LinuxNamedObject create(ObjectType type, ObjectName name, Initializer initializer) {
        requireHeader(type, true);
        return create(type, name, type.fileSize(), Objects.requireNonNull(initializer, "initializer"), "create");
    }

    private static LinuxNamedObject create(ObjectType type, ObjectName name, long size, Initializer initializer,
                                           String operation) {
        Namespace ns = type.namespace();
        ns.availability().ensureAvailable(type.description(), name.win32Name(), operation);
        Target target = new Target(ns, ns.pathOf(name));
        int fd = openUnnamed(type, name, operation);
        Pointer mapping = null;
        try {
            FileIdentity id = identify(type, name, fd);
            if (id.permissions() != (MODE | S_ISVTX)) {
                // The umask took some of the bits open() was given.
                check(type, name, "fchmod", Libc.fchmod(fd, MODE | S_ISVTX));
            }
            allocate(type, name, fd, size);
            if (type.hasHeader()) {
                mapping = mmap(type, name, fd, size, false);
                ByteBuffer whole = mapping.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
                initializer.initialize(whole.slice(NamedObjectHeader.LENGTH, type.bodySize())
                        .order(ByteOrder.nativeOrder()));
                NamedObjectHeader.write(whole, type, Ids.PID);
            }
            check(type, name, "flock", Libc.flock(fd, LOCK_SH | LOCK_NB));
            byte[] source = FileIdentity.cString("/proc/self/fd/" + fd);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (Libc.linkat(AT_FDCWD, source, AT_FDCWD, target.c, AT_SYMLINK_FOLLOW) == 0) {
                    return new LinuxNamedObject(type, name, target, fd, id, size, true, true, false, mapping);
                }
                int errno = Native.getLastError();
                if (errno == ENOENT && ns.isPrivate()) {
                    ns.ensureDirectory();   // the last holder of another object removed the empty directory
                    continue;
                }
                if (errno != EEXIST) {
                    throw LinuxErrors.failure(type.description(), name.win32Name(), "linkat", errno, null);
                }
                if (removeIfStale(type, name, target, operation) == Existing.LIVE) {
                    throw LinuxErrors.failure(type.description(), name.win32Name(), "linkat", errno,
                            "an object of this name exists (" + target + ")");
                }
            }
            throw new IpcException(type.description(), name.win32Name(), operation, null,
                    "the name kept reappearing; gave up after " + ATTEMPTS + " attempts");
        } catch (RuntimeException | Error e) {
            if (mapping != null) {
                Libc.munmap(mapping, size);
            }
            Libc.close(fd);
            throw e;
        }
    }

    private static int openUnnamed(ObjectType type, ObjectName name, String operation) {
        Namespace ns = type.namespace();
        int fd = Libc.open(ns.directoryBytes(), O_TMPFILE | O_RDWR | O_CLOEXEC, MODE | S_ISVTX);
        for (int attempt = 0; fd < 0 && Native.getLastError() == ENOENT && ns.isPrivate()
                && attempt < ATTEMPTS; attempt++) {
            // The library's directory went (the last holder of the last object removes it when empty).
            ns.ensureDirectory();
            fd = Libc.open(ns.directoryBytes(), O_TMPFILE | O_RDWR | O_CLOEXEC, MODE | S_ISVTX);
        }
        if (fd < 0) {
            throw LinuxErrors.failure(type.description(), name.win32Name(), "open", Native.getLastError(),
                    "cannot make an unnamed file in " + ns.directory());
        }
        return fd;
    }

    private static void allocate(ObjectType type, ObjectName name, int fd, long size) {
        if (Libc.fallocate(fd, 0, 0, size) == 0) {
            return;
        }
        int errno = Native.getLastError();
        if (errno != EOPNOTSUPP) {
            throw LinuxErrors.failure(type.description(), name.win32Name(), "fallocate", errno,
                    "cannot reserve " + size + " bytes in " + type.namespace().directory());
        }
        check(type, name, "ftruncate", Libc.ftruncate(fd, size));
    }

    // ------------------------------------------------------------------------------------------ open

    /**
     * Opens an existing object of a kind without header (shared memory).
     *
     * @param type            a kind without header
     * @param name            its name
     * @param readOnly        open for reading only
     * @param allowOtherOwner accept an object owned by another user
     * @return the object, held by the caller
     * @throws IpcNotFoundException           if no (live) object has the name
     * @throws IpcAccessDeniedException       if it belongs to another user (and that is not allowed),
     *                                        is a symbolic link, or the system denies access
     * @throws IpcIncompatibleObjectException if the name is not a regular file, or its size is 0
     * @throws IpcException                   if another process holds it exclusively for longer than
     *                                        the lock timeout (it is busy)
     */
    public static LinuxNamedObject open(ObjectType type, ObjectName name, boolean readOnly, boolean allowOtherOwner) {
        requireHeader(type, false);
        return open(type, name, readOnly, allowOtherOwner, "open");
    }

    /**
     * Opens an existing object of a kind with header, checks its header and maps it read-write.
     *
     * @param type a kind with header
     * @param name its name
     * @return the object, held and mapped by the caller
     * @throws IpcNotFoundException           if no (live) object has the name
     * @throws IpcIncompatibleObjectException if another kind holds the name, another version of the
     *                                        library made it, or it is not an object of the library
     * @throws IpcException                   if it is busy (see the class description)
     */
    public static LinuxNamedObject open(ObjectType type, ObjectName name) {
        requireHeader(type, true);
        return open(type, name, false, false, "open");
    }

    private static LinuxNamedObject open(ObjectType type, ObjectName name, boolean readOnly, boolean allowOtherOwner,
                                         String operation) {
        Namespace ns = type.namespace();
        ns.availability().ensureAvailable(type.description(), name.win32Name(), operation);
        Target target = new Target(ns, ns.pathOf(name));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int fd = openExisting(type, name, target, readOnly ? O_RDONLY : O_RDWR, operation);
            boolean locked = false;
            try {
                FileIdentity id = identify(type, name, fd);
                requireRegularFile(type, name, target, id, operation);
                if (id.uid() != Ids.EUID && (!allowOtherOwner || type.hasHeader())) {
                    throw new IpcAccessDeniedException(type.description(), name.win32Name(), operation, null,
                            target + " belongs to user id " + id.uid() + ", not to this user (" + Ids.EUID + ")"
                                    + (type.hasHeader() ? "" : "; allow other owners explicitly to use it"));
                }
                boolean isOurs = id.isSticky();
                if (isOurs && id.uid() == Ids.EUID && Libc.flock(fd, LOCK_EX | LOCK_NB) == 0) {
                    unlinkIfSameFile(target, id);
                    LOG.debug("removed stale {} {} (its last holder died)", type.description(), target);
                    continue;
                }
                lockShared(type, name, target, fd, operation);
                locked = true;
                FileIdentity named = FileIdentity.ofPath(target.c);
                if (!id.sameFile(named)) {
                    continue;   // the last holder removed the name after we opened the file
                }
                long size = named.size();
                if (size == 0) {
                    throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                            target + " has a size of 0 bytes (its creator may not have sized it yet)");
                }
                Pointer mapping = type.hasHeader() ? mapAndCheckHeader(type, name, target, fd, size, operation) : null;
                LinuxNamedObject object = new LinuxNamedObject(type, name, target, fd, named, size, false, isOurs,
                        readOnly, mapping);
                fd = -1;
                return object;
            } finally {
                if (fd >= 0) {
                    if (locked) {
                        Libc.flock(fd, LOCK_UN);
                    }
                    Libc.close(fd);
                }
            }
        }
        throw new IpcException(type.description(), name.win32Name(), operation, null,
                "the object kept disappearing while being opened; gave up after " + ATTEMPTS + " attempts");
    }

    /**
     * Reads the body of an object of a kind with header <b>without holding it</b>: no lock is taken
     * and nothing is mapped, so the reader neither extends the object's life nor delays its removal
     * (ipc-mailslot's clients read their server's token this way). The object may be stale (every
     * holder died): the caller must find out by other means whether it lives. Never blocks; the
     * system calls are {@code open(O_RDONLY|O_NONBLOCK|O_NOFOLLOW)}, {@code statx}, {@code pread}
     * and {@code close}.
     *
     * @param type a kind with header
     * @param name its name
     * @return a copy of the body on the heap, in native byte order
     * @throws IpcNotFoundException           if nothing has the name
     * @throws IpcIncompatibleObjectException if another kind holds the name, another version of the
     *                                        library made it, or it is not an object of the library
     * @throws IpcAccessDeniedException       if it belongs to another user or is a symbolic link
     */
    public static ByteBuffer readBody(ObjectType type, ObjectName name) {
        requireHeader(type, true);
        String operation = "open";
        Namespace ns = type.namespace();
        ns.availability().ensureAvailable(type.description(), name.win32Name(), operation);
        Target target = new Target(ns, ns.pathOf(name));
        int fd = openExisting(type, name, target, O_RDONLY, operation);
        try {
            FileIdentity id = identify(type, name, fd);
            requireRegularFile(type, name, target, id, operation);
            if (id.uid() != Ids.EUID) {
                throw new IpcAccessDeniedException(type.description(), name.win32Name(), operation, null,
                        target + " belongs to user id " + id.uid() + ", not to this user (" + Ids.EUID + ")");
            }
            byte[] whole = new byte[(int) type.fileSize()];
            int wanted = (int) Math.min(whole.length, id.size());
            long read = Libc.pread(fd, whole, wanted, 0);
            if (read < 0) {
                throw LinuxErrors.lastFailure(type.description(), name.win32Name(), "pread");
            }
            String problem = NamedObjectHeader.problem(ByteBuffer.wrap(whole).order(ByteOrder.nativeOrder()), type,
                    read < wanted ? read : id.size());
            if (problem != null) {
                throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                        target + ": " + problem);
            }
            return ByteBuffer.wrap(whole, NamedObjectHeader.LENGTH, type.bodySize()).slice()
                    .order(ByteOrder.nativeOrder());
        } finally {
            Libc.close(fd);
        }
    }

    /** {@code open} that never blocks and never follows a link, with its failures explained. */
    private static int openExisting(ObjectType type, ObjectName name, Target target, int access, String operation) {
        int fd = Libc.open(target.c, access | OPEN_FLAGS, 0);
        if (fd < 0) {
            throw openFailure(type, name, target, Native.getLastError(), operation);
        }
        return fd;
    }

    /** What {@code fd} is ({@code statx}); a failure of the call is the operation's failure. */
    private static FileIdentity identify(ObjectType type, ObjectName name, int fd) {
        FileIdentity id = FileIdentity.ofDescriptor(fd);
        if (id == null) {
            throw LinuxErrors.lastFailure(type.description(), name.win32Name(), "statx");
        }
        return id;
    }

    private static IpcException openFailure(ObjectType type, ObjectName name, Target target, int errno,
                                            String operation) {
        switch (errno) {
            case ELOOP:
                return LinuxErrors.failure(type.description(), name.win32Name(), operation, errno,
                        target + " is a symbolic link, which is refused");
            case EISDIR:
                return new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation,
                        LinuxErrors.describe(errno), target + " is a directory, not " + type.withArticle());
            default:
                return LinuxErrors.failure(type.description(), name.win32Name(), "open", errno, null);
        }
    }

    private static void requireRegularFile(ObjectType type, ObjectName name, Target target, FileIdentity id,
                                           String operation) {
        if (!id.isRegularFile()) {
            throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                    target + " is " + id.fileType() + ", not " + type.withArticle());
        }
    }

    private static Pointer mapAndCheckHeader(ObjectType type, ObjectName name, Target target, int fd, long size,
                                             String operation) {
        if (size < NamedObjectHeader.LENGTH) {
            throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                    target + ": " + NamedObjectHeader.problem(ByteBuffer.allocate(0), type, size));
        }
        Pointer mapping = mmap(type, name, fd, size, false);
        String problem = NamedObjectHeader.problem(
                mapping.getByteBuffer(0, NamedObjectHeader.LENGTH).order(ByteOrder.nativeOrder()), type, size);
        if (problem != null) {
            Libc.munmap(mapping, size);
            throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                    target + ": " + problem);
        }
        return mapping;
    }

    /**
     * Takes the shared lock, waiting with {@code LOCK_NB} and growing pauses up to the lock timeout.
     */
    private static void lockShared(ObjectType type, ObjectName name, Target target, int fd, String operation) {
        if (Libc.flock(fd, LOCK_SH | LOCK_NB) == 0) {
            return;
        }
        checkWouldBlock(type, name, operation);
        long timeoutMillis = lockTimeoutMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IpcException(type.description(), name.win32Name(), operation, LinuxErrors.describe(EWOULDBLOCK),
                        target + " is busy: another process holds it exclusively (flock LOCK_EX) and did not let go"
                                + " within " + timeoutMillis + " ms. A closing holder lets go within microseconds, so"
                                + " that process holds it on purpose or is stuck; the system property "
                                + LOCK_TIMEOUT_PROPERTY + " sets how many milliseconds to wait");
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IpcException(type.description(), name.win32Name(), operation, null,
                        "interrupted while waiting for another process to let go of " + target);
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            if (Libc.flock(fd, LOCK_SH | LOCK_NB) == 0) {
                return;
            }
            checkWouldBlock(type, name, operation);
        }
    }

    private static void checkWouldBlock(ObjectType type, ObjectName name, String operation) {
        int errno = Native.getLastError();
        if (errno != EWOULDBLOCK && errno != EINTR) {
            throw LinuxErrors.failure(type.description(), name.win32Name(), "flock", errno, "in " + operation);
        }
    }

    // ---------------------------------------------------------------------------------- createOrOpen

    /**
     * Opens the object (of a kind without header) if it exists, or creates it.
     *
     * @param type            a kind without header
     * @param name            its name
     * @param size            the size to create with; an existing object must have at least this size
     * @param allowOtherOwner accept an existing object owned by another user
     * @return the object; {@link #created()} tells which happened
     * @throws IpcIncompatibleObjectException if the existing object is smaller than {@code size}, or
     *                                        the name is not a regular file
     */
    public static LinuxNamedObject createOrOpen(ObjectType type, ObjectName name, long size, boolean allowOtherOwner) {
        requireHeader(type, false);
        return createOrOpen(type, name, size, null, allowOtherOwner);
    }

    /**
     * Opens the object (of a kind with header) if it exists, or creates it with
     * {@code initializer} writing its body. The initializer may also run for a creation attempt that
     * loses a race with another creator and is thrown away; it must do nothing but write the body.
     *
     * @param type        a kind with header
     * @param name        its name
     * @param initializer writes the body's initial state, if this call creates it
     * @return the object; {@link #created()} tells which happened
     * @throws IpcIncompatibleObjectException if another kind holds the name, or another library version
     */
    public static LinuxNamedObject createOrOpen(ObjectType type, ObjectName name, Initializer initializer) {
        requireHeader(type, true);
        return createOrOpen(type, name, type.fileSize(), Objects.requireNonNull(initializer, "initializer"), false);
    }

    private static LinuxNamedObject createOrOpen(ObjectType type, ObjectName name, long size, Initializer initializer,
                                                 boolean allowOtherOwner) {
        // Open first: opening an existing object is the common case, and a creation attempt costs an
        // unnamed file, its fallocate (of the whole size) and the initializer.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            LinuxNamedObject existing;
            try {
                existing = open(type, name, false, allowOtherOwner, "createOrOpen");
            } catch (IpcNotFoundException missing) {
                try {
                    return create(type, name, size, initializer, "createOrOpen");
                } catch (IpcAlreadyExistsException lostTheRace) {
                    continue;
                }
            }
            if (existing.size < size) {
                existing.close();
                throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), "createOrOpen", null,
                        "it exists with " + existing.size + " bytes, fewer than the " + size + " asked for");
            }
            return existing;
        }
        throw new IpcException(type.description(), name.win32Name(), "createOrOpen", null,
                "the name kept appearing and disappearing; gave up after " + ATTEMPTS + " attempts");
    }

    // ---------------------------------------------------------------------------------------- remove

    /** What {@link #remove} did. */
    public enum Removal {
        /** The object was ours and nobody held it: the name was stale. */
        REMOVED_STALE,
        /** The object was in use, not ours, or not an object, and was removed because the caller forced it. */
        REMOVED_FORCED
    }

    /**
     * Removes a name by hand (for tools): a stale object of ours always; a live object, another
     * program's or another user's object, or anything that is not an object (a FIFO, a symbolic
     * link: the link itself), only when forced. Holders keep their memory; only the name goes.
     * Never blocks.
     *
     * @param type  the kind of object, for its namespace and messages
     * @param name  its name
     * @param force remove whatever has the name
     * @return what was done
     * @throws IpcNotFoundException           if nothing has the name
     * @throws IpcIncompatibleObjectException if it is not a regular file (or another kind's object)
     *                                        and {@code force} is false
     * @throws IpcAccessDeniedException       if it is a symbolic link and {@code force} is false
     * @throws IpcException                   if the object is live or not ours and {@code force} is false
     */
    public static Removal remove(ObjectType type, ObjectName name, boolean force) {
        String operation = "removeName";
        Namespace ns = type.namespace();
        ns.availability().ensureAvailable(type.description(), name.win32Name(), operation);
        Target target = new Target(ns, ns.pathOf(name));
        int fd = Libc.open(target.c, O_RDONLY | OPEN_FLAGS, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == ELOOP && force) {
                unlink(type, name, target);
                return Removal.REMOVED_FORCED;
            }
            throw openFailure(type, name, target, errno, operation);
        }
        try {
            FileIdentity id = identify(type, name, fd);
            if (!force) {
                requireRegularFile(type, name, target, id, operation);
                String problem = headerProblem(type, fd, id);
                if (problem != null) {
                    throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                            target + ": " + problem + "; force the removal to delete it anyway");
                }
            }
            boolean isOurs = id.isRegularFile() && id.isSticky() && id.uid() == Ids.EUID;
            boolean stale = isOurs && Libc.flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (!stale && !force) {
                throw new IpcException(type.description(), name.win32Name(), operation, null, isOurs
                        ? target + " is in use by a live holder; force the removal to take the name away anyway"
                        : id.uid() != Ids.EUID
                        ? target + " belongs to user id " + id.uid() + "; force the removal to delete it anyway"
                        : target + " was not created by ipc-toolkit; force the removal to delete it anyway");
            }
            unlink(type, name, target);
            return stale ? Removal.REMOVED_STALE : Removal.REMOVED_FORCED;
        } finally {
            Libc.close(fd);
        }
    }

    private static void unlink(ObjectType type, ObjectName name, Target target) {
        if (Libc.unlink(target.c) != 0) {
            throw LinuxErrors.lastFailure(type.description(), name.win32Name(), "unlink");
        }
        target.namespace.removeDirectoryIfEmpty();
    }

    /** What a creator found at its name. */
    private enum Existing {
        /** Nothing any more. */
        GONE,
        /** A stale object of ours, now removed. */
        REMOVED_STALE,
        /** A live object, or another program's. */
        LIVE
    }

    /**
     * Looks at what holds the name a creator wanted: removes it if it is a stale object of ours;
     * refuses at once what is not an object (or another kind's object).
     */
    private static Existing removeIfStale(ObjectType type, ObjectName name, Target target, String operation) {
        int fd = Libc.open(target.c, O_RDONLY | OPEN_FLAGS, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == ENOENT) {
                return Existing.GONE;
            }
            throw openFailure(type, name, target, errno, operation);
        }
        try {
            FileIdentity id = identify(type, name, fd);
            requireRegularFile(type, name, target, id, operation);
            if (id.isSticky() && id.uid() == Ids.EUID && Libc.flock(fd, LOCK_EX | LOCK_NB) == 0) {
                unlinkIfSameFile(target, id);
                LOG.debug("removed stale {} {} (its last holder died)", type.description(), target);
                return Existing.REMOVED_STALE;
            }
            String problem = headerProblem(type, fd, id);
            if (problem != null) {
                throw new IpcIncompatibleObjectException(type.description(), name.win32Name(), operation, null,
                        target + ": " + problem);
            }
            return Existing.LIVE;
        } finally {
            Libc.close(fd);
        }
    }

    /** For a kind with header, reads the header with {@code pread} and checks it; null if fine. */
    private static String headerProblem(ObjectType type, int fd, FileIdentity id) {
        if (!type.hasHeader()) {
            return null;
        }
        byte[] header = new byte[NamedObjectHeader.LENGTH];
        if (id.size() >= header.length && Libc.pread(fd, header, header.length, 0) != header.length) {
            return "its header cannot be read (" + LinuxErrors.describe(Native.getLastError()) + ")";
        }
        return NamedObjectHeader.problem(ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()), type, id.size());
    }

    private static void unlinkIfSameFile(Target target, FileIdentity id) {
        if (id.sameFile(FileIdentity.ofPath(target.c)) && Libc.unlink(target.c) == 0) {
            target.namespace.removeDirectoryIfEmpty();
        }
    }

    private static void requireHeader(ObjectType type, boolean header) {
        if (type.hasHeader() != header) {
            throw new IllegalArgumentException(type + (header ? " has no header: give a size"
                    : " has a header: give an initializer"));
        }
    }

    private static void check(ObjectType type, ObjectName name, String function, int result) {
        if (result != 0) {
            throw LinuxErrors.lastFailure(type.description(), name.win32Name(), function);
        }
    }

    private static Pointer mmap(ObjectType type, ObjectName name, int fd, long size, boolean readOnly) {
        int prot = readOnly ? PROT_READ : PROT_READ | PROT_WRITE;
        Pointer address = Libc.mmap(null, size, prot, MAP_SHARED, fd, 0);
        if (address == null || Pointer.nativeValue(address) == -1L) {
            throw LinuxErrors.lastFailure(type.description(), name.win32Name(), "mmap");
        }
        return address;
    }

    // -------------------------------------------------------------------------------------- instance

    /**
     * Maps the whole object into memory, shared with every other holder ({@code mmap(MAP_SHARED)}).
     * The mapping outlives {@link #close()} until it is unmapped.
     *
     * @return the address of the mapping; release it with {@link #unmap(Pointer, long)}
     */
    public Pointer map() {
        return mmap(type, name, fd, size, readOnly);
    }

    /**
     * Unmaps a mapping made by {@link #map()} ({@code munmap}).
     *
     * @param address the mapping's address
     * @param length  its length
     * @return 0, or the errno of a failed {@code munmap}
     */
    public static int unmap(Pointer address, long length) {
        return Libc.munmap(address, length) == 0 ? 0 : Native.getLastError();
    }

    /**
     * The body of an object with header, in the mapping this object made at creation or opening.
     * It is valid until {@link #close()}, which unmaps it: the caller must make sure no thread
     * touches it after that.
     *
     * @return a new direct buffer over the body, in native byte order
     * @throws IllegalStateException if the kind has no header, or this object is closed
     */
    public ByteBuffer body() {
        if (mapping == null) {
            throw new IllegalStateException(type.description() + " has no header and no body mapping; use map()");
        }
        if (closed.get()) {
            throw new IllegalStateException(type.description() + " \"" + name + "\" is closed");
        }
        return mapping.getByteBuffer(NamedObjectHeader.LENGTH, type.bodySize()).order(ByteOrder.nativeOrder());
    }

    /**
     * Gives up this holder's hold: the last holder removes the name (if the object is ours), then
     * the lock is released ({@code LOCK_UN}) and the descriptor closed, and a header kind's mapping
     * unmapped. A second call does nothing. Same as {@code close(true)}.
     */
    public void close() {
        close(true);
    }

    /**
     * Gives up this holder's hold, as {@link #close()} does. The shared lock belongs to the open file
     * description, which a mapping of the file keeps alive after {@code close(fd)}: so the lock is
     * released explicitly ({@code LOCK_UN}) unless the caller says that no mapping of
     * {@link #map()} is left, in which case closing the descriptor releases it and one system call
     * is saved. A header kind's own mapping is unmapped before the descriptor is closed.
     *
     * @param mapped true if a mapping made by {@link #map()} may still exist (if unsure, true)
     */
    public void close(boolean mapped) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (ours && Libc.flock(fd, LOCK_EX | LOCK_NB) == 0) {
                unlinkIfSameFile(path, identity);
            }
        } finally {
            if (mapping != null) {
                Libc.munmap(mapping, size);
            }
            if (mapped) {
                Libc.flock(fd, LOCK_UN);
            }
            Libc.close(fd);
        }
    }

    /** @return the kind of object */
    public ObjectType type() {
        return type;
    }

    /** @return the size of the file in bytes (shared memory: the user's size), as found at creation or opening */
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
        return Path.of(path.path);
    }

    /** A path, and the same NUL-terminated for the {@code byte[]} overloads of {@link Libc}. */
    private static final class Target {
        final Namespace namespace;
        final String path;
        final byte[] c;

        Target(Namespace namespace, String path) {
            this.namespace = namespace;
            this.path = path;
            this.c = FileIdentity.cString(path);
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** Process facts read once. */
    private static final class Ids {
        static final int EUID = Namespace.Ids.EUID;
        static final int PID = (int) ProcessHandle.current().pid();

        private Ids() {
        }
    }
}
