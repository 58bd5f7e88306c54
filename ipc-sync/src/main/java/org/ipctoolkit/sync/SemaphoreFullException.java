package org.ipctoolkit.sync;

import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.NativeError;

/**
 * {@link NamedSemaphore#release(int)} would have taken the count past the semaphore's maximum
 * ({@code ReleaseSemaphore} fails with {@code ERROR_TOO_MANY_POSTS}, 298). The count is unchanged.
 */
public class SemaphoreFullException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param objectName  the semaphore's name
     * @param operation   the native function that refused, e.g. {@code ReleaseSemaphore}
     * @param nativeError the system's error, or null when the backend found it itself
     * @param detail      a sentence that explains more, or null
     */
    public SemaphoreFullException(String objectName, String operation, NativeError nativeError, String detail) {
        super(NamedSemaphore.KIND, objectName, operation, nativeError, detail);
    }
}
