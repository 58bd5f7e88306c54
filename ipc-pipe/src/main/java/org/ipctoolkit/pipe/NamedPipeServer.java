package org.ipctoolkit.pipe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * Win32: {@code CreateNamedPipeW}, {@code ConnectNamedPipe}, {@code CloseHandle} (a new instance for
 * each client; the next one is made as soon as one is free, so the name never disappears between
 * clients). Linux: an AF_UNIX stream socket in a per-user 0700 directory (messages framed in the
 * stream), with the same lifetime: the name exists while the server does.
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
    /** How often an accept waiting for a free instance looks whether the server was closed. */
    private static final long CLOSE_CHECK_MILLIS = 100;

    private final PipeName name;
    private final Options options;
    private final ServerBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Free instances, or null when unlimited: a connection takes one until it is closed. */
    private final Semaphore freeInstances;

    private NamedPipeServer(PipeName name, Options options, ServerBackend backend) {
        this.name = name;
        this.options = options;
        this.backend = backend;
        this.freeInstances = options.maxInstances() == UNLIMITED_INSTANCES ? null : new Semaphore(options.maxInstances());
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
     * Waits for the next client, for ever. Win32: {@code ConnectNamedPipe} on a new instance. When
     * {@link Options#maxInstances()} connections are open, it first waits until one of them is closed
     * (meanwhile clients wait in {@code WaitNamedPipe}, and give up busy at their timeout).
     *
     * @return the connection to that client
     * @throws IpcException if the server was closed meanwhile
     */
    public PipeConnection accept() {
        return accept(-1);
    }

    /**
     * Waits for the next client, at most {@code timeout} (for a free instance too, see {@link #accept()}).
     *
     * @param timeout how long
     * @return the connection, or empty if no client came in time
     */
    public Optional<PipeConnection> accept(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), "accept", null, "the timeout is negative");
        }
        return Optional.ofNullable(accept(timeout.toMillis()));
    }

    /** @param millis how long, or -1 for ever; @return the connection, or null at the timeout */
    private PipeConnection accept(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (freeInstances != null && !takeInstance(millis < 0 ? -1 : deadline)) {
            return null;
        }
        ConnectionBackend c;
        try {
            c = backend.accept(millis < 0 ? -1 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (RuntimeException | Error e) {
            giveBackInstance();
            throw e;
        }
        if (c == null) {
            giveBackInstance();
            return null;
        }
        if (freeInstances == null || freeInstances.availablePermits() > 0) {
            backend.prepareInstance();
        }
        return new PipeConnection(name, options.mode(), c, true, this::instanceClosed);
    }

    private void instanceClosed() {
        giveBackInstance();
        if (!closed.get()) {
            backend.prepareInstance();
        }
    }

    private boolean takeInstance(long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                if (closed.get()) {
                    throw new IpcException("named pipe", name.fullName(), "ConnectNamedPipe", null, "the server was closed");
                }
                long wait = deadline == -1 ? CLOSE_CHECK_MILLIS
                        : Math.min(CLOSE_CHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try {
                    if (freeInstances.tryAcquire(Math.max(0, wait), TimeUnit.MILLISECONDS)) {
                        if (closed.get()) {
                            freeInstances.release();
                            continue;
                        }
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (deadline != -1 && System.nanoTime() - deadline >= 0) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void giveBackInstance() {
        if (freeInstances != null) {
            freeInstances.release();
        }
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
