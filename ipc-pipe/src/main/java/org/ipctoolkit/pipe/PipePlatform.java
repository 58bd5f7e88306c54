package org.ipctoolkit.pipe;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.pipe.backend.PipeBackends;
import org.ipctoolkit.pipe.backend.UnavailablePipeBackends;
import org.ipctoolkit.pipe.linux.LinuxPipeBackends;
import org.ipctoolkit.pipe.windows.WindowsPipeBackends;

/** The one place that picks the pipe backend: one {@code switch} on {@link Platform#current()}, run once. */
final class PipePlatform {
    private static final PipeBackends BACKENDS = select(Platform.current());

    private PipePlatform() {
    }

    private static PipeBackends select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return WindowsPipeBackends.load();
            case LINUX:
                return LinuxPipeBackends.load();
            default:
                return new UnavailablePipeBackends(Availability.unavailable(new UnsupportedOperationException(
                        "ipc-pipe is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
        }
    }

    static Availability availability() {
        return BACKENDS.availability();
    }

    static PipeBackends backends(String name, String operation) {
        BACKENDS.availability().ensureAvailable("named pipe", name, operation);
        return BACKENDS;
    }
}
