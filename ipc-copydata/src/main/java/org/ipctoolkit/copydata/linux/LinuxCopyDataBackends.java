package org.ipctoolkit.copydata.linux;

import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.UnavailableCopyDataBackends;
import org.ipctoolkit.core.Availability;

/** The Linux backend of ipc-copydata (being built). */
public final class LinuxCopyDataBackends {
    private LinuxCopyDataBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static CopyDataBackends load() {
        return new UnavailableCopyDataBackends(Availability.unavailable(
                new UnsupportedOperationException("the Linux copydata backend is not built yet")));
    }
}
