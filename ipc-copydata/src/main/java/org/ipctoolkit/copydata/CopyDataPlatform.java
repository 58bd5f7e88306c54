package org.ipctoolkit.copydata;

import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.UnavailableCopyDataBackends;
import org.ipctoolkit.copydata.linux.LinuxCopyDataBackends;
import org.ipctoolkit.copydata.windows.WindowsCopyDataBackends;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.Platform;

/**
 * The one place that picks the copydata backend for this platform: one {@code switch} on
 * {@link Platform#current()}, run once; the backend's {@code load()} runs its real probe.
 */
final class CopyDataPlatform {
    static final String KIND = "window";
    private static final CopyDataBackends BACKENDS = select(Platform.current());

    private CopyDataPlatform() {
    }

    private static CopyDataBackends select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return WindowsCopyDataBackends.load();
            case LINUX:
                return LinuxCopyDataBackends.load();
            default:
                return new UnavailableCopyDataBackends(Availability.unavailable(new UnsupportedOperationException(
                        "ipc-copydata is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
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
    static CopyDataBackends backends(String name, String operation) {
        BACKENDS.availability().ensureAvailable(KIND, name, operation);
        return BACKENDS;
    }

    /** @return "class \"C\", title \"T\"" for messages ({@link CopyDataBackends#describe}) */
    static String describe(String className, String title) {
        return CopyDataBackends.describe(className, title);
    }
}
