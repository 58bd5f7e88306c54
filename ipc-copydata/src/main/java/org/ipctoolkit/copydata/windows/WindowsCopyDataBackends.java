package org.ipctoolkit.copydata.windows;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.TargetBackend;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.windows.Win32Errors;

/**
 * The Windows backend of ipc-copydata: Win32 windows and window messages through JNA
 * ({@link WindowApi}, user32 loaded with {@code UNICODE_OPTIONS}). Its probe registers a window
 * message ({@code RegisterWindowMessageW}), which loads user32 and needs no X server under Wine.
 */
public final class WindowsCopyDataBackends implements CopyDataBackends {
    /** The object kind in exceptions. */
    static final String KIND = "window";
    private static final String PROBE_MESSAGE = "org.ipctoolkit.copydata.probe";

    private final Availability availability;

    private WindowsCopyDataBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * Runs the probe; never throws.
     *
     * @return the backend, whose {@link #availability()} reports the probe's outcome
     */
    public static CopyDataBackends load() {
        return new WindowsCopyDataBackends(Availability.probe(() -> {
            if (WindowApi.USER32.RegisterWindowMessageW(new WString(PROBE_MESSAGE)) == 0) {
                throw Win32Errors.lastFailure("registered message", PROBE_MESSAGE, "RegisterWindowMessageW");
            }
        }));
    }


    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public WindowBackend createWindow(String className, String title, boolean messageOnly, boolean allowLowerIntegrity,
                                      String threadName, WindowCallbacks callbacks) {
        return WindowsWindow.create(className, title, messageOnly, allowLowerIntegrity, threadName, callbacks);
    }

    /** {@code FindWindowExW(HWND_MESSAGE, NULL, class, title)}, then {@code FindWindowExW(NULL, NULL, class, title)}. */
    @Override
    public TargetBackend find(String className, String title) {
        WString c = className == null ? null : new WString(className);
        WString t = title == null ? null : new WString(title);
        HWND h = WindowApi.USER32.FindWindowExW(WindowApi.HWND_MESSAGE, null, c, t);
        if (h == null) {
            h = WindowApi.USER32.FindWindowExW(null, null, c, t);
        }
        return h == null ? null : new WindowsTarget(h, CopyDataBackends.describe(className, title));
    }

    @Override
    public int registerMessage(String name) {
        int id = WindowApi.USER32.RegisterWindowMessageW(new WString(name));
        if (id == 0) {
            throw Win32Errors.lastFailure("registered message", name, "RegisterWindowMessageW");
        }
        return id;
    }

    @Override
    public void broadcast(int message, long wParam, long lParam) {
        if (!WindowApi.USER32.PostMessageW(WindowApi.HWND_BROADCAST, message, new WPARAM(wParam), new LPARAM(lParam))) {
            throw Win32Errors.failure("registered message", "0x" + Integer.toHexString(message), "PostMessageW(HWND_BROADCAST)",
                    Native.getLastError(), null);
        }
    }

    @Override
    public String toString() {
        return "WindowsCopyDataBackends[" + availability + "]";
    }
}
