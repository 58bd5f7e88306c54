package org.ipctoolkit.pipe;

import java.util.Locale;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/**
 * A pipe's name: {@code \\SERVER\pipe\NAME}, {@code SERVER} being {@code .} for this machine. Windows
 * compares names without case; {@code NAME} may contain any character but {@code \} at its start and
 * is at most 256 characters long. {@link #of(String)} takes the full form or a bare {@code NAME}.
 */
public final class PipeName {
    /** The longest full name ({@code \\.\pipe\} and the name), as {@code CreateNamedPipe} allows. */
    public static final int MAX_LENGTH = 256;
    private static final String PREFIX = "\\pipe\\";

    private final String server;
    private final String name;

    private PipeName(String server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * @param text {@code \\.\pipe\NAME}, {@code \\SERVER\pipe\NAME}, or a bare {@code NAME} (this machine)
     * @return the name
     * @throws IpcInvalidArgumentException if it is empty, too long, or not of these forms
     */
    public static PipeName of(String text) {
        Objects.requireNonNull(text, "name");
        String server = ".";
        String name = text;
        if (text.startsWith("\\\\")) {
            int slash = text.indexOf('\\', 2);
            if (slash < 0 || !text.regionMatches(true, slash, PREFIX, 0, PREFIX.length())) {
                throw invalid(text, "a full pipe name reads \\\\SERVER\\pipe\\NAME");
            }
            server = text.substring(2, slash);
            name = text.substring(slash + PREFIX.length());
            if (server.isEmpty()) {
                throw invalid(text, "the server part is empty (use . for this machine)");
            }
        }
        if (name.isEmpty()) {
            throw invalid(text, "the pipe's name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw invalid(text, "the name contains a NUL character");
        }
        if (("\\\\.\\pipe\\" + name).length() > MAX_LENGTH) {
            throw invalid(text, "the full name is longer than " + MAX_LENGTH + " characters");
        }
        return new PipeName(server, name);
    }

    private static IpcInvalidArgumentException invalid(String text, String why) {
        return new IpcInvalidArgumentException("named pipe", text, "parse", null, why);
    }

    /** @return the server ({@code .} for this machine) */
    public String server() {
        return server;
    }

    /** @return the name after {@code \pipe\} */
    public String name() {
        return name;
    }

    /** @return true for a pipe of this machine */
    public boolean isLocal() {
        return server.equals(".");
    }

    /** @return the name in lower case, as names are compared */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** @return {@code \\SERVER\pipe\NAME} */
    public String fullName() {
        return "\\\\" + server + PREFIX + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipeName && ((PipeName) o).server.equalsIgnoreCase(server) && ((PipeName) o).key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return fullName();
    }
}
