package org.ipctoolkit.mailslot;

import java.util.Locale;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/**
 * The validated name of a mailslot: {@code \\TARGET\mailslot\PATH}, as Win32 writes it.
 *
 * <ul>
 *   <li>{@code TARGET} is {@code .} (this machine), a machine name, {@code *} (every machine of the
 *       primary domain) or a domain name (every machine of that domain). A server's name is always
 *       local: {@code CreateMailslot} accepts only {@code \\.\mailslot\...}.</li>
 *   <li>{@code PATH} has one or more levels separated by backslashes, as a file path has
 *       ({@code Account\Note}); each level is 1 or more characters, not {@code .} or {@code ..}, with
 *       no control character and none of {@code / : * ? " < > |}. The word {@code mailslot} may be
 *       written in any case.</li>
 *   <li>Names compare <b>without regard to case</b>, as Win32 file names do: {@code \\.\mailslot\Note}
 *       and {@code \\.\MAILSLOT\NOTE} are the same mailslot; {@link #key()} is the form a backend
 *       stores.</li>
 *   <li>The whole name has at most {@value #MAX_LENGTH} characters ({@code MAX_PATH}).</li>
 * </ul>
 * A short name without {@code \\} (for example {@code Account\Note}) means a local mailslot.
 */
public final class MailslotName {
    /** The target that means this machine. */
    public static final String LOCAL = ".";
    /** The target that means every machine of the primary domain. */
    public static final String PRIMARY_DOMAIN = "*";
    /** The longest whole name, in characters ({@code MAX_PATH}). */
    public static final int MAX_LENGTH = 260;

    private static final String KIND = "mailslot";
    private static final String MIDDLE = "\\mailslot\\";
    private static final String FORBIDDEN = "/:*?\"<>|";

    private final String target;
    private final String path;

    private MailslotName(String target, String path) {
        this.target = target;
        this.path = path;
    }

    /**
     * Parses a full name ({@code \\.\mailslot\Note}, {@code \\HOST\mailslot\Note},
     * {@code \\*\mailslot\Note}) or a short local one ({@code Note}, {@code Account\Note}).
     *
     * @param name the name
     * @return the validated name
     * @throws IpcInvalidArgumentException if the name breaks a rule of the class description
     */
    public static MailslotName parse(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.startsWith("\\\\")) {
            return of(LOCAL, name);
        }
        int end = name.indexOf('\\', 2);
        if (end < 0 || !name.regionMatches(true, end, MIDDLE, 0, MIDDLE.length())) {
            throw invalid(name, "a full name is \\\\TARGET\\mailslot\\PATH");
        }
        return of(name.substring(2, end), name.substring(end + MIDDLE.length()), name);
    }

    /**
     * @param target {@value #LOCAL}, a machine name, {@value #PRIMARY_DOMAIN} or a domain name
     * @param path   the mailslot's path ({@code Note}, {@code Account\Note})
     * @return the validated name {@code \\target\mailslot\path}
     * @throws IpcInvalidArgumentException if a part breaks a rule of the class description
     */
    public static MailslotName of(String target, String path) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        return of(target, path, "\\\\" + target + MIDDLE + path);
    }

    private static MailslotName of(String target, String path, String whole) {
        String problem = targetProblem(target);
        if (problem == null) {
            problem = pathProblem(path);
        }
        if (problem == null && whole.length() > MAX_LENGTH) {
            problem = "it has " + whole.length() + " characters, more than " + MAX_LENGTH + " (MAX_PATH)";
        }
        if (problem != null) {
            throw invalid(whole, problem);
        }
        return new MailslotName(target, path);
    }

    private static String targetProblem(String target) {
        if (target.equals(LOCAL) || target.equals(PRIMARY_DOMAIN)) {
            return null;
        }
        if (target.isEmpty()) {
            return "the target (machine or domain) is empty";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == '\\' || FORBIDDEN.indexOf(c) >= 0 || c == ' ') {
                return String.format("the target \"%s\" contains the character U+%04X", target, (int) c);
            }
        }
        return null;
    }

    private static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "the mailslot path is empty";
        }
        for (String level : path.split("\\\\", -1)) {
            if (level.isEmpty()) {
                return "the path \"" + path + "\" has an empty level";
            }
            if (level.equals(".") || level.equals("..")) {
                return "the path \"" + path + "\" has a level \"" + level + "\"";
            }
            for (int i = 0; i < level.length(); i++) {
                char c = level.charAt(i);
                if (c < 0x20 || FORBIDDEN.indexOf(c) >= 0) {
                    return String.format("the path \"%s\" contains the character U+%04X, which a file name cannot hold",
                            path, (int) c);
                }
            }
        }
        return null;
    }

    private static IpcInvalidArgumentException invalid(String name, String problem) {
        return new IpcInvalidArgumentException(KIND, name, "validate name", null, "invalid mailslot name: " + problem
                + ". A mailslot name is \\\\TARGET\\mailslot\\PATH (TARGET . for this machine, a machine, * or a"
                + " domain) or a local PATH such as Account\\Note");
    }

    /** @return the target: {@value #LOCAL}, a machine name, {@value #PRIMARY_DOMAIN} or a domain name */
    public String target() {
        return target;
    }

    /** @return the path after {@code \mailslot\}, as given ({@code Account\Note}) */
    public String path() {
        return path;
    }

    /** @return true if the target is this machine ({@value #LOCAL}) */
    public boolean isLocal() {
        return target.equals(LOCAL);
    }

    /** @return the path in upper case (root locale): what two names of the same mailslot share */
    public String key() {
        return path.toUpperCase(Locale.ROOT);
    }

    /** @return the name as Win32 functions take it: {@code \\TARGET\mailslot\PATH} */
    public String win32Name() {
        return "\\\\" + target + MIDDLE + path;
    }

    /** @return this mailslot on this machine ({@code \\.\mailslot\PATH}) */
    public MailslotName local() {
        return isLocal() ? this : new MailslotName(LOCAL, path);
    }

    /** @return {@link #win32Name()} */
    @Override
    public String toString() {
        return win32Name();
    }

    /** Equal if the targets and the paths are equal without regard to case. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MailslotName other && other.target.equalsIgnoreCase(target) && other.key().equals(key());
    }

    @Override
    public int hashCode() {
        return target.toUpperCase(Locale.ROOT).hashCode() * 31 + key().hashCode();
    }
}
