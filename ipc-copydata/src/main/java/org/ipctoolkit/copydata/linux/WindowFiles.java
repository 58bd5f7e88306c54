package org.ipctoolkit.copydata.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.core.linux.Namespace;

/**
 * The names of windows in {@link Namespace#WINDOWS} ({@code /dev/shm/ipc-toolkit-windows-EUID}).
 * A window is the Unix domain socket {@code K.CLASS.TITLE.HANDLE}:
 * <ul>
 *   <li>{@code K}: {@code m} for a message-only window, {@code t} for a hidden top-level one (only
 *       these receive broadcasts, as on Windows);</li>
 *   <li>{@code CLASS}, {@code TITLE}: the first 8 bytes of the SHA-256 of the class and the title in
 *       lower case, in hex (Windows compares both without case; a name may be longer than a socket
 *       path allows);</li>
 *   <li>{@code HANDLE}: the window's handle in hex, {@code pid << 20 | n}, unique while its process
 *       lives.</li>
 * </ul>
 * A window binds its socket under a hidden name ({@code .b-HANDLE}) and renames it into place once it
 * listens, so a name that exists and refuses connections belongs to a process that ended without
 * closing: whoever meets it removes it.
 */
final class WindowFiles {
    private static final int HASH_BYTES = 8;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    /** A window's name, parsed. */
    record Entry(Path path, boolean messageOnly, String classHash, String titleHash, long handle) {
    }

    private WindowFiles() {
    }

    static Path directory() {
        return Path.of(Namespace.WINDOWS.directory());
    }

    /** @return a handle no other window of this process has had */
    static long nextHandle() {
        int n = NEXT.updateAndGet(i -> (i + 1) & 0xFFFFF);
        if (n == 0) {
            n = NEXT.updateAndGet(i -> (i + 1) & 0xFFFFF);
        }
        return PID << 20 | n;
    }

    static Path bindingPath(long handle) {
        return directory().resolve(".b-" + Long.toHexString(handle));
    }

    static Path path(boolean messageOnly, String className, String title, long handle) {
        return directory().resolve((messageOnly ? "m." : "t.") + hash(className) + "." + hash(title) + "."
                + Long.toHexString(handle));
    }

    /** @return the hex of the first 8 bytes of the SHA-256 of {@code s} in lower case */
    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param className the class, or null for any
     * @param title     the title, or null for any
     * @param topLevelOnly true to list hidden top-level windows only
     * @return the windows whose names match, newest first (as {@code FindWindowEx} finds the top of the
     *         Z order first)
     */
    static List<Entry> list(String className, String title, boolean topLevelOnly) {
        String classHash = className == null ? null : hash(className);
        String titleHash = title == null ? null : hash(title);
        List<Entry> found = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory())) {
            for (Path p : dir) {
                Entry e = parse(p);
                if (e == null || (topLevelOnly && e.messageOnly) || (classHash != null && !classHash.equals(e.classHash))
                        || (titleHash != null && !titleHash.equals(e.titleHash))) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!a.isOther()) {
                        continue;
                    }
                    found.add(e);
                    modified.add(a.lastModifiedTime().toMillis());
                } catch (NoSuchFileException gone) {
                    // closed while listed
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(modified::get).thenComparingLong(i -> found.get(i).handle).reversed());
        List<Entry> sorted = new ArrayList<>(found.size());
        for (int i : order) {
            sorted.add(found.get(i));
        }
        return sorted;
    }

    private static Entry parse(Path p) {
        String[] parts = p.getFileName().toString().split("\\.");
        if (parts.length != 4 || !(parts[0].equals("m") || parts[0].equals("t")) || parts[1].length() != 2 * HASH_BYTES
                || parts[2].length() != 2 * HASH_BYTES) {
            return null;
        }
        try {
            return new Entry(p, parts[0].equals("m"), parts[1], parts[2], Long.parseUnsignedLong(parts[3], 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Removes the names of windows whose process has ended (it was killed, so it could not close them),
     * as Windows destroys a process's windows with it: each name whose process id is not a live process
     * is removed if a connection to it is refused. Run when a window is made or closed and when the JVM
     * exits, so dead names do not pile up in {@code /dev/shm} even when nobody looks for them.
     */
    static void sweep() {
        List<Entry> all;
        try {
            all = list(null, null, false);
        } catch (java.io.UncheckedIOException e) {
            return;
        }
        for (Entry e : all) {
            long pid = e.handle >>> 20;
            if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            try (Connection c = Connection.open(e.path, System.nanoTime() + 100_000_000L)) {
                // a live window after all (its process is out of our sight): leave it
            } catch (Connection.RefusedException dead) {
                removeStale(e);
            } catch (IOException | RuntimeException other) {
                // gone, or busy: not ours to judge now
            }
        }
    }

    /** Removes a window's name that refused a connection: its process ended without closing it. */
    static void removeStale(Entry e) {
        try {
            Files.deleteIfExists(e.path);
        } catch (IOException ignored) {
            // another process removed it first, or it cannot be removed: either way, nothing to do
        }
        Namespace.WINDOWS.removeDirectoryIfEmpty();
    }
}
