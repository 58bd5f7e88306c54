package org.ipctoolkit.clipboard;

/**
 * A running {@link ClipboardListener}: its thread calls the listener once per change until
 * {@link #close()}.
 */
public final class ClipboardWatch implements AutoCloseable {
    private final AutoCloseable stop;
    private final String threadName;

    ClipboardWatch(AutoCloseable stop, String threadName) {
        this.stop = stop;
        this.threadName = threadName;
    }

    /** @return the name of the thread that calls the listener */
    public String threadName() {
        return threadName;
    }

    /**
     * Stops listening ({@code RemoveClipboardFormatListener} and the end of the thread); the listener is
     * not called after this returns, unless called from the listener itself. Idempotent.
     */
    @Override
    public void close() {
        try {
            stop.close();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
