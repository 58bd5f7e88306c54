package org.ipctoolkit.mailslot.linux.net;

import com.sun.jna.Function;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.core.NativeError;

/**
 * Turns the {@link IOException}s of the JDK's socket calls into {@link IpcException}s that name
 * the mailslot, the socket call ({@code bind}, {@code sendto}, {@code getaddrinfo}) and the errno.
 * The JDK reports a failed socket call with {@code strerror}'s text as the message (for example
 * {@code "Permission denied"}); the errno is found again by comparing that text with
 * {@code strerror(3)} of every errno value, called through JNA once.
 */
final class NetErrors {
    static final String KIND = "mailslot";
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOBUFS = 105;
    private static final int EADDRINUSE = 98;
    private static final int ENOMEM = 12;
    private static volatile Map<String, Integer> errnoByText;

    private NetErrors() {
    }

    /**
     * @param name      the mailslot's name
     * @param operation the socket call
     * @param e         what the JDK threw
     * @param detail    a sentence that explains more, or null
     * @return the exception to throw
     */
    static IpcException failure(String name, String operation, IOException e, String detail) {
        if (e instanceof UnknownHostException) {
            IpcNotFoundException x = new IpcNotFoundException(KIND, name, operation, null,
                    "the resolver does not know \"" + e.getMessage() + "\"" + (detail == null ? "" : ". " + detail));
            x.initCause(e);
            return x;
        }
        NativeError error = describe(e.getMessage());
        String text = detail;
        if (error == null) {
            text = e.toString() + (detail == null ? "" : ". " + detail);
        }
        IpcException x;
        int errno = error == null ? 0 : error.code();
        if (errno == EACCES || errno == EPERM) {
            x = new IpcAccessDeniedException(KIND, name, operation, error, text);
        } else if (errno == EADDRINUSE) {
            x = new IpcAlreadyExistsException(KIND, name, operation, error, text);
        } else if (errno == ENOBUFS || errno == ENOMEM) {
            x = new IpcResourceExhaustedException(KIND, name, operation, error, text);
        } else {
            x = new IpcException(KIND, name, operation, error, text);
        }
        x.initCause(e);
        return x;
    }

    /** The errno whose strerror text starts the message, or null. */
    static NativeError describe(String message) {
        if (message == null) {
            return null;
        }
        Map<String, Integer> table = table();
        String text = message;
        int paren = text.indexOf(" (");
        for (int round = 0; round < 2; round++) {
            Integer errno = table.get(text.trim());
            if (errno != null) {
                return new NativeError(NativeError.Source.ERRNO, errno, text.trim());
            }
            if (paren < 0) {
                break;
            }
            text = text.substring(0, paren); // "Permission denied (sendto failed)"
        }
        return null;
    }

    private static Map<String, Integer> table() {
        Map<String, Integer> t = errnoByText;
        if (t == null) {
            t = new HashMap<>();
            try {
                Function strerror = Function.getFunction("c", "strerror");
                for (int errno = 1; errno < 134; errno++) {
                    String text = strerror.invokeString(new Object[] {errno}, false);
                    if (text != null) {
                        t.putIfAbsent(text, errno);
                    }
                }
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // no libc through JNA: messages keep the JDK's text only
            }
            errnoByText = t;
        }
        return t;
    }
}
