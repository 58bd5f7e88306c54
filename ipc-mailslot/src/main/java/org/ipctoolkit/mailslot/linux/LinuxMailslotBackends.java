package org.ipctoolkit.mailslot.linux;

import static org.ipctoolkit.mailslot.linux.Sockets.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.linux.Libc;
import org.ipctoolkit.core.linux.LinuxErrors;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotServer;
import org.ipctoolkit.mailslot.backend.ClientBackend;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;

/**
 * The Linux backend of ipc-mailslot (see the package description for the design). Its probe checks
 * that the library's mailslot directory is usable, and measures the largest datagram this system
 * carries between two AF_UNIX sockets by sending one (the limit of a server of
 * {@link MailslotServer#ANY_SIZE}).
 */
public final class LinuxMailslotBackends implements MailslotBackends {
    /** The system property that sets how many bytes of unread messages a server queues (default 64 MiB). */
    public static final String QUEUE_LIMIT_PROPERTY = "ipctoolkit.mailslot.queueLimitBytes";
    /** The system property that sets how long a send waits for room in a full mailslot, in ms (default 5000). */
    public static final String SEND_TIMEOUT_PROPERTY = "ipctoolkit.mailslot.sendTimeoutMillis";
    /** The default of {@value #QUEUE_LIMIT_PROPERTY}. */
    public static final long DEFAULT_QUEUE_LIMIT = 64L << 20;
    /** The default of {@value #SEND_TIMEOUT_PROPERTY}. */
    public static final long DEFAULT_SEND_TIMEOUT_MILLIS = 5000;
    /** The largest message of a server of {@link MailslotServer#ANY_SIZE}, at most: 1 MiB. */
    public static final int LARGEST_MESSAGE_CAP = 1 << 20;
    private static final int LARGEST_MESSAGE_FLOOR = 64 << 10;

    private static volatile int largestMessage = LARGEST_MESSAGE_FLOOR;

    private final Availability availability;

    private LinuxMailslotBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * Runs the backend's probe; never throws.
     *
     * @return the backend, whose {@link #availability()} reports the probe's outcome
     */
    public static MailslotBackends load() {
        return new LinuxMailslotBackends(Availability.probe(() -> {
            Namespace.MAILSLOT.availability().ensureAvailable("mailslot", "(probe)", "load the Linux backend");
            largestMessage = measureLargestMessage();
        }));
    }

    /**
     * Sends datagrams between two sockets to find the largest one this system carries: the send
     * buffer raised as far as {@code net.core.wmem_max} allows, less the kernel's 32 bytes, at most
     * {@value #LARGEST_MESSAGE_CAP}; halved while the kernel refuses it ({@code EMSGSIZE},
     * {@code ENOBUFS}), down to 64 KiB.
     */
    private static int measureLargestMessage() {
        int receiver = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        int sender = receiver < 0 ? -1 : socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        String path = Namespace.MAILSLOT.directory() + "/probe-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime());
        try {
            if (receiver < 0 || sender < 0) {
                throw LinuxErrors.lastFailure("mailslot", "(probe)", "socket");
            }
            Namespace.MAILSLOT.ensureDirectory();
            if (bind(receiver, address(path), SOCKADDR_UN_LENGTH) != 0
                    || connect(sender, address(path), SOCKADDR_UN_LENGTH) != 0) {
                throw LinuxErrors.lastFailure("mailslot", "(probe)", "bind/connect");
            }
            setsockopt(sender, SOL_SOCKET, SO_SNDBUF, new int[] {LARGEST_MESSAGE_CAP + 4096}, 4);
            int[] value = {0};
            if (getsockopt(sender, SOL_SOCKET, SO_SNDBUF, value, new int[] {4}) != 0) {
                throw LinuxErrors.lastFailure("mailslot", "(probe)", "getsockopt(SO_SNDBUF)");
            }
            int size = Math.min(LARGEST_MESSAGE_CAP, value[0] - SNDBUF_OVERHEAD);
            Memory in = new Memory(size + 1L);
            while (true) {
                long sent = Sockets.send(sender, new byte[size], size, MSG_DONTWAIT | MSG_NOSIGNAL);
                if (sent == size) {
                    long got = recv(receiver, in, size + 1L, MSG_TRUNC);
                    if (got != size) {
                        throw new IpcException("mailslot", "(probe)", "recv", LinuxErrors.describe(Native.getLastError()),
                                "a datagram of " + size + " bytes came back as " + got);
                    }
                    return size;
                }
                int errno = Native.getLastError();
                if ((errno != EMSGSIZE && errno != ENOBUFS) || size <= LARGEST_MESSAGE_FLOOR) {
                    throw LinuxErrors.failure("mailslot", "(probe)", "send", errno,
                            "a datagram of " + size + " bytes cannot be sent");
                }
                size /= 2;
            }
        } finally {
            Libc.unlink(path);
            if (sender >= 0) {
                Libc.close(sender);
            }
            if (receiver >= 0) {
                Libc.close(receiver);
            }
            Namespace.MAILSLOT.removeDirectoryIfEmpty();
        }
    }

    /** @return the largest message a Linux mailslot carries here (the limit of {@link MailslotServer#ANY_SIZE}), in bytes */
    public static int largestMessage() {
        return largestMessage;
    }

    /** @return how many bytes of unread messages a server queues before its senders wait: {@value #QUEUE_LIMIT_PROPERTY} */
    public static long queueLimitBytes() {
        Long value = Long.getLong(QUEUE_LIMIT_PROPERTY);
        return value == null || value < 0 ? DEFAULT_QUEUE_LIMIT : value;
    }

    /** @return how long a send waits for room in a full mailslot, in ms: {@value #SEND_TIMEOUT_PROPERTY} */
    public static long sendTimeoutMillis() {
        Long value = Long.getLong(SEND_TIMEOUT_PROPERTY);
        return value == null || value < 0 ? DEFAULT_SEND_TIMEOUT_MILLIS : value;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    /** {@code CreateMailslotW}: see {@code LinuxMailslotServer}. */
    @Override
    public ServerBackend createServer(MailslotName name, int maxMessageSize, long readTimeoutMillis,
                                      MailslotServer.Options options) {
        return LinuxMailslotServer.create(name, maxMessageSize, readTimeoutMillis, options);
    }

    /** {@code CreateFileW(OPEN_EXISTING)}: see {@code LinuxMailslotClient}. */
    @Override
    public ClientBackend openClient(MailslotName name) {
        return LinuxMailslotClient.open(name);
    }
}
