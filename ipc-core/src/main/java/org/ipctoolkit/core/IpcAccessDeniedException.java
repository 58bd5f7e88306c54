package org.ipctoolkit.core;

/**
 * The caller may not use the object (Win32 {@code ERROR_ACCESS_DENIED}, POSIX {@code EACCES}), or, on POSIX, the object belongs to another user and the caller did not opt in to using it.
 */
public class IpcAccessDeniedException extends IpcException {
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
    public IpcAccessDeniedException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
