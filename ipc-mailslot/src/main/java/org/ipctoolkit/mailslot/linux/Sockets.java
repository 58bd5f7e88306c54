package org.ipctoolkit.mailslot.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The C library calls of the Linux mailslot backend: AF_UNIX datagram sockets, {@code poll} and
 * {@code eventfd}, bound by JNA's direct mapping like {@code org.ipctoolkit.core.linux.Libc} (a call
 * costs a tenth of an interface-mapped one, which matters on the send and receive paths). Each
 * returns -1 on failure with the cause in {@link Native#getLastError()}. The constants are those of
 * Linux's generic ABI, the same on x86-64 and AArch64 (the only architectures the Linux core runs on),
 * as are the layouts of {@code struct msghdr}, {@code struct iovec}, {@code struct cmsghdr},
 * {@code struct ucred}, {@code struct pollfd} and {@code struct sockaddr_un} used here.
 */
final class Sockets {
    static {
        Native.register(Sockets.class, NativeLibrary.getInstance("c"));
    }

    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_PASSCRED = 16;
    static final int SCM_CREDENTIALS = 2;
    static final int MSG_PEEK = 0x2;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final int EFD_CLOEXEC = 02000000;
    static final int EFD_NONBLOCK = 04000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOENT = 2;
    static final int EMSGSIZE = 90;
    static final int EADDRINUSE = 98;
    static final int ENOBUFS = 105;
    static final int ENOTCONN = 107;
    static final int ECONNREFUSED = 111;

    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and a 108-byte {@code sun_path}. */
    static final int SOCKADDR_UN_LENGTH = 110;
    /** The longest socket path, in bytes, without its NUL ({@code sun_path} holds 108 with it). */
    static final int MAX_PATH_BYTES = 107;
    /** The kernel's own overhead subtracted from {@code SO_SNDBUF} for the largest datagram. */
    static final int SNDBUF_OVERHEAD = 32;

    private Sockets() {
    }

    /** {@code socket(2)}. */
    static native int socket(int domain, int type, int protocol);

    /** {@code bind(2)} with a {@code struct sockaddr_un} built by {@link #address(String)}. */
    static native int bind(int fd, byte[] addr, int addrlen);

    /** {@code connect(2)} with a {@code struct sockaddr_un} built by {@link #address(String)}. */
    static native int connect(int fd, byte[] addr, int addrlen);

    /** {@code send(2)} on a connected socket: returns the bytes sent or -1. */
    static native long send(int fd, byte[] buf, long len, int flags);

    /** {@code sendto(2)}: returns the bytes sent or -1. */
    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    /** {@code recv(2)} into native memory: returns the datagram's length (with {@code MSG_TRUNC}, its whole length) or -1. */
    static native long recv(int fd, Pointer buf, long len, int flags);

    /** {@code recvmsg(2)}: returns the datagram's length or -1; fills the {@code struct msghdr}. */
    static native long recvmsg(int fd, Pointer msghdr, int flags);

    /** {@code setsockopt(2)} of an {@code int} option. */
    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    /** {@code getsockopt(2)} of an {@code int} option. */
    static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

    /** {@code poll(2)} over {@code nfds} {@code struct pollfd}s (8 bytes each). */
    static native int poll(Pointer fds, long nfds, int timeout);

    /** {@code eventfd(2)}: a counter descriptor, readable while the counter is not 0. */
    static native int eventfd(int initval, int flags);

    /** {@code write(2)}. */
    static native long write(int fd, byte[] buf, long count);

    /** {@code read(2)}. */
    static native long read(int fd, byte[] buf, long count);

    /** {@code rename(2)}. */
    static native int rename(String oldpath, String newpath);

    /**
     * @param path a socket path of at most {@value #MAX_PATH_BYTES} bytes in UTF-8
     * @return the {@code struct sockaddr_un} naming it, NUL-terminated
     */
    static byte[] address(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("socket path of " + p.length + " bytes: " + path);
        }
        byte[] addr = new byte[SOCKADDR_UN_LENGTH];
        addr[0] = (byte) AF_UNIX;   // sa_family_t, little-endian on both architectures
        System.arraycopy(p, 0, addr, 2, p.length);
        return addr;
    }

    /** Writes 1 to an eventfd (makes it readable). */
    static void signal(int eventFd) {
        write(eventFd, ONE, 8);
    }

    /** Reads an eventfd's counter (makes it unreadable); does nothing if it is 0 (non-blocking descriptor). */
    static void reset(int eventFd) {
        read(eventFd, new byte[8], 8);
    }

    private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};
}
