package org.ipctoolkit.sync.linux;

import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named (or unnamed) event on Linux: a futex word holding the signaled bit and a generation that
 * every set and pulse advances (see the package description).
 *
 * <pre>
 *    0  4  STATE     bit 0 signaled; bits 1..31 the generation (+1 per set or pulse)     CAS; the futex word
 *    4  4  TAG       the wait-all transaction that took the signal and has not finished  CAS with STATE
 *    8  4  FLAGS     bit 0 manual reset                                                   the creator only
 *   12  4  WAITERS   threads about to sleep or sleeping (atomic add; saves FUTEX_WAKE when 0)
 *   16  8  TICKET    auto-reset pulse: generation of the pulse (high 32) | tickets left (low 32)   CAS
 * </pre>
 * A waiter remembers the generation it first saw non-signaled. A manual-reset waiter returns as soon
 * as the generation moved (a set, even if reset again at once, or a pulse). An auto-reset waiter
 * returns when it clears the signaled bit by CAS, or takes a ticket of a pulse newer than its
 * start. Each pulse of an auto-reset event leaves one ticket (replacing any left by an earlier pulse
 * that nobody took: two pulses in the same instant may release one waiter, not two; Win32 documents
 * {@code PulseEvent} as unreliable for the same kind of reason).
 */
final class LinuxEvent extends LinuxSyncObject implements EventBackend, Waitable {
    static final int STATE_OFFSET = WORD_OFFSET;
    static final int FLAGS_OFFSET = 8;
    static final int TICKET_OFFSET = 16;
    private static final int SIGNALED = 1;
    private static final int GENERATION = 2;
    private static final int MANUAL_RESET = 1;

    private final boolean manualReset;

    private LinuxEvent(LinuxNamedObject object) {
        super(object);
        this.manualReset = ((int) INT.get(body, FLAGS_OFFSET) & MANUAL_RESET) != 0;
    }

    private LinuxEvent(boolean manualReset, boolean initialState) {
        super();
        this.manualReset = manualReset;
        INT.set(body, FLAGS_OFFSET, manualReset ? MANUAL_RESET : 0);
        INT.setRelease(body, STATE_OFFSET, initialState ? SIGNALED : 0);
    }

    /** {@code CreateEventW} of a name: a new one, or (orOpen) the existing event of that name. */
    static LinuxEvent create(ObjectName name, boolean manualReset, boolean initialState, boolean orOpen) {
        LinuxNamedObject.Initializer init = b -> {
            INT.set(b, FLAGS_OFFSET, manualReset ? MANUAL_RESET : 0);
            INT.set(b, STATE_OFFSET, initialState ? SIGNALED : 0);
        };
        return new LinuxEvent(orOpen ? LinuxNamedObject.createOrOpen(ObjectType.EVENT, name, init)
                : LinuxNamedObject.create(ObjectType.EVENT, name, init));
    }

    /** {@code OpenEventW}. */
    static LinuxEvent open(ObjectName name) {
        return new LinuxEvent(LinuxNamedObject.open(ObjectType.EVENT, name));
    }

    /** {@code CreateEventW(NULL, ...)}: an unnamed event in this process's memory. */
    static LinuxEvent unnamed(boolean manualReset, boolean initialState) {
        return new LinuxEvent(manualReset, initialState);
    }

    private static int generation(int state) {
        return state >>> 1;
    }

    /** @return true if {@code later} is a generation after {@code earlier} (31-bit wrapping) */
    private static boolean after(int later, int earlier) {
        int d = (later - earlier) & 0x7fffffff;
        return d != 0 && d < 0x40000000;
    }

