package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sync.SemaphoreFullException;
import org.ipctoolkit.sync.backend.SemaphoreBackend;

/** A Win32 semaphore: {@code CreateSemaphoreW}, {@code OpenSemaphoreW}, {@code ReleaseSemaphore} ({@link SemaphoreApi}). */
final class WindowsSemaphore extends WindowsSyncObject implements SemaphoreBackend {
    static final String KIND = "semaphore";

    private WindowsSemaphore(String name, HANDLE handle, boolean created) {
        super(KIND, name, handle, created);
    }

    static WindowsSemaphore create(ObjectName name, int initialCount, int maximumCount, boolean mayExist) {
        String n = name.win32Name();
        HANDLE h = SemaphoreApi.KERNEL32.CreateSemaphoreW(null, initialCount, maximumCount, n);
        int error = Native.getLastError();
        return new WindowsSemaphore(n, h, checkCreated(h, error, KIND, n, "CreateSemaphoreW", mayExist));
    }

    static WindowsSemaphore open(ObjectName name) {
        String n = name.win32Name();
        HANDLE h = SemaphoreApi.KERNEL32.OpenSemaphoreW(WinNT.SYNCHRONIZE | SemaphoreApi.SEMAPHORE_MODIFY_STATE, false, n);
        if (h == null) {
            throw Win32Errors.lastFailure(KIND, n, "OpenSemaphoreW");
        }
        return new WindowsSemaphore(n, h, false);
    }

    @Override
    public int release(int count) {
        IntByReference previous = new IntByReference();
        if (!SemaphoreApi.KERNEL32.ReleaseSemaphore(handle, count, previous)) {
            int error = Native.getLastError();
            if (error == SemaphoreApi.ERROR_TOO_MANY_POSTS) {
                throw new SemaphoreFullException(name, "ReleaseSemaphore", Win32Errors.describe(error),
                        "releasing " + count + " would pass the maximum count; the count is unchanged");
            }
            throw Win32Errors.failure(KIND, name, "ReleaseSemaphore", error, null);
        }
        return previous.getValue();
    }
}
