package org.ipctoolkit.pipe.linux;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeBusyException;
import org.ipctoolkit.pipe.PipeDirection;
import org.ipctoolkit.pipe.PipeMode;
import org.ipctoolkit.pipe.PipeName;
import org.ipctoolkit.pipe.backend.ConnectionBackend;
import org.ipctoolkit.pipe.backend.PipeBackends;
import org.ipctoolkit.pipe.backend.ServerBackend;
import org.ipctoolkit.pipe.backend.UnavailablePipeBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux backend: a pipe is a Unix domain stream socket (the JDK's {@code UnixDomainSocketAddress})
 * in {@code /dev/shm/ipc-toolkit-pipes-EUID} (0700, removed when empty), named {@code b.HASH} (byte
 * pipe) or {@code m.HASH} (message pipe) after the SHA-256 of the name in lower case. It is bound under
 * a hidden name and renamed into place once it listens, so a name that refuses connections is dead and
 * is removed by whoever meets it. Instances: see {@link Handshake}. Messages: see {@link LinuxConnection}.
 */
public final class LinuxPipeBackends implements PipeBackends {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxPipeBackends.class);
    private static final long PID = ProcessHandle.current().pid();
    private final Availability availability;

    private LinuxPipeBackends(Availability availability) {
        this.availability = availability;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sweep();
            Namespace.PIPES.removeDirectoryIfEmpty();
        }, "ipc-pipe-exit"));
    }

    /**
     * The probe: the directory is usable and the JDK opens Unix domain sockets; never throws.
     *
     * @return the backend
     */
    public static PipeBackends load() {
        Availability a = Namespace.PIPES.availability();
        if (a.isAvailable()) {
            a = Availability.probe(() -> {
                try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    s.isOpen();
                } catch (IOException e) {
                    throw new IllegalStateException("this JDK cannot open a Unix domain socket: " + e, e);
                }
            });
        }
        return a.isAvailable() ? new LinuxPipeBackends(a) : new UnavailablePipeBackends(a);
    }

    @Override
    public Availability availability() {
        return availability;
    }

    static Path path(PipeName name, boolean message) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.key().getBytes(StandardCharsets.UTF_8));
            return Path.of(Namespace.PIPES.directory(), (message ? "m." : "b.") + HexFormat.of().formatHex(d, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IpcException wrap(String name, String operation, IOException e) {
        IpcException x = new IpcException("named pipe", name, operation, null, String.valueOf(e.getMessage()));
        x.initCause(e);
        return x;
    }

    /** @return true if something listens at {@code p}; removes it if it refuses (its server died) */
    private static boolean alive(Path p) {
        if (!Files.exists(p)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
            return probe.isConnected();
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // another process removed it first
            }
            return false;
        }
    }

    /**
     * Removes the names of servers that ended without closing (killed): a name whose connect is refused.
     * A live server sees the probe as a client that left before saying hello, and drops it. Run when a
     * server is made or closed, so dead names do not pile up in {@code /dev/shm}.
     */
    static void sweep() {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(Namespace.PIPES.directory()), "[bm].*")) {
            for (Path p : dir) {
                alive(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // the directory is gone or unreadable: nothing to sweep
        }
    }

    @Override
    public ServerBackend createServer(PipeName name, NamedPipeServer.Options options) {
        sweep();
        boolean message = options.mode() == PipeMode.MESSAGE;
        Path path = path(name, message);
        Path other = path(name, !message);
        Path binding = path.resolveSibling(".b-" + PID + "-" + System.nanoTime());
        for (int attempt = 1; ; attempt++) {
            Namespace.PIPES.ensureDirectory();
            if (alive(path) || alive(other)) {
                throw new IpcAlreadyExistsException("named pipe", name.fullName(), "CreateNamedPipeW", null,
                        "another server has this name (FILE_FLAG_FIRST_PIPE_INSTANCE)");
            }
            ServerSocketChannel server = null;
            try {
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(binding), 256);
                try {
                    Files.createLink(path, binding);
                } catch (FileAlreadyExistsException raced) {
                    server.close();
                    Files.deleteIfExists(binding);
                    if (attempt < 3) {
                        continue;
                    }
                    throw new IpcAlreadyExistsException("named pipe", name.fullName(), "CreateNamedPipeW", null,
                            "another server has this name");
                }
                Files.deleteIfExists(binding);
                return new LinuxServer(name, path, server, options);
            } catch (IOException e) {
                if (server != null) {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // undoing
                    }
                }
                try {
                    Files.deleteIfExists(binding);
                } catch (IOException ignored) {
                    // undoing
                }
                if (attempt < 5 && !Files.isDirectory(path.getParent())) {
                    continue;   // the directory was removed when empty: make it again
                }
                throw wrap(name.fullName(), "CreateNamedPipeW", e);
            }
        }
    }

    @Override
    public ConnectionBackend connect(PipeName name, long timeoutMillis, PipeMode readMode, boolean read, boolean write) {
        if (!name.isLocal()) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), "CreateFileW", null,
                    "Linux has no remote named pipes: only \\\\.\\pipe\\NAME");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Path byteP = path(name, false);
        Path messageP = path(name, true);
        boolean messagePipe = Files.exists(messageP);
        Path p = messagePipe ? messageP : byteP;
        if (!messagePipe && !Files.exists(byteP)) {
            throw new IpcNotFoundException("named pipe", name.fullName(), "CreateFileW", null,
                    "no server has created this pipe (ERROR_FILE_NOT_FOUND)");
        }
        if (readMode == PipeMode.MESSAGE && !messagePipe) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), "SetNamedPipeHandleState", null,
                    "a byte pipe cannot be read in message mode (ERROR_INVALID_PARAMETER)");
        }
        Channel c = null;
        try {
            SocketChannel s = SocketChannel.open(UnixDomainSocketAddress.of(p));
            c = new Channel(s);
            c.writeFully(Handshake.hello(readMode == PipeMode.MESSAGE, read, write, PID));
            ByteBuffer welcome = ByteBuffer.allocate(Handshake.WELCOME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            if (!c.readFully(welcome, deadline)) {
                c.close();
                throw new PipeBusyException(name.fullName(), "WaitNamedPipeW", null,
                        "every instance stayed busy for " + timeoutMillis + " ms (ERROR_SEM_TIMEOUT)");
            }
            if (welcome.getInt(0) == Handshake.REFUSAL_MAGIC) {
                c.close();
                throw new IpcAccessDeniedException("named pipe", name.fullName(), "CreateFileW",
                        null, "the pipe does not let this client " + (read && write ? "read and write" : read ? "read" : "write")
                                + " (an inbound pipe only lets clients write, an outbound one only read; ERROR_ACCESS_DENIED)");
            }
            if (welcome.getInt(0) != Handshake.WELCOME_MAGIC) {
                c.close();
                throw new IpcException("named pipe", name.fullName(), "CreateFileW", null, "the server is not a pipe of this library");
            }
            return new LinuxConnection(name.fullName(), c, messagePipe, welcome.getLong(4), read, write);
        } catch (EOFException e) {
            c.close();
            throw new IpcNotFoundException("named pipe", name.fullName(), "CreateFileW", null,
                    "the server closed the pipe before it took this client");
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            if (String.valueOf(e.getMessage()).contains("refused")) {
                alive(p);
                throw new IpcNotFoundException("named pipe", name.fullName(), "CreateFileW", null,
                        "the server of this pipe has ended (its name was left by a killed process and is removed now)");
            }
            throw wrap(name.fullName(), "CreateFileW", e);
        }
    }

    /**
     * A server: one listening socket. Connections say hello without holding anyone up: they wait in the
     * server's selector until their hello is whole (a silent or garbled one is dropped, after
     * {@link #HELLO_WAIT_NANOS} or at once), and {@code accept} takes the next greeted one and welcomes
     * it: that is when the client gets its instance.
     */
    static final class LinuxServer implements ServerBackend {
        /** How long a connection may take to say hello. */
        static final long HELLO_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

        private final PipeName name;
        private final Path path;
        private final ServerSocketChannel server;
        private final NamedPipeServer.Options options;
        private final Selector selector;
        private final Object acceptLock = new Object();
        /** Connections whose hello is whole, in arrival order; guarded by acceptLock. */
        private final ArrayDeque<Greeting> greeted = new ArrayDeque<>();
        private volatile boolean closed;

        /** A connection saying hello. */
        private static final class Greeting {
            final SocketChannel socket;
            final ByteBuffer hello = ByteBuffer.allocate(Handshake.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            final long since = System.nanoTime();

            Greeting(SocketChannel socket) {
                this.socket = socket;
            }
        }

        LinuxServer(PipeName name, Path path, ServerSocketChannel server, NamedPipeServer.Options options) throws IOException {
            this.name = name;
            this.path = path;
            this.server = server;
            this.options = options;
            server.configureBlocking(false);
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        }

        private IpcException closedError() {
            return new IpcException("named pipe", name.fullName(), "ConnectNamedPipe", null, "the server was closed");
        }

        @Override
        public ConnectionBackend accept(long timeoutMillis) {
            long deadline = timeoutMillis < 0 ? -1 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            synchronized (acceptLock) {
                while (true) {
                    if (closed) {
                        throw closedError();
                    }
                    try {
                        Greeting g;
                        while ((g = greeted.poll()) != null) {
                            ConnectionBackend c = welcome(g);
                            if (c != null) {
                                return c;
                            }
                        }
                        long now = System.nanoTime();
                        if (deadline >= 0 && now - deadline >= 0) {
                            return null;
                        }
                        long wait = nextExpiry(now);
                        if (deadline >= 0) {
                            wait = wait < 0 ? deadline - now : Math.min(wait, deadline - now);
                        }
                        selector.select(wait < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
                        for (SelectionKey k : selector.selectedKeys()) {
                            if (k.isValid() && k.isAcceptable()) {
                                SocketChannel s;
                                while ((s = server.accept()) != null) {
                                    s.configureBlocking(false);
                                    s.register(selector, SelectionKey.OP_READ, new Greeting(s));
                                }
                            } else if (k.isValid() && k.isReadable()) {
                                hear(k);
                            }
                        }
                        selector.selectedKeys().clear();
                    } catch (IOException | ClosedSelectorException e) {
                        if (closed) {
                            throw closedError();
                        }
                        throw e instanceof IOException ? wrap(name.fullName(), "ConnectNamedPipe", (IOException) e)
                                : (RuntimeException) e;
                    }
                }
            }
        }

        /** Reads what a greeting connection sent; a whole, valid hello makes it wait for accept. */
        private void hear(SelectionKey k) {
            Greeting g = (Greeting) k.attachment();
            try {
                int n = g.socket.read(g.hello);
                if (n < 0) {
                    drop(k);   // a client that gave up, or a probe (see alive)
                } else if (!g.hello.hasRemaining()) {
                    k.cancel();
                    if (g.hello.getInt(0) == Handshake.HELLO_MAGIC && !allowed(Handshake.flags(g.hello))) {
                        refuse(g.socket);
                    } else if (g.hello.getInt(0) == Handshake.HELLO_MAGIC) {
                        greeted.add(g);
                    } else {
                        LOG.warn("a connection to {} sent {} instead of a hello: not a client of this library; dropped",
                                name, HexFormat.of().formatHex(g.hello.array()));
                        close(g.socket);
                    }
                }
            } catch (IOException e) {
                drop(k);
            }
        }

        /** @return true if the pipe goes the ways the hello's flags want (PIPE_ACCESS_INBOUND: clients write only) */
        private boolean allowed(int flags) {
            PipeDirection d = options.direction();
            return !(d == PipeDirection.INBOUND && (flags & Handshake.WANTS_READ) != 0
                    || d == PipeDirection.OUTBOUND && (flags & Handshake.WANTS_WRITE) != 0);
        }

        /** Tells a client it wants a direction the pipe does not have, and ends its connection. */
        private static void refuse(SocketChannel s) {
            try {
                s.write(Handshake.refusal(Handshake.ERROR_ACCESS_DENIED));
            } catch (IOException gone) {
                // it left
            }
            close(s);
        }

        /** @return nanoseconds until the oldest greeting times out (dropping those that have), or -1 if none */
        private long nextExpiry(long now) {
            long next = -1;
            for (SelectionKey k : selector.keys()) {
                if (k.isValid() && k.attachment() instanceof Greeting) {
                    long left = ((Greeting) k.attachment()).since + HELLO_WAIT_NANOS - now;
                    if (left <= 0) {
                        LOG.warn("a connection to {} said no hello within {} s; dropped", name,
                                TimeUnit.NANOSECONDS.toSeconds(HELLO_WAIT_NANOS));
                        drop(k);
                    } else if (next < 0 || left < next) {
                        next = left;
                    }
                }
            }
            return next;
        }

        private static void drop(SelectionKey k) {
            k.cancel();
            close(((Greeting) k.attachment()).socket);
        }

        private static void close(SocketChannel s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // dropping it
            }
        }

        /** Gives a greeted client its instance; null if it left meanwhile (it gave up waiting). */
        private ConnectionBackend welcome(Greeting g) throws IOException {
            Channel c = new Channel(g.socket);
            try {
                c.writeFully(Handshake.welcome(PID));
            } catch (IOException gaveUp) {
                c.close();
                return null;
            }
            PipeDirection d = options.direction();
            return new LinuxConnection(name.fullName(), c, options.mode() == PipeMode.MESSAGE, g.hello.getLong(8),
                    d != PipeDirection.OUTBOUND, d != PipeDirection.INBOUND);
        }

        @Override
        public void prepareInstance() {
            // the listening socket takes every client: there is no instance to make in advance
        }

        @Override
        public void close() {
            closed = true;
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // gone already
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
            selector.wakeup();
            sweep();
            synchronized (acceptLock) {
                for (SelectionKey k : selector.keys()) {
                    if (k.attachment() instanceof Greeting) {
                        close(((Greeting) k.attachment()).socket);
                    }
                }
                for (Greeting g : greeted) {
                    close(g.socket);
                }
                greeted.clear();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
            Namespace.PIPES.removeDirectoryIfEmpty();
        }
    }
}
