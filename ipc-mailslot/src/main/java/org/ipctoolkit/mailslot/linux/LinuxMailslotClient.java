package org.ipctoolkit.mailslot.linux;

import static org.ipctoolkit.mailslot.linux.Sockets.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.backend.ClientBackend;
import org.ipctoolkit.mailslot.linux.net.NetworkMailslots;

/**
 * A Linux mailslot client. A local one is an AF_UNIX datagram socket {@code connect}ed to its
 * server's socket, found through the server's token, which the client reads without holding it
 * (clients do not extend a mailslot's life, as in Win32). Connecting ties the client to that
 * server: if it closes or dies, a send fails with {@link IpcNotFoundException}, even if a new server
 * of the same name has come since (a Win32 client handle refers to the mailslot it opened, too).
 * A remote or broadcast client sends through {@link NetworkMailslots#send}.
 *
 * <p>A send never loses a message silently: it is in the server's queue when {@code send} returns,
 * or {@code send} throws. If the kernel's queue is full ({@code EAGAIN}: 10 datagrams,
 * {@code net.unix.max_dgram_qlen}, or the socket's send buffer), the client wakes the server's pump
 * through its wake socket and sleeps in {@code poll(POLLOUT)} until there is room, for at most
 * {@link LinuxMailslotBackends#sendTimeoutMillis()}; after that it fails with
 * {@link IpcResourceExhaustedException} ("mailslot full"): the server is not reading and holds its
 * queue limit of unread messages, or is stopped.
 */
final class LinuxMailslotClient implements ClientBackend {
    private static final String KIND = LinuxMailslotServer.KIND;
    private static final byte[] WAKE = new byte[0];
    private static final ThreadLocal<Memory> POLL_FD = ThreadLocal.withInitial(() -> new Memory(8));

    private final MailslotName name;
    private final String win32;
    private final int fd;
    private final int limit;
    private final byte[] wakeAddress;
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private int wakeFd = -1;
    private boolean closed;

    private LinuxMailslotClient(MailslotName name, int fd, int limit, byte[] wakeAddress) {
        this.name = name;
        this.win32 = name.win32Name();
        this.fd = fd;
        this.limit = limit;
        this.wakeAddress = wakeAddress;
    }

