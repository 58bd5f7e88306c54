package org.ipctoolkit.mailslot.linux;

import static org.ipctoolkit.mailslot.linux.Sockets.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotServer;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;
import org.ipctoolkit.mailslot.linux.net.NetworkMailslots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux mailslot server: an AF_UNIX datagram socket in the user's private mailslot directory,
 * published by a lifetime token it alone holds, with a user-space FIFO in front of the kernel's
 * queue and a pump thread that moves the kernel's queue into the FIFO when a sender finds it full.
 * See the package description for the design; the Win32 function each method stands for is in
 * {@link ServerBackend}.
 */
final class LinuxMailslotServer implements ServerBackend {
    static final String KIND = "mailslot";
    private static final Logger LOG = LoggerFactory.getLogger(LinuxMailslotServer.class);
    private static final int ATTEMPTS = 100;
    /** What one queued message costs against the queue limit besides its bytes (the array and the deque's slot). */
    static final int MESSAGE_OVERHEAD = 64;
    private static final int EUID = Libc.geteuid();

    // struct msghdr (56 bytes), struct iovec (16), control space for one SCM_CREDENTIALS (32), then the data.
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int IOV_AT = 56;
    private static final int CONTROL_AT = 72;
    private static final int CONTROL_SPACE = 32;
    private static final int DATA_AT = CONTROL_AT + CONTROL_SPACE;

    private final MailslotName name;
    private final String win32;
    private final int maxMessageSize;
    private final int limit;
    private final long queueLimit;
    private final String socketPath;
    private final String wakePath;
    private final int socket;
    private final int wakeSocket;
    private final int readable;
    private final int stop;
    private final LinuxNamedObject token;
    private final Memory receive;
    private final Pointer data;
    private final Thread pump;
    private final NetworkMailslots.Reception network;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<byte[]> fifo = new ArrayDeque<>();
    private long fifoBytes;
    private boolean cancelled;
    private boolean closed;
    private boolean readableSignalled;
    private boolean pumpDeferred;
    private int activeReaders;
    private volatile long readTimeoutMillis;
    private final AtomicLong foreignDropped = new AtomicLong();
    private final AtomicLong oversizeDropped = new AtomicLong();
    private final AtomicLong networkDropped = new AtomicLong();

    private static final ThreadLocal<Memory> POLL_FDS = ThreadLocal.withInitial(() -> new Memory(16));

    private LinuxMailslotServer(MailslotName name, int maxMessageSize, int limit, long readTimeoutMillis,
                                Made created, MailslotServer.Options options) {
        this.name = name;
        this.win32 = name.win32Name();
        this.maxMessageSize = maxMessageSize;
        this.limit = limit;
        this.queueLimit = LinuxMailslotBackends.queueLimitBytes();
        this.readTimeoutMillis = readTimeoutMillis;
        this.socketPath = created.socketPath;
        this.wakePath = created.wakePath;
        this.socket = created.socket;
        this.wakeSocket = created.wakeSocket;
        this.readable = created.readable;
        this.stop = created.stop;
        this.token = created.token;
        this.receive = new Memory(DATA_AT + Math.max(limit, 1));
        receive.clear(DATA_AT);   // malloc'd: msg_name and msg_namelen must be 0, and the rest defined
        this.data = receive.share(DATA_AT);
        receive.setPointer(MSG_IOV, receive.share(IOV_AT));
        receive.setLong(MSG_IOVLEN, 1);
        receive.setPointer(MSG_CONTROL, receive.share(CONTROL_AT));
        receive.setPointer(IOV_AT, data);
        receive.setLong(IOV_AT + 8, Math.max(limit, 1));
        this.pump = new Thread(this::pump, "ipc-mailslot-pump-" + name.path());
        pump.setDaemon(true);
        pump.start();
        NetworkMailslots.Reception reception = null;
        if (options.networkPort().isPresent()) {
            try {
                reception = NetworkMailslots.receive(options.networkPort().getAsInt(), name.key(), this::deliverFromNetwork);
            } catch (RuntimeException | Error e) {
                this.network = null;
                close();
                throw e;
            }
        }
        this.network = reception;
    }

    /** The descriptors and files a creation made, handed to the constructor or cleaned up on failure. */
    private static final class Made {
        String socketPath;
        String wakePath;
        int socket = -1;
        int wakeSocket = -1;
        int readable = -1;
        int stop = -1;
        LinuxNamedObject token;

        void cleanUp() {
            if (token != null) {
                token.close();
            }
            for (String p : new String[] {socketPath, wakePath}) {
                if (p != null) {
                    Libc.unlink(p);
                }
            }
            for (int fd : new int[] {socket, wakeSocket, readable, stop}) {
                if (fd >= 0) {
                    Libc.close(fd);
                }
            }
            Namespace.MAILSLOT.removeDirectoryIfEmpty();
        }
    }

