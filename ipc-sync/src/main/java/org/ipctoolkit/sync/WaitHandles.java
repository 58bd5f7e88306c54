package org.ipctoolkit.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.SyncObjectBackend;

/**
 * Waits on several synchronisation objects at once, of any kinds mixed: Win32's
 * {@code WaitForMultipleObjects}, 1 to {@value #MAXIMUM_WAIT_OBJECTS} objects.
 *
 * <ul>
 *   <li>{@link #waitAny} takes the first object that is signaled (the lowest index when several
 *       are) and only that one: a mutex becomes owned, a semaphore loses one unit, an auto-reset
 *       event is reset.</li>
 *   <li>{@link #waitAll} waits until all of them are signaled at the same moment and takes all of
 *       them atomically, or none. The same object twice (the same instance, or two holds of the same
 *       name) is refused, as Windows refuses it.</li>
 * </ul>
 * An abandoned mutex is taken and reported as {@link WaitResult.Status#ABANDONED}, never as an
 * exception: with its index from {@link #waitAny}; with index 0 from {@link #waitAll}, since Win32
 * does not say which of the mutexes was abandoned. A timeout is {@link WaitResult#TIMEOUT}.
 *
 * <h2>Platform differences</h2>
 * On Windows the kernel takes a {@code waitAll} set in one step. On Linux {@code waitAll} looks at
 * every object first and takes them only when all look available, in a short journaled transaction
 * under a per-user lock, giving back what it took if a single-object caller won a race. It never
 * returns with part of the set, and a process killed in the middle of the take has its takes undone
 * by the next user (semaphore units and events' signals come back). Two differences remain: while
 * it takes and gives back after a lost race, another thread may briefly see one of the objects
 * taken (an auto-reset event non-signaled, a semaphore one unit lower); and a mutex of the set that
 * the killed process had already taken is reported abandoned to its next owner. The package
 * description of the Linux backend has the details.
 */
public final class WaitHandles {
    /** The most objects one wait takes ({@code MAXIMUM_WAIT_OBJECTS}). */
    public static final int MAXIMUM_WAIT_OBJECTS = SyncBackends.MAXIMUM_WAIT_OBJECTS;

    private static final String KIND = "wait";

    private WaitHandles() {
    }

    /**
     * Waits as long as it takes for any one of the objects. Win32:
     * {@code WaitForMultipleObjects(n, handles, FALSE, INFINITE)}.
     *
     * @param objects 1 to {@value #MAXIMUM_WAIT_OBJECTS} open objects
     * @return {@code SIGNALED} or {@code ABANDONED} with the index of the object taken
     * @throws IpcInvalidArgumentException if there are 0 or more than {@value #MAXIMUM_WAIT_OBJECTS} objects
     * @throws IllegalStateException       if one of them is closed
     */
    public static WaitResult waitAny(SyncObject... objects) {
        return waitAny(SyncBackends.INFINITE, objects);
    }

    /**
     * Waits at most {@code timeout} for any one of the objects. Win32:
     * {@code WaitForMultipleObjects(n, handles, FALSE, ms)}.
     *
     * @param timeout how long to wait; zero tests once
     * @param objects 1 to {@value #MAXIMUM_WAIT_OBJECTS} open objects
     * @return {@code SIGNALED} or {@code ABANDONED} with the index of the object taken, or {@link WaitResult#TIMEOUT}
     * @throws IpcInvalidArgumentException if the timeout is negative, or there are 0 or more than
     *                                     {@value #MAXIMUM_WAIT_OBJECTS} objects
     * @throws IllegalStateException       if one of them is closed
     */
    public static WaitResult waitAny(Duration timeout, SyncObject... objects) {
        return waitAny(Timeouts.nanos(timeout, KIND, null, "waitAny"), objects);
    }

    private static WaitResult waitAny(long nanos, SyncObject[] objects) {
        List<SyncObjectBackend> backends = backends("waitAny", objects, false);
        return result(SyncPlatform.backends(KIND, null, "waitAny").waitAny(backends, nanos));
    }

