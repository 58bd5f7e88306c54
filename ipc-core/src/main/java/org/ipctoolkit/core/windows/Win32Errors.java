package org.ipctoolkit.core.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.PointerByReference;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.core.NativeError;

/**
 * Turns Win32 error codes into {@link NativeError}s and {@link IpcException}s.
 * Read the code with {@link Native#getLastError()} right after the failing call, never later.
 */
public final class Win32Errors {
    private static final int ERROR_COMMITMENT_LIMIT = 1455;

    private Win32Errors() {
    }

    /**
     * Describes a Win32 error code with its {@code FormatMessageW} text.
     *
     * @param code a Win32 error code
     * @return the code and its text (a placeholder text if the system has none)
     */
    public static NativeError describe(int code) {
        String text;
        try {
            text = formatMessage(code);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return new NativeError(NativeError.Source.WIN32, code, text != null ? text : "no message text for this code");
    }

    /** {@code FormatMessageW} through {@link Win32#KERNEL32} (never the ANSI form), or null. */
    private static String formatMessage(int code) {
        PointerByReference buffer = new PointerByReference();
        int length = Win32.KERNEL32.FormatMessage(WinBase.FORMAT_MESSAGE_ALLOCATE_BUFFER
                        | WinBase.FORMAT_MESSAGE_FROM_SYSTEM | WinBase.FORMAT_MESSAGE_IGNORE_INSERTS,
                null, code, 0, buffer, 0, null);
        Pointer text = buffer.getValue();
        if (length == 0 || text == null) {
            return null;
        }
        try {
            return text.getWideString(0).trim();
        } finally {
            Win32.KERNEL32.LocalFree(text);
        }
    }

    /**
     * Builds the exception for a failed Win32 call, of the subtype the code calls for.
     *
     * @param kind     the kind of object, e.g. {@code "shared memory"}
     * @param name     the object's name
     * @param function the Win32 function that failed, e.g. {@code "CreateFileMappingW"}
     * @param code     the code {@code GetLastError} gave right after the call
     * @param detail   a sentence that explains more, or null
     * @return the exception, to be thrown by the caller
     */
    public static IpcException failure(String kind, String name, String function, int code, String detail) {
        NativeError error = describe(code);
        switch (code) {
            case WinError.ERROR_FILE_NOT_FOUND:
            case WinError.ERROR_PATH_NOT_FOUND:
                return new IpcNotFoundException(kind, name, function, error, detail);
            case WinError.ERROR_ACCESS_DENIED:
                return new IpcAccessDeniedException(kind, name, function, error, detail);
            case WinError.ERROR_ALREADY_EXISTS:
            case WinError.ERROR_FILE_EXISTS:
                return new IpcAlreadyExistsException(kind, name, function, error, detail);
            case WinError.ERROR_NOT_ENOUGH_MEMORY:
            case WinError.ERROR_OUTOFMEMORY:
            case WinError.ERROR_DISK_FULL:
            case WinError.ERROR_NO_SYSTEM_RESOURCES:
            case ERROR_COMMITMENT_LIMIT:
                return new IpcResourceExhaustedException(kind, name, function, error, detail);
            case WinError.ERROR_INVALID_PARAMETER:
            case WinError.ERROR_INVALID_NAME:
            case WinError.ERROR_BAD_PATHNAME:
                return new IpcInvalidArgumentException(kind, name, function, error, detail);
            case WinError.ERROR_INVALID_HANDLE:
                return new IpcIncompatibleObjectException(kind, name, function, error,
                        detail != null ? detail : "the name may belong to another kind of object");
            default:
                return new IpcException(kind, name, function, error, detail);
        }
    }

    /**
     * Like {@link #failure(String, String, String, int, String)} with the calling thread's last
     * error, which must be read right after the failing call.
     *
     * @param kind     the kind of object
     * @param name     the object's name
     * @param function the Win32 function that failed
     * @return the exception, to be thrown by the caller
     */
    public static IpcException lastFailure(String kind, String name, String function) {
        return failure(kind, name, function, Native.getLastError(), null);
    }
}
