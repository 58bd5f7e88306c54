package org.ipctoolkit.clipboard.linux;

import org.ipctoolkit.clipboard.backend.ClipboardBackend;
import org.ipctoolkit.clipboard.backend.UnavailableClipboardBackend;
import org.ipctoolkit.core.Availability;

/** The Linux backend of ipc-clipboard (being built). */
public final class LinuxClipboardBackend {
    private LinuxClipboardBackend() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static ClipboardBackend load() {
        return new UnavailableClipboardBackend(Availability.unavailable(
                new UnsupportedOperationException("the Linux clipboard backend is not built yet")));
    }
}
