package org.ipctoolkit.sync.backend;

/**
 * The outcome of a backend's single-object wait ({@code WaitForSingleObject}): {@code WAIT_OBJECT_0},
 * {@code WAIT_ABANDONED}, {@code WAIT_TIMEOUT}. A failure is an exception, never a status.
 */
public enum WaitStatus {
    /** The object was signaled and taken ({@code WAIT_OBJECT_0}). */
    SIGNALED,
    /**
     * A mutex whose owner died or ended without releasing it: the caller now owns it, with a
     * recursion count of 1 ({@code WAIT_ABANDONED}). Mutexes only.
     */
    ABANDONED,
    /** The timeout passed and nothing was taken ({@code WAIT_TIMEOUT}). */
    TIMEOUT
}
