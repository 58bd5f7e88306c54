package org.ipctoolkit.core;

/**
 * The named object does not exist (Win32 {@code ERROR_FILE_NOT_FOUND}, POSIX {@code ENOENT}), or it vanished while being opened.
 */
public class IpcNotFoundException extends IpcException {
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
    public IpcNotFoundException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
