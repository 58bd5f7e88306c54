package org.ipctoolkit.core.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import com.sun.jna.Native;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.ObjectName;

/**
 * A directory whose entries are object names: one per group of {@link ObjectType}s that share their
 * names. An object named {@code N} of a kind in namespace {@code D} is the file {@code D/P}, where
 * {@code P} is {@code N}'s POSIX form ({@link ObjectName#posixName()}).
 *
 * <ul>
 *   <li>{@link #SHARED_MEMORY}: {@code /dev/shm}, where {@code shm_open("/P")} and Python's
 *       {@code multiprocessing.shared_memory} look, shared with every other program.</li>
 *   <li>{@link #LIBRARY}: {@code /dev/shm/ipc-toolkit-EUID} (EUID the effective user id, e.g.
 *       {@code /dev/shm/ipc-toolkit-1000}), for the library's own kinds. It is made on first use
 *       with mode {@code 0700}, and refused if it is not a directory (a symbolic link, a file), if
 *       another user owns it, or if its mode lets anyone else in; fix or remove it by hand then.
 *       Whoever removes the last object in it removes the empty directory too, so nothing of the
 *       library stays in {@code /dev/shm} once its objects are gone. So these objects are private to one user, on Linux where Windows scopes them by session.</li>
 *   <li>{@link #MAILSLOT}: {@code /dev/shm/ipc-toolkit-mailslots-EUID}, for ipc-mailslot's lifetime
 *       tokens and sockets, with the same rules as {@link #LIBRARY} (made {@code 0700} on first use,
 *       checked, removed when empty). Windows keeps mailslots in a file system of their own, apart
 *       from the kernel objects, so a mailslot and a mutex of the same name do not meet there either.</li>
 *   <li>{@link #WINDOWS}: {@code /dev/shm/ipc-toolkit-windows-EUID}, for ipc-copydata's windows (one
 *       Unix domain socket each) and its registered-message table, with the same rules. Windows are
 *       found by class and title, not by object name, so they have a directory of their own.</li>
 *   <li>{@link #PIPES}: {@code /dev/shm/ipc-toolkit-pipes-EUID}, for ipc-pipe's named pipes (one Unix
 *       domain socket each), with the same rules. Windows keeps pipes in a file system of their own.</li>
 * </ul>
 *
 * <p>{@link #availability()} is the backend's real probe: it makes an unnamed file
 * ({@code open(O_TMPFILE)}) in the directory and describes it with {@code statx}, once per process.
 */
public enum Namespace {
    /** {@code /dev/shm}: shared memory, by the name Python and C peers use. */
    SHARED_MEMORY,
    /** {@code /dev/shm/ipc-toolkit-EUID}: the library's own kinds, which share it. */
    LIBRARY,
    /** {@code /dev/shm/ipc-toolkit-mailslots-EUID}: mailslots (ipc-mailslot), apart from the kernel objects. */
    MAILSLOT,
    /** {@code /dev/shm/ipc-toolkit-windows-EUID}: windows and registered messages (ipc-copydata). */
    WINDOWS,
    /** {@code /dev/shm/ipc-toolkit-pipes-EUID}: named pipes (ipc-pipe). */
    PIPES;

    /** The prefix of {@link #LIBRARY}'s directory name in {@code /dev/shm}. */
    public static final String LIBRARY_DIRECTORY_PREFIX = "ipc-toolkit-";

    private static final int DIRECTORY_MODE = 0700;

    private volatile Availability availability;

    /** @return the directory, e.g. {@code /dev/shm} or {@code /dev/shm/ipc-toolkit-1000} */
    public String directory() {
        switch (this) {
            case SHARED_MEMORY:
                return LinuxNamedObject.SHM_DIR;
            case LIBRARY:
                return Ids.LIBRARY_DIRECTORY;
            case MAILSLOT:
                return Ids.MAILSLOT_DIRECTORY;
            case WINDOWS:
                return Ids.WINDOWS_DIRECTORY;
            default:
                return Ids.PIPES_DIRECTORY;
        }
    }

    /**
     * @return true for the namespaces whose directory belongs to the library and this user alone
     *         (made on first use, removed when empty): all but {@link #SHARED_MEMORY}
     */
    public boolean isPrivate() {
        return this != SHARED_MEMORY;
    }

    /** @return {@link #directory()} NUL-terminated, for the {@code byte[]} overloads of {@link Libc} */
    byte[] directoryBytes() {
        switch (this) {
            case SHARED_MEMORY:
                return Ids.SHM_DIRECTORY_BYTES;
            case LIBRARY:
                return Ids.LIBRARY_DIRECTORY_BYTES;
            case MAILSLOT:
                return Ids.MAILSLOT_DIRECTORY_BYTES;
            case WINDOWS:
                return Ids.WINDOWS_DIRECTORY_BYTES;
            default:
                return Ids.PIPES_DIRECTORY_BYTES;
        }
    }

    /**
     * @param name an object name
     * @return the path of the file that holds an object of that name in this namespace
     */
    public String pathOf(ObjectName name) {
        return directory() + "/" + name.posixName();
    }

