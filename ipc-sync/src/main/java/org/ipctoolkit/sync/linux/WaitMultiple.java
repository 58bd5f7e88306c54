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

    /**
     * For the crash tests only (null otherwise): called in the take phase of a wait-all with the
     * index of each object just taken, and with {@link #COMMITTED_STEP} after the commit, so that a
     * child process can be killed at an exact step.
     */
    static volatile java.util.function.IntConsumer stepHookForTests;
    static final int COMMITTED_STEP = -1;

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
            int tagged = firstTagged(w);
            if (tagged >= 0) {
                // A wait-all is taking (or died taking) from one of them: wait for it to finish.
                if (!((LinuxSyncObject) w[tagged]).settleTag(timeoutNanos, deadline)) {
                    return SyncBackends.TIMEOUT;
                }
                continue;
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

    /**
     * {@code WaitForMultipleObjects(bWaitAll = TRUE)}: looks at every object without taking it and,
     * while one is not available, sleeps on that one; when all look available, takes them in index
     * order under the namespace's {@link WaitAllLock}, each event or semaphore take marked with the
     * lock's transaction and journaled, so that a caller killed between two takes has them undone by
     * the next user of the lock; if one was taken by someone else meanwhile, gives back those taken
     * (in reverse order) and starts again. See the package description.
     *
     * @param objects      1 to 64 distinct objects of this backend
     * @param timeoutNanos {@link SyncBackends#INFINITE}, 0 or positive
     * @return 0, {@link SyncBackends#ABANDONED_0} + the index of an abandoned mutex, or {@link SyncBackends#TIMEOUT}
     */
    static int waitAll(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        int n = objects.size();
        Waitable[] w = new Waitable[n];
        int[] tokens = new int[n];
        WaitStatus[] taken = new WaitStatus[n];
        WaitAllLock lock = null;
        for (int i = 0; i < n; i++) {
            w[i] = (Waitable) objects.get(i);
            tokens[i] = w[i].startToken();
            if (w[i].journalName() != null) {
                lock = ((LinuxSyncObject) w[i]).waitAllLock;
            }
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        for (;;) {
            // Look first, take only when everything looks available: a take given back then needs
            // a race with a single-object caller to happen.
            int unavailable = -1;
            for (int i = 0; i < n && unavailable < 0; i++) {
                if (!w[i].looksAvailable(tokens[i])) {
                    unavailable = i;
                }
            }
            if (unavailable >= 0) {
                long left = remaining(timeoutNanos, deadline);
                if (left == 0) {
                    return SyncBackends.TIMEOUT;
                }
                if (w[unavailable].tag() != 0) {
                    // Another wait-all is taking it, or died taking it: wait for it to finish.
                    if (!((LinuxSyncObject) w[unavailable]).settleTag(timeoutNanos, deadline)) {
                        return SyncBackends.TIMEOUT;
                    }
                    continue;
                }
                sleepOn(w[unavailable], timeoutNanos, deadline);
                continue;
            }
            if (lock != null && !lock.lock(remaining(timeoutNanos, deadline))) {
                return SyncBackends.TIMEOUT;
            }
            int missing = -1;
            try {
                int txn = lock == null ? 0 : lock.begin(w);
                for (int i = 0; i < n; i++) {
                    taken[i] = w[i].takeForAll(tokens[i], txn);
                    if (taken[i] == WaitStatus.TIMEOUT) {
                        missing = i;
                        break;
                    }
                    step(i);
                }
                if (missing < 0) {
                    if (lock != null) {
                        lock.commit(txn);
                        step(COMMITTED_STEP);
                        for (int i = 0; i < n; i++) {
                            w[i].keepTake(txn);
                        }
                    }
                } else {
                    for (int i = missing - 1; i >= 0; i--) {
                        w[i].giveBack(taken[i], txn);
                    }
                }
                if (lock != null) {
                    lock.end();
                }
            } finally {
                if (lock != null) {
                    lock.unlock();
                }
            }
            if (missing < 0) {
                for (int i = 0; i < n; i++) {
                    if (taken[i] == WaitStatus.ABANDONED) {
                        return SyncBackends.ABANDONED_0 + i;
                    }
                }
                return 0;
            }
            if (remaining(timeoutNanos, deadline) == 0) {
                return SyncBackends.TIMEOUT;
            }
            sleepOn(w[missing], timeoutNanos, deadline);
        }
    }

    private static void step(int step) {
        java.util.function.IntConsumer hook = stepHookForTests;
        if (hook != null) {
            hook.accept(step);
        }
    }

    private static int firstTagged(Waitable[] w) {
        for (int i = 0; i < w.length; i++) {
            if (w[i].tag() != 0) {
                return i;
            }
        }
        return -1;
    }

    /** @return -1 for no timeout, else the nanoseconds left to the deadline (0 when passed, or for a try) */
    private static long remaining(long timeoutNanos, long deadline) {
        if (timeoutNanos <= 0) {
            return timeoutNanos;
        }
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Sleeps on one object's word (through {@code futex_waitv}, for its absolute deadline) until it may be available. */
    private static void sleepOn(Waitable o, long timeoutNanos, long deadline) {
        long value = o.prepareSleep();
        if (value == Waitable.AVAILABLE) {
            return;
        }
        try {
            ByteBuffer scratch = SCRATCH.get();
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(scratch));
            scratch.putLong(0, value).putLong(8, o.wordAddress()).putInt(16, FUTEX2_SIZE_U32).putInt(20, 0);
            long timespec = 0;
            if (timeoutNanos > 0) {
                int at = SyncBackends.MAXIMUM_WAIT_OBJECTS * WAITV_SIZE;
                scratch.putLong(at, deadline / 1_000_000_000L).putLong(at + 8, deadline % 1_000_000_000L);
                timespec = address + at;
            }
            Futex.syscall(Futex.SYS_FUTEX_WAITV, address, 1, 0, timespec, CLOCK_MONOTONIC, 0);
        } finally {
            o.finishSleep();
        }
    }
}
