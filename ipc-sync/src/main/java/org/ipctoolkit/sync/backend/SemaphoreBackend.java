package org.ipctoolkit.sync.backend;

/**
 * A held semaphore ({@code CreateSemaphoreW}/{@code OpenSemaphoreW}) with a count between 0 and a
 * maximum fixed at creation. {@link #waitFor(long)} takes one unit (waiting while the count is 0).
 */
public interface SemaphoreBackend extends SyncObjectBackend {
    /**
     * {@code ReleaseSemaphore}: adds {@code count} to the semaphore's count, atomically, and wakes
     * that many waiters.
     *
     * @param count how many units to add, at least 1 (checked by the API)
     * @return the count before the release
     * @throws org.ipctoolkit.sync.SemaphoreFullException if the count would pass the maximum
     *         ({@code ERROR_TOO_MANY_POSTS}, 298); the count is then unchanged
     */
    int release(int count);
}
