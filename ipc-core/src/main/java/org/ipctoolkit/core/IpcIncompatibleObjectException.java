package org.ipctoolkit.core;

/**
 * An object of that name exists but does not fit the request: it is smaller than the size asked for, it is another kind of object (Win32 {@code ERROR_INVALID_HANDLE} from a create call), or its bookkeeping layout has another magic number or version.
 */
public class IpcIncompatibleObjectException extends IpcException {
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
    public IpcIncompatibleObjectException(String objectKind, String objectName, String operation,
            NativeError nativeError, String detail) {
        super(objectKind, objectName, operation, nativeError, detail);
    }
}
