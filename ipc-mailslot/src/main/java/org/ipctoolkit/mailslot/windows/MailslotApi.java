package org.ipctoolkit.mailslot.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernel32 mailslot functions, which jna-platform's {@code Kernel32} lacks, and the two I/O
 * calls with a native buffer, loaded with {@link W32APIOptions#UNICODE_OPTIONS} (names are passed as
 * UTF-16 whatever {@code w32.ascii} says). Parameter names are the SDK's. Read {@code GetLastError}
 * with {@link Native#getLastError()} right after a failing call.
 */
public interface MailslotApi extends StdCallLibrary {
    /** kernel32, Unicode functions. */
    MailslotApi KERNEL32 = Native.load("kernel32", MailslotApi.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code MAILSLOT_WAIT_FOREVER}: a read timeout that never passes. */
    int MAILSLOT_WAIT_FOREVER = -1;
    /** {@code MAILSLOT_NO_MESSAGE}: what {@code GetMailslotInfo} gives as next size when none waits. */
    int MAILSLOT_NO_MESSAGE = -1;

    /** {@code ERROR_BROKEN_PIPE} (109): what Wine 8's {@code ReadFile} returns for a 0-byte message. */
    int ERROR_BROKEN_PIPE = 109;
    /** {@code ERROR_SEM_TIMEOUT} (121): a mailslot read timed out. */
    int ERROR_SEM_TIMEOUT = 121;
    /** {@code ERROR_INSUFFICIENT_BUFFER} (122): the next message is larger than the read buffer. */
    int ERROR_INSUFFICIENT_BUFFER = 122;
    /** {@code ERROR_OPERATION_ABORTED} (995): the read was cancelled ({@code CancelSynchronousIo}). */
    int ERROR_OPERATION_ABORTED = 995;
    /** {@code ERROR_NOT_FOUND} (1168): {@code CancelSynchronousIo} found no I/O to cancel. */
    int ERROR_NOT_FOUND = 1168;
    /**
     * {@code ERROR_REMOTE_MAILSLOTS_DEPRECATED} (3025): Windows 11 24H2 and Windows Server 2025
     * disable remote mailslots by default.
     */
    int ERROR_REMOTE_MAILSLOTS_DEPRECATED = 3025;

    /** {@code THREAD_TERMINATE}: the access right {@code CancelSynchronousIo} needs. */
    int THREAD_TERMINATE = 0x0001;

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createmailslotw">CreateMailslotW</a>.
     *
     * @param lpName               {@code \\.\mailslot\[path]name}
     * @param nMaxMessageSize      the largest message, or 0 for any size
     * @param lReadTimeout         milliseconds a read waits, 0, or {@link #MAILSLOT_WAIT_FOREVER}
     * @param lpSecurityAttributes security, or null for the default
     * @return the server handle, or {@code INVALID_HANDLE_VALUE} on failure ({@code ERROR_ALREADY_EXISTS}
     *         if a server has the name)
     */
    HANDLE CreateMailslotW(String lpName, int nMaxMessageSize, int lReadTimeout,
                           SECURITY_ATTRIBUTES lpSecurityAttributes);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-getmailslotinfo">GetMailslotInfo</a>.
     *
     * @param hMailslot        a handle from {@code CreateMailslotW}
     * @param lpMaxMessageSize receives the maximum message size, or null
     * @param lpNextSize       receives the next message's size or {@link #MAILSLOT_NO_MESSAGE}, or null
     * @param lpMessageCount   receives how many messages wait, or null
     * @param lpReadTimeout    receives the read timeout, or null
     * @return false on failure
     */
    boolean GetMailslotInfo(HANDLE hMailslot, IntByReference lpMaxMessageSize, IntByReference lpNextSize,
                            IntByReference lpMessageCount, IntByReference lpReadTimeout);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-setmailslotinfo">SetMailslotInfo</a>.
     *
     * @param hMailslot    a handle from {@code CreateMailslotW}
     * @param lReadTimeout milliseconds a read waits, 0, or {@link #MAILSLOT_WAIT_FOREVER}
     * @return false on failure
     */
    boolean SetMailslotInfo(HANDLE hMailslot, int lReadTimeout);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-readfile">ReadFile</a>
     * into native memory, without an overlapped structure.
     *
     * @param hFile                the handle
     * @param lpBuffer             where the bytes go
     * @param nNumberOfBytesToRead the buffer's size
     * @param lpNumberOfBytesRead  receives how many bytes were read
     * @param lpOverlapped         null
     * @return false on failure
     */
    boolean ReadFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToRead, IntByReference lpNumberOfBytesRead,
                     Pointer lpOverlapped);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-writefile">WriteFile</a>
     * from native memory, without an overlapped structure.
     *
     * @param hFile                  the handle
     * @param lpBuffer               the bytes
     * @param nNumberOfBytesToWrite  how many
     * @param lpNumberOfBytesWritten receives how many were written
     * @param lpOverlapped           null
     * @return false on failure
     */
    boolean WriteFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToWrite, IntByReference lpNumberOfBytesWritten,
                      Pointer lpOverlapped);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-cancelsynchronousio">CancelSynchronousIo</a>.
     *
     * @param hThread a handle with {@link #THREAD_TERMINATE} access to the thread whose I/O to cancel
     * @return false on failure ({@link #ERROR_NOT_FOUND} if the thread has no cancellable I/O)
     */
    boolean CancelSynchronousIo(HANDLE hThread);
}
