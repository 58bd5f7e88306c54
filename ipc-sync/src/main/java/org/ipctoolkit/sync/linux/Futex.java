package org.ipctoolkit.sync.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.ipctoolkit.core.linux.LinuxConstants;

/**
 * The system calls of this backend, through glibc's {@code syscall(2)} (JNA direct mapping, every
 * argument a {@code long}: register-sized on x86-64 and AArch64, where a variadic call passes them as
 * fixed ones). Each returns -1 on failure with the cause in {@link Native#getLastError()}.
 */
final class Futex {
    static {
        Native.register(Futex.class, NativeLibrary.getInstance("c"));
    }

    private static final boolean AARCH64 = "aarch64".equals(LinuxConstants.ARCHITECTURE);

    /** {@code SYS_futex}: x86-64 202, AArch64 98. */
    static final long SYS_FUTEX = AARCH64 ? 98 : 202;
    /** {@code SYS_gettid}: x86-64 186, AArch64 178. */
    static final long SYS_GETTID = AARCH64 ? 178 : 186;
    /** {@code SYS_get_robust_list}: x86-64 274, AArch64 100. */
    static final long SYS_GET_ROBUST_LIST = AARCH64 ? 100 : 274;
    /** {@code SYS_futex_waitv} (Linux 5.16): 449 on both. */
    static final long SYS_FUTEX_WAITV = 449;

    /** {@code FUTEX_WAIT}: sleep if the word still holds the given value (shared futex: no private flag). */
    static final int FUTEX_WAIT = 0;
    /** {@code FUTEX_WAKE}: wake up to n sleepers. */
    static final int FUTEX_WAKE = 1;

    /** {@code FUTEX_WAITERS}: someone sleeps (or is about to) on the word. */
    static final int FUTEX_WAITERS = 0x80000000;
    /** {@code FUTEX_OWNER_DIED}: the kernel found the owner dead when it walked its robust list. */
    static final int FUTEX_OWNER_DIED = 0x40000000;
    /** {@code FUTEX_TID_MASK}: the owner's thread id. */
    static final int FUTEX_TID_MASK = 0x3fffffff;

    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int ETIMEDOUT = 110;

    private Futex() {
    }

    /** {@code syscall(2)}: a raw system call with six register arguments. */
    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /** @return the calling thread's id ({@code gettid(2)}) */
    static int gettid() {
        return (int) syscall(SYS_GETTID, 0, 0, 0, 0, 0, 0);
    }

    /**
     * {@code futex(uaddr, FUTEX_WAIT, val, timeout)}.
     *
     * @param word     the word's address in this process
     * @param expected sleep only if the word still holds this
     * @param timespec address of a relative {@code struct timespec}, or 0 for no timeout
     * @return 0 when woken, otherwise the errno ({@link #EAGAIN}: the word changed, {@link #ETIMEDOUT}, {@link #EINTR})
     */
    static int waitWord(long word, int expected, long timespec) {
        return syscall(SYS_FUTEX, word, FUTEX_WAIT, expected, timespec, 0, 0) == 0 ? 0 : Native.getLastError();
    }

    /**
     * {@code futex(uaddr, FUTEX_WAKE, n)}.
     *
     * @param word  the word's address in this process
     * @param count how many sleepers to wake at most
     * @return how many were woken, or -1
     */
    static int wake(long word, int count) {
        return (int) syscall(SYS_FUTEX, word, FUTEX_WAKE, count, 0, 0, 0);
    }
}
