package org.ipctoolkit.core;

import java.util.Locale;

/**
 * The operating system this JVM runs on, as far as the choice of backend is concerned.
 *
 * <p>Every module picks its backend with exactly one {@code switch} on {@link #current()}.
 */
public enum Platform {
    /** Windows: the real Win32 API through JNA. */
    WINDOWS,
    /** Linux: the same semantics on POSIX primitives ({@code /dev/shm}, {@code flock}, ...). */
    LINUX,
    /** macOS: not supported yet; backends report themselves unavailable. */
    MACOS,
    /** Anything else: not supported. */
    OTHER;

    private static final Platform CURRENT = detect(System.getProperty("os.name", ""));

    static Platform detect(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("linux")) {
            return LINUX;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        return OTHER;
    }

    /** @return the platform of this JVM */
    public static Platform current() {
        return CURRENT;
    }

    /** @return true on Windows */
    public boolean isWindows() {
        return this == WINDOWS;
    }
}
