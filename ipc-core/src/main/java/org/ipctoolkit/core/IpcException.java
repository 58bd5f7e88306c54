package org.ipctoolkit.core;

import java.util.Optional;

/**
 * The failure of an operation on a named IPC object.
 *
 * <p>It names the kind of object ({@code "shared memory"}), the object's name, the operation
 * that failed (the native function, such as {@code CreateFileMappingW} or {@code open}, or a
 * library operation such as {@code create}), and the native error when the operating system
 * reported one. Its message reads, for example:
 * <pre>{@code CreateFileMappingW failed for shared memory "ShareMem": error 5 (Access is denied.)}</pre>
 *
 * <p>Subclasses exist for the failures callers branch on; everything else is an
 * {@code IpcException} itself. A timeout is never an exception: waits report it as a result.
 */
public class IpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String objectKind;
    private final String objectName;
    private final String operation;
    private final NativeError nativeError;

    /**
     * Creates an exception.
     *
     * @param objectKind  what kind of object, e.g. {@code "shared memory"}
     * @param objectName  the object's name as the caller gave it (may be null when there is none)
     * @param operation   the native function or library operation that failed
     * @param nativeError the operating system's error, or null when the failure was found in Java
     * @param detail      a sentence that explains more, or null
     */
    public IpcException(String objectKind, String objectName, String operation,
                        NativeError nativeError, String detail) {
        super(message(objectKind, objectName, operation, nativeError, detail));
        this.objectKind = objectKind;
        this.objectName = objectName;
        this.operation = operation;
        this.nativeError = nativeError;
    }

    private static String message(String kind, String name, String operation,
                                  NativeError error, String detail) {
        StringBuilder b = new StringBuilder();
        b.append(operation).append(" failed for ").append(kind);
        if (name != null) {
            b.append(" \"").append(name).append('"');
        }
        if (error != null) {
            b.append(": ").append(error);
        }
        if (detail != null) {
            b.append(error != null ? ". " : ": ").append(detail);
        }
        return b.toString();
    }

    /** @return the kind of object, e.g. {@code "shared memory"} */
    public String objectKind() {
        return objectKind;
    }

    /** @return the object's name as the caller gave it, or null */
    public String objectName() {
        return objectName;
    }

    /** @return the native function or library operation that failed */
    public String operation() {
        return operation;
    }

    /** @return the operating system's error, if it reported one */
    public Optional<NativeError> nativeError() {
        return Optional.ofNullable(nativeError);
    }
}
