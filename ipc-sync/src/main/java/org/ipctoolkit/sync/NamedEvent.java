package org.ipctoolkit.sync;

import java.time.Duration;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named event shared between processes, with the semantics of a Win32 event
 * ({@code CreateEventW}). An <b>auto-reset</b> event releases exactly one waiter per {@link #set()}
 * and goes back to non-signaled as that waiter wakes; a <b>manual-reset</b> event releases every
 * waiter, and stays signaled until {@link #reset()}. {@link #pulse()} releases the threads waiting
 * at that moment and leaves the event non-signaled.
 *
 * <h2>From Delphi</h2>
 * {@code TEvent.Create} is {@link #createOrOpen}; {@code TEvent.Signal} is {@link #set()};
 * {@code TEvent.Reset} is {@link #reset()}; {@code TEvent.Wait} ({@code WaitForSingleObject}) is
 * {@link #await()} or {@link #await(Duration)}. An {@link EventWatcher} is the wait thread that
 * calls back on every signal.
 *
 * <p>Thread-safe. Waits are not interruptible.
 */
public final class NamedEvent extends AbstractSyncObject implements SyncObject {
    static final String KIND = "event";

    private final EventBackend impl;

    private NamedEvent(ObjectName name, EventBackend backend) {
        super(KIND, name, backend);
        this.impl = backend;
    }

    /** @return the backend, after checking the object is open */
    private EventBackend impl() {
        ensureOpen();
        return impl;
    }

    /**
     * Creates a new event. Win32: {@code CreateEventW(NULL, manualReset, initialState, name)},
     * failing on {@code ERROR_ALREADY_EXISTS}.
     *
     * @param name         the event's name (see {@link ObjectName})
     * @param manualReset  true for a manual-reset event, false for auto-reset
     * @param initialState true to start signaled
     * @return the event
     * @throws IpcAlreadyExistsException       if an object of that name exists
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedEvent create(String name, boolean manualReset, boolean initialState) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedEvent(n, SyncPlatform.backends(KIND, name, "create").createEvent(n, manualReset, initialState));
    }

    /**
     * Opens an existing event. Win32: {@code OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE, FALSE, name)}.
     *
     * @param name the event's name
     * @return the event
     * @throws IpcNotFoundException            if no object has that name
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedEvent open(String name) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedEvent(n, SyncPlatform.backends(KIND, name, "open").openEvent(n));
    }

    /**
     * Creates the event, or opens it if it exists ({@code manualReset} and {@code initialState} are
     * then ignored, as in Win32); {@link #created()} tells which. Win32: {@code CreateEventW}.
     *
     * @param name         the event's name
     * @param manualReset  true for a manual-reset event, if created
     * @param initialState true to start signaled, if created
     * @return the event
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedEvent createOrOpen(String name, boolean manualReset, boolean initialState) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedEvent(n, SyncPlatform.backends(KIND, name, "createOrOpen")
                .createOrOpenEvent(n, manualReset, initialState));
    }

    /**
     * Makes the event signaled. Win32: {@code SetEvent}.
     *
     * @throws IllegalStateException if the event is closed
     */
    public void set() {
        impl().set();
    }

    /**
     * Makes the event non-signaled. Win32: {@code ResetEvent}.
     *
     * @throws IllegalStateException if the event is closed
     */
    public void reset() {
        impl().reset();
    }

    /**
     * Releases the threads waiting now (every one for a manual-reset event, one for auto-reset,
     * none if none waits) and leaves the event non-signaled. Win32: {@code PulseEvent}, which
     * Microsoft calls unreliable because a waiter briefly taken away by a kernel APC misses the
     * pulse; prefer {@link #set()} with an auto-reset event.
     *
     * @throws IllegalStateException if the event is closed
     */
    public void pulse() {
        impl().pulse();
    }

    /**
     * Waits as long as it takes for the event to be signaled; an auto-reset event is reset as this
     * thread wakes. Win32: {@code WaitForSingleObject(h, INFINITE)}.
     *
     * @throws IllegalStateException if the event is closed
     */
    public void await() {
        impl().waitFor(SyncBackends.INFINITE);
    }

    /**
     * Waits at most {@code timeout} for the event. Win32: {@code WaitForSingleObject(h, ms)}.
     *
     * @param timeout how long to wait; zero tests once
     * @return true if the event was signaled (and, auto-reset, taken), false on timeout
     * @throws IpcInvalidArgumentException if {@code timeout} is negative
     * @throws IllegalStateException       if the event is closed
     */
    public boolean await(Duration timeout) {
        long nanos = Timeouts.nanos(timeout, KIND, name(), "await");
        return impl().waitFor(nanos) != WaitStatus.TIMEOUT;
    }
}
