package org.ipctoolkit.pipe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.pipe.backend.ConnectionBackend;
import org.ipctoolkit.pipe.backend.ServerBackend;

/**
 * The server of a named pipe: the source documents' next mechanism, and how most Win32 programs talk to
 * a service. Each {@link #accept()} waits for a client on an instance of its own, so several clients are
 * served at once (up to {@link Options#maxInstances()}); {@link #listen} serves each connection on its
 * own thread.
 *
 * <pre>{@code
 * try (NamedPipeServer server = NamedPipeServer.create("Orders", Options.DEFAULT.mode(PipeMode.MESSAGE));
 *      PipeListener l = server.listen(c -> { byte[] request; while ((request = c.readMessage()) != null) c.writeMessage(answer(request)); })) {
 *     ...
 * }
 * }</pre>
 * Win32: {@code CreateNamedPipeW}, {@code ConnectNamedPipe}, {@code DisconnectNamedPipe}. Linux: an
 * AF_UNIX socket in a per-user 0700 directory (stream for byte mode, seqpacket for message mode), with
 * the same lifetime: the name exists while the server does.
 */
public final class NamedPipeServer implements AutoCloseable {
    /** How a server's pipe is made. Immutable; start from {@link #DEFAULT}. */
    public static final class Options {
        /** Byte mode, duplex, unlimited instances, 64 KiB buffers, a 50 ms default timeout (Win32's). */
        public static final Options DEFAULT = new Options(PipeMode.BYTE, PipeDirection.DUPLEX, UNLIMITED_INSTANCES,
                65536, 65536, Duration.ofMillis(50));

        private final PipeMode mode;
        private final PipeDirection direction;
        private final int maxInstances;
        private final int outBufferSize;
        private final int inBufferSize;
        private final Duration defaultTimeout;

        private Options(PipeMode mode, PipeDirection direction, int maxInstances, int outBufferSize, int inBufferSize,
                        Duration defaultTimeout) {
            this.mode = mode;
            this.direction = direction;
            this.maxInstances = maxInstances;
            this.outBufferSize = outBufferSize;
            this.inBufferSize = inBufferSize;
            this.defaultTimeout = defaultTimeout;
        }

        /**
         * @param mode byte or message ({@code PIPE_TYPE_*}; the server reads in the same mode)
         * @return these options with that mode
         */
        public Options mode(PipeMode mode) {
            return new Options(Objects.requireNonNull(mode, "mode"), direction, maxInstances, outBufferSize, inBufferSize, defaultTimeout);
        }

        /**
         * @param direction inbound, outbound or duplex ({@code PIPE_ACCESS_*})
         * @return these options with that direction
         */
        public Options direction(PipeDirection direction) {
            return new Options(mode, Objects.requireNonNull(direction, "direction"), maxInstances, outBufferSize, inBufferSize, defaultTimeout);
        }

        /**
         * @param maxInstances 1 to 254, or {@link #UNLIMITED_INSTANCES} ({@code nMaxInstances})
         * @return these options with that maximum
         */
        public Options maxInstances(int maxInstances) {
            if (maxInstances != UNLIMITED_INSTANCES && (maxInstances < 1 || maxInstances > 254)) {
                throw new IpcInvalidArgumentException("named pipe", null, "maxInstances", null,
                        "the maximum is 1 to 254 instances, or UNLIMITED_INSTANCES (255), not " + maxInstances);
            }
            return new Options(mode, direction, maxInstances, outBufferSize, inBufferSize, defaultTimeout);
        }

        /**
         * @param outBytes {@code nOutBufferSize} (a hint to the system), 0 or more
         * @param inBytes  {@code nInBufferSize}, 0 or more
         * @return these options with those buffer sizes
         */
        public Options bufferSizes(int outBytes, int inBytes) {
            if (outBytes < 0 || inBytes < 0) {
                throw new IpcInvalidArgumentException("named pipe", null, "bufferSizes", null, "buffer sizes are 0 or more");
            }
            return new Options(mode, direction, maxInstances, outBytes, inBytes, defaultTimeout);
        }