    /** {@code CreateMailslotW}. */
    static LinuxMailslotServer create(MailslotName name, int maxMessageSize, long readTimeoutMillis,
                                      MailslotServer.Options options) {
        String win32 = name.win32Name();
        int linuxLimit = LinuxMailslotBackends.largestMessage();
        if (maxMessageSize > linuxLimit) {
            throw new IpcInvalidArgumentException(KIND, win32, "create", null, "the maximum message size "
                    + maxMessageSize + " is above the largest message a Linux mailslot carries, " + linuxLimit
                    + " bytes (AF_UNIX datagrams are limited by the sockets' send buffers, net.core.wmem_max)");
        }
        int limit = maxMessageSize == MailslotServer.ANY_SIZE ? linuxLimit : maxMessageSize;
        byte[] key = name.key().getBytes(StandardCharsets.UTF_8);
        String hash = MailslotToken.hash(name.key());
        Made f = new Made();
        try {
            long instance = bindBoth(f, name, hash);
            f.readable = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            f.stop = f.readable < 0 ? -1 : eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (f.readable < 0 || f.stop < 0) {
                throw LinuxErrors.lastFailure(KIND, win32, "eventfd");
            }
            try {
                f.token = LinuxNamedObject.create(ObjectType.MAILSLOT, MailslotToken.objectName(hash),
                        body -> MailslotToken.write(body, maxMessageSize, limit, instance, key));
            } catch (IpcAlreadyExistsException e) {
                IpcAlreadyExistsException mine = new IpcAlreadyExistsException(KIND, win32, "create",
                        e.nativeError().orElse(null), "a live server has this mailslot" + serverOf(hash)
                        + "; names compare without case");
                mine.initCause(e);
                throw mine;
            }
            removeLeftovers(hash, f);
            return new LinuxMailslotServer(name, maxMessageSize, limit, readTimeoutMillis, f, options);
        } catch (RuntimeException | Error e) {
            f.cleanUp();
            throw e;
        }
    }

