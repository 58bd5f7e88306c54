package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sync.backend.MutexBackend;

/**
 * A Win32 mutex: {@code CreateMutexW}, {@code OpenMutexW}, {@code ReleaseMutex}. The kernel keeps
 * the owning thread and the recursion count, and marks the mutex abandoned when the owning thread
 * ends (or its process dies) without releasing it: the next wait returns {@code WAIT_ABANDONED} at
 * once, as soon as the thread is gone. Closing the handle does not release ownership.
 */
final class WindowsMutex extends WindowsSyncObject implements MutexBackend {
    static final String KIND = "mutex";
    private static final int MUTEX_MODIFY_STATE = 0x0001;

    private WindowsMutex(String name, HANDLE handle, boolean created) {
        super(KIND, name, handle, created);
    }

    static WindowsMutex create(ObjectName name, boolean initiallyOwned, boolean mayExist) {
        String n = name.win32Name();
        HANDLE h = Win32.KERNEL32.CreateMutex(null, initiallyOwned, n);
        int error = Native.getLastError();
        return new WindowsMutex(n, h, checkCreated(h, error, KIND, n, "CreateMutexW", mayExist));
    }

    static WindowsMutex open(ObjectName name) {
        String n = name.win32Name();
        HANDLE h = Win32.KERNEL32.OpenMutex(WinNT.SYNCHRONIZE | MUTEX_MODIFY_STATE, false, n);
        if (h == null) {
            throw Win32Errors.lastFailure(KIND, n, "OpenMutexW");
        }
        return new WindowsMutex(n, h, false);
    }

    @Override
    public void release() {
        if (!Win32.KERNEL32.ReleaseMutex(handle)) {
            int error = Native.getLastError();
            if (error == WinError.ERROR_NOT_OWNER) {
                throw new IllegalMonitorStateException("ReleaseMutex failed for mutex \"" + name + "\": "
                        + Win32Errors.describe(error) + ". The calling thread does not own the mutex");
            }
            throw Win32Errors.failure(KIND, name, "ReleaseMutex", error, null);
        }
    }
}