    @Override
    public WaitStatus waitFor(long timeoutNanos) {
        long deadline = deadline(timeoutNanos);
        int start = -1;
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & SIGNALED) != 0) {
                if (manualReset || INT.compareAndSet(body, STATE_OFFSET, v, v & ~SIGNALED)) {
                    return WaitStatus.SIGNALED;
                }
                continue;
            }
            if (start < 0) {
                start = generation(v);
            } else if (after(generation(v), start) && (manualReset || takeTicket(start))) {
                return WaitStatus.SIGNALED;
            }
            if (!manualReset && tag() != 0) {
                // A wait-all is taking (or died taking) this event's signal: wait for it to finish.
                if (!settleTag(timeoutNanos, deadline)) {
                    return WaitStatus.TIMEOUT;
                }
                continue;
            }
            if (timeoutNanos == 0) {
                return WaitStatus.TIMEOUT;
            }
            INT.getAndAdd(body, WAITERS_OFFSET, 1);
            try {
                if ((int) INT.getVolatile(body, STATE_OFFSET) == v && !sleep(STATE_OFFSET, v, timeoutNanos, deadline)) {
                    return WaitStatus.TIMEOUT;
                }
            } finally {
                INT.getAndAdd(body, WAITERS_OFFSET, -1);
            }
        }
    }

    /** An auto-reset waiter that started at generation {@code start} takes a pulse's ticket if one is left for it. */
    private boolean takeTicket(int start) {
        for (;;) {
            long t = (long) LONG.getVolatile(body, TICKET_OFFSET);
            int left = (int) t;
            if (left == 0 || !after((int) (t >>> 32), start)) {
                return false;
            }
            if (LONG.compareAndSet(body, TICKET_OFFSET, t, t - 1)) {
                return true;
            }
        }
    }

    @Override
    public void set() {
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & SIGNALED) != 0) {
                return;
            }
            if (INT.compareAndSet(body, STATE_OFFSET, v, (v + GENERATION) | SIGNALED)) {
                break;
            }
        }
        if ((int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
            wake(STATE_OFFSET, manualReset ? Integer.MAX_VALUE : 1);
        }
    }

    @Override
    public void reset() {
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & SIGNALED) == 0 || INT.compareAndSet(body, STATE_OFFSET, v, v & ~SIGNALED)) {
                return;
            }
        }
    }

    @Override
    public void pulse() {
        int next;
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            next = (v + GENERATION) & ~SIGNALED;
            if (INT.compareAndSet(body, STATE_OFFSET, v, next)) {
                break;
            }
        }
        if ((int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
            if (!manualReset) {
                LONG.setVolatile(body, TICKET_OFFSET, ((long) generation(next) << 32) | 1L);
            }
            wake(STATE_OFFSET, Integer.MAX_VALUE);
        }
    }

    @Override
    public int startToken() {
        return generation((int) INT.getVolatile(body, STATE_OFFSET));
    }

    @Override
    public WaitStatus attempt(int startToken) {
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & SIGNALED) != 0) {
                if (manualReset || INT.compareAndSet(body, STATE_OFFSET, v, v & ~SIGNALED)) {
                    return WaitStatus.SIGNALED;
                }
                continue;
            }
            return after(generation(v), startToken) && (manualReset || takeTicket(startToken))
                    ? WaitStatus.SIGNALED : WaitStatus.TIMEOUT;
        }
    }

    @Override
    public boolean looksAvailable(int startToken) {
        int v = (int) INT.getVolatile(body, STATE_OFFSET);
        if ((v & SIGNALED) != 0 || (manualReset && after(generation(v), startToken))) {
            return true;
        }
        long t = (long) LONG.getVolatile(body, TICKET_OFFSET);
        return !manualReset && (int) t != 0 && after((int) (t >>> 32), startToken);
    }

    @Override
    public long prepareSleep() {
        INT.getAndAdd(body, WAITERS_OFFSET, 1);
        int v = (int) INT.getVolatile(body, STATE_OFFSET);
        if ((v & SIGNALED) != 0) {
            INT.getAndAdd(body, WAITERS_OFFSET, -1);
            return AVAILABLE;
        }
        return v & 0xffffffffL;
    }

    @Override
    public void finishSleep() {
        INT.getAndAdd(body, WAITERS_OFFSET, -1);
    }

    @Override
    public long wordAddress() {
        return bodyAddress + STATE_OFFSET;
    }

    @Override
    public void passWake() {
        if (!manualReset && ((int) INT.getVolatile(body, STATE_OFFSET) & SIGNALED) != 0
                && (int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
            wake(STATE_OFFSET, 1);
        }
    }

    @Override
    public WaitStatus takeForAll(int startToken, int txn) {
        if (manualReset || txn == 0 || journalName() == null) {
            return attempt(startToken);
        }
        for (;;) {
            long wordAndTag = wordAndTag();
            int v = (int) wordAndTag;
            if ((v & SIGNALED) != 0) {
                if ((int) (wordAndTag >>> 32) != 0) {
                    return WaitStatus.TIMEOUT;
                }
                if (casWordAndTag(wordAndTag, v & ~SIGNALED, txn)) {
                    return WaitStatus.SIGNALED;
                }
                continue;
            }
            // A pulse's ticket is not marked: a pulse whose released waiter dies is spent, as a pulse is.
            return after(generation(v), startToken) && takeTicket(startToken) ? WaitStatus.SIGNALED : WaitStatus.TIMEOUT;
        }
    }

    @Override
    public void giveBack(WaitStatus taken, int txn) {
        if (manualReset) {
            return;
        }
        if (txn != 0 && tag() == txn) {
            undoTake(txn);
        } else {
            set();   // a pulse's ticket, given back as a set
        }
    }

    @Override
    public void undoTake(int txn) {
        undoMarkedTake(txn, v -> (v & SIGNALED) != 0 ? v : (v + GENERATION) | SIGNALED);
    }

    @Override
    public String journalName() {
        return manualReset ? null : fileName();
    }

    @Override
    public ObjectType journalType() {
        return ObjectType.EVENT;
    }
}
