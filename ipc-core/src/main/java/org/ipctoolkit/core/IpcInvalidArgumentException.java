package org.ipctoolkit.core;

/**
 * An argument was refused before any native call (an empty or too long name, a size of 0, a negative timeout), or the system refused it as invalid (Win32 {@code ERROR_INVALID_PARAMETER}, POSIX {@code EINVAL}). The message says what is allowed.
 */
public class IpcInvalidArgumentException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param objectKind  what kind of object, e.g. {@code "shared memory"}
     * @param objectName  the object's name as the caller gave it (may be null)
     * @param operation   the native function or library operation that failed
     * @param nativeError the operating system's error, or null when the failure was found in Java
     * @param detail      a sentence that explains more, or null
     */
    public IpcInvalidArgumentException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
