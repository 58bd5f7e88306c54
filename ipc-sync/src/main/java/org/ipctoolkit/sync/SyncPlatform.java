package org.ipctoolkit.sync;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.UnavailableBackends;
import org.ipctoolkit.sync.linux.LinuxSyncBackends;
import org.ipctoolkit.sync.windows.WindowsSyncBackends;

/**
 * The one place that picks the synchronisation backend for this platform: one {@code switch} on
 * {@link Platform#current()}, run once; the backend's {@code load()} runs its real probe.
 */
final class SyncPlatform {
    private static final SyncBackends BACKENDS = select(Platform.current());

    private SyncPlatform() {
    }

    private static SyncBackends select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return WindowsSyncBackends.load();
            case LINUX:
                return LinuxSyncBackends.load();
            default:
                return new UnavailableBackends(Availability.unavailable(new UnsupportedOperationException(
                        "ipc-sync is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
        }
    }

    /** @return whether the backend works here */
    static Availability availability() {
        return BACKENDS.availability();
    }

    /**
     * @return the backends, after checking they are available
     * @throws org.ipctoolkit.core.IpcException if they are not
     */
    static SyncBackends backends(String kind, String name, String operation) {
        BACKENDS.availability().ensureAvailable(kind, name, operation);
        return BACKENDS;
    }
}
