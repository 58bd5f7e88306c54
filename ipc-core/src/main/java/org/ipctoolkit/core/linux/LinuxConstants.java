package org.ipctoolkit.core.linux;

/**
 * Linux constants for {@link Libc} calls: the generic values (x86-64) with the few that differ on
 * AArch64. Values are octal where the kernel headers write them in octal.
 */
public final class LinuxConstants {
    private static final boolean AARCH64 = "aarch64".equals(com.sun.jna.Platform.ARCH);

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    public static final int O_CLOEXEC = 02000000;
    /** {@code __O_TMPFILE | O_DIRECTORY}. */
    public static final int O_TMPFILE = 020000000 | (AARCH64 ? 040000 : 0200000);

    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;

    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_FOLLOW = 0x400;

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

    /** The sticky bit: set on the objects this library creates (see {@link LinuxNamedObject}). */
    public static final int S_ISVTX = 01000;
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
