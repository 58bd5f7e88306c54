package org.ipctoolkit.clipboard.windows;

import org.ipctoolkit.clipboard.backend.ClipboardBackend;
import org.ipctoolkit.clipboard.backend.UnavailableClipboardBackend;
import org.ipctoolkit.core.Availability;

/** The Windows backend of ipc-clipboard (being built). */
public final class WindowsClipboardBackend {
    private WindowsClipboardBackend() {
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend
     */
    public static ClipboardBackend load() {
        return new UnavailableClipboardBackend(Availability.unavailable(
                new UnsupportedOperationException("the Windows clipboard backend is not built yet")));
    }
}
