package org.ipctoolkit.copydata.backend;

/** A window of one backend, with its message-loop thread. Thread-safe. */
public interface WindowBackend {
    /** @return the window's handle ({@code HWND} as a number; on Linux the library's window id) */
    long handle();

    /**
     * {@code DestroyWindow} (on the loop thread) and the end of the loop; waits for the thread to end,
     * unless called from it. Senders waiting on this window get an error. Idempotent.
     */
    void close();
}
