package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernel32 semaphore functions, which jna-platform's {@code Kernel32} lacks, loaded with
 * {@link W32APIOptions#UNICODE_OPTIONS} (names are passed as UTF-16, whatever {@code w32.ascii} says).
 * Parameter names are the SDK's. Read {@code GetLastError} with {@link Native#getLastError()} right
 * after a failing call.
 */
public interface SemaphoreApi extends StdCallLibrary {
    /** kernel32, Unicode functions. */
    SemaphoreApi KERNEL32 = Native.load("kernel32", SemaphoreApi.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code SEMAPHORE_MODIFY_STATE}: the right to call {@code ReleaseSemaphore}. */
    int SEMAPHORE_MODIFY_STATE = 0x0002;

    /** {@code ERROR_TOO_MANY_POSTS}: {@code ReleaseSemaphore} would pass the maximum count. */
    int ERROR_TOO_MANY_POSTS = 298;

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createsemaphorew">CreateSemaphoreW</a>.
     *
     * @param lpSemaphoreAttributes security, or null for the default
     * @param lInitialCount         the count now, 0 to {@code lMaximumCount}
     * @param lMaximumCount         the largest count, at least 1
     * @param lpName                the name, or null for an unnamed semaphore
     * @return a handle (with {@code GetLastError() == ERROR_ALREADY_EXISTS} if the name existed), or
     *         null on failure ({@code ERROR_INVALID_HANDLE} if the name is another kind of object)
     */
    HANDLE CreateSemaphoreW(SECURITY_ATTRIBUTES lpSemaphoreAttributes, int lInitialCount, int lMaximumCount,
                            String lpName);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-opensemaphorew">OpenSemaphoreW</a>.
     *
     * @param dwDesiredAccess {@code SYNCHRONIZE | SEMAPHORE_MODIFY_STATE}
     * @param bInheritHandle  whether child processes inherit the handle
     * @param lpName          the name
     * @return a handle, or null on failure
     */
    HANDLE OpenSemaphoreW(int dwDesiredAccess, boolean bInheritHandle, String lpName);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-releasesemaphore">ReleaseSemaphore</a>.
     *
     * @param hSemaphore      the semaphore
     * @param lReleaseCount   how much to add, at least 1
     * @param lpPreviousCount receives the count before, or null
     * @return false on failure ({@code ERROR_TOO_MANY_POSTS} past the maximum; nothing changed)
     */
    boolean ReleaseSemaphore(HANDLE hSemaphore, int lReleaseCount, IntByReference lpPreviousCount);
}
