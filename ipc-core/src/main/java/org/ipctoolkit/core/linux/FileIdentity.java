package org.ipctoolkit.core.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@code statx(2)} says of a file: one system call, into a {@code struct statx} whose layout is
 * the same on every architecture (unlike {@code struct stat}), so nothing architecture-specific is
 * declared here.
 *
 * <pre>
 * struct statx (the words read here; 256 bytes in all)
 *   offset  0  u32 stx_mask       offset 20  u32 stx_uid      offset 32  u64 stx_ino
 *   offset 16  u32 stx_nlink      offset 28  u16 stx_mode     offset 40  u64 stx_size
 *   offset 136 u32 stx_dev_major  offset 140 u32 stx_dev_minor
 * </pre>
 *
 * @param dev   device number ({@code stx_dev_major << 32 | stx_dev_minor})
 * @param ino   inode number
 * @param uid   owner's user id
 * @param mode  file type and permission bits ({@code stx_mode})
 * @param size  size in bytes
 * @param nlink number of names the file has (0 once its last name was removed)
 */
public record FileIdentity(long dev, long ino, int uid, int mode, long size, int nlink) {
    private static final int STATX_SIZE_BYTES = 256;
    private static final int MASK = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_INO | STATX_SIZE;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[STATX_SIZE_BYTES]);
    private static final byte[] EMPTY_PATH = {0};

    /**
     * {@code statx(fd, "", AT_EMPTY_PATH)}: the identity of the file an open descriptor refers to,
     * even after its name was removed.
     *
     * @param fd the descriptor
     * @return its identity, or null if {@code statx} failed ({@code Native.getLastError()} says why)
     */
    public static FileIdentity ofDescriptor(int fd) {
        byte[] buf = BUFFER.get();
        if (Libc.statx(fd, EMPTY_PATH, AT_EMPTY_PATH, MASK, buf) != 0) {
            return null;
        }
        return parse(buf);
    }

    /**
     * {@code statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW)}: the identity of the file a path names; a
     * symbolic link is described itself, never followed.
     *
     * @param path the path
     * @return its identity, or null if {@code statx} failed ({@code ENOENT}: nothing has that name;
     *         {@code Native.getLastError()} says)
     */
    public static FileIdentity ofPath(String path) {
        return ofPath(cString(path));
    }

    /**
     * Like {@link #ofPath(String)}, with the path already encoded.
     *
     * @param path the path, NUL-terminated ({@link #cString(String)})
     * @return its identity, or null if {@code statx} failed
     */
    public static FileIdentity ofPath(byte[] path) {
        byte[] buf = BUFFER.get();
        if (Libc.statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, MASK, buf) != 0) {
            return null;
        }
        return parse(buf);
    }

    /**
     * @param s a path
     * @return its UTF-8 bytes and a NUL, as the {@code byte[]} overloads of {@link Libc} take it
     */
    public static byte[] cString(String s) {
        byte[] text = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(text, text.length + 1);
    }

    private static FileIdentity parse(byte[] buf) {
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        long dev = (Integer.toUnsignedLong(b.getInt(136)) << 32) | Integer.toUnsignedLong(b.getInt(140));
        return new FileIdentity(dev, b.getLong(32), b.getInt(20), Short.toUnsignedInt(b.getShort(28)),
                b.getLong(40), b.getInt(16));
    }

    /** @return true if this is a regular file */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** @return true if this is a directory */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** @return true if the sticky bit ({@code S_ISVTX}) is set: the mark of this library's objects */
    public boolean isSticky() {
        return (mode & S_ISVTX) != 0;
    }

    /** @return the permission bits ({@code mode & 07777}) */
    public int permissions() {
        return mode & 07777;
    }

    /**
     * @return what kind of file this is, for messages: {@code "a FIFO (named pipe)"},
     *         {@code "a directory"}, ...
     */
    public String fileType() {
        switch (mode & S_IFMT) {
            case S_IFREG:
                return "a regular file";
            case S_IFDIR:
                return "a directory";
            case S_IFIFO:
                return "a FIFO (named pipe)";
            case S_IFLNK:
                return "a symbolic link";
            case S_IFCHR:
                return "a character device";
            case S_IFBLK:
                return "a block device";
            case S_IFSOCK:
                return "a socket";
            default:
                return "a file of type 0" + Integer.toOctalString(mode & S_IFMT);
        }
    }

    /**
     * @param other another identity, may be null
     * @return true if both are the same file (same device and inode)
     */
    public boolean sameFile(FileIdentity other) {
        return other != null && other.dev == dev && other.ino == ino;
    }
}
