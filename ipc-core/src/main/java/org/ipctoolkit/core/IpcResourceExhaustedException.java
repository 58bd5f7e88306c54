package org.ipctoolkit.core;

/**
 * The system lacks the memory, commit charge, space or handles the operation needs (Win32 {@code ERROR_NOT_ENOUGH_MEMORY}, {@code ERROR_COMMITMENT_LIMIT}; POSIX {@code ENOSPC}, {@code ENOMEM}, {@code EMFILE}).
 */
public class IpcResourceExhaustedException extends IpcException {
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
    public IpcResourceExhaustedException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
