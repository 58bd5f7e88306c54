package org.ipctoolkit.mailslot.linux;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.UnavailableMailslotBackends;

/** The Linux backend of ipc-mailslot (being built). */
public final class LinuxMailslotBackends {
    private LinuxMailslotBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static MailslotBackends load() {
        return new UnavailableMailslotBackends(Availability.unavailable(
                new UnsupportedOperationException("the Linux mailslot backend is not built yet")));
    }
}
