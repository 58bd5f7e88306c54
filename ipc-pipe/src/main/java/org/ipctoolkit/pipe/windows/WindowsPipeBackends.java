package org.ipctoolkit.pipe.windows;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.pipe.backend.PipeBackends;
import org.ipctoolkit.pipe.backend.UnavailablePipeBackends;

/** The Windows backend of ipc-pipe (being built). */
public final class WindowsPipeBackends {
    private WindowsPipeBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static PipeBackends load() {
        return new UnavailablePipeBackends(Availability.unavailable(
                new UnsupportedOperationException("the Windows named-pipe backend is not built yet")));
    }
}
