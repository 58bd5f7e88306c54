package org.ipctoolkit.core;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a native resource exactly once: when its owner is closed, or, as a safety net, when the
 * owner is garbage collected without having been closed (then a warning is logged).
 *
 * <p>An API object holds one guard, calls {@link #ensureOpen()} at the start of each operation and
 * {@link #close()} from its own {@code close()}. The release action must not refer to the owner,
 * or the owner could never be collected.
 */
public final class ResourceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceGuard.class);
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "ipc-toolkit-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final String description;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    /**
     * Creates a guard for a resource that is open now.
     *
     * @param owner       the API object whose collection triggers the safety net
     * @param description what the resource is, for messages, e.g. {@code shared memory "ShareMem"}
     * @param action      releases the native resource; must not refer to {@code owner}
     */
    public ResourceGuard(Object owner, String description, Runnable action) {
        this.description = Objects.requireNonNull(description, "description");
        this.release = new Release(description, Objects.requireNonNull(action, "action"));
        this.cleanable = CLEANER.register(owner, release);
    }

    /** @return true once {@link #close()} has run (or the safety net has) */
    public boolean isClosed() {
        return release.done.get();
    }

    /**
     * Throws if the resource has been closed.
     *
     * @throws IllegalStateException if it has been closed
     */
    public void ensureOpen() {
        if (release.done.get()) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    /**
     * Releases the resource if that has not happened yet; a second call does nothing.
     * An exception from the release action reaches the caller of the first call.
     */
    public void close() {
        release.explicit = true;
        cleanable.clean();
    }

    private static final class Release implements Runnable {
        private final String description;
        private final Runnable action;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean explicit;

        Release(String description, Runnable action) {
            this.description = description;
            this.action = action;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (explicit) {
                action.run();
                return;
            }
            LOG.warn("{} was not closed; releasing it now that it is unreachable", description);
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("releasing {} failed", description, e);
            }
        }
    }
}