    /**
     * Runs the probe the first time it is asked, and remembers its outcome.
     *
     * @return whether the Linux core can make objects in this namespace here
     */
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) {
                a = availability;
                if (a == null) {
                    a = Availability.probe(this::probe);
                    availability = a;
                }
            }
        }
        return a;
    }

    /**
     * The probe: the architecture is supported, the directory is usable (for {@link #LIBRARY}, made
     * if missing), {@code open(O_TMPFILE)} succeeds in it and {@code statx} describes the result.
     *
     * @throws IpcException          if any step fails, saying which
     * @throws IllegalStateException on an unsupported architecture
     */
    void probe() {
        String unsupported = LinuxConstants.unsupportedArchitecture();
        if (unsupported != null) {
            throw new IllegalStateException(unsupported);
        }
        String dir = directory();
        if (isPrivate()) {
            ensureDirectory();
        }
        int fd = Libc.open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd < 0) {
            throw LinuxErrors.failure("directory", dir, "open(O_TMPFILE)", Native.getLastError(),
                    "cannot make an unnamed file there (Linux 3.11 and a tmpfs /dev/shm are needed)");
        }
        try {
            if (FileIdentity.ofDescriptor(fd) == null) {
                throw LinuxErrors.failure("directory", dir, "statx", Native.getLastError(),
                        "glibc 2.28 and Linux 4.11 are needed");
            }
        } finally {
            Libc.close(fd);
            removeDirectoryIfEmpty();
        }
    }

    /**
     * Removes a private namespace's directory ({@link #isPrivate()}) if it is empty, so that, as on Windows, nothing of this
     * library is left in {@code /dev/shm} once the last object is gone. A creator that finds the
     * directory gone (it was removed between its check and its use) makes it again and retries.
     * Does nothing for {@link #SHARED_MEMORY}, or when the directory still holds an object.
     */
    public void removeDirectoryIfEmpty() {
        if (isPrivate()) {
            Libc.rmdir(directoryBytes());
        }
    }

    /**
     * Makes a private namespace's directory ({@link #isPrivate()}) if it is missing, and checks that it is this user's
     * private directory. Does nothing for {@link #SHARED_MEMORY}.
     *
     * @throws IpcAccessDeniedException if it is not a directory, belongs to another user, or is open
     *                                  to others
     * @throws IpcException             if it cannot be made
     */
    public void ensureDirectory() {
        if (isPrivate()) {
            ensurePrivateDirectory(directory(), Ids.EUID);
        }
    }

    /**
     * Makes {@code dir} with mode {@code 0700} if it is missing, and checks that it is a directory
     * (not a link to one) that {@code euid} owns and nobody else may enter.
     *
     * @param dir  the directory
     * @param euid the user who must own it
     */
    static void ensurePrivateDirectory(String dir, int euid) {
        FileIdentity id = FileIdentity.ofPath(dir);
        if (id == null) {
            int errno = Native.getLastError();
            if (errno != ENOENT) {
                throw LinuxErrors.failure("directory", dir, "statx", errno, null);
            }
            if (Libc.mkdir(dir, DIRECTORY_MODE) == 0) {
                // mkdir applies the umask; a umask that takes the owner's bits would leave it unusable.
                Libc.chmod(dir, DIRECTORY_MODE);
            } else if (Native.getLastError() != EEXIST) {
                throw LinuxErrors.failure("directory", dir, "mkdir", Native.getLastError(), null);
            }
            id = FileIdentity.ofPath(dir);
            if (id == null) {
                throw LinuxErrors.failure("directory", dir, "statx", Native.getLastError(), null);
            }
        }
        if (!id.isDirectory()) {
            throw new IpcAccessDeniedException("directory", dir, "check", null, "it is " + id.fileType()
                    + ", not a directory; ipc-toolkit keeps this user's objects there:"
                    + " remove it");
        }
        if (id.uid() != euid) {
            throw new IpcAccessDeniedException("directory", dir, "check", null, "it belongs to user id " + id.uid()
                    + ", not to this user (" + euid + "); another user may have made it to reach this user's"
                    + " objects: remove it");
        }
        if ((id.permissions() & 077) != 0) {
            throw new IpcAccessDeniedException("directory", dir, "check", null, "its mode is 0"
                    + Integer.toOctalString(id.permissions()) + ", which lets other users in; it must be 0700"
                    + " (chmod 700 it)");
        }
    }

    /** The effective user id, read once, and what depends on it. */
    static final class Ids {
        static final int EUID = Libc.geteuid();
        static final String LIBRARY_DIRECTORY = LinuxNamedObject.SHM_DIR + "/" + LIBRARY_DIRECTORY_PREFIX + EUID;
        static final byte[] LIBRARY_DIRECTORY_BYTES = FileIdentity.cString(LIBRARY_DIRECTORY);
        static final String MAILSLOT_DIRECTORY = LinuxNamedObject.SHM_DIR + "/" + LIBRARY_DIRECTORY_PREFIX
                + "mailslots-" + EUID;
        static final byte[] MAILSLOT_DIRECTORY_BYTES = FileIdentity.cString(MAILSLOT_DIRECTORY);
        static final String WINDOWS_DIRECTORY = LinuxNamedObject.SHM_DIR + "/" + LIBRARY_DIRECTORY_PREFIX
                + "windows-" + EUID;
        static final byte[] WINDOWS_DIRECTORY_BYTES = FileIdentity.cString(WINDOWS_DIRECTORY);
        static final String PIPES_DIRECTORY = LinuxNamedObject.SHM_DIR + "/" + LIBRARY_DIRECTORY_PREFIX + "pipes-" + EUID;
        static final byte[] PIPES_DIRECTORY_BYTES = FileIdentity.cString(PIPES_DIRECTORY);
        static final byte[] SHM_DIRECTORY_BYTES = FileIdentity.cString(LinuxNamedObject.SHM_DIR);

        private Ids() {
        }
    }
}
