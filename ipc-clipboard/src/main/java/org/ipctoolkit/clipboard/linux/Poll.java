package org.ipctoolkit.clipboard.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** {@code poll(2)} and an {@code eventfd(2)} to wake the X thread: what the X thread sleeps in. */
interface Poll extends Library {
    Poll C = Native.load("c", Poll.class);

    short POLLIN = 1;
    int EFD_CLOEXEC = 02000000;
    int EFD_NONBLOCK = 04000;

    int poll(Pointer fds, long nfds, int timeoutMillis);

    int eventfd(int initval, int flags);

    long read(int fd, byte[] buf, long count);

    long write(int fd, byte[] buf, long count);

    int close(int fd);
}
