package org.ipctoolkit.sync;

import java.time.Duration;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.SemaphoreBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named counting semaphore shared between processes, with the semantics of a Win32 semaphore
 * ({@code CreateSemaphoreW}): a count from 0 to a maximum fixed at creation; {@link #acquire()}
 * takes one (waiting while it is 0), {@link #release(int)} adds some, and refuses, changing
 * nothing, to pass the maximum. A semaphore has no owner: any thread of any process may release it.
 *
 * <p>Thread-safe. Waits are not interruptible.
 */
public final class NamedSemaphore extends AbstractSyncObject implements SyncObject {
    static final String KIND = "semaphore";

    private final SemaphoreBackend impl;

    private NamedSemaphore(ObjectName name, SemaphoreBackend backend) {
        super(KIND, name, backend);
        this.impl = backend;
    }

    /** @return the backend, after checking the object is open */
    private SemaphoreBackend impl() {
        ensureOpen();
        return impl;
    }

    private static void checkCounts(String name, int initialCount, int maximumCount) {
        if (maximumCount < 1 || initialCount < 0 || initialCount > maximumCount) {
            throw new IpcInvalidArgumentException(KIND, name, "create", null, "invalid counts (initial "
                    + initialCount + ", maximum " + maximumCount + "): the maximum must be at least 1 and the"
                    + " initial count between 0 and the maximum");
        }
    }

    /**
     * Creates a new semaphore. Win32: {@code CreateSemaphoreW(NULL, initialCount, maximumCount, name)},
     * failing on {@code ERROR_ALREADY_EXISTS}.
     *
     * @param name         the semaphore's name (see {@link ObjectName})
     * @param initialCount its count now, 0 to {@code maximumCount}
     * @param maximumCount its largest count, at least 1
     * @return the semaphore
     * @throws IpcAlreadyExistsException       if an object of that name exists
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name or the counts are not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedSemaphore create(String name, int initialCount, int maximumCount) {
        ObjectName n = ObjectName.of(KIND, name);
        checkCounts(name, initialCount, maximumCount);
        return new NamedSemaphore(n, SyncPlatform.backends(KIND, name, "create")
                .createSemaphore(n, initialCount, maximumCount));
    }

    /**
     * Opens an existing semaphore. Win32:
     * {@code OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, name)}.
     *
     * @param name the semaphore's name
     * @return the semaphore
     * @throws IpcNotFoundException            if no object has that name
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedSemaphore open(String name) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedSemaphore(n, SyncPlatform.backends(KIND, name, "open").openSemaphore(n));
    }

    /**
     * Creates the semaphore, or opens it if it exists (the counts are then ignored, as in Win32,
     * but still checked); {@link #created()} tells which. Win32: {@code CreateSemaphoreW}.
     *
     * @param name         the semaphore's name
     * @param initialCount its count, if created: 0 to {@code maximumCount}
     * @param maximumCount its largest count, if created: at least 1
     * @return the semaphore
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name or the counts are not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedSemaphore createOrOpen(String name, int initialCount, int maximumCount) {
        ObjectName n = ObjectName.of(KIND, name);
        checkCounts(name, initialCount, maximumCount);
        return new NamedSemaphore(n, SyncPlatform.backends(KIND, name, "createOrOpen")
                .createOrOpenSemaphore(n, initialCount, maximumCount));
    }

    /**
     * Takes one unit, waiting as long as it takes. Win32: {@code WaitForSingleObject(h, INFINITE)}.
     *
     * @throws IllegalStateException if the semaphore is closed
     */
    public void acquire() {
        impl().waitFor(SyncBackends.INFINITE);
    }

    /**
     * Takes one unit if the count is above 0 now. Win32: {@code WaitForSingleObject(h, 0)}.
     *
     * @return true if a unit was taken
     * @throws IllegalStateException if the semaphore is closed
     */
    public boolean tryAcquire() {
        return impl().waitFor(0) != WaitStatus.TIMEOUT;
    }

    /**
     * Takes one unit, waiting at most {@code timeout}. Win32: {@code WaitForSingleObject(h, ms)}.
     *
     * @param timeout how long to wait; zero tests once
     * @return true if a unit was taken, false on timeout
     * @throws IpcInvalidArgumentException if {@code timeout} is negative
     * @throws IllegalStateException       if the semaphore is closed
     */
    public boolean tryAcquire(Duration timeout) {
        long nanos = Timeouts.nanos(timeout, KIND, name(), "tryAcquire");
        return impl().waitFor(nanos) != WaitStatus.TIMEOUT;
    }

    /**
     * Adds one unit. Win32: {@code ReleaseSemaphore(h, 1, &previous)}.
     *
     * @return the count before the release
     * @throws SemaphoreFullException if the count is at its maximum (nothing changes)
     * @throws IllegalStateException  if the semaphore is closed
     */
    public int release() {
        return release(1);
    }

    /**
     * Adds {@code count} units at once. Win32: {@code ReleaseSemaphore(h, count, &previous)}.
     *
     * @param count how many, at least 1
     * @return the count before the release
     * @throws SemaphoreFullException      if the count would pass the maximum ({@code ERROR_TOO_MANY_POSTS});
     *                                     nothing changes
     * @throws IpcInvalidArgumentException if {@code count} is below 1
     * @throws IllegalStateException       if the semaphore is closed
     */
    public int release(int count) {
        if (count < 1) {
            throw new IpcInvalidArgumentException(KIND, name(), "release", null,
                    "the release count is " + count + "; it must be at least 1");
        }
        return impl().release(count);
    }
}
