package org.ipctoolkit.core.linux;

/**
 * Linux constants for {@link Libc} calls, right for the two architectures this library supports on
 * Linux: x86-64 and AArch64 (the values that differ between them, such as {@code O_NOFOLLOW} and
 * {@code O_DIRECTORY}, are chosen by {@link #ARCHITECTURE}). Other architectures number some flags
 * differently ({@code O_NOFOLLOW} is another flag on ppc64le, {@code O_NONBLOCK} on MIPS, SPARC
 * and Alpha), so there the Linux backends report themselves unavailable
 * ({@link #unsupportedArchitecture()}) rather than pass a flag that means something else. Values
 * are octal where the kernel headers write them in octal.
 */
public final class LinuxConstants {
    /** The architecture of this JVM as JNA names it: {@code x86-64}, {@code aarch64}, ... */
    public static final String ARCHITECTURE = com.sun.jna.Platform.ARCH;
    private static final boolean AARCH64 = "aarch64".equals(ARCHITECTURE);

    /**
     * Tells whether these constants are right for this JVM's architecture.
     *
     * @return null on x86-64 and AArch64; otherwise why the Linux backends cannot run here
     */
    public static String unsupportedArchitecture() {
        if ("x86-64".equals(ARCHITECTURE) || AARCH64) {
            return null;
        }
        return "Linux on " + ARCHITECTURE + " is not supported: ipc-toolkit's Linux constants (open flags such as"
                + " O_NOFOLLOW and O_TMPFILE) are only known to be right for x86-64 and aarch64";
    }


    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    public static final int O_CLOEXEC = 02000000;
    /** {@code __O_TMPFILE | O_DIRECTORY}. */
    public static final int O_TMPFILE = 020000000 | (AARCH64 ? 040000 : 0200000);
    /** Never wait in {@code open} (a FIFO without a writer would block a reader for ever). */
    public static final int O_NONBLOCK = 04000;
    /** A terminal device opened by mistake never becomes the controlling terminal. */
    public static final int O_NOCTTY = 0400;
    public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;

    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;

    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** With an empty path, {@code statx} describes the descriptor itself (an {@code fstat}). */
    public static final int AT_EMPTY_PATH = 0x1000;

    /** {@code statx} mask bits: what {@link FileIdentity} reads. */
    public static final int STATX_TYPE = 0x1;
    public static final int STATX_MODE = 0x2;
    public static final int STATX_NLINK = 0x4;
    public static final int STATX_UID = 0x8;
    public static final int STATX_INO = 0x100;
    public static final int STATX_SIZE = 0x200;

    public static final int EINTR = 4;
    public static final int ENOENT = 2;
    public static final int EPERM = 1;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EFBIG = 27;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EAGAIN = 11;
    public static final int ENAMETOOLONG = 36;
    public static final int ELOOP = 40;
    public static final int EOPNOTSUPP = 95;
    public static final int ENXIO = 6;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int ENOSYS = 38;
    /** The same value as {@link #EAGAIN} on Linux: a {@code LOCK_NB} lock that is held. */
    public static final int EWOULDBLOCK = EAGAIN;

    /** The sticky bit: set on the objects this library creates (see {@link LinuxNamedObject}). */
    public static final int S_ISVTX = 01000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;

    // mmap flags: the same on x86-64 and AArch64 (asm-generic/mman-common.h, asm-generic/mman.h).
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;

    private LinuxConstants() {
    }
}
