package org.ipctoolkit.sync.linux;

import java.util.List;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.MutexBackend;
import org.ipctoolkit.sync.backend.SemaphoreBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.SyncObjectBackend;

/**
 * The Linux backend of ipc-sync (see the package description for the design). Its probe checks,
 * on the loading thread, that the thread has a glibc robust futex list with the
 * {@code futex_offset} the mutex layout needs, and that the library's namespace is usable.
 */
public final class LinuxSyncBackends implements SyncBackends {
    private final Availability availability;

    private LinuxSyncBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend, whose {@link SyncBackends#availability()} reports the probe's outcome
     */
    public static SyncBackends load() {
        return new LinuxSyncBackends(Availability.probe(() -> {
            RobustThread.current();
            Namespace.LIBRARY.availability().ensureAvailable("mutex", "(probe)", "load the Linux backend");
        }));
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public MutexBackend createMutex(ObjectName name, boolean initiallyOwned) {
        return LinuxMutex.create(name, initiallyOwned);
    }

    @Override
    public MutexBackend openMutex(ObjectName name) {
        return LinuxMutex.open(name);
    }

    @Override
    public MutexBackend createOrOpenMutex(ObjectName name, boolean initiallyOwned) {
        return LinuxMutex.createOrOpen(name, initiallyOwned);
    }

    @Override
    public EventBackend createEvent(ObjectName name, boolean manualReset, boolean initialState) {
        return LinuxEvent.create(name, manualReset, initialState, false);
    }

    @Override
    public EventBackend openEvent(ObjectName name) {
        return LinuxEvent.open(name);
    }

    @Override
    public EventBackend createOrOpenEvent(ObjectName name, boolean manualReset, boolean initialState) {
        return LinuxEvent.create(name, manualReset, initialState, true);
    }

    @Override
    public EventBackend createPrivateEvent(boolean manualReset, boolean initialState) {
        return LinuxEvent.unnamed(manualReset, initialState);
    }

    @Override
    public SemaphoreBackend createSemaphore(ObjectName name, int initialCount, int maximumCount) {
        return LinuxSemaphore.create(name, initialCount, maximumCount, false);
    }

    @Override
    public SemaphoreBackend openSemaphore(ObjectName name) {
        return LinuxSemaphore.open(name);
    }

    @Override
    public SemaphoreBackend createOrOpenSemaphore(ObjectName name, int initialCount, int maximumCount) {
        return LinuxSemaphore.create(name, initialCount, maximumCount, true);
    }

    @Override
    public int waitAny(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        return WaitMultiple.waitAny(objects, timeoutNanos);
    }

    @Override
    public int waitAll(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        return WaitMultiple.waitAll(objects, timeoutNanos);
    }
}
