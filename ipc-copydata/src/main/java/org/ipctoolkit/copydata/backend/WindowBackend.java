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

    /**
     * Waits for a window's loop thread to end, without giving up when interrupted (the interrupt is
     * kept for the caller); returns at once when called from that thread itself (a handler closing its
     * own window) or when there is none.
     *
     * @param loop the loop thread, or null
     */
    static void awaitLoopEnd(Thread loop) {
        if (loop == null || loop == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                loop.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
