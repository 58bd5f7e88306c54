package org.ipctoolkit.sync.backend;

/**
 * What the three kinds of held synchronisation object share: one process's hold on a named (or, for
 * the event watcher's private event, unnamed) mutex, event or semaphore, on one platform. This
 * package is not exported: users see {@code org.ipctoolkit.sync} only, and the {@code windows} and
 * {@code linux} packages implement these interfaces.
 *
 * <h2>Contract for every backend</h2>
 * <ul>
 *   <li><b>Timeouts</b> are in nanoseconds: {@link SyncBackends#INFINITE} ({@code -1}) waits for
 *       ever, {@code 0} tests the object once without waiting (and takes it if it is signaled),
 *       anything positive waits at most that long (rounding up to the platform's granularity is
 *       fine, waking early is not). The API checks arguments before calling: a backend never sees
 *       a negative timeout other than {@code -1}; it may see up to {@link Long#MAX_VALUE} (a
 *       {@code Duration} too long to count in nanoseconds), so deadlines are computed as
 *       {@code System.nanoTime()} differences, which do not overflow.</li>
 *   <li><b>Waits are not interruptible</b>, as Win32's non-alertable waits: a Java interrupt neither
 *       ends a wait nor is cleared by one. They must not poll: a waiter sleeps in the kernel until
 *       the object is signaled, its owner dies, or the timeout passes.</li>
 *   <li><b>Threads.</b> Every method but {@link #close()} may be called from several threads at
 *       once. Ownership of a mutex belongs to the calling (platform) thread, as in Win32.</li>
 *   <li><b>Close.</b> The API calls {@link #close()} once. A close that races with a call still
 *       running on another thread (a user error) must not crash the JVM nor touch another
 *       object's memory; that call may return normally or throw.</li>
 *   <li><b>Errors</b> are {@code org.ipctoolkit.core.IpcException} subtypes (with the native
 *       function and error), except where a method says otherwise.</li>
 *   <li><b>Lifetime</b> follows Win32: the named object exists while any process holds it, and
 *       disappears after the last hold is closed or its holder dies.</li>
 *   <li>An implementation must not refer to the API object that holds it (the API's
 *       {@code Cleaner} safety net closes a forgotten backend).</li>
 * </ul>
 */
public interface SyncObjectBackend {
    /**
     * @return true if this hold created the object, false if it opened an existing one
     *         ({@code GetLastError() == ERROR_ALREADY_EXISTS} after a create call)
     */
    boolean created();

    /**
     * Waits until the object is signaled and takes it, as {@code WaitForSingleObject} does: a
     * mutex becomes owned by the calling thread (its recursion count goes up by one if the thread
     * owns it already, which never waits), a semaphore's count goes down by one, an auto-reset
     * event goes back to non-signaled (a manual-reset event stays signaled).
     *
     * @param timeoutNanos {@link SyncBackends#INFINITE}, 0 (test once), or a positive number of nanoseconds
     * @return {@link WaitStatus#SIGNALED}, {@link WaitStatus#ABANDONED} (mutexes only: taken, and
     *         its previous owner died holding it) or {@link WaitStatus#TIMEOUT} (nothing taken)
     */
    WaitStatus waitFor(long timeoutNanos);

    /**
     * Gives up this hold ({@code CloseHandle}; on Linux the object's descriptor and mapping, and the
     * name if this was the last holder). Called once. What becomes of a mutex that a thread of this
     * process still owns is the backend's to document (Windows: the thread keeps owning it until it
     * releases it or ends, and the mutex is then abandoned).
     */
    void close();
}
