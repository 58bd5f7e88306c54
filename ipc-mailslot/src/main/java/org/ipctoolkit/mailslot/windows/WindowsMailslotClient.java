package org.ipctoolkit.mailslot.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.backend.ClientBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Win32 mailslot client: {@code CreateFileW(name, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
 * NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)}, {@code WriteFile}, {@code CloseHandle}.
 *
 * <p><b>Share mode.</b> Microsoft's sample opens a client with {@code FILE_SHARE_READ} alone, and
 * Windows since Vista lets any number of such clients write (Wine's own mailslot test notes it).
 * Wine 8 enforces the share mode between writers: a second writer fails with
 * {@code ERROR_SHARING_VIOLATION} unless every writer shares write access. This client adds
 * {@code FILE_SHARE_WRITE}, which Windows ignores and Wine needs.
 *
 * <p><b>A server that is gone.</b> When {@code WriteFile} of a local client fails, the client opens
 * the name again to learn why: {@code ERROR_FILE_NOT_FOUND} means the server closed or died, and the
 * send fails with {@link IpcNotFoundException} carrying {@code WriteFile}'s own error. Under Wine 8 a
 * client handle keeps the mailslot alive after its server closed, and writes to it succeed into
 * nothing ({@link SystemTraits#clientsKeepMailslot()}); there the client holds no handle between
 * sends: each send opens, writes and closes, so a send after the server closed fails with
 * {@code ERROR_FILE_NOT_FOUND} as it should, and the name can be created again.
 *
 * <p><b>Other machines.</b> A name with another target is opened as is: Windows' redirector sends each
 * message as a datagram and never reports a missing server. Windows 11 24H2 and Windows Server 2025
 * refuse with {@code ERROR_REMOTE_MAILSLOTS_DEPRECATED} (3025), which the exception explains. Wine 8
 * has no remote mailslots at all ({@link SystemTraits#networkMailslots()}): there a broadcast
 * ({@code *}) or a message to this computer's own name is delivered to the local server, as Windows
 * delivers it too, with a warning that nothing went to the network; another target is refused.
 */
final class WindowsMailslotClient implements ClientBackend {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsMailslotClient.class);
    private static final AtomicBoolean LOCAL_ONLY_WARNED = new AtomicBoolean();

    private final MailslotName mailslot;
    /** The name given to CreateFileW: the client's own, or the local one when Wine delivers it locally. */
    private final String openName;
    private final boolean local;
    /** Null when each send opens its own handle. */
    private final HANDLE handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WindowsMailslotClient(MailslotName mailslot, String openName, boolean local, HANDLE handle) {
        this.mailslot = mailslot;
        this.openName = openName;
        this.local = local;
        this.handle = handle;
    }

    /** {@code CreateFileW} of the client (see the class description for Wine). */
    static WindowsMailslotClient open(MailslotName mailslot, SystemTraits traits) {
        String name = mailslot.win32Name();
        if (!mailslot.isLocal() && !traits.networkMailslots()) {
            return openWithoutNetwork(mailslot);
        }
        if (mailslot.isLocal() && traits.clientsKeepMailslot()) {
            closeHandle(openHandle(name, name, true), name); // fails now if there is no server
            return new WindowsMailslotClient(mailslot, name, true, null);
        }
        return new WindowsMailslotClient(mailslot, name, mailslot.isLocal(), openHandle(name, name, mailslot.isLocal()));
    }

    private static WindowsMailslotClient openWithoutNetwork(MailslotName mailslot) {
        String target = mailslot.target();
        if (!target.equals(MailslotName.PRIMARY_DOMAIN) && !target.equalsIgnoreCase(computerName())) {
            throw new IpcException(WindowsMailslotBackends.KIND, mailslot.win32Name(), "CreateFileW",
                    Win32Errors.describe(WinError.ERROR_PATH_NOT_FOUND), "this system has no remote mailslots "
                    + "(Wine 8 does not implement them): only this machine's mailslots (\\\\.\\, its own name, or "
                    + "the broadcast \\\\*\\) can be written here");
        }
        if (LOCAL_ONLY_WARNED.compareAndSet(false, true)) {
            LOG.warn("this system has no remote mailslots (Wine 8 does not implement them): messages to {} reach "
                    + "this machine's server only, as Windows delivers them locally too; nothing goes to the network",
                    mailslot.win32Name());
        }
        return new WindowsMailslotClient(mailslot, mailslot.local().win32Name(), false, null);
    }

    private static String computerName() {
        char[] buffer = new char[WinBase.MAX_COMPUTERNAME_LENGTH + 1];
        IntByReference size = new IntByReference(buffer.length);
        return Win32.KERNEL32.GetComputerName(buffer, size) ? new String(buffer, 0, size.getValue()) : ".";
    }

    /**
     * {@code CreateFileW(openName, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, ...)}.
     *
     * @param name  the client's name, for messages
     * @param local whether a missing server is an error
     * @return the handle, or null for a non-local name whose mailslot cannot be opened at all
     */
    private static HANDLE openHandle(String openName, String name, boolean local) {
        HANDLE h = Win32.KERNEL32.CreateFile(openName, WinNT.GENERIC_WRITE, SystemTraits.CLIENT_SHARE, null,
                WinNT.OPEN_EXISTING, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (!WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            return h;
        }
        int error = Native.getLastError();
        if (error == MailslotApi.ERROR_REMOTE_MAILSLOTS_DEPRECATED) {
            throw remoteDeprecated(name, "CreateFileW", error);
        }
        if (local && (error == WinError.ERROR_FILE_NOT_FOUND || error == WinError.ERROR_PATH_NOT_FOUND)) {
            throw new IpcNotFoundException(WindowsMailslotBackends.KIND, name, "CreateFileW",
                    Win32Errors.describe(error), "no server has created this mailslot (or it has closed)");
        }
        throw Win32Errors.failure(WindowsMailslotBackends.KIND, name, "CreateFileW", error, null);
    }

    private static IpcException remoteDeprecated(String name, String function, int error) {
        return new IpcException(WindowsMailslotBackends.KIND, name, function, Win32Errors.describe(error),
                "Windows 11 24H2 and Windows Server 2025 disable remote mailslots (messages to another machine or "
                        + "a domain) by default; local mailslots (\\\\.\\mailslot\\...) still work");
    }

    private static void closeHandle(HANDLE h, String name) {
        if (!Win32.KERNEL32.CloseHandle(h)) {
            LOG.warn("mailslot {}: CloseHandle failed: error {}", name, Native.getLastError());
        }
    }

    @Override
    public void send(byte[] message, int offset, int length) {
        String name = mailslot.win32Name();
        HANDLE h = handle;
        if (h == null) {
            try {
                h = openHandle(openName, name, local);
            } catch (IpcNotFoundException e) {
                if (!local) {
                    return; // a broadcast delivered locally: no server here is no error, as on the network
                }
                throw e;
            }
        }
        try (Memory m = new Memory(Math.max(1, length))) {
            if (length > 0) {
                m.write(0, message, offset, length);
            }
            IntByReference written = new IntByReference();
            if (!MailslotApi.KERNEL32.WriteFile(h, m, length, written, null)) {
                throw writeFailure(Native.getLastError(), length);
            }
        } finally {
            if (handle == null) {
                closeHandle(h, name);
            }
        }
    }

    /** Why {@code WriteFile} failed, read right after it. */
    private IpcException writeFailure(int error, int length) {
        String name = mailslot.win32Name();
        if (error == MailslotApi.ERROR_REMOTE_MAILSLOTS_DEPRECATED) {
            return remoteDeprecated(name, "WriteFile", error);
        }
        if (local && !serverExists()) {
            return new IpcNotFoundException(WindowsMailslotBackends.KIND, name, "WriteFile", Win32Errors.describe(error),
                    "the server of this mailslot has closed; nothing was sent");
        }
        if (error == WinError.ERROR_INVALID_PARAMETER && local) {
            return new IpcInvalidArgumentException(WindowsMailslotBackends.KIND, name, "WriteFile",
                    Win32Errors.describe(error), "the message of " + length + " bytes is larger than the maximum "
                    + "its server set (CreateMailslot's nMaxMessageSize); nothing was sent");
        }
        if (error == WinError.ERROR_GEN_FAILURE && local && length > 0xFFFF) {
            return new IpcInvalidArgumentException(WindowsMailslotBackends.KIND, name, "WriteFile",
                    Win32Errors.describe(error), "the message of " + length + " bytes is larger than this system "
                    + "carries (under Wine, the host's datagram limit: about 212,000 bytes by default); nothing was sent");
        }
        return Win32Errors.failure(WindowsMailslotBackends.KIND, name, "WriteFile", error, null);
    }

    /** @return whether a server of this client's name is running now ({@code CreateFileW} again) */
    private boolean serverExists() {
        HANDLE h = Win32.KERNEL32.CreateFile(openName, WinNT.GENERIC_WRITE, SystemTraits.CLIENT_SHARE, null,
                WinNT.OPEN_EXISTING, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            int error = Native.getLastError();
            return error != WinError.ERROR_FILE_NOT_FOUND && error != WinError.ERROR_PATH_NOT_FOUND;
        }
        closeHandle(h, openName);
        return true;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && handle != null) {
            closeHandle(handle, mailslot.win32Name());
        }
    }
}
