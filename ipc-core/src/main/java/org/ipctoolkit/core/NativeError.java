package org.ipctoolkit.core;

import java.util.Objects;

/**
 * An error code reported by the operating system, with its text.
 *
 * <p>On Windows this is a Win32 error code as returned by {@code GetLastError} and its
 * {@code FormatMessage} text; on POSIX systems it is an {@code errno} value and its
 * {@code strerror} text. {@link #toString()} renders it the way our exception messages do:
 * {@code error 5 (Access is denied.)} or {@code errno 13 (Permission denied)}.
 *
 * @param source which numbering the code belongs to
 * @param code   the numeric code
 * @param text   the system's description of the code, never null
 */
public record NativeError(Source source, int code, String text) {

    /** The numbering an error code belongs to. */
    public enum Source {
        /** A Win32 error code ({@code GetLastError}). */
        WIN32,
        /** A POSIX {@code errno} value. */
        ERRNO
    }

    /**
     * Checks the components.
     *
     * @param source which numbering the code belongs to
     * @param code   the numeric code
     * @param text   the system's description of the code
     */
    public NativeError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** Renders the error as {@code error N (text)} for Win32 or {@code errno N (text)} for POSIX. */
    @Override
    public String toString() {
        return (source == Source.WIN32 ? "error " : "errno ") + code + " (" + text + ")";
    }
}
