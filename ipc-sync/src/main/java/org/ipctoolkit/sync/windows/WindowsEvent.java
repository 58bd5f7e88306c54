package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sync.backend.EventBackend;

/** A Win32 event: {@code CreateEventW}, {@code OpenEventW}, {@code SetEvent}, {@code ResetEvent}, {@code PulseEvent}. */
final class WindowsEvent extends WindowsSyncObject implements EventBackend {
    static final String KIND = "event";
    private static final int EVENT_MODIFY_STATE = 0x0002;

    private WindowsEvent(String name, HANDLE handle, boolean created) {
        super(KIND, name, handle, created);
    }

    /** @param name null for an unnamed event */
    static WindowsEvent create(ObjectName name, boolean manualReset, boolean initialState, boolean mayExist) {
        String n = name == null ? null : name.win32Name();
        HANDLE h = Win32.KERNEL32.CreateEvent(null, manualReset, initialState, n);
        int error = Native.getLastError();
        return new WindowsEvent(n, h, checkCreated(h, error, KIND, n, "CreateEventW", mayExist));
    }

    static WindowsEvent open(ObjectName name) {
        String n = name.win32Name();
        HANDLE h = Win32.KERNEL32.OpenEvent(WinNT.SYNCHRONIZE | EVENT_MODIFY_STATE, false, n);
        if (h == null) {
            throw Win32Errors.lastFailure(KIND, n, "OpenEventW");
        }
        return new WindowsEvent(n, h, false);
    }

    @Override
    public void set() {
        if (!Win32.KERNEL32.SetEvent(handle)) {
            throw Win32Errors.lastFailure(KIND, name, "SetEvent");
        }
    }

    @Override
    public void reset() {
        if (!Win32.KERNEL32.ResetEvent(handle)) {
            throw Win32Errors.lastFailure(KIND, name, "ResetEvent");
        }
    }

    @Override
    public void pulse() {
        if (!Win32.KERNEL32.PulseEvent(handle)) {
            throw Win32Errors.lastFailure(KIND, name, "PulseEvent");
        }
    }
}
