package org.ipctoolkit.mailslot.backend;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotServer;

/**
 * One platform's mailslots. The module's one platform switch ({@code MailslotPlatform}) picks
 * {@code org.ipctoolkit.mailslot.windows.WindowsMailslotBackends.load()} or
 * {@code org.ipctoolkit.mailslot.linux.LinuxMailslotBackends.load()}; {@code load()} never throws:
 * it runs the backend's real probe and reports it through {@link #availability()}.
 *
 * <p>The API checks every argument (names, sizes, timeouts, the 424-byte limit of a network send)
 * and the availability before calling any method here. Timeouts are in milliseconds:
 * {@link #FOREVER}, 0 (do not wait) or positive, below {@code 0xFFFFFFFF}.
 */
public interface MailslotBackends {
    /** A timeout that never passes ({@code MAILSLOT_WAIT_FOREVER}). */
    long FOREVER = -1L;
    /** For {@link ServerBackend#read(long)}: wait as long as the mailslot's own read timeout says. */
    long SERVER_TIMEOUT = -2L;

    /** @return whether this backend works here (its probe's outcome) */
    Availability availability();

    /**
     * {@code CreateMailslotW}: a new server; fails with {@code IpcAlreadyExistsException} if a live
     * server has the name.
     *
     * @param name              a local name
     * @param maxMessageSize    the largest message, or 0 for any size
     * @param readTimeoutMillis {@link #FOREVER}, 0 or positive
     * @param options           the server's options (network reception on Linux)
     * @return the server
     */
    ServerBackend createServer(MailslotName name, int maxMessageSize, long readTimeoutMillis,
                               MailslotServer.Options options);

    /**
     * {@code CreateFileW(name, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, ...)}: a client.
     * A local name without a server fails with {@code IpcNotFoundException}; a remote one never fails
     * for want of a server (a mailslot datagram has no answer).
     *
     * @param name any name
     * @return the client
     */
    ClientBackend openClient(MailslotName name);
}