    private static String serverOf(String hash) {
        try {
            return " (process " + LinuxNamedObject.readBody(ObjectType.MAILSLOT, MailslotToken.objectName(hash))
                    .getInt(MailslotToken.SERVER_PID_OFFSET) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Makes both sockets and binds them to new names; returns the instance number in their names. */
    private static long bindBoth(Made f, MailslotName name, String hash) {
        String win32 = name.win32Name();
        f.socket = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        f.wakeSocket = f.socket < 0 ? -1 : socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (f.socket < 0 || f.wakeSocket < 0) {
            throw LinuxErrors.lastFailure(KIND, win32, "socket");
        }
        if (setsockopt(f.socket, SOL_SOCKET, SO_PASSCRED, new int[] {1}, 4) != 0) {
            throw LinuxErrors.lastFailure(KIND, win32, "setsockopt(SO_PASSCRED)");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long instance = ThreadLocalRandom.current().nextLong();
            String s = MailslotToken.socketPath(hash, instance);
            String w = MailslotToken.wakePath(hash, instance);
            Namespace.MAILSLOT.ensureDirectory();
            if (bind(f.socket, address(s), SOCKADDR_UN_LENGTH) != 0) {
                int errno = Native.getLastError();
                if (errno == ENOENT || errno == EADDRINUSE) {
                    continue;   // the directory went with another mailslot's last file, or a name was taken
                }
                throw LinuxErrors.failure(KIND, win32, "bind", errno, s);
            }
            f.socketPath = s;
            if (bind(f.wakeSocket, address(w), SOCKADDR_UN_LENGTH) != 0) {
                throw LinuxErrors.lastFailure(KIND, win32, "bind");
            }
            f.wakePath = w;
            // bind applies the umask to the socket files; the directory is 0700 anyway.
            if (Libc.chmod(s, 0600) != 0 || Libc.chmod(w, 0600) != 0) {
                throw LinuxErrors.lastFailure(KIND, win32, "chmod");
            }
            return instance;
        }
        throw new IpcException(KIND, win32, "bind", null, "no free socket name after " + ATTEMPTS + " attempts");
    }

    /**
     * Removes the sockets of this name's earlier servers that died (a SIGKILLed server leaves its
     * socket files; the core removed its token as stale). Safe: only the token's holder, this
     * server, publishes sockets of this name; another creator's files are its own failed attempt.
     */
    private static void removeLeftovers(String hash, Made f) {
        Path mine1 = Path.of(f.socketPath).getFileName();
        Path mine2 = Path.of(f.wakePath).getFileName();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                Path.of(Namespace.MAILSLOT.directory()), hash + "-*")) {
            for (Path p : entries) {
                if (!p.getFileName().equals(mine1) && !p.getFileName().equals(mine2)) {
                    Files.deleteIfExists(p);
                    LOG.debug("removed {}, left by a server of the same mailslot that died", p);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot remove what dead servers of {} left in {}: {}", hash, Namespace.MAILSLOT.directory(), e.toString());
        }
    }

    // ------------------------------------------------------------------------------------ reading

    @Override
    public byte[] read(long timeoutMillis) {
        long timeout = timeoutMillis == MailslotBackends.SERVER_TIMEOUT ? readTimeoutMillis : timeoutMillis;
        long deadline = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
        lock.lock();
        activeReaders++;
        try {
            while (true) {
                if (closed || cancelled) {
                    return null;
                }
                byte[] m = takeLocked();
                if (m != null) {
                    return m;
                }
                int wait;
                if (timeout == MailslotBackends.FOREVER) {
                    wait = -1;
                } else if (timeout == 0) {
                    return null;
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    wait = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
                }
                lock.unlock();
                try {
                    awaitReadable(wait);
                } finally {
                    lock.lock();
                }
            }
        } finally {
            if (--activeReaders == 0) {
                idle.signalAll();
            }
            lock.unlock();
        }
    }

    /** Sleeps in {@code poll} until the socket has a datagram, or the FIFO or a cancellation needs a look. */
    private void awaitReadable(int timeoutMillis) {
        Memory fds = POLL_FDS.get();
        fds.setInt(0, socket);
        fds.setShort(4, POLLIN);
        fds.setShort(6, (short) 0);
        fds.setInt(8, readable);
        fds.setShort(12, POLLIN);
        fds.setShort(14, (short) 0);
        if (poll(fds, 2, timeoutMillis) < 0 && Native.getLastError() != EINTR) {
            throw LinuxErrors.lastFailure(KIND, win32, "poll");
        }
    }

    /** The next message: the FIFO's head, else the kernel's; null if none. Under the lock. */
    private byte[] takeLocked() {
        byte[] m = fifo.pollFirst();
        if (m == null) {
            return receiveLocked();
        }
        fifoBytes -= m.length + MESSAGE_OVERHEAD;
        if (pumpDeferred && fifoBytes < queueLimit / 2) {
            pumpDeferred = false;
            drainLocked(false);
        }
        updateReadableLocked();
        return m;
    }

    /**
     * Takes one datagram from the kernel without waiting ({@code recvmsg(MSG_DONTWAIT|MSG_TRUNC)}),
     * dropping and counting those from another user and those above the limit. Under the lock.
     *
     * @return the message, or null if the kernel's queue is empty
     */
    private byte[] receiveLocked() {
        while (true) {
            receive.setLong(MSG_CONTROLLEN, CONTROL_SPACE);
            receive.setInt(MSG_FLAGS, 0);
            long n = recvmsg(socket, receive, MSG_DONTWAIT | MSG_TRUNC);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == EAGAIN) {
                    return null;
                }
                if (errno == EINTR) {
                    continue;
                }
                throw LinuxErrors.failure(KIND, win32, "recvmsg", errno, null);
            }
            int uid = senderUid();
            if (uid >= 0 && uid != EUID) {
                long count = foreignDropped.incrementAndGet();
                LOG.warn("mailslot {}: dropped a datagram of {} bytes from user id {} (not this user, {}); {} so far",
                        win32, n, uid, EUID, count);
                continue;
            }
            if (n > limit) {
                long count = oversizeDropped.incrementAndGet();
                LOG.warn("mailslot {}: dropped a datagram of {} bytes, above its maximum of {}; {} so far",
                        win32, n, limit, count);
                continue;
            }
            return data.getByteArray(0, (int) n);
        }
    }

    /** @return the sender's uid from the {@code SCM_CREDENTIALS} message, or -1 if there is none */
    private int senderUid() {
        long controlLength = receive.getLong(MSG_CONTROLLEN);
        if (controlLength < 16 + 12) {
            return -1;
        }
        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then struct ucred { pid, uid, gid }.
        if (receive.getInt(CONTROL_AT + 8) != SOL_SOCKET || receive.getInt(CONTROL_AT + 12) != SCM_CREDENTIALS) {
            return -1;
        }
        return receive.getInt(CONTROL_AT + 16 + 4);
    }

    /** Moves the kernel's queue into the FIFO, up to the queue limit unless forced. Under the lock. */
    private void drainLocked(boolean force) {
        while (force || fifoBytes < queueLimit) {
            byte[] m = receiveLocked();
            if (m == null) {
                updateReadableLocked();
                return;
            }
            fifo.addLast(m);
            fifoBytes += m.length + MESSAGE_OVERHEAD;
        }
        if (!pumpDeferred) {
            LOG.warn("mailslot {} holds {} bytes unread in {} messages, its limit ({}); senders wait, then fail"
                + " with \"mailslot full\"", win32, fifoBytes, fifo.size(), queueLimit);
        }
        pumpDeferred = true;
        updateReadableLocked();
    }

