package org.ipctoolkit.sync.backend;

/**
 * A held event ({@code CreateEventW}/{@code OpenEventW}), manual-reset or auto-reset.
 *
 * <h2>What a backend must guarantee</h2>
 * <ul>
 *   <li><b>Auto-reset</b>: {@link #set()} releases exactly one waiter (which resets the event as it
 *       wakes); with no waiter the event stays signaled until one thread takes it. Setting a
 *       signaled event does nothing more (no count).</li>
 *   <li><b>Manual-reset</b>: {@link #set()} releases every waiter and every later one until
 *       {@link #reset()}.</li>
 *   <li><b>Pulse</b> ({@link #pulse()}): releases the threads waiting at that moment (all of them for
 *       manual-reset, one for auto-reset; none if none waits) and leaves the event non-signaled.</li>
 * </ul>
 */
public interface EventBackend extends SyncObjectBackend {
    /** {@code SetEvent}: makes the event signaled. */
    void set();

    /** {@code ResetEvent}: makes the event non-signaled. */
    void reset();

    /** {@code PulseEvent}: releases the current waiters, leaves the event non-signaled. */
    void pulse();
}
