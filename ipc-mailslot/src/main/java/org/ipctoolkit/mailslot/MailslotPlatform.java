package org.ipctoolkit.mailslot;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.UnavailableMailslotBackends;
import org.ipctoolkit.mailslot.linux.LinuxMailslotBackends;
import org.ipctoolkit.mailslot.windows.WindowsMailslotBackends;

/**
 * The one place that picks the mailslot backend for this platform: one {@code switch} on
 * {@link Platform#current()}, run once; the backend's {@code load()} runs its real probe.
 */
final class MailslotPlatform {
    static final String KIND = "mailslot";
    private static final MailslotBackends BACKENDS = select(Platform.current());

    private MailslotPlatform() {
    }

    private static MailslotBackends select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return WindowsMailslotBackends.load();
            case LINUX:
                return LinuxMailslotBackends.load();
            default:
                return new UnavailableMailslotBackends(Availability.unavailable(new UnsupportedOperationException(
                        "ipc-mailslot is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
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
    static MailslotBackends backends(String name, String operation) {
        BACKENDS.availability().ensureAvailable(KIND, name, operation);
        return BACKENDS;
    }
}
