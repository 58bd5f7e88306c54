package org.ipctoolkit.sync.backend;

import java.util.List;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.ObjectName;

/**
 * One platform's factory of synchronisation objects, and its multi-object waits. The module's one
 * platform switch ({@code org.ipctoolkit.sync.SyncPlatform}) picks
 * {@code org.ipctoolkit.sync.windows.WindowsSyncBackends.load()} or
 * {@code org.ipctoolkit.sync.linux.LinuxSyncBackends.load()}; {@code load()} never throws: it runs
 * the backend's real probe and reports it through {@link #availability()}.
 *
 * <h2>Calls</h2>
 * The API checks every argument (names through {@code ObjectName}, counts, timeouts, list sizes,
 * the same API object twice) and the availability before calling any method here. The
 * create/open/createOrOpen methods follow the library's rule: {@code create*} fails with
 * {@code IpcAlreadyExistsException} if the name exists, {@code open*} with
 * {@code IpcNotFoundException} if it does not, {@code createOrOpen*} tells which happened through
 * {@link SyncObjectBackend#created()}; an existing object's creation arguments (initial owner,
 * manual reset, initial state, counts) are then ignored, as in Win32. A name held by another kind
 * of object fails with {@code IpcIncompatibleObjectException} (Win32 {@code ERROR_INVALID_HANDLE}),
 * as does, on Linux, an object of another layout version.
 *
 * <h2>Multi-object waits</h2>
 * {@link #waitAny} and {@link #waitAll} take 1 to {@link #MAXIMUM_WAIT_OBJECTS} objects made by this
 * same factory, of any kinds mixed, and return an int coded as {@code WaitForMultipleObjects}
 * does: {@code i} (object {@code i} signaled and taken), {@link #ABANDONED_0}{@code + i} (mutex
 * {@code i} was abandoned and is now owned), or {@link #TIMEOUT}.
 */
public interface SyncBackends {
    /** A timeout that never passes. */
    long INFINITE = -1L;
    /** The most objects a multi-object wait takes ({@code MAXIMUM_WAIT_OBJECTS}). */
    int MAXIMUM_WAIT_OBJECTS = 64;
    /** A multi-object wait's result for "abandoned mutex at index i" is {@code ABANDONED_0 + i} ({@code WAIT_ABANDONED_0}). */
    int ABANDONED_0 = 0x80;
    /** A multi-object wait's result when the timeout passed and nothing was taken. */
    int TIMEOUT = -1;

    /** @return whether this backend works here (its probe's outcome) */
    Availability availability();

    /**
     * {@code CreateMutexW}, failing if the name exists.
     *
     * @param name           the mutex's name
     * @param initiallyOwned give the calling thread ownership (count 1)
     * @return the hold
     */
    MutexBackend createMutex(ObjectName name, boolean initiallyOwned);

    /**
     * {@code OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE)}.
     *
     * @param name the mutex's name
     * @return the hold
     */
    MutexBackend openMutex(ObjectName name);

    /**
     * {@code CreateMutexW}: creates the mutex or opens the existing one ({@code initiallyOwned} is
     * then ignored).
     *
     * @param name           the mutex's name
     * @param initiallyOwned give the calling thread ownership if the mutex is created
     * @return the hold; {@link SyncObjectBackend#created()} tells which happened
     */
    MutexBackend createOrOpenMutex(ObjectName name, boolean initiallyOwned);

    /**
     * {@code CreateEventW}, failing if the name exists.
     *
     * @param name         the event's name
     * @param manualReset  manual-reset (true) or auto-reset (false)
     * @param initialState signaled at creation
     * @return the hold
     */
    EventBackend createEvent(ObjectName name, boolean manualReset, boolean initialState);

    /**
     * {@code OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE)}.
     *
     * @param name the event's name
     * @return the hold
     */
    EventBackend openEvent(ObjectName name);

    /**
     * {@code CreateEventW}: creates the event or opens the existing one (the other arguments are
     * then ignored).
     *
     * @param name         the event's name
     * @param manualReset  manual-reset (true) or auto-reset (false), if created
     * @param initialState signaled at creation, if created
     * @return the hold
     */
    EventBackend createOrOpenEvent(ObjectName name, boolean manualReset, boolean initialState);

    /**
     * {@code CreateEventW(NULL, manualReset, initialState, NULL)}: an unnamed event private to this
     * process, which other objects of this factory can be waited on with (the event watcher's stop
     * signal). Its {@link SyncObjectBackend#created()} is true.
     *
     * @param manualReset  manual-reset (true) or auto-reset (false)
     * @param initialState signaled at creation
     * @return the hold
     */
    EventBackend createPrivateEvent(boolean manualReset, boolean initialState);

    /**
     * {@code CreateSemaphoreW}, failing if the name exists.
     *
     * @param name         the semaphore's name
     * @param initialCount 0 to {@code maximumCount}
     * @param maximumCount at least 1
     * @return the hold
     */
    SemaphoreBackend createSemaphore(ObjectName name, int initialCount, int maximumCount);

    /**
     * {@code OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE)}.
     *
     * @param name the semaphore's name
     * @return the hold
     */
    SemaphoreBackend openSemaphore(ObjectName name);

    /**
     * {@code CreateSemaphoreW}: creates the semaphore or opens the existing one (the counts are
     * then ignored).
     *
     * @param name         the semaphore's name
     * @param initialCount 0 to {@code maximumCount}, if created
     * @param maximumCount at least 1, if created
     * @return the hold
     */
    SemaphoreBackend createOrOpenSemaphore(ObjectName name, int initialCount, int maximumCount);

    /**
     * {@code WaitForMultipleObjects(n, handles, FALSE, timeout)}: waits until one of the objects is
     * signaled and takes that one only (as {@link SyncObjectBackend#waitFor(long)} does); when
     * several are, the lowest index wins.
     *
     * @param objects      1 to {@link #MAXIMUM_WAIT_OBJECTS} objects of this factory
     * @param timeoutNanos {@link #INFINITE}, 0 (test once), or positive
     * @return {@code i}, {@code ABANDONED_0 + i}, or {@link #TIMEOUT}
     */
    int waitAny(List<? extends SyncObjectBackend> objects, long timeoutNanos);

    /**
     * {@code WaitForMultipleObjects(n, handles, TRUE, timeout)}: waits until every object is
     * signaled at the same moment and takes all of them atomically, or none (a timeout takes
     * nothing; a process killed while waiting leaves nothing half-taken). The API never passes the
     * same object twice (it refuses two holds of the same name itself: Wine does not refuse them,
     * Windows fails with {@code ERROR_INVALID_PARAMETER}).
     *
     * @param objects      1 to {@link #MAXIMUM_WAIT_OBJECTS} distinct objects of this factory
     * @param timeoutNanos {@link #INFINITE}, 0 (test once), or positive
     * @return 0 (all taken), {@code ABANDONED_0 + i} (all taken, and at least one of them was an
     *         abandoned mutex; {@code i} is any index: Win32 does not say which, and the API drops
     *         it), or {@link #TIMEOUT}
     */
    int waitAll(List<? extends SyncObjectBackend> objects, long timeoutNanos);
}
