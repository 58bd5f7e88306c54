package org.ipctoolkit.sync.linux;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.UnavailableBackends;

/**
 * The Linux backend of ipc-sync. PLACEHOLDER on the {@code sync-api} branch: the Linux backend is
 * built on the {@code sync-linux} branch, which replaces this class. Until then it reports itself
 * unavailable, so every operation fails with a clear {@code IpcException}.
 */
public final class LinuxSyncBackends {
    private LinuxSyncBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend, whose {@link SyncBackends#availability()} reports the probe's outcome
     */
    public static SyncBackends load() {
        return new UnavailableBackends(Availability.unavailable(new UnsupportedOperationException(
                "the Linux backend of ipc-sync is not built yet (branch sync-linux)")));
    }
}
