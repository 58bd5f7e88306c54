package org.ipctoolkit.clipboard;

import org.ipctoolkit.clipboard.backend.ClipboardBackend;
import org.ipctoolkit.clipboard.backend.UnavailableClipboardBackend;
import org.ipctoolkit.clipboard.linux.LinuxClipboardBackend;
import org.ipctoolkit.clipboard.windows.WindowsClipboardBackend;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.Platform;

/** The one place that picks the clipboard backend: one {@code switch} on {@link Platform#current()}, run once. */
final class ClipboardPlatform {
    private static final ClipboardBackend BACKEND = select(Platform.current());

    private ClipboardPlatform() {
    }

    private static ClipboardBackend select(Platform platform) {
        switch (platform) {
            case WINDOWS:
                return WindowsClipboardBackend.load();
            case LINUX:
                return LinuxClipboardBackend.load();
            default:
                return new UnavailableClipboardBackend(Availability.unavailable(new UnsupportedOperationException(
                        "ipc-clipboard is not supported on " + platform + " (" + System.getProperty("os.name") + ")")));
        }
    }

    static Availability availability() {
        return BACKEND.availability();
    }

    static ClipboardBackend backend(String operation) {
        BACKEND.availability().ensureAvailable(Clipboard.KIND, Clipboard.NAME, operation);
        return BACKEND;
    }
}