        /**
         * @param timeout {@code nDefaultTimeOut}: how long a client's {@code WaitNamedPipe(NMPWAIT_USE_DEFAULT_WAIT)} waits
         * @return these options with that timeout
         */
        public Options defaultTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IpcInvalidArgumentException("named pipe", null, "defaultTimeout", null, "the timeout must be positive");
            }
            return new Options(mode, direction, maxInstances, outBufferSize, inBufferSize, timeout);
        }

        /** @return the mode */
        public PipeMode mode() {
            return mode;
        }

        /** @return the direction */
        public PipeDirection direction() {
            return direction;
        }

        /** @return the maximum number of instances */
        public int maxInstances() {
            return maxInstances;
        }

        /** @return the output buffer size */
        public int outBufferSize() {
            return outBufferSize;
        }

        /** @return the input buffer size */
        public int inBufferSize() {
            return inBufferSize;
        }

        /** @return the default timeout */
        public Duration defaultTimeout() {
            return defaultTimeout;
        }
    }

    /** {@code PIPE_UNLIMITED_INSTANCES}. */
    public static final int UNLIMITED_INSTANCES = 255;

    private final PipeName name;
    private final Options options;
    private final ServerBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NamedPipeServer(PipeName name, Options options, ServerBackend backend) {
        this.name = name;
        this.options = options;
        this.backend = backend;
    }

    /**
     * Creates the pipe with {@link Options#DEFAULT}.
     *
     * @param name a local pipe name ({@code \\.\pipe\NAME} or {@code NAME})
     * @return the server
     */
    public static NamedPipeServer create(String name) {
        return create(name, Options.DEFAULT);
    }

    /**
     * Creates the pipe: its first instance. Win32: {@code CreateNamedPipeW(name, access |
     * FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED, type | readmode | PIPE_WAIT |
     * PIPE_REJECT_REMOTE_CLIENTS, ...)}.
     *
     * @param name    a local pipe name
     * @param options how
     * @return the server
     * @throws org.ipctoolkit.core.IpcAlreadyExistsException if another server has that name
     * @throws IpcInvalidArgumentException                  if the name is not a local pipe name
     */
    public static NamedPipeServer create(String name, Options options) {
        PipeName n = PipeName.of(name);
        Objects.requireNonNull(options, "options");
        if (!n.isLocal()) {
            throw new IpcInvalidArgumentException("named pipe", name, "CreateNamedPipeW", null,
                    "a server creates pipes of this machine only (\\\\.\\pipe\\NAME)");
        }
        return new NamedPipeServer(n, options, PipePlatform.backends(n.fullName(), "CreateNamedPipeW").createServer(n, options));
    }

    /** @return the pipe's name */
    public PipeName name() {
        return name;
    }

    /** @return how the pipe was made */
    public Options options() {
        return options;
    }

    /**
     * Waits for the next client, for ever. Win32: {@code ConnectNamedPipe} on a free instance.
     *
     * @return the connection to that client
     * @throws IpcException if the server was closed meanwhile
     */
    public PipeConnection accept() {
        return wrap(backend.accept(-1));
    }

    /**
     * Waits for the next client, at most {@code timeout}.
     *
     * @param timeout how long
     * @return the connection, or empty if no client came in time
     */
    public Optional<PipeConnection> accept(Duration timeout) {
        long millis = Objects.requireNonNull(timeout, "timeout").toMillis();
        if (timeout.isNegative()) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), "accept", null, "the timeout is negative");
        }
        ConnectionBackend c = backend.accept(millis);
        return c == null ? Optional.empty() : Optional.of(wrap(c));
    }

    private PipeConnection wrap(ConnectionBackend c) {
        return new PipeConnection(name, options.mode(), c, true);
    }

    /**
     * Serves each client on a thread of its own ({@code ipc-pipe-NAME-N}), until the listener or the
     * server is closed. A handler that throws is logged; its connection is closed, the others go on.
     *
     * @param handler what to do with each connection (it is closed when the handler returns)
     * @return the running listener
     */
    public PipeListener listen(PipeListener.Handler handler) {
        return new PipeListener(this, Objects.requireNonNull(handler, "handler"));
    }

    /** Closes every instance that is not connected; connections already accepted stay open. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "NamedPipeServer[" + name + ", " + options.mode() + "]";
    }
}
