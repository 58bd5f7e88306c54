package org.ipctoolkit.core.linux;

import static org.ipctoolkit.core.linux.LinuxConstants.*;

import com.sun.jna.Native;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.core.NativeError;

/**
 * Turns {@code errno} values into {@link NativeError}s and {@link IpcException}s.
 * Read the value with {@link Native#getLastError()} right after the failing call.
 */
public final class LinuxErrors {
    private LinuxErrors() {
    }

    /**
     * Describes an errno value with its {@code strerror} text.
     *
     * @param errno the value
     * @return the value and its text
     */
    public static NativeError describe(int errno) {
        String text = Libc.strerror(errno);
        return new NativeError(NativeError.Source.ERRNO, errno, text == null ? "unknown error" : text);
    }

    /**
     * Builds the exception for a failed libc call, of the subtype the errno calls for.
     *
     * @param kind     the kind of object, e.g. {@code "shared memory"}
     * @param name     the object's name
     * @param function the libc function that failed, e.g. {@code "open"}
     * @param errno    the errno value read right after the call
     * @param detail   a sentence that explains more, or null
     * @return the exception, to be thrown by the caller
     */
    public static IpcException failure(String kind, String name, String function, int errno, String detail) {
        NativeError error = describe(errno);
        switch (errno) {
            case ENOENT:
                return new IpcNotFoundException(kind, name, function, error, detail);
            case EACCES:
            case EPERM:
            case ELOOP:
                return new IpcAccessDeniedException(kind, name, function, error, detail);
            case EEXIST:
                return new IpcAlreadyExistsException(kind, name, function, error, detail);
            case ENOSPC:
            case ENOMEM:
            case EMFILE:
            case ENFILE:
            case EFBIG:
                return new IpcResourceExhaustedException(kind, name, function, error, detail);
            case EISDIR:
                return new IpcIncompatibleObjectException(kind, name, function, error, detail);
            case EINVAL:
            case ENAMETOOLONG:
                return new IpcInvalidArgumentException(kind, name, function, error, detail);
            default:
                return new IpcException(kind, name, function, error, detail);
        }
    }

    /**
     * Like {@link #failure(String, String, String, int, String)} with the errno of the calling
     * thread's last native call.
     *
     * @param kind     the kind of object
     * @param name     the object's name
     * @param function the libc function that failed
     * @return the exception, to be thrown by the caller
     */
    public static IpcException lastFailure(String kind, String name, String function) {
        return failure(kind, name, function, Native.getLastError(), null);
    }
}
