package org.ipctoolkit.sync.linux;

import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * What a multi-object wait ({@link WaitMultiple}) needs of each Linux object: one attempt to take it,
 * how to register as a sleeper on its futex word, and how to pass on a wake-up it may have swallowed.
 */
interface Waitable {
    /** Returned by {@link #prepareSleep()} when the object became available: attempt again, do not sleep. */
    long AVAILABLE = -1L;

    /** @return what the object's attempts remember from the start of the wait (an event's generation), or 0 */
    int startToken();

    /**
     * One attempt to take the object without waiting.
     *
     * @param startToken what {@link #startToken()} returned at the start of the wait
     * @return SIGNALED or ABANDONED if taken, TIMEOUT if not available
     */
    WaitStatus attempt(int startToken);

    /**
     * Looks, without taking anything, whether {@link #attempt(int)} would succeed now.
     *
     * @param startToken what {@link #startToken()} returned at the start of the wait
     * @return true if the object is available to the caller at this moment
     */
    boolean looksAvailable(int startToken);

    /**
     * Registers the caller as a sleeper (a mutex: sets {@code FUTEX_WAITERS}; the others: WAITERS + 1).
     *
     * @return the value of the futex word to sleep on (as an unsigned 32-bit value), or {@link #AVAILABLE}
     *         (then nothing is registered)
     */
    long prepareSleep();

    /** Undoes {@link #prepareSleep()} (the others: WAITERS - 1; a mutex: nothing). */
    void finishSleep();

    /** @return the address of the futex word in this process */
    long wordAddress();

    /**
     * Called on the objects a multi-object wait did not take, after it took another: if this one is
     * available and has sleepers, wakes one, since the wake-up that made it available may have been
     * the one this wait swallowed.
     */
    void passWake();

    /**
     * Gives back what {@link #attempt(int)} or {@link #takeForAll(int, int)} took, for a wait-all
     * that could not take every object: a mutex is released (and marked abandoned again if it was
     * taken abandoned), a semaphore unit returned, an auto-reset event set again; a manual-reset
     * event took nothing.
     *
     * @param taken what the attempt returned, SIGNALED or ABANDONED
     * @param txn   the wait-all's transaction (the mark of an event or semaphore take)
     */
    void giveBack(WaitStatus taken, int txn);

    // What a wait-all's transaction (WaitAllLock) needs. The defaults are a mutex's: its take needs
    // no mark, since the kernel abandons a mutex whose owner dies.

    /** @return the wait-all transaction whose take of this object has not finished, or 0 */
    default int tag() {
        return 0;
    }

    /**
     * {@link #attempt(int)} for a wait-all: a semaphore unit or auto-reset signal taken is marked
     * with the transaction in the same CAS.
     *
     * @return SIGNALED or ABANDONED if taken, TIMEOUT if not available
     */
    default WaitStatus takeForAll(int startToken, int txn) {
        return attempt(startToken);
    }

    /** Undoes the take of a dead wait-all, if this object still carries its mark {@code txn}. */
    default void undoTake(int txn) {
    }

    /** Keeps a take of {@link #takeForAll}: clears its mark if it still holds {@code txn}. */
    default void keepTake(int txn) {
    }

    /** @return the file name a wait-all journals for this object, or null if its takes need no journal */
    default String journalName() {
        return null;
    }

    /** @return the kind a wait-all journals for this object (with {@link #journalName()}) */
    default ObjectType journalType() {
        return null;
    }
}
