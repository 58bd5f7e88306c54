package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sync.backend.SyncObjectBackend;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * What the Windows mutex, event and semaphore share: a kernel object handle, waited on with
 * {@code WaitForSingleObject} and closed with {@code CloseHandle}. The kernel does everything else
 * (ownership, recursion, abandonment, lifetime).
 */
abstract class WindowsSyncObject implements SyncObjectBackend {
    final String kind;
    final String name;
    final HANDLE handle;
    private final boolean created;

    WindowsSyncObject(String kind, String name, HANDLE handle, boolean created) {
        this.kind = kind;
        this.name = name;
        this.handle = handle;
        this.created = created;
    }

    /**
     * Checks the outcome of a {@code Create*W} call, read right after it.
     *
     * @return true if the object was created, false if it existed
     */
    static boolean checkCreated(HANDLE h, int error, String kind, String name, String function, boolean mayExist) {
        if (h == null) {
            throw Win32Errors.failure(kind, name, function, error, null);
        }
        boolean existed = error == WinError.ERROR_ALREADY_EXISTS;
        if (existed && !mayExist) {
            Win32.KERNEL32.CloseHandle(h);
            throw new IpcAlreadyExistsException(kind, name, function, Win32Errors.describe(error),
                    "an object of this name exists");
        }
        return !existed;
    }

    @Override
    public boolean created() {
        return created;
    }

    @Override
    public WaitStatus waitFor(long timeoutNanos) {
        if (timeoutNanos == 0 || timeoutNanos == -1) {
            return status(Win32.KERNEL32.WaitForSingleObject(handle, timeoutNanos == 0 ? 0 : WinBase.INFINITE));
        }
        long deadline = System.nanoTime() + timeoutNanos;
        long left = timeoutNanos;
        while (true) {
            int r = Win32.KERNEL32.WaitForSingleObject(handle, Timeouts.millis(left));
            if (r != WinError.WAIT_TIMEOUT) {
                return status(r);
            }
            left = deadline - System.nanoTime();
            if (left <= 0) {
                return WaitStatus.TIMEOUT;
            }
        }
    }

    private WaitStatus status(int r) {
        switch (r) {
            case WinBase.WAIT_OBJECT_0:
                return WaitStatus.SIGNALED;
            case WinNT_WAIT_ABANDONED:
                return WaitStatus.ABANDONED;
            case WinError.WAIT_TIMEOUT:
                return WaitStatus.TIMEOUT;
            default:
                throw Win32Errors.failure(kind, name, "WaitForSingleObject", Native.getLastError(), null);
        }
    }

    /** {@code WAIT_ABANDONED} (0x80). */
    static final int WinNT_WAIT_ABANDONED = 0x80;

    @Override
    public void close() {
        Win32.KERNEL32.CloseHandle(handle);
    }
}
