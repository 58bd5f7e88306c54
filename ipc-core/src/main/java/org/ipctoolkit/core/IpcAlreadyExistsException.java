package org.ipctoolkit.core;

/**
 * An object of that name already exists where a new one was asked for (Win32 {@code ERROR_ALREADY_EXISTS}, POSIX {@code EEXIST}).
 */
public class IpcAlreadyExistsException extends IpcException {
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
    public IpcAlreadyExistsException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
