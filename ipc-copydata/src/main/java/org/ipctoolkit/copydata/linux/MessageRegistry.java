package org.ipctoolkit.copydata.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.linux.FileIdentity;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RegisterWindowMessage} on Linux: the file {@code messages} in {@link Namespace#WINDOWS} lists
 * the registered names, one per line in lower case (Windows compares them without case); the name on
 * line {@code i} has the id {@code 0xC000 + i}. Names are only ever added, so an id never changes
 * while the table exists.
 *
 * <h2>Locks</h2>
 * <ul>
 *   <li>Every process that registered a name holds a shared {@code flock} on the table until it exits,
 *       so the table lives exactly as long as someone may hold one of its ids.</li>
 *   <li>Reading and adding happen under an exclusive {@code flock} on the directory itself.</li>
 *   <li>At exit (a shutdown hook) a process takes the directory's lock and tries to turn its shared
 *       lock on the table into an exclusive one without waiting; if no other process holds it, it
 *       removes the table (and the directory, if that left it empty), so nothing stays in
 *       {@code /dev/shm}. A process killed leaves its share to the kernel, which drops it; the table
 *       then stays until the next process that used it exits.</li>
 * </ul>
 */
final class MessageRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRegistry.class);
    static final String TABLE = "messages";
    private static final int CAPACITY = Frames.LAST_REGISTERED - Frames.FIRST_REGISTERED + 1;
    private static final Map<String, Integer> IDS = new HashMap<>();
    /** Guarded by {@code IDS}: the table's descriptor, held (shared lock) from the first registration until exit. */
    private static int tableFd = -1;

    private MessageRegistry() {
    }

    /**
     * @param name a message name
     * @return its id, the same in every process of this user
     */
    static int register(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        synchronized (IDS) {
            Integer known = IDS.get(key);
            if (known != null) {
                return known;
            }
            int dirFd = lockDirectory(name);
            try {
                if (tableFd < 0) {
                    tableFd = openTable(name);
                    Runtime.getRuntime().addShutdownHook(new Thread(MessageRegistry::releaseAtExit, "ipc-copydata-messages-exit"));
                }
                String table = read(name);
                int index = 0;
                int start = 0;
                while (start < table.length()) {
                    int end = table.indexOf('\n', start);
                    if (end < 0) {
                        break;
                    }
                    IDS.put(table.substring(start, end), Frames.FIRST_REGISTERED + index);
                    index++;
                    start = end + 1;
                }
                Integer id = IDS.get(key);
                if (id != null) {
                    return id;
                }
                if (index >= CAPACITY) {
                    throw new IpcException("registered message", name, "RegisterWindowMessage", null,
                            "all " + CAPACITY + " ids (0xC000 to 0xFFFF) are taken");
                }
                byte[] line = (key + "\n").getBytes(StandardCharsets.UTF_8);
                long at = table.getBytes(StandardCharsets.UTF_8).length;
                if (Libc.pwrite(tableFd, line, line.length, at) != line.length) {
                    throw LinuxErrors.failure("registered message", name, "pwrite", Native.getLastError(),
                            "cannot add the name to " + path());
                }
                id = Frames.FIRST_REGISTERED + index;
                IDS.put(key, id);
                return id;
            } finally {
                Libc.close(dirFd);
            }
        }
    }

    private static String path() {
        return Namespace.WINDOWS.directory() + "/" + TABLE;
    }

    /** Opens the directory and takes its exclusive lock; makes it again if it was removed meanwhile. */
    private static int lockDirectory(String name) {
        String dir = Namespace.WINDOWS.directory();
        for (int attempt = 1; ; attempt++) {
            Namespace.WINDOWS.ensureDirectory();
            int fd = Libc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW, 0);
            if (fd < 0) {
                if (Native.getLastError() == ENOENT && attempt < 5) {
                    continue;
                }
                throw LinuxErrors.failure("registered message", name, "open", Native.getLastError(), dir);
            }
            if (Libc.flock(fd, LOCK_EX) != 0) {
                int errno = Native.getLastError();
                Libc.close(fd);
                throw LinuxErrors.failure("registered message", name, "flock", errno, dir);
            }
            FileIdentity held = FileIdentity.ofDescriptor(fd);
            FileIdentity now = FileIdentity.ofPath(dir);
            if (held != null && now != null && held.dev() == now.dev() && held.ino() == now.ino()) {
                return fd;
            }
            Libc.close(fd);
            if (attempt >= 5) {
                throw new IpcException("registered message", name, "flock", null, dir + " keeps being replaced");
            }
        }
    }

    private static int openTable(String name) {
        int fd = Libc.open(path(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            throw LinuxErrors.failure("registered message", name, "open", Native.getLastError(), path());
        }
        if (Libc.flock(fd, LOCK_SH) != 0) {
            int errno = Native.getLastError();
            Libc.close(fd);
            throw LinuxErrors.failure("registered message", name, "flock", errno, path());
        }
        return fd;
    }

    private static String read(String name) {
        FileIdentity id = FileIdentity.ofDescriptor(tableFd);
        if (id == null) {
            throw LinuxErrors.failure("registered message", name, "statx", Native.getLastError(), path());
        }
        byte[] b = new byte[(int) id.size()];
        long n = b.length == 0 ? 0 : Libc.pread(tableFd, b, b.length, 0);
        if (n != b.length) {
            throw LinuxErrors.failure("registered message", name, "pread", Native.getLastError(), path());
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The shutdown hook: removes the table if no other process holds it. Never blocks for long. */
    private static void releaseAtExit() {
        synchronized (IDS) {
            if (tableFd < 0) {
                return;
            }
            String dir = Namespace.WINDOWS.directory();
            int dirFd = Libc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW, 0);
            try {
                if (dirFd >= 0 && lockWithin(dirFd, 2000) && Libc.flock(tableFd, LOCK_EX | LOCK_NB) == 0) {
                    Libc.unlink(path());
                }
            } finally {
                Libc.close(tableFd);
                tableFd = -1;
                if (dirFd >= 0) {
                    Libc.close(dirFd);
                }
                Namespace.WINDOWS.removeDirectoryIfEmpty();
            }
        }
    }

    private static boolean lockWithin(int fd, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (Libc.flock(fd, LOCK_EX | LOCK_NB) != 0) {
            if (System.currentTimeMillis() > deadline) {
                LOG.debug("the registered-message table was busy at exit; it is left for the others");
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