    /**
     * Waits as long as it takes for all of the objects, and takes them all at once. Win32:
     * {@code WaitForMultipleObjects(n, handles, TRUE, INFINITE)}.
     *
     * @param objects 1 to {@value #MAXIMUM_WAIT_OBJECTS} open, distinct objects
     * @return {@link WaitResult#SIGNALED}, or {@link WaitResult#ABANDONED} if at least one mutex was
     *         abandoned (all are taken in both cases; the index is 0)
     * @throws IpcInvalidArgumentException if there are 0 or more than {@value #MAXIMUM_WAIT_OBJECTS}
     *                                     objects, or one is there twice
     * @throws IllegalStateException       if one of them is closed
     */
    public static WaitResult waitAll(SyncObject... objects) {
        return waitAll(SyncBackends.INFINITE, objects);
    }

    /**
     * Waits at most {@code timeout} for all of the objects, and takes them all at once or none.
     * Win32: {@code WaitForMultipleObjects(n, handles, TRUE, ms)}.
     *
     * @param timeout how long to wait; zero tests once
     * @param objects 1 to {@value #MAXIMUM_WAIT_OBJECTS} open, distinct objects
     * @return {@link WaitResult#SIGNALED}, {@link WaitResult#ABANDONED} if at least one mutex was
     *         abandoned (all taken in both cases; the index is 0), or {@link WaitResult#TIMEOUT} (none taken)
     * @throws IpcInvalidArgumentException if the timeout is negative, there are 0 or more than
     *                                     {@value #MAXIMUM_WAIT_OBJECTS} objects, or one is there twice
     * @throws IllegalStateException       if one of them is closed
     */
    public static WaitResult waitAll(Duration timeout, SyncObject... objects) {
        return waitAll(Timeouts.nanos(timeout, KIND, null, "waitAll"), objects);
    }

    private static WaitResult waitAll(long nanos, SyncObject[] objects) {
        List<SyncObjectBackend> backends = backends("waitAll", objects, true);
        int code = SyncPlatform.backends(KIND, null, "waitAll").waitAll(backends, nanos);
        // Win32 does not say which mutex was abandoned in a wait-all: the index is always 0.
        return code == SyncBackends.TIMEOUT ? WaitResult.TIMEOUT
                : code >= SyncBackends.ABANDONED_0 ? WaitResult.ABANDONED : WaitResult.SIGNALED;
    }

    private static List<SyncObjectBackend> backends(String operation, SyncObject[] objects, boolean distinct) {
        Objects.requireNonNull(objects, "objects");
        if (objects.length == 0 || objects.length > MAXIMUM_WAIT_OBJECTS) {
            throw new IpcInvalidArgumentException(KIND, null, operation, null, objects.length
                    + " objects given; a wait takes 1 to " + MAXIMUM_WAIT_OBJECTS + " objects");
        }
        // Two holds of one name are one object (while both are held it cannot have been remade);
        // "Local\X" and "X" are one name too. The POSIX form of a name folds exactly that.
        Set<String> seen = distinct ? new HashSet<>() : null;
        List<SyncObjectBackend> backends = new ArrayList<>(objects.length);
        for (int i = 0; i < objects.length; i++) {
            SyncObject o = Objects.requireNonNull(objects[i], "objects[" + i + "]");
            if (distinct && !seen.add(((AbstractSyncObject) o).objectName().posixName())) {
                throw new IpcInvalidArgumentException(KIND, o.name(), operation, null, "the object at index " + i
                        + " is already in the list (the same object, or another hold of the same name); waitAll"
                        + " takes each object once, as WaitForMultipleObjects does");
            }
            backends.add(backendOf(o));
        }
        return backends;
    }

    static SyncObjectBackend backendOf(SyncObject o) {
        return ((AbstractSyncObject) o).backend();
    }

    private static WaitResult result(int code) {
        if (code == SyncBackends.TIMEOUT) {
            return WaitResult.TIMEOUT;
        }
        if (code >= SyncBackends.ABANDONED_0) {
            return WaitResult.abandoned(code - SyncBackends.ABANDONED_0);
        }
        return WaitResult.signaled(code);
    }
}
