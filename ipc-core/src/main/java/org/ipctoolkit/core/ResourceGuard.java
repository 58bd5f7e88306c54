package org.ipctoolkit.core;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a native resource exactly once: when its owner is closed, or, as a safety net, when the
 * owner (and every object {@linkplain #tie tied} to it) has become unreachable without having been
 * closed (then a warning is logged).
 *
 * <p>An API object holds one guard, calls {@link #ensureOpen()} at the start of each operation and
 * {@link #close()} from its own {@code close()}. The actions must not refer to the owner nor to a
 * tied object, or these could never be collected.
 *
 * <h2>Two actions</h2>
 * A guard made with {@link #ResourceGuard(Object, String, Runnable, Reclaim)} runs two actions:
 * {@code close} when {@link #close()} is first called, and {@code reclaim} once the owner and every
 * tied object are unreachable, whether or not {@code close} ran before. That is for resources that
 * outlive their close in part: shared memory gives its pages back at close, but the address range
 * its buffers point to is released only once no buffer is reachable. If {@code close} never ran,
 * {@code reclaim(false)} is the safety net and must release everything {@code close} would have.
 *
 * <h2>The library's one Cleaner</h2>
 * Every guard of every ipc-toolkit module is watched by one {@link Cleaner}, whose daemon thread is
 * named {@value #CLEANER_THREAD_NAME}; the actions run on that thread when they run as the safety net.
 */
public final class ResourceGuard {
    /** The name of the one thread that runs every safety net of the library. */
    public static final String CLEANER_THREAD_NAME = "ipc-toolkit-cleaner";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceGuard.class);
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, CLEANER_THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    /** What a guard runs once the owner and every tied object are unreachable. */
    @FunctionalInterface
    public interface Reclaim {
        /**
         * Releases what is left of the resource.
         *
         * @param closed true if {@link ResourceGuard#close()} ran before; false if the owner was
         *               forgotten, and this must release everything the close action would have
         */
        void reclaim(boolean closed);
    }

    private final String description;
    private final State state;

    /**
     * Creates a guard for a resource that is open now, released by one action: at {@link #close()},
     * or when the owner becomes unreachable without having been closed.
     *
     * @param owner       the API object whose collection triggers the safety net
     * @param description what the resource is, for messages, e.g. {@code mutex "Lock"}
     * @param action      releases the native resource; must not refer to {@code owner}
     */
    public ResourceGuard(Object owner, String description, Runnable action) {
        this(owner, description, action, singleAction(Objects.requireNonNull(action, "action")));
    }

    /**
     * Creates a guard for a resource that is open now, with a close action and a reclaim action
     * (see the class description).
     *
     * @param owner       the object whose collection (with that of every tied object) triggers
     *                    {@code reclaim}
     * @param description what the resource is, for messages, e.g. {@code shared memory "ShareMem"}
     * @param close       runs at the first {@link #close()}; must not refer to {@code owner}
     * @param reclaim     runs once the owner and every tied object are unreachable; must not refer
     *                    to them
     */
    public ResourceGuard(Object owner, String description, Runnable close, Reclaim reclaim) {
        Objects.requireNonNull(owner, "owner");
        this.description = Objects.requireNonNull(description, "description");
        this.state = new State(description, Objects.requireNonNull(close, "close"),
                Objects.requireNonNull(reclaim, "reclaim"));
        CLEANER.register(owner, state::collected);
    }

    private static Reclaim singleAction(Runnable action) {
        return closed -> {
            if (!closed) {
                action.run();
            }
        };
    }

    /**
     * Ties an object to the owner: the reclaim action (and the safety net) waits until this object
     * is unreachable too. Call it while the owner is reachable (from a method of an object that
     * holds the owner, say).
     *
     * @param dependent an object derived from the owner that does not refer to it
     * @throws IllegalStateException if the reclaim action has run already
     */
    public void tie(Object dependent) {
        Objects.requireNonNull(dependent, "dependent");
        int live;
        do {
            live = state.live.get();
            if (live == 0) {
                throw new IllegalStateException(description + " has been reclaimed");
            }
        } while (!state.live.compareAndSet(live, live + 1));
        CLEANER.register(dependent, state::collected);
    }

    /** @return true once {@link #close()} has run (or the safety net has) */
    public boolean isClosed() {
        return state.closed;
    }

    /**
     * Throws if the resource has been closed.
     *
     * @throws IllegalStateException if it has been closed
     */
    public void ensureOpen() {
        if (state.closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    /**
     * Runs the close action if that has not happened yet; a second call does nothing.
     * An exception from the action reaches the caller of the first call.
     */
    public void close() {
        state.close();
    }

    /** What the Cleaner's registrations share; refers neither to the owner nor to tied objects. */
    private static final class State {
        private final String description;
        private final Runnable close;
        private final Reclaim reclaim;
        /** The owner and the tied objects not collected yet. */
        private final AtomicInteger live = new AtomicInteger(1);
        private volatile boolean closed;

        State(String description, Runnable close, Reclaim reclaim) {
            this.description = description;
            this.close = close;
            this.reclaim = reclaim;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            close.run();
        }

        /** One of the registered objects was collected. */
        void collected() {
            if (live.decrementAndGet() != 0) {
                return;
            }
            boolean wasClosed;
            synchronized (this) {
                wasClosed = closed;
                closed = true;
            }
            if (!wasClosed) {
                LOG.warn("{} was not closed; releasing it now that it is unreachable", description);
            }
            try {
                reclaim.reclaim(wasClosed);
            } catch (RuntimeException e) {
                LOG.warn("releasing {} failed", description, e);
            }
        }
    }
}
