package org.ipctoolkit.sync.backend;

import java.util.List;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.ObjectName;

/**
 * The backends of a platform without one, or whose probe failed: {@link #availability()} says why,
 * and the API checks it before any call, so no other method here is ever reached.
 *
 * @param availability the reason, unavailable
 */
public record UnavailableBackends(Availability availability) implements SyncBackends {
    private static AssertionError unreachable() {
        return new AssertionError("unreachable: the availability check throws first");
    }

    @Override
    public MutexBackend createMutex(ObjectName name, boolean initiallyOwned) {
        throw unreachable();
    }

    @Override
    public MutexBackend openMutex(ObjectName name) {
        throw unreachable();
    }

    @Override
    public MutexBackend createOrOpenMutex(ObjectName name, boolean initiallyOwned) {
        throw unreachable();
    }

    @Override
    public EventBackend createEvent(ObjectName name, boolean manualReset, boolean initialState) {
        throw unreachable();
    }

    @Override
    public EventBackend openEvent(ObjectName name) {
        throw unreachable();
    }

    @Override
    public EventBackend createOrOpenEvent(ObjectName name, boolean manualReset, boolean initialState) {
        throw unreachable();
    }

    @Override
    public EventBackend createPrivateEvent(boolean manualReset, boolean initialState) {
        throw unreachable();
    }

    @Override
    public SemaphoreBackend createSemaphore(ObjectName name, int initialCount, int maximumCount) {
        throw unreachable();
    }

    @Override
    public SemaphoreBackend openSemaphore(ObjectName name) {
        throw unreachable();
    }

    @Override
    public SemaphoreBackend createOrOpenSemaphore(ObjectName name, int initialCount, int maximumCount) {
        throw unreachable();
    }

    @Override
    public int waitAny(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        throw unreachable();
    }

    @Override
    public int waitAll(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        throw unreachable();
    }
}
