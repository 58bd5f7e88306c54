package org.ipctoolkit.copydata.backend;

import org.slf4j.LoggerFactory;

/** A window of one backend, with its message-loop thread. Thread-safe. */
public interface WindowBackend {
    /** @return the window's handle ({@code HWND} as a number; on Linux the library's window id) */
    long handle();

    /**
     * {@code DestroyWindow} (on the loop thread) and the end of the loop; waits for the thread to end,
     * unless called from it. Senders waiting on this window get an error. Idempotent.
     */
    void close();

    /** How long {@link #close()} waits for a window's thread before it returns without it. */
    long LOOP_END_WAIT_MILLIS = 30_000;

    /**
     * Waits for a window's loop thread to end, without giving up when interrupted (the interrupt is
     * kept for the caller); returns at once when called from that thread itself (a handler closing its
     * own window) or when there is none. A thread still busy after {@link #LOOP_END_WAIT_MILLIS} (a
     * handler that does not return) is left to end on its own, with a warning: close never hangs.
     *
     * @param loop the loop thread, or null
     * @return true if the thread ended
     */
    static boolean awaitLoopEnd(Thread loop) {
        if (loop == null || loop == Thread.currentThread()) {
            return true;
        }
        long deadline = System.nanoTime() + LOOP_END_WAIT_MILLIS * 1_000_000;
        boolean interrupted = false;
        try {
            while (loop.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LoggerFactory.getLogger(WindowBackend.class).warn("the window thread {} has not ended {} s"
                            + " after close (a handler still running?); close returns without it", loop.getName(),
                            LOOP_END_WAIT_MILLIS / 1000);
                    return false;
                }
                try {
                    loop.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
