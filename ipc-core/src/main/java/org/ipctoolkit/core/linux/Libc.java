package org.ipctoolkit.core.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library functions the Linux backends call (glibc 2.28 or later, for {@code statx}). Each returns -1 (or
 * {@code MAP_FAILED}) on failure and leaves the cause in {@code errno}, which JNA keeps for
 * {@link Native#getLastError()}.
 *
 * <p>Bound by JNA's direct mapping ({@link Native#register(Class, NativeLibrary)}): a call costs about
 * a tenth of an interface-mapped one (no proxy, no reflection), which matters on the create, open and
 * close paths, where a dozen of these calls run.
 */
public final class Libc {
    static {
        Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    /** {@code open(2)}: returns a file descriptor or -1. */
    public static native int open(String path, int flags, int mode);

    /** {@code close(2)}. */
    public static native int close(int fd);

    /** {@code fchmod(2)}. */
    public static native int fchmod(int fd, int mode);

    /** {@code fallocate(2)}: allocates the blocks of {@code [offset, offset+len)} and grows the file. */
    public static native int fallocate(int fd, int mode, long offset, long len);

    /** {@code ftruncate(2)}. */
    public static native int ftruncate(int fd, long length);

    /** {@code flock(2)}. */
    public static native int flock(int fd, int operation);

    /** {@code mmap(2)}: returns the address or {@code MAP_FAILED} ((void*)-1). */
    public static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    /** {@code munmap(2)}. */
    public static native int munmap(Pointer addr, long length);

    /** {@code unlink(2)}. */
    public static native int unlink(String path);

    /** {@code linkat(2)}. */
    public static native int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

    /**
     * {@code statx(2)} (glibc 2.28, Linux 4.11): fills {@code statxbuf} (a {@code struct statx}, 256
     * bytes, the same layout on every architecture) for {@code pathname} relative to {@code dirfd},
     * or for {@code dirfd} itself with an empty path and {@code AT_EMPTY_PATH}.
     */
    public static native int statx(int dirfd, String pathname, int flags, int mask, byte[] statxbuf);

    /** {@code mkdir(2)}. */
    public static native int mkdir(String pathname, int mode);

    /** {@code rmdir(2)} with a NUL-terminated path: fails with {@code ENOTEMPTY} unless the directory is empty. */
    public static native int rmdir(byte[] pathname);

    /** {@code chmod(2)}. */
    public static native int chmod(String pathname, int mode);

    /** {@code pread(2)}: reads {@code count} bytes at {@code offset}; returns the count read or -1. */
    public static native long pread(int fd, byte[] buf, long count, long offset);

    /** {@code pwrite(2)}: writes {@code count} bytes at {@code offset}; returns the count written or -1. */
    public static native long pwrite(int fd, byte[] buf, long count, long offset);

    // The same calls with paths as NUL-terminated byte arrays: JNA passes a byte[] for about 1 us
    // less than a String, which it copies into a new native block with a Cleaner on every call.
    // LinuxNamedObject encodes a path once per operation and calls these on its hot paths.

    /** {@code open(2)} with a NUL-terminated path: returns a file descriptor or -1. */
    public static native int open(byte[] path, int flags, int mode);

    /** {@code statx(2)} with a NUL-terminated path (a lone NUL with {@code AT_EMPTY_PATH}). */
    public static native int statx(int dirfd, byte[] pathname, int flags, int mask, byte[] statxbuf);

    /** {@code unlink(2)} with a NUL-terminated path. */
    public static native int unlink(byte[] path);

    /** {@code linkat(2)} with NUL-terminated paths. */
    public static native int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

    /** {@code geteuid(2)}. */
    public static native int geteuid();

    /** {@code strerror(3)}. */
    public static native String strerror(int errnum);
}
