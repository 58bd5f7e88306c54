package org.ipctoolkit.sync.linux;

import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.SemaphoreFullException;
import org.ipctoolkit.sync.backend.SemaphoreBackend;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named semaphore on Linux: a futex word holding the count (see the package description).
 *
 * <pre>
 *    0  4  COUNT     the count (CAS by waiters and releasers; the futex word)
 *    4  4  TAG       the wait-all transaction that took a unit and has not finished, or 0 (CAS with COUNT)
 *    8  4  MAXIMUM   written by the creator only
 *   12  4  WAITERS   threads about to sleep or sleeping (atomic add; saves FUTEX_WAKE when 0)
 * </pre>
 */
final class LinuxSemaphore extends LinuxSyncObject implements SemaphoreBackend, Waitable {
    static final int COUNT_OFFSET = WORD_OFFSET;
    static final int MAXIMUM_OFFSET = 8;

    private final String name;
    private final int maximum;

    private LinuxSemaphore(LinuxNamedObject object, String name) {
        super(object);
        this.name = name;
        this.maximum = (int) INT.get(body, MAXIMUM_OFFSET);
    }

    /** {@code CreateSemaphoreW}: a new name, or (orOpen) the existing semaphore of that name. */
    static LinuxSemaphore create(ObjectName name, int initialCount, int maximumCount, boolean orOpen) {
        LinuxNamedObject.Initializer init = b -> {
            INT.set(b, MAXIMUM_OFFSET, maximumCount);
            INT.set(b, COUNT_OFFSET, initialCount);
        };
        return new LinuxSemaphore(orOpen ? LinuxNamedObject.createOrOpen(ObjectType.SEMAPHORE, name, init)
                : LinuxNamedObject.create(ObjectType.SEMAPHORE, name, init), name.win32Name());
    }

    /** {@code OpenSemaphoreW}. */
    static LinuxSemaphore open(ObjectName name) {
        return new LinuxSemaphore(LinuxNamedObject.open(ObjectType.SEMAPHORE, name), name.win32Name());
    }

    @Override
    public WaitStatus waitFor(long timeoutNanos) {
        long deadline = deadline(timeoutNanos);
        for (;;) {
            int c = (int) INT.getVolatile(body, COUNT_OFFSET);
            if (c > 0) {
                if (INT.compareAndSet(body, COUNT_OFFSET, c, c - 1)) {
                    return WaitStatus.SIGNALED;
                }
                continue;
            }
            if (tag() != 0) {
                // A wait-all is taking (or died taking) from this semaphore: wait for it to finish.
                if (!settleTag(timeoutNanos, deadline)) {
                    return WaitStatus.TIMEOUT;
                }
                continue;
            }
            if (timeoutNanos == 0) {
                return WaitStatus.TIMEOUT;
            }
            // Dekker with release(): WAITERS goes up (a full fence) before COUNT is read again for the sleep.
            INT.getAndAdd(body, WAITERS_OFFSET, 1);
            try {
                if ((int) INT.getVolatile(body, COUNT_OFFSET) == 0 && !sleep(COUNT_OFFSET, 0, timeoutNanos, deadline)) {
                    return WaitStatus.TIMEOUT;
                }
            } finally {
                INT.getAndAdd(body, WAITERS_OFFSET, -1);
            }
        }
    }

    @Override
    public int release(int count) {
        for (;;) {
            int c = (int) INT.getVolatile(body, COUNT_OFFSET);
            if ((long) c + count > maximum) {
                throw new SemaphoreFullException(name, "ReleaseSemaphore", null, "the count " + c + " plus "
                        + count + " would pass the maximum " + maximum + " (ERROR_TOO_MANY_POSTS, 298); nothing changed");
            }
            if (INT.compareAndSet(body, COUNT_OFFSET, c, c + count)) {
                if ((int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
                    wake(COUNT_OFFSET, count);
                }
                return c;
            }
        }
    }

    @Override
    public int startToken() {
        return 0;
    }

    @Override
    public WaitStatus attempt(int startToken) {
        return waitFor(0);
    }

    @Override
    public boolean looksAvailable(int startToken) {
        return (int) INT.getVolatile(body, COUNT_OFFSET) > 0;
    }

    @Override
    public long prepareSleep() {
        INT.getAndAdd(body, WAITERS_OFFSET, 1);
        if ((int) INT.getVolatile(body, COUNT_OFFSET) != 0) {
            INT.getAndAdd(body, WAITERS_OFFSET, -1);
            return AVAILABLE;
        }
        return 0;
    }

    @Override
    public void finishSleep() {
        INT.getAndAdd(body, WAITERS_OFFSET, -1);
    }

    @Override
    public long wordAddress() {
        return bodyAddress + COUNT_OFFSET;
    }

    @Override
    public void passWake() {
        if ((int) INT.getVolatile(body, COUNT_OFFSET) > 0 && (int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
            wake(COUNT_OFFSET, 1);
        }
    }

    @Override
    public WaitStatus takeForAll(int startToken, int txn) {
        for (;;) {
            long wordAndTag = wordAndTag();
            int c = (int) wordAndTag;
            if (c <= 0 || (int) (wordAndTag >>> 32) != 0) {
                return WaitStatus.TIMEOUT;
            }
            if (casWordAndTag(wordAndTag, c - 1, txn)) {
                return WaitStatus.SIGNALED;
            }
        }
    }

    @Override
    public void giveBack(WaitStatus taken, int txn) {
        undoTake(txn);
    }

    @Override
    public void undoTake(int txn) {
        // Someone released up to the maximum meanwhile: the unit is not given twice.
        undoMarkedTake(txn, c -> c >= maximum ? c : c + 1);
    }

    @Override
    public String journalName() {
        return fileName();
    }

    @Override
    public ObjectType journalType() {
        return ObjectType.SEMAPHORE;
    }
}
