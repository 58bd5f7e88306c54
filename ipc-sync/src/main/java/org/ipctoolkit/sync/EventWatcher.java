package org.ipctoolkit.sync;

import java.util.List;
import java.util.Objects;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.SyncObjectBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named daemon thread that waits on a {@link NamedEvent} and calls a listener each time the event
 * fires: the wait thread of Delphi's ChienIPC unit and of Borland's IPCThrd. The thread waits with
 * {@code WaitForMultipleObjects} on the event and on a private stop event, so it sleeps in the
 * kernel between signals (no polling) and {@link #close()} ends it at once.
 *
 * <ul>
 *   <li>Each wake takes the signal as any waiter does: an <b>auto-reset</b> event (the usual choice)
 *       is reset as the watcher wakes, so each {@code set()} calls the listener once, unless other
 *       waiters took it first. A <b>manual-reset</b> event stays signaled, so the listener is called
 *       again and again until someone resets it (the listener may call {@link NamedEvent#reset()}).</li>
 *   <li>A listener that throws is logged (SLF4J, at WARN) and the thread carries on.</li>
 *   <li>{@link #close()} stops the thread and waits for it to end (a listener running at that moment
 *       is let finish); called from the listener itself it stops the thread without waiting.
 *       It does not close the event: close the watcher before the event (try-with-resources does,
 *       in reverse order).</li>
 * </ul>
 */
public final class EventWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWatcher.class);

    /** What the watcher calls on each signal, on its own thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called on the watcher's thread each time the event fires.
         *
         * @param event the watched event
         * @throws Exception anything; it is logged and the watcher goes on
         */
        void signaled(NamedEvent event) throws Exception;
    }

    private final NamedEvent event;
    private final Listener listener;
    private final EventBackend stop;
    private final Thread thread;
    private volatile boolean closed;

    private EventWatcher(NamedEvent event, String threadName, Listener listener) {
        this.event = event;
        this.listener = listener;
        this.stop = SyncPlatform.backends(NamedEvent.KIND, event.name(), "watch").createPrivateEvent(true, false);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /**
     * Starts a watcher thread named {@code ipc-event-watcher-NAME}.
     *
     * @param event    an open event
     * @param listener called on each signal
     * @return the running watcher
     * @throws IllegalStateException if the event is closed
     */
    public static EventWatcher start(NamedEvent event, Listener listener) {
        return start(event, "ipc-event-watcher-" + event.name(), listener);
    }

    /**
     * Starts a watcher thread with the given name.
     *
     * @param event      an open event
     * @param threadName the thread's name
     * @param listener   called on each signal
     * @return the running watcher
     * @throws IllegalStateException if the event is closed
     */
    public static EventWatcher start(NamedEvent event, String threadName, Listener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(listener, "listener");
        WaitHandles.backendOf(event); // throws if closed
        EventWatcher w = new EventWatcher(event, threadName, listener);
        w.thread.start();
        return w;
    }

    private void run() {
        try {
            SyncBackends backends = SyncPlatform.backends(NamedEvent.KIND, event.name(), "watch");
            List<SyncObjectBackend> objects = List.of(stop, WaitHandles.backendOf(event));
            while (!closed) {
                int r = backends.waitAny(objects, SyncBackends.INFINITE);
                if (r != 1 || closed) {
                    break;
                }
                try {
                    listener.signaled(event);
                } catch (Exception | LinkageError | AssertionError e) {
                    LOG.warn("the listener of the watcher of event \"{}\" failed; the watcher goes on", event.name(), e);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("the watcher of event \"{}\" stopped on an error", event.name(), e);
            }
        }
    }

    /** @return the watcher's thread (for its name, or to check it ended) */
    public Thread thread() {
        return thread;
    }

    /** @return true until the thread has ended */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the thread ({@code SetEvent} on the private stop event) and waits for it to end.
     * Closing twice is harmless. If the calling thread is interrupted while waiting, the interrupt
     * status is kept and the thread ends on its own soon after.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop.set();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the thread still uses the stop event; it stays open (a small leak, not a crash)
            }
        }
        // From the listener itself: the loop sees "closed" before it waits again, so the stop event is free now.
        stop.close();
    }
}