    /** Makes the {@code readable} eventfd readable exactly while the FIFO holds something or reads are stopped. */
    private void updateReadableLocked() {
        boolean want = !fifo.isEmpty() || cancelled || closed;
        if (want != readableSignalled) {
            if (want) {
                signal(readable);
            } else {
                reset(readable);
            }
            readableSignalled = want;
        }
    }

    /** The pump thread: sleeps until a sender finds the kernel's queue full, then moves it into the FIFO. */
    private void pump() {
        Memory fds = new Memory(16);
        Memory sink = new Memory(1);
        try {
            while (true) {
                fds.setInt(0, wakeSocket);
                fds.setShort(4, POLLIN);
                fds.setShort(6, (short) 0);
                fds.setInt(8, stop);
                fds.setShort(12, POLLIN);
                fds.setShort(14, (short) 0);
                if (poll(fds, 2, -1) < 0) {
                    if (Native.getLastError() == EINTR) {
                        continue;
                    }
                    throw LinuxErrors.lastFailure(KIND, win32, "poll");
                }
                if (fds.getShort(14) != 0) {
                    return;
                }
                while (recv(wakeSocket, sink, 1, MSG_DONTWAIT) >= 0) {
                    // Every wake-up asks for the same thing; one drain answers them all.
                }
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    drainLocked(false);
                } finally {
                    lock.unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("the pump of mailslot {} stopped; senders to a full queue will wait for a reader", win32, e);
        }
    }

    private void deliverFromNetwork(byte[] message) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            drainLocked(true);   // what the kernel holds arrived first
            if (fifoBytes >= queueLimit) {
                long count = networkDropped.incrementAndGet();
                LOG.warn("mailslot {} is full ({} bytes unread): dropped a message of {} bytes from the network;"
                        + " {} so far", win32, fifoBytes, message.length, count);
                return;
            }
            fifo.addLast(message);
            fifoBytes += message.length + MESSAGE_OVERHEAD;
            updateReadableLocked();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------ the rest

    @Override
    public void cancelReads() {
        lock.lock();
        try {
            cancelled = true;
            if (!closed) {
                updateReadableLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resumeReads() {
        lock.lock();
        try {
            cancelled = false;
            if (!closed) {
                updateReadableLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code GetMailslotInfo}: moves the kernel's queue into the FIFO, then counts it (exact). */
    @Override
    public int[] info() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("mailslot server " + win32 + " is closed");
            }
            drainLocked(true);
            byte[] next = fifo.peekFirst();
            return new int[] {maxMessageSize, next == null ? -1 : next.length, fifo.size()};
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    @Override
    public void setReadTimeout(long timeoutMillis) {
        readTimeoutMillis = timeoutMillis;
    }

    @Override
    public long malformedDatagrams() {
        NetworkMailslots.Reception r = network;
        return r == null ? 0 : r.malformedDatagrams();
    }

    /** @return how many datagrams from another user were dropped (Linux only: {@code SCM_CREDENTIALS}) */
    long foreignDatagrams() {
        return foreignDropped.get();
    }

    /** @return how many datagrams above the maximum size were dropped (sent by something else than this library) */
    long oversizeDatagrams() {
        return oversizeDropped.get();
    }

    /** @return the largest message this server takes, in bytes */
    int limit() {
        return limit;
    }

    /** @return the path of the server's socket */
    String socketPath() {
        return socketPath;
    }

    /**
     * {@code CloseHandle}: wakes and waits out every blocked read, stops the pump, removes the
     * sockets' names, closes the descriptors, and last gives up the token (which removes its name and
     * the directory if it is empty). Messages not read are lost, as in Win32.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            updateReadableLocked();
            signal(stop);
            while (activeReaders > 0) {
                idle.awaitUninterruptibly();
            }
            fifo.clear();
            fifoBytes = 0;
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != pump) {
            boolean interrupted = false;
            while (pump.isAlive()) {
                try {
                    pump.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (network != null) {
                network.close();
            }
        } finally {
            // The sockets' names go while this server still holds the token: no other server of this
            // name can exist yet, so these names are surely this server's own.
            Libc.unlink(socketPath);
            Libc.unlink(wakePath);
            Libc.close(socket);
            Libc.close(wakeSocket);
            Libc.close(readable);
            Libc.close(stop);
            token.close();
            Namespace.MAILSLOT.removeDirectoryIfEmpty();
        }
    }
}
