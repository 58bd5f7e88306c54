package org.ipctoolkit.sync;

/**
 * The outcome of a wait that may time out: what {@code WaitForSingleObject} and
 * {@code WaitForMultipleObjects} return ({@code WAIT_OBJECT_0 + i}, {@code WAIT_ABANDONED_0 + i},
 * {@code WAIT_TIMEOUT}), as a status and an index. A timeout is a result, never an exception.
 *
 * <p>For a single-object wait the index is 0 (or -1 for a timeout); for
 * {@link WaitHandles#waitAny} it is the position of the object that was taken; for
 * {@link WaitHandles#waitAll} it is 0 (Win32 does not say which mutex was abandoned). Instances are
 * shared constants: compare them with {@link #status()} and {@link #index()}, or with {@code ==}
 * against {@link #SIGNALED}, {@link #ABANDONED} and {@link #TIMEOUT} for single-object waits.
 */
public final class WaitResult {
    /** What happened. */
    public enum Status {
        /** The object was signaled and taken ({@code WAIT_OBJECT_0 + i}). */
        SIGNALED,
        /**
         * A mutex whose previous owner ended without releasing it was taken: the caller owns it
         * now and should check the data it guards ({@code WAIT_ABANDONED_0 + i}).
         */
        ABANDONED,
        /** The timeout passed; nothing was taken ({@code WAIT_TIMEOUT}). */
        TIMEOUT
    }

    private static final int MAX = 64;
    private static final WaitResult[] SIGNALED_AT = new WaitResult[MAX];
    private static final WaitResult[] ABANDONED_AT = new WaitResult[MAX];

    static {
        for (int i = 0; i < MAX; i++) {
            SIGNALED_AT[i] = new WaitResult(Status.SIGNALED, i);
            ABANDONED_AT[i] = new WaitResult(Status.ABANDONED, i);
        }
    }

    /** Object 0 was signaled and taken ({@code WAIT_OBJECT_0}). */
    public static final WaitResult SIGNALED = SIGNALED_AT[0];
    /** Abandoned mutex 0 was taken ({@code WAIT_ABANDONED}). */
    public static final WaitResult ABANDONED = ABANDONED_AT[0];
    /** The timeout passed ({@code WAIT_TIMEOUT}); index -1. */
    public static final WaitResult TIMEOUT = new WaitResult(Status.TIMEOUT, -1);

    private final Status status;
    private final int index;

    private WaitResult(Status status, int index) {
        this.status = status;
        this.index = index;
    }

    static WaitResult signaled(int index) {
        return SIGNALED_AT[index];
    }

    static WaitResult abandoned(int index) {
        return ABANDONED_AT[index];
    }

    /** @return what happened */
    public Status status() {
        return status;
    }

    /** @return the position of the object concerned (see the class description); -1 for a timeout */
    public int index() {
        return index;
    }

    /** @return true if something was taken: signaled or abandoned (not a timeout) */
    public boolean acquired() {
        return status != Status.TIMEOUT;
    }

    /** @return true for {@link Status#ABANDONED} */
    public boolean isAbandoned() {
        return status == Status.ABANDONED;
    }

    /** @return true for {@link Status#TIMEOUT} */
    public boolean isTimeout() {
        return status == Status.TIMEOUT;
    }

    /** @return e.g. {@code SIGNALED[2]}, {@code TIMEOUT} */
    @Override
    public String toString() {
        return status == Status.TIMEOUT ? "TIMEOUT" : status + "[" + index + "]";
    }
}
