package org.ipctoolkit.mailslot.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;

/**
 * What the backend's probe found out about this system's mailslots, where Wine 8 differs from
 * Windows (see the package description). Found by behaviour, never by asking whether this is Wine:
 * a system that behaves as Windows gets the Windows path.
 *
 * @param exactCount          {@code GetMailslotInfo} counts every waiting message (Windows); false:
 *                            it says at most 1, and nothing for a 0-byte message (Wine 8)
 * @param truncatingReads     a {@code ReadFile} with a buffer smaller than the message cuts and
 *                            consumes it (Wine 8); false: it fails with {@code ERROR_INSUFFICIENT_BUFFER}
 *                            and keeps the message (Windows)
 * @param clientsKeepMailslot a client handle keeps the mailslot alive after its server closed, and its
 *                            writes succeed into nothing (Wine 8); false: they fail (Windows)
 * @param networkMailslots    {@code CreateFileW} opens {@code \\*\mailslot\...} (Windows, where the
 *                            redirector sends it); false: it fails with {@code ERROR_PATH_NOT_FOUND} (Wine 8)
 */
record SystemTraits(boolean exactCount, boolean truncatingReads, boolean clientsKeepMailslot,
                    boolean networkMailslots) {
    /** The traits of Windows itself. */
    static final SystemTraits WINDOWS = new SystemTraits(true, false, false, true);

    /** Client access, share mode: see {@link WindowsMailslotClient}. */
    static final int CLIENT_SHARE = WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE;

    /**
     * The probe: a private mailslot {@code \\.\mailslot\ipctoolkit\probe-PID-N} and a client of it,
     * two 2-byte messages, a 1-byte read, a broadcast open, a write after the server closed.
     *
     * @return the traits
     * @throws org.ipctoolkit.core.IpcException if the system refuses a mailslot
     * @throws UnsatisfiedLinkError             if kernel32 or JNA's native part cannot be loaded
     */
    static SystemTraits probe() {
        String path = "ipctoolkit\\probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String name = "\\\\.\\mailslot\\" + path;
        HANDLE server = MailslotApi.KERNEL32.CreateMailslotW(name, 0, 0, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(server)) {
            throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "CreateMailslotW");
        }
        HANDLE client = null;
        try {
            client = Win32.KERNEL32.CreateFile(name, WinNT.GENERIC_WRITE, CLIENT_SHARE, null, WinNT.OPEN_EXISTING,
                    WinNT.FILE_ATTRIBUTE_NORMAL, null);
            if (WinBase.INVALID_HANDLE_VALUE.equals(client)) {
                client = null;
                throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "CreateFileW");
            }
            Memory buffer = new Memory(2);
            buffer.setShort(0, (short) 0x6261);
            IntByReference n = new IntByReference();
            for (int i = 0; i < 2; i++) {
                if (!MailslotApi.KERNEL32.WriteFile(client, buffer, 2, n, null)) {
                    throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "WriteFile");
                }
            }
            IntByReference count = new IntByReference();
            if (!MailslotApi.KERNEL32.GetMailslotInfo(server, null, null, count, null)) {
                throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "GetMailslotInfo");
            }
            boolean exactCount = count.getValue() == 2;
            boolean truncating = MailslotApi.KERNEL32.ReadFile(server, buffer, 1, n, null);
            boolean network = networkOpens(path);
            Win32.KERNEL32.CloseHandle(server);
            server = null;
            boolean keeps = MailslotApi.KERNEL32.WriteFile(client, buffer, 1, n, null);
            return new SystemTraits(exactCount, truncating, keeps, network);
        } finally {
            if (client != null) {
                Win32.KERNEL32.CloseHandle(client);
            }
            if (server != null) {
                Win32.KERNEL32.CloseHandle(server);
            }
        }
    }

    /** Opens (and closes, sending nothing) a broadcast client of the probe's mailslot. */
    private static boolean networkOpens(String path) {
        HANDLE h = Win32.KERNEL32.CreateFile("\\\\*\\mailslot\\" + path, WinNT.GENERIC_WRITE, CLIENT_SHARE, null,
                WinNT.OPEN_EXISTING, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            return Native.getLastError() != WinError.ERROR_PATH_NOT_FOUND;
        }
        Win32.KERNEL32.CloseHandle(h);
        return true;
    }
}
