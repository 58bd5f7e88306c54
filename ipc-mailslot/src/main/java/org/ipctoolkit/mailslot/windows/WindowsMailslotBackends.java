package org.ipctoolkit.mailslot.windows;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.UnavailableMailslotBackends;

/** The Windows backend of ipc-mailslot (being built). */
public final class WindowsMailslotBackends {
    private WindowsMailslotBackends() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static MailslotBackends load() {
        return new UnavailableMailslotBackends(Availability.unavailable(
                new UnsupportedOperationException("the Windows mailslot backend is not built yet")));
    }
}
