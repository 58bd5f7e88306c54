package org.ipctoolkit.sync;

import java.time.Duration;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.MutexBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named mutex shared between processes, with the semantics of a Win32 mutex
 * ({@code CreateMutexW}): owned by the thread that acquired it, recursive (each {@link #acquire()}
 * by the owner needs its {@link #release()}), and abandoned when its owning thread or process ends
 * without releasing it: the next acquirer gets ownership together with
 * {@link WaitResult#ABANDONED} (or {@link AbandonedMutexException} from {@link #acquire()}), so it
 * can check the data the mutex guards.
 *
 * <h2>From Delphi</h2>
 * <pre>{@code
 * // FHandle := CreateMutex(nil, False, 'ShareMemLock');      TMutex.Create
 * try (NamedMutex lock = NamedMutex.createOrOpen("ShareMemLock", false)) {
 *     lock.acquire();                  // WaitForSingleObject(FHandle, INFINITE)   TMutex.Get
 *     try {
 *         // ... use the shared memory
 *     } finally {
 *         lock.release();              // ReleaseMutex(FHandle)                    TMutex.Release
 *     }
 * }                                    // CloseHandle(FHandle)
 * }</pre>
 *
 * <h2>Threads</h2>
 * Thread-safe; ownership belongs to the calling platform thread, as in Win32 (a virtual thread
 * must not hold it across a point where it may move to another carrier). A release by a thread
 * that does not own the mutex throws {@link IllegalMonitorStateException}, as
 * {@code ReentrantLock.unlock} does (Win32: {@code ReleaseMutex} fails with {@code ERROR_NOT_OWNER}).
 * Waits are not interruptible (Win32 waits are not alertable here).
 *
 * <h2>Close</h2>
 * {@link #close()} ({@code CloseHandle}) does not release ownership, as in Win32: other holders go
 * on seeing the mutex owned until the owning thread ends, and then get it abandoned. Release before
 * closing.
 */
public final class NamedMutex extends AbstractSyncObject implements SyncObject {
    static final String KIND = "mutex";

    private final MutexBackend impl;

    private NamedMutex(ObjectName name, MutexBackend backend) {
        super(KIND, name, backend);
        this.impl = backend;
    }

    /** @return the backend, after checking the object is open */
    private MutexBackend impl() {
        ensureOpen();
        return impl;
    }

    /**
     * Creates a new mutex, not owned. Win32: {@code CreateMutexW(NULL, FALSE, name)}, failing on
     * {@code ERROR_ALREADY_EXISTS}.
     *
     * @param name the mutex's name (see {@link ObjectName})
     * @return the mutex
     * @throws IpcAlreadyExistsException       if an object of that name exists
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedMutex create(String name) {
        return create(name, false);
    }

    /**
     * Creates a new mutex. Win32: {@code CreateMutexW(NULL, initiallyOwned, name)}, failing on
     * {@code ERROR_ALREADY_EXISTS}.
     *
     * @param name           the mutex's name (see {@link ObjectName})
     * @param initiallyOwned if true, the calling thread owns it (recursion count 1)
     * @return the mutex
     * @throws IpcAlreadyExistsException       if an object of that name exists
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedMutex create(String name, boolean initiallyOwned) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedMutex(n, SyncPlatform.backends(KIND, name, "create").createMutex(n, initiallyOwned));
    }

    /**
     * Opens an existing mutex. Win32: {@code OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, name)}.
     *
     * @param name the mutex's name
     * @return the mutex
     * @throws IpcNotFoundException            if no object has that name
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedMutex open(String name) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedMutex(n, SyncPlatform.backends(KIND, name, "open").openMutex(n));
    }

    /**
     * Creates the mutex, or opens it if it exists; {@link #created()} tells which. Win32:
     * {@code CreateMutexW(NULL, initiallyOwned, name)}; when the mutex exists,
     * {@code initiallyOwned} is ignored (the caller does not own it), as in Win32.
     *
     * @param name           the mutex's name
     * @param initiallyOwned if true and the mutex is created, the calling thread owns it
     * @return the mutex
     * @throws IpcIncompatibleObjectException  if the name belongs to another kind of object
     * @throws IpcInvalidArgumentException     if the name is not allowed
     * @throws IpcException                    for any other failure of the system
     */
    public static NamedMutex createOrOpen(String name, boolean initiallyOwned) {
        ObjectName n = ObjectName.of(KIND, name);
        return new NamedMutex(n, SyncPlatform.backends(KIND, name, "createOrOpen").createOrOpenMutex(n, initiallyOwned));
    }

    /**
     * Waits as long as it takes for ownership. Win32: {@code WaitForSingleObject(h, INFINITE)}. If
     * the thread owns the mutex already, its recursion count goes up by one at once.
     *
     * @throws AbandonedMutexException after ownership was granted, if the previous owner ended without
     *                                 releasing it ({@code WAIT_ABANDONED}): the thread owns it and must release it
     * @throws IllegalStateException   if the mutex is closed
     * @throws IpcException            if the wait fails
     */
    public void acquire() {
        if (impl().waitFor(SyncBackends.INFINITE) == WaitStatus.ABANDONED) {
            throw abandoned();
        }
    }

    /** Out of {@link #acquire()}, so that its compiled code stays small enough to be inlined. */
    private AbandonedMutexException abandoned() {
        return new AbandonedMutexException(name(), "WaitForSingleObject");
    }

    /**
     * Takes ownership if nobody else owns the mutex now, without waiting.
     * Win32: {@code WaitForSingleObject(h, 0)}.
     *
     * @return {@link WaitResult#SIGNALED}, {@link WaitResult#ABANDONED} (owned, see {@link #acquire()})
     *         or {@link WaitResult#TIMEOUT} (not owned)
     * @throws IllegalStateException if the mutex is closed
     */
    public WaitResult tryAcquire() {
        return result(impl().waitFor(0));
    }

    /**
     * Waits at most {@code timeout} for ownership. Win32: {@code WaitForSingleObject(h, ms)}.
     *
     * @param timeout how long to wait; zero tests once
     * @return {@link WaitResult#SIGNALED}, {@link WaitResult#ABANDONED} (owned, see {@link #acquire()})
     *         or {@link WaitResult#TIMEOUT} (not owned)
     * @throws IpcInvalidArgumentException if {@code timeout} is negative
     * @throws IllegalStateException       if the mutex is closed
     */
    public WaitResult tryAcquire(Duration timeout) {
        long nanos = Timeouts.nanos(timeout, KIND, name(), "tryAcquire");
        return result(impl().waitFor(nanos));
    }

    static WaitResult result(WaitStatus status) {
        switch (status) {
            case SIGNALED:
                return WaitResult.SIGNALED;
            case ABANDONED:
                return WaitResult.ABANDONED;
            default:
                return WaitResult.TIMEOUT;
        }
    }

    /**
     * Takes one off the calling thread's recursion count; at zero the mutex is free and one waiter
     * gets it. Win32: {@code ReleaseMutex}.
     *
     * @throws IllegalMonitorStateException if the calling thread does not own the mutex
     *                                      ({@code ERROR_NOT_OWNER}); nothing changes
     * @throws IllegalStateException        if the mutex is closed
     */
    public void release() {
        impl().release();
    }
}
