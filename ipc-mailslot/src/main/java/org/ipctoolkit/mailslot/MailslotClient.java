package org.ipctoolkit.mailslot;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.mailslot.backend.ClientBackend;

/**
 * The writing end of a mailslot ({@code CreateFileW} on {@code \\TARGET\mailslot\NAME}): sends
 * one-way messages, each delivered whole or not at all, to the server on this machine
 * ({@code .}), on a named machine, or to every machine of a domain ({@code *} for the primary one).
 *
 * <ul>
 *   <li>A local client of a mailslot that has no server fails to open ("not found"), and a send
 *       after the server closed fails; a remote or broadcast send never fails for want of a server
 *       (a datagram has no answer), as in Win32.</li>
 *   <li>A message is refused, before anything is sent, if it is larger than the server's maximum
 *       (on Linux the client reads it at open; on Windows {@code WriteFile} fails, and under Wine 8 the
 *       server drops it instead) or, for a remote or broadcast send, larger than
 *       {@value #MAXIMUM_NETWORK_MESSAGE} bytes, the limit of a mailslot datagram.</li>
 *   <li>{@link #send(String)} writes UTF-16LE, as Windows' W functions write text;
 *       {@link #send(String, Charset)} another charset (a Delphi 7 program reads ANSI).</li>
 *   <li>Windows 11 and Windows Server 2025 disable remote mailslots by default; a remote send there
 *       fails with {@code ERROR_REMOTE_MAILSLOTS_DEPRECATED} (3025), said in the exception.</li>
 * </ul>
 * Thread-safe.
 */
public final class MailslotClient implements AutoCloseable {
    /** The largest message a remote or broadcast send carries, in bytes. */
    public static final int MAXIMUM_NETWORK_MESSAGE = 424;

    private final MailslotName name;
    private final ClientBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MailslotClient(MailslotName name, ClientBackend backend) {
        this.name = name;
        this.backend = backend;
    }

    /**
     * Opens a client. Win32: {@code CreateFileW(name, GENERIC_WRITE, FILE_SHARE_READ, NULL,
     * OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)}.
     *
     * @param name a full name ({@code \\.\mailslot\Note}, {@code \\HOST\mailslot\Note},
     *             {@code \\*\mailslot\Note}) or a short local one ({@code Note})
     * @return the client
     * @throws IpcNotFoundException        if the mailslot is local and has no server
     * @throws IpcInvalidArgumentException if the name is not valid
     * @throws IpcException                for any other failure of the system
     */
    public static MailslotClient open(String name) {
        return open(MailslotName.parse(name));
    }

    /**
     * Opens a client of {@code \\target\mailslot\path}. Otherwise as {@link #open(String)}.
     *
     * @param target {@value MailslotName#LOCAL}, a machine, {@value MailslotName#PRIMARY_DOMAIN} or a domain
     * @param path   the mailslot's path ({@code Note}, {@code Account\Note})
     * @return the client
     */
    public static MailslotClient open(String target, String path) {
        return open(MailslotName.of(target, path));
    }

    private static MailslotClient open(MailslotName name) {
        return new MailslotClient(name, MailslotPlatform.backends(name.win32Name(), "open").openClient(name));
    }

    /** @return the mailslot this client writes to */
    public MailslotName name() {
        return name;
    }

    /**
     * Sends one message. Win32: {@code WriteFile}.
     *
     * @param message the bytes, possibly none
     * @throws IpcInvalidArgumentException if the message is larger than a limit (see the class description)
     * @throws IpcNotFoundException        if the local server is gone
     * @throws IllegalStateException       if the client is closed
     */
    public void send(byte[] message) {
        send(message, 0, message.length);
    }

    /**
     * Sends {@code length} bytes of {@code message} from {@code offset} as one message.
     *
     * @param message the array
     * @param offset  where the message starts
     * @param length  its length
     */
    public void send(byte[] message, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, message.length);
        if (closed.get()) {
            throw new IllegalStateException("mailslot client of " + name + " is closed");
        }
        if (!name.isLocal() && length > MAXIMUM_NETWORK_MESSAGE) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name.win32Name(), "send", null,
                    "a message to another machine or a domain has at most " + MAXIMUM_NETWORK_MESSAGE
                            + " bytes; this one has " + length + ". Nothing was sent");
        }
        backend.send(message, offset, length);
    }

    /**
     * Sends text as UTF-16LE without terminator, as a Windows program's {@code WriteFile} of a
     * {@code WideString} writes it.
     *
     * @param text the text
     */
    public void send(String text) {
        send(text, StandardCharsets.UTF_16LE);
    }

    /**
     * Sends text in the given charset, without terminator.
     *
     * @param text    the text
     * @param charset how to encode it (a Delphi 7 program reads its ANSI code page, e.g. windows-1252 or GBK)
     */
    public void send(String text, Charset charset) {
        send(text.getBytes(charset));
    }

    /**
     * Sends a Delphi record: the first {@code layout.size()} bytes of {@code record}, whatever its
     * position and limit.
     *
     * @param layout the record's layout
     * @param record a buffer holding the record from index 0
     * @throws IllegalArgumentException if the buffer is smaller than the record
     */
    public void send(DelphiRecord layout, ByteBuffer record) {
        if (record.capacity() < layout.size()) {
            throw new IllegalArgumentException("the buffer has " + record.capacity() + " bytes; record "
                    + layout.name() + " has " + layout.size());
        }
        byte[] bytes = new byte[layout.size()];
        record.duplicate().clear().get(bytes);
        send(bytes);
    }

    /** Closes the client (Win32: {@code CloseHandle}). Closing twice does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "MailslotClient[" + name + "]";
    }
}
