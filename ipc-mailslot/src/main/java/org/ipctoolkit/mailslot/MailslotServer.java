package org.ipctoolkit.mailslot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;

/**
 * The reading end of a mailslot ({@code CreateMailslotW}): it owns {@code \\.\mailslot\NAME} and
 * reads, one whole message at a time and in the order they arrived, what any number of
 * {@link MailslotClient}s write to it. The mailslot exists while its server is open: it goes when
 * the server is closed or its process dies, and a second server of the same name is refused while
 * the first lives, as in Win32.
 *
 * <h2>Reading</h2>
 * {@link #read()} waits as long as the read timeout given at creation (or by
 * {@link #setReadTimeout(Duration)}) says; {@link #read(Duration)} for one call. {@link #info()}
 * tells the next message's size and how many wait ({@code GetMailslotInfo}). {@link #listen(Listener)}
 * starts a thread that reads and hands each message to a listener, as the ChienIPC unit's
 * {@code OnMessage} does; closing what it returns, or the server, stops it.
 *
 * <h2>Linux</h2>
 * A local mailslot is an AF_UNIX datagram socket in the library's per-user directory; messages
 * from the network (the Remote Mailslot Protocol: NetBIOS datagrams on UDP port 138) are received
 * only if {@link Options#receiveFromNetwork(int)} asks for it, since the protocol has no
 * authentication. See the package {@code org.ipctoolkit.mailslot.linux} for the design.
 *
 * <h2>Platform differences</h2>
 * <ul>
 *   <li>{@link #ANY_SIZE} means any size on Windows; on Linux, any size up to the socket buffers'
 *       limit (1 MiB, less if {@code net.core.wmem_max} is smaller), and a larger explicit maximum is
 *       refused at creation.</li>
 *   <li>A Windows writer never waits for a server that does not read. On Linux a server queues up to
 *       {@code ipctoolkit.mailslot.queueLimitBytes} (64 MiB) of unread messages; past that a send waits up
 *       to {@code ipctoolkit.mailslot.sendTimeoutMillis} (5 s), then fails with
 *       {@code IpcResourceExhaustedException} ("mailslot full"), having sent nothing.</li>
 *   <li>Under Wine 8 a message larger than the maximum is not refused to its writer: the server drops
 *       it (see the package {@code org.ipctoolkit.mailslot.windows}).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class MailslotServer implements AutoCloseable {
    /** A read timeout that never passes ({@code MAILSLOT_WAIT_FOREVER}). */
    public static final Duration WAIT_FOREVER = ChronoUnit.FOREVER.getDuration();
    /** The maximum message size that means "any size" (0, as in {@code CreateMailslot}). */
    public static final int ANY_SIZE = 0;

    private final MailslotName name;
    private final ServerBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile MailslotReader reader;

    private MailslotServer(MailslotName name, ServerBackend backend) {
        this.name = name;
        this.backend = backend;
    }

    /** What {@link #listen(Listener)} calls for each message, on the reader thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param message the whole message, possibly empty
         * @throws Exception anything: it is logged and the reader goes on
         */
        void onMessage(byte[] message) throws Exception;
    }

    /** Options of a server beyond Win32's arguments. Immutable. */
    public static final class Options {
        /** No network reception: local messages only. */
        public static final Options DEFAULT = new Options(-1);

        private final int networkPort;

        private Options(int networkPort) {
            this.networkPort = networkPort;
        }

        /**
         * Linux: also receive the mailslot messages that other machines send to this one or
         * broadcast (NetBIOS datagrams, RFC 1002, carrying an SMB mailslot write, MS-MAIL), on the
         * given UDP port (138 is the standard one and needs privileges). Off by default: the
         * protocol has no authentication. On Windows the system receives them whatever this says.
         *
         * @param udpPort 1 to 65535
         * @return options with network reception
         */
        public static Options receiveFromNetwork(int udpPort) {
            if (udpPort < 1 || udpPort > 65535) {
                throw new IllegalArgumentException("UDP port " + udpPort + " is not between 1 and 65535");
            }
            return new Options(udpPort);
        }

        /** @return the UDP port network reception listens on, or empty if it is off */
        public OptionalInt networkPort() {
            return networkPort < 0 ? OptionalInt.empty() : OptionalInt.of(networkPort);
        }
    }

    /**
     * Creates a mailslot. Win32: {@code CreateMailslotW("\\.\mailslot\" + name, maxMessageSize,
     * readTimeout, NULL)}.
     *
     * @param name           the mailslot's name: {@code Note}, {@code Account\Note} or {@code \\.\mailslot\Note}
     * @param maxMessageSize the largest message it accepts in bytes, or {@link #ANY_SIZE}
     * @param readTimeout    how long {@link #read()} waits: {@link Duration#ZERO}, a positive
     *                       duration below 2<sup>32</sup>-1 ms, or {@link #WAIT_FOREVER}
     * @return the server
     * @throws IpcAlreadyExistsException   if a live server has the name
     * @throws IpcInvalidArgumentException if the name is not local or not valid, or a size or timeout is out of range
     * @throws IpcException                for any other failure of the system
     */
    public static MailslotServer create(String name, int maxMessageSize, Duration readTimeout) {
        return create(name, maxMessageSize, readTimeout, Options.DEFAULT);
    }

    /**
     * Creates a mailslot with options beyond Win32's ({@link Options}). Otherwise as
     * {@link #create(String, int, Duration)}.
     *
     * @param name           the mailslot's name
     * @param maxMessageSize the largest message in bytes, or {@link #ANY_SIZE}
     * @param readTimeout    how long {@link #read()} waits
     * @param options        the options
     * @return the server
     */
    public static MailslotServer create(String name, int maxMessageSize, Duration readTimeout, Options options) {
        MailslotName n = MailslotName.parse(name);
        if (!n.isLocal()) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name, "create", null,
                    "a server's mailslot is always on this machine (\\\\.\\mailslot\\...), not on \"" + n.target() + "\"");
        }
        if (maxMessageSize < 0) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name, "create", null,
                    "the maximum message size " + maxMessageSize + " is negative (0 means any size)");
        }
        long timeout = Timeouts.millis(readTimeout, name, "create");
        Objects.requireNonNull(options, "options");
        return new MailslotServer(n, MailslotPlatform.backends(name, "create").createServer(n, maxMessageSize, timeout, options));
    }

    /** @return true if mailslots work on this platform (the backend's probe succeeded) */
    public static boolean isAvailable() {
        return MailslotPlatform.availability().isAvailable();
    }

    /** @return why mailslots do not work here, or null if they do */
    public static Throwable unavailabilityCause() {
        return MailslotPlatform.availability().unavailabilityCause();
    }

    /** @return the mailslot's name, {@code \\.\mailslot\PATH} */
    public MailslotName name() {
        return name;
    }

    private ServerBackend backend() {
        if (closed.get()) {
            throw new IllegalStateException("mailslot server " + name + " is closed");
        }
        return backend;
    }

    private void requireNoReader(String operation) {
        if (reader != null) {
            throw new IllegalStateException("mailslot server " + name + " has a reader thread (listen); "
                    + operation + " would take its messages");
        }
    }

    /**
     * Reads the next message, waiting as long as the read timeout says. Win32: {@code ReadFile}
     * (after {@code GetMailslotInfo} for the size, as the ChienIPC unit does).
     *
     * @return the whole message (possibly empty), or empty if none came in time
     * @throws IllegalStateException if the server is closed or has a reader thread
     */
    public Optional<byte[]> read() {
        requireNoReader("read");
        return Optional.ofNullable(backend().read(MailslotBackends.SERVER_TIMEOUT));
    }

    /**
     * Reads the next message, waiting up to {@code timeout} whatever the read timeout says.
     *
     * @param timeout {@link Duration#ZERO} (do not wait), positive, or {@link #WAIT_FOREVER}
     * @return the whole message, or empty if none came in time
     * @throws IllegalStateException if the server is closed or has a reader thread
     */
    public Optional<byte[]> read(Duration timeout) {
        long millis = Timeouts.millis(timeout, name.win32Name(), "read");
        requireNoReader("read");
        return Optional.ofNullable(backend().read(millis));
    }

    /**
     * Win32: {@code GetMailslotInfo}.
     *
     * @return the maximum size, the next message's size, the number of messages waiting, the read timeout
     * @throws IllegalStateException if the server is closed
     */
    public MailslotInfo info() {
        ServerBackend b = backend();
        int[] info = b.info();
        return new MailslotInfo(info[0], info[1] < 0 ? OptionalInt.empty() : OptionalInt.of(info[1]), info[2],
                Timeouts.duration(b.readTimeoutMillis()));
    }

    /**
     * Win32: {@code SetMailslotInfo}.
     *
     * @param readTimeout {@link Duration#ZERO}, positive (below 2<sup>32</sup>-1 ms), or {@link #WAIT_FOREVER}
     * @throws IllegalStateException if the server is closed
     */
    public void setReadTimeout(Duration readTimeout) {
        long millis = Timeouts.millis(readTimeout, name.win32Name(), "setReadTimeout");
        backend().setReadTimeout(millis);
    }

    /**
     * Starts a daemon thread named {@code ipc-mailslot-reader-PATH} that reads every message, in
     * order, and calls {@code listener} with it. A listener that throws is logged and the thread goes
     * on. Closing the returned reader (or the server) stops the thread; while it runs,
     * {@link #read()} is refused (it would take the reader's messages).
     *
     * @param listener called on the reader thread for each message
     * @return the reader, to close
     * @throws IllegalStateException if the server is closed or already has a reader
     */
    public synchronized MailslotReader listen(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        requireNoReader("listen");
        MailslotReader r = new MailslotReader(this, backend(), listener);
        reader = r;
        r.start();
        return r;
    }

    /** Called by the reader when it has stopped. */
    synchronized void readerStopped(MailslotReader r) {
        if (reader == r) {
            reader = null;
        }
    }

    /**
     * Linux: how many datagrams from the network were malformed and dropped (never delivered); 0
     * on Windows, where the system receives them, and without network reception.
     *
     * @return the count since the server was created
     */
    public long malformedDatagrams() {
        return backend().malformedDatagrams();
    }

    /**
     * Closes the mailslot (Win32: {@code CloseHandle}): a reader thread stops, messages not read are
     * lost, clients' later sends fail (or, for remote ones, reach nobody). Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        MailslotReader r = reader;
        if (r != null) {
            r.close();
        }
        backend.close();
    }

    @Override
    public String toString() {
        return "MailslotServer[" + name + "]";
    }
}
