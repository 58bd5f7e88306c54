package org.ipctoolkit.sync;

/**
 * What {@link NamedMutex}, {@link NamedEvent} and {@link NamedSemaphore} share: a named kernel
 * object (a Win32 "waitable handle") that {@link WaitHandles#waitAny} and
 * {@link WaitHandles#waitAll} can wait on, in any mix. Closing it releases this process's hold
 * ({@code CloseHandle}); closing twice is harmless; using it after close throws
 * {@link IllegalStateException}.
 */
public sealed interface SyncObject extends AutoCloseable permits NamedMutex, NamedEvent, NamedSemaphore {
    /** @return the object's name as given */
    String name();

    /** @return true if this process created the object, false if it opened an existing one */
    boolean created();

    /** {@code CloseHandle}: gives up this hold; the object goes when its last holder lets go. */
    @Override
    void close();
}
