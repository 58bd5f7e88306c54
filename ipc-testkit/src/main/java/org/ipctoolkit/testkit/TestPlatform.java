package org.ipctoolkit.testkit;

import org.ipctoolkit.core.Platform;

/**
 * Platform facts the tests need, kept in one place so that test classes run unchanged on the
 * POSIX and the Windows backends.
 */
public final class TestPlatform {
    private TestPlatform() {
    }

    /** @return true when the tests run on the Windows backend (Windows, or Wine) */
    public static boolean isWindows() {
        return Platform.current().isWindows();
    }

    /** @return true when the tests run on Linux */
    public static boolean isLinux() {
        return Platform.current() == Platform.LINUX;
    }

    /**
     * @return true when the Windows backend runs under Wine (its {@code ntdll} exports
     *         {@code wine_get_version}): for the few documented places where Wine 8 differs from
     *         Windows and a test states what each does
     */
    public static boolean isWine() {
        if (!isWindows()) {
            return false;
        }
        try {
            com.sun.jna.NativeLibrary.getInstance("ntdll").getFunction("wine_get_version");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** @return true when running as root on POSIX (needed to make files owned by another user) */
    public static boolean isPosixRoot() {
        return !isWindows() && "root".equals(System.getProperty("user.name"));
    }
}
