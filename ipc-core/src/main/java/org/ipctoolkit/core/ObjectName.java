package org.ipctoolkit.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The validated name of a named IPC object, and its documented POSIX form.
 *
 * <h2>Rules (both platforms)</h2>
 * A name is what Win32 accepts for a kernel object: 1 to {@value #MAX_LENGTH} characters
 * ({@code MAX_PATH}), no NUL character, and no backslash except after one of the namespace
 * prefixes {@code Local\} and {@code Global\}. Win32 names are case-sensitive; so are the POSIX ones.
 * A name must also be valid Unicode: an unpaired surrogate ({@code U+D800} to {@code U+DFFF} not
 * in a high-low pair) is refused, because UTF-8 cannot encode it and would write {@code ?} in its
 * place, so that {@code "\uD800"}, {@code "\uDFFF"} and {@code "?"} would all name the object
 * {@code /dev/shm/%3F}. The replacement character {@code U+FFFD} is an ordinary character.
 *
 * <h2>Windows</h2>
 * The name is passed to the Win32 function exactly as given.
 *
 * <h2>POSIX mapping</h2>
 * The POSIX name ({@link #posixName()}) is deterministic, reversible and the same in every process:
 * <ol>
 *   <li>A leading {@code Local\} is dropped: the session namespace is the only one on Linux, so
 *       {@code Local\ShareMem} and {@code ShareMem} are the same object, as they are for a
 *       Windows program in a user session. {@code Global\} is kept, and encoded by rule 2.</li>
 *   <li>Letters {@code A-Z a-z}, digits, {@code _}, {@code -} and {@code .} stay as they are;
 *       every other character is written as {@code %XX} for each byte of its UTF-8 form, with
 *       upper-case hex digits ({@code %} itself becomes {@code %25}, a space {@code %20},
 *       {@code Global\Foo} becomes {@code Global%5CFoo}).</li>
 *   <li>The names {@code .} and {@code ..} are written {@code %2E} and {@code %2E%2E}.</li>
 * </ol>
 * So a plain name such as {@code ShareMem} is {@code /dev/shm/ShareMem}, the object a Python
 * {@code multiprocessing.shared_memory.SharedMemory("ShareMem")} or a C {@code shm_open("/ShareMem")}
 * opens. The POSIX form must fit in {@value #MAX_POSIX_BYTES} bytes ({@code NAME_MAX}); that is
 * checked only on POSIX systems.
 */
public final class ObjectName {
    /** The longest name, in UTF-16 characters: Win32's {@code MAX_PATH}. */
    public static final int MAX_LENGTH = 260;
    /** The longest POSIX form, in bytes: {@code NAME_MAX}. */
    public static final int MAX_POSIX_BYTES = 255;

    private static final String LOCAL_PREFIX = "Local\\";
    private static final String GLOBAL_PREFIX = "Global\\";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String name;
    private final String posixName;

    private ObjectName(String name, String posixName) {
        this.name = name;
        this.posixName = posixName;
    }

    /**
     * Validates a name for the given kind of object.
     *
     * @param objectKind what the name is for, used in messages (e.g. {@code "shared memory"})
     * @param name       the name as a Win32 program would write it
     * @return the validated name
     * @throws NullPointerException        if {@code name} is null
     * @throws IpcInvalidArgumentException if the name breaks a rule above
     */
    public static ObjectName of(String objectKind, String name) {
        Objects.requireNonNull(name, "name");
        String problem = problemWith(name);
        String posix = problem == null ? toPosix(name) : null;
        if (problem == null && Platform.current() != Platform.WINDOWS
                && posix.length() > MAX_POSIX_BYTES) {
            problem = "its POSIX form \"" + posix + "\" has " + posix.length()
                    + " bytes, more than NAME_MAX (" + MAX_POSIX_BYTES + ")";
        }
        if (problem != null) {
            throw new IpcInvalidArgumentException(objectKind, name, "validate name", null,
                    "invalid name: " + problem + ". A name has 1 to " + MAX_LENGTH
                            + " characters of valid Unicode (no unpaired surrogate), no NUL, and no backslash"
                            + " except after Local\\ or Global\\");
        }
        return new ObjectName(name, posix);
    }

    /**
     * A name for one of the library's own objects (such as the Linux backend's wait-all lock): its
     * POSIX form starts with {@code %%}, which the mapping above never writes, so it cannot be the
     * name of a user's object. Not meant for applications.
     *
     * @param label the object's label: letters, digits, {@code _}, {@code -} and {@code .} only
     * @return the name, whose {@link #win32Name()} is {@code <ipc-toolkit LABEL>} (for messages)
     * @throws IllegalArgumentException if the label has another character, or is empty
     */
    public static ObjectName internal(String label) {
        if (label.isEmpty() || !label.chars().allMatch(ObjectName::isPlain)) {
            throw new IllegalArgumentException("bad internal label \"" + label + "\"");
        }
        return new ObjectName("<ipc-toolkit " + label + ">", "%%" + label);
    }

    private static String problemWith(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it has " + name.length() + " characters";
        }
        if (name.indexOf('\0') >= 0) {
            return "it contains a NUL character";
        }
        int surrogate = unpairedSurrogate(name);
        if (surrogate >= 0) {
            return String.format("it contains an unpaired surrogate U+%04X at index %d, which no encoding"
                    + " can represent", (int) name.charAt(surrogate), surrogate);
        }
        String rest = stripNamespace(name);
        if (rest.isEmpty()) {
            return "it has a namespace prefix but no name after it";
        }
        if (rest.indexOf('\\') >= 0) {
            return "it contains a backslash after the namespace";
        }
        return null;
    }

    /** @return the index of the first surrogate that is not part of a high-low pair, or -1 */
    private static int unpairedSurrogate(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String stripNamespace(String name) {
        if (name.startsWith(LOCAL_PREFIX)) {
            return name.substring(LOCAL_PREFIX.length());
        }
        if (name.startsWith(GLOBAL_PREFIX)) {
            return name.substring(GLOBAL_PREFIX.length());
        }
        return name;
    }

    private static String toPosix(String name) {
        String kept = name.startsWith(LOCAL_PREFIX) ? name.substring(LOCAL_PREFIX.length()) : name;
        if (kept.equals(".") || kept.equals("..")) {
            return kept.equals(".") ? "%2E" : "%2E%2E";
        }
        StringBuilder out = new StringBuilder(kept.length());
        for (byte b : kept.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPlain(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isPlain(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.';
    }

    /**
     * Reverses the POSIX mapping: turns a POSIX name back into the name a Win32 program uses
     * (without the dropped {@code Local\} prefix).
     *
     * @param posixName a name as found in {@code /dev/shm}
     * @return the Win32 name
     * @throws IllegalArgumentException if {@code posixName} has a malformed {@code %} escape
     */
    public static String fromPosixName(String posixName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(posixName.length());
        for (int i = 0; i < posixName.length(); i++) {
            char c = posixName.charAt(i);
            if (c == '%') {
                if (i + 2 >= posixName.length()) {
                    throw new IllegalArgumentException("truncated %-escape in \"" + posixName + "\"");
                }
                int hi = Character.digit(posixName.charAt(i + 1), 16);
                int lo = Character.digit(posixName.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad %-escape in \"" + posixName + "\"");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the name exactly as given, which is the Win32 name */
    public String win32Name() {
        return name;
    }

    /** @return the POSIX form of the name, without a leading slash (see the class description) */
    public String posixName() {
        return posixName;
    }

    /** @return the name as given */
    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectName other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