    /** {@code CreateFileW(OPEN_EXISTING)} of a mailslot. */
    static ClientBackend open(MailslotName name) {
        if (!name.isLocal()) {
            return new ClientBackend() {
                @Override
                public void send(byte[] message, int offset, int length) {
                    NetworkMailslots.send(name, message, offset, length);
                }

                @Override
                public void close() {
                }
            };
        }
        String win32 = name.win32Name();
        String hash = MailslotToken.hash(name.key());
        ByteBuffer body;
        try {
            body = LinuxNamedObject.readBody(ObjectType.MAILSLOT, MailslotToken.objectName(hash));
        } catch (IpcNotFoundException e) {
            throw notFound(name, "open", e, "no server has this mailslot");
        }
        if (!name.key().equals(MailslotToken.key(body))) {
            throw new IpcNotFoundException(KIND, win32, "open", null, "no server has this mailslot (the token "
                    + MailslotToken.objectName(hash) + " belongs to another mailslot, \"" + MailslotToken.key(body) + "\")");
        }
        int limit = body.getInt(MailslotToken.LIMIT_OFFSET);
        long instance = body.getLong(MailslotToken.INSTANCE_OFFSET);
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw LinuxErrors.lastFailure(KIND, win32, "socket");
        }
        try {
            raiseSendBuffer(fd, limit);
            if (connect(fd, address(MailslotToken.socketPath(hash, instance)), SOCKADDR_UN_LENGTH) != 0) {
                int errno = Native.getLastError();
                if (errno == ENOENT || errno == ECONNREFUSED) {
                    throw new IpcNotFoundException(KIND, win32, "open", LinuxErrors.describe(errno),
                            "no server has this mailslot (its last server is gone)");
                }
                throw LinuxErrors.failure(KIND, win32, "connect", errno, null);
            }
            return new LinuxMailslotClient(name, fd, limit, address(MailslotToken.wakePath(hash, instance)));
        } catch (RuntimeException | Error e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Makes the send buffer hold at least two of the largest messages (a datagram must fit {@code SO_SNDBUF - 32}). */
    private static void raiseSendBuffer(int fd, int limit) {
        int[] value = {0};
        int[] length = {4};
        if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, value, length) == 0 && value[0] - SNDBUF_OVERHEAD >= limit) {
            return;
        }
        // The kernel doubles what it is given, up to 2 * net.core.wmem_max.
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, new int[] {(int) Math.min(Integer.MAX_VALUE / 2, (long) limit + 4096)}, 4);
    }

    private static IpcNotFoundException notFound(MailslotName name, String operation, IpcException cause, String detail) {
        IpcNotFoundException e = new IpcNotFoundException(KIND, name.win32Name(), operation,
                cause == null ? null : cause.nativeError().orElse(null), detail);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** {@code WriteFile}. */
    @Override
    public void send(byte[] message, int offset, int length) {
        if (length > limit) {
            throw new IpcInvalidArgumentException(KIND, win32, "send", null, "the mailslot takes messages of at most "
                    + limit + " bytes; this one has " + length + ". Nothing was sent");
        }
        byte[] buffer = offset == 0 ? message : Arrays.copyOfRange(message, offset, offset + length);
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("mailslot client of " + win32 + " is closed");
            }
            long deadline = 0;
            while (true) {
                if (Sockets.send(fd, buffer, length, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0) {
                    return;
                }
                int errno = Native.getLastError();
                switch (errno) {
                    case EINTR:
                        continue;
                    case ECONNREFUSED:
                    case ENOTCONN:
                    case ENOENT:
                        throw new IpcNotFoundException(KIND, win32, "send", LinuxErrors.describe(errno),
                                "the server is gone (closed, or its process ended). Nothing was sent");
                    case EMSGSIZE:
                        throw new IpcInvalidArgumentException(KIND, win32, "send", LinuxErrors.describe(errno),
                                "the message of " + length + " bytes is larger than this system's datagrams allow");
                    case EAGAIN:
                    case ENOBUFS:
                        if (deadline == 0) {
                            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LinuxMailslotBackends.sendTimeoutMillis());
                        }
                        awaitRoom(deadline, length);
                        continue;
                    default:
                        throw LinuxErrors.failure(KIND, win32, "send", errno, null);
                }
            }
        } finally {
            closing.readLock().unlock();
        }
    }

    /** The kernel's queue is full: wakes the server's pump, then sleeps until there is room or the deadline. */
    private void awaitRoom(long deadline, int length) {
        wakePump();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IpcResourceExhaustedException(KIND, win32, "send", LinuxErrors.describe(EAGAIN),
                    "the mailslot is full: its server did not take a message of " + length + " bytes within "
                            + LinuxMailslotBackends.sendTimeoutMillis() + " ms (it is not reading and holds its limit of "
                            + LinuxMailslotBackends.queueLimitBytes() + " bytes unread, or it is stopped). Nothing was sent");
        }
        Memory pfd = POLL_FD.get();
        pfd.setInt(0, fd);
        pfd.setShort(4, POLLOUT);
        pfd.setShort(6, (short) 0);
        int wait = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        if (poll(pfd, 1, wait) < 0 && Native.getLastError() != EINTR) {
            throw LinuxErrors.lastFailure(KIND, win32, "poll");
        }
    }

    /**
     * Sends an empty datagram to the server's wake socket, from a socket of its own (this one's
     * send buffer may be what is full). If the wake socket's queue is full, a wake-up is pending anyway.
     */
    private void wakePump() {
        int w;
        synchronized (this) {
            if (wakeFd < 0) {
                wakeFd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            }
            w = wakeFd;
        }
        if (w >= 0) {
            sendto(w, WAKE, 0, MSG_DONTWAIT | MSG_NOSIGNAL, wakeAddress, SOCKADDR_UN_LENGTH);
        }
    }

    /** {@code CloseHandle}: closes the socket once no send is using it. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(fd);
            synchronized (this) {
                if (wakeFd >= 0) {
                    Libc.close(wakeFd);
                    wakeFd = -1;
                }
            }
        } finally {
            closing.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "LinuxMailslotClient[" + name + "]";
    }
}
