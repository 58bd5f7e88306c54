package org.ipctoolkit.copydata.windows;

import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.UnavailableCopyDataBackends;
import org.ipctoolkit.core.Availability;

/** The Windows backend of ipc-copydata (being built). */
public final class WindowsCopyDataBackends {
    private WindowsCopyDataBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static CopyDataBackends load() {
        return new UnavailableCopyDataBackends(Availability.unavailable(
                new UnsupportedOperationException("the Windows copydata backend is not built yet")));
    }
}
