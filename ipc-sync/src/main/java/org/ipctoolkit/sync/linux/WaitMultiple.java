package org.ipctoolkit.sync.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.SyncObjectBackend;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * {@code WaitForMultipleObjects(bWaitAll = FALSE)} on Linux: one attempt per object in index order,
 * then one {@code futex_waitv} (Linux 5.16) on all their words, until one is taken or the deadline.
 * See the package description.
 */
final class WaitMultiple {
    /** {@code FUTEX2_SIZE_U32}: a 32-bit futex, shared (no {@code FUTEX2_PRIVATE}). */
    private static final int FUTEX2_SIZE_U32 = 0x02;
    private static final int CLOCK_MONOTONIC = 1;
    /** {@code struct futex_waitv {u64 val; u64 uaddr; u32 flags; u32 reserved;}}. */
    private static final int WAITV_SIZE = 24;

    /** Per thread: 64 {@code futex_waitv} entries and an absolute {@code timespec} after them. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() ->
            ByteBuffer.allocateDirect(SyncBackends.MAXIMUM_WAIT_OBJECTS * WAITV_SIZE + 16).order(ByteOrder.nativeOrder()));

    private WaitMultiple() {
    }

    /**
     * @param objects      1 to 64 objects of this backend (checked by the API)
     * @param timeoutNanos {@link SyncBackends#INFINITE}, 0 or positive
     * @return the index taken, {@link SyncBackends#ABANDONED_0} + index, or {@link SyncBackends#TIMEOUT}
     */
    static int waitAny(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        int n = objects.size();
        Waitable[] w = new Waitable[n];
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = (Waitable) objects.get(i);
            tokens[i] = w[i].startToken();
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        ByteBuffer scratch = SCRATCH.get();
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(scratch));
        int timespecOffset = SyncBackends.MAXIMUM_WAIT_OBJECTS * WAITV_SIZE;
        for (;;) {
            for (int i = 0; i < n; i++) {
                WaitStatus s = w[i].attempt(tokens[i]);
                if (s != WaitStatus.TIMEOUT) {
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            w[j].passWake();
                        }
                    }
                    return s == WaitStatus.ABANDONED ? SyncBackends.ABANDONED_0 + i : i;
                }
            }
            if (timeoutNanos == 0 || (timeoutNanos > 0 && System.nanoTime() - deadline >= 0)) {
                return SyncBackends.TIMEOUT;
            }
            int prepared = 0;
            boolean available = false;
            for (; prepared < n; prepared++) {
                long value = w[prepared].prepareSleep();
                if (value == Waitable.AVAILABLE) {
                    available = true;
                    break;
                }
                int at = prepared * WAITV_SIZE;
                scratch.putLong(at, value).putLong(at + 8, w[prepared].wordAddress())
                        .putInt(at + 16, FUTEX2_SIZE_U32).putInt(at + 20, 0);
            }
            try {
                if (!available) {
                    long timespec = 0;
                    if (timeoutNanos > 0) {
                        // Absolute on CLOCK_MONOTONIC, which System.nanoTime reads on Linux.
                        scratch.putLong(timespecOffset, deadline / 1_000_000_000L)
                                .putLong(timespecOffset + 8, deadline % 1_000_000_000L);
                        timespec = address + timespecOffset;
                    }
                    if (Futex.syscall(Futex.SYS_FUTEX_WAITV, address, n, 0, timespec, CLOCK_MONOTONIC, 0) < 0) {
                        int errno = Native.getLastError();
                        if (errno != Futex.EAGAIN && errno != Futex.EINTR && errno != Futex.ETIMEDOUT) {
                            throw new IllegalStateException("futex_waitv failed: errno " + errno);
                        }
                    }
                }
            } finally {
                for (int i = 0; i < prepared; i++) {
                    w[i].finishSleep();
                }
            }
        }
    }
}
