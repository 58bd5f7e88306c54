package org.ipctoolkit.pipe.linux;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.pipe.backend.PipeBackends;
import org.ipctoolkit.pipe.backend.UnavailablePipeBackends;

/** The Linux backend of ipc-pipe (being built). */
public final class LinuxPipeBackends {
    private LinuxPipeBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static PipeBackends load() {
        return new UnavailablePipeBackends(Availability.unavailable(
                new UnsupportedOperationException("the Linux named-pipe backend is not built yet")));
    }
}
