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

    /** @return true when running as root on POSIX (needed to make files owned by another user) */
    public static boolean isPosixRoot() {
        return !isWindows() && "root".equals(System.getProperty("user.name"));
    }
}
