package org.ipctoolkit.copydata;

import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.NativeError;

/**
 * A send's timeout passed before the receiving window answered, or the receiver is hung
 * ({@code SendMessageTimeoutW} with {@code SMTO_ABORTIFHUNG} returned 0 with {@code ERROR_TIMEOUT}).
 * The receiver may still process the message later.
 */
public class CopyDataTimeoutException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * @param objectKind what the object is ("window")
     * @param objectName the window's class and title
     * @param operation  what was being done
     * @param error      the system's error, or null
     * @param detail     what happened
     */
    public CopyDataTimeoutException(String objectKind, String objectName, String operation, NativeError error, String detail) {
        super(objectKind, objectName, operation, error, detail);
    }
}
