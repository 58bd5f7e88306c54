package org.ipctoolkit.copydata.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import org.ipctoolkit.copydata.CopyDataTimeoutException;
import org.ipctoolkit.copydata.backend.TargetBackend;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.windows.Win32Errors;

/**
 * A window found by {@code FindWindowExW}, sent to with {@code SendMessageTimeoutW(SMTO_ABORTIFHUNG |
 * SMTO_ERRORONEXIT)} and posted to with {@code PostMessageW}. A failed send is told apart by
 * {@code IsWindow} and the error code: a window that no longer exists (or whose thread ended before it
 * answered) is {@link IpcNotFoundException}; {@code ERROR_TIMEOUT}, or no error with the window still
 * there (a hung receiver, which {@code SMTO_ABORTIFHUNG} gives up on), is {@link CopyDataTimeoutException}.
 */
final class WindowsTarget implements TargetBackend {
    private static final WindowApi U = WindowApi.USER32;
    private static final int FLAGS = WindowApi.SMTO_ABORTIFHUNG | WindowApi.SMTO_ERRORONEXIT;

    private final HWND hwnd;
    private final String what;

    WindowsTarget(HWND hwnd, String what) {
        this.hwnd = hwnd;
        this.what = what;
    }

    @Override
    public long handle() {
        return Pointer.nativeValue(hwnd.getPointer());
    }

    @Override
    public long sendCopyData(long senderWindow, long dwData, byte[] data, int offset, int length, long timeoutMillis) {
        Memory bytes = length == 0 ? null : new Memory(length);
        try {
            if (bytes != null) {
                bytes.write(0, data, offset, length);
            }
            try (Memory cds = CopyDataStruct.allocate(dwData, bytes, length)) {
                return send(WindowApi.WM_COPYDATA, senderWindow, Pointer.nativeValue(cds), timeoutMillis, "WM_COPYDATA");
            }
        } finally {
            if (bytes != null) {
                bytes.close();
            }
        }
    }

    @Override
    public long sendMessage(int message, long wParam, long lParam, long timeoutMillis) {
        return send(message, wParam, lParam, timeoutMillis, "message 0x" + Integer.toHexString(message));
    }

    private long send(int message, long wParam, long lParam, long timeoutMillis, String which) {
        try (Memory result = new Memory(Native.POINTER_SIZE)) {
            result.clear();
            LRESULT ok = U.SendMessageTimeoutW(hwnd, message, new WPARAM(wParam), new LPARAM(lParam), FLAGS,
                    (int) Math.min(Integer.MAX_VALUE, timeoutMillis), result);
            if (ok.longValue() != 0) {
                return Native.POINTER_SIZE == 8 ? result.getLong(0) : result.getInt(0);
            }
            int code = Native.getLastError();
            throw sendFailure(code, which, timeoutMillis);
        }
    }

    private IpcException sendFailure(int code, String which, long timeoutMillis) {
        if (!U.IsWindow(hwnd) || code == WindowApi.ERROR_INVALID_WINDOW_HANDLE) {
            return new IpcNotFoundException(WindowsCopyDataBackends.KIND, what, "SendMessageTimeoutW",
                    code == 0 ? null : Win32Errors.describe(code), "the window is gone; " + which + " was not answered");
        }
        if (code == WindowApi.ERROR_TIMEOUT || code == 0) {
            return new CopyDataTimeoutException(WindowsCopyDataBackends.KIND, what, "SendMessageTimeoutW",
                    code == 0 ? null : Win32Errors.describe(code),
                    "the window did not answer " + which + " within " + timeoutMillis + " ms, or is hung");
        }
        return Win32Errors.failure(WindowsCopyDataBackends.KIND, what, "SendMessageTimeoutW", code, which + " failed");
    }

    @Override
    public void postMessage(int message, long wParam, long lParam) {
        if (!U.PostMessageW(hwnd, message, new WPARAM(wParam), new LPARAM(lParam))) {
            int code = Native.getLastError();
            if (!U.IsWindow(hwnd) || code == WindowApi.ERROR_INVALID_WINDOW_HANDLE) {
                throw new IpcNotFoundException(WindowsCopyDataBackends.KIND, what, "PostMessageW",
                        Win32Errors.describe(code), "the window is gone");
            }
            throw Win32Errors.failure(WindowsCopyDataBackends.KIND, what, "PostMessageW", code, null);
        }
    }

    @Override
    public String toString() {
        return "WindowsTarget[" + what + ", hwnd 0x" + Long.toHexString(handle()) + "]";
    }
}
