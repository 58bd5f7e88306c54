package org.ipctoolkit.mailslot.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Win32 mailslot server: {@code CreateMailslotW}, {@code ReadFile}, {@code GetMailslotInfo},
 * {@code SetMailslotInfo}, {@code CloseHandle}.
 *
 * <h2>Reading</h2>
 * One thread at a time is in {@code ReadFile} (a lock); a per-call timeout is set with
 * {@code SetMailslotInfo} just before the read, only when it differs from the one set last (the
 * mailslot's own timeout, {@link #readTimeoutMillis()}, is kept here and applied the same way). The
 * read buffer is native memory owned by the server; on Windows a larger message makes
 * {@code ReadFile} fail with {@code ERROR_INSUFFICIENT_BUFFER} and stay, and the buffer grows to the
 * size {@code GetMailslotInfo} gives.
 *
 * <h2>Waking a blocked read</h2>
 * {@link #cancelReads()} and {@link #close()} wake a thread blocked in {@code ReadFile} by writing a
 * wake-up message to the mailslot through a client handle of its own ({@code CreateFileW},
 * {@code WriteFile}, {@code CloseHandle}): 16 random bytes drawn once per server, which the read
 * recognises and never delivers. On Windows a write always completes a pending read; under Wine 8,
 * {@code CancelSynchronousIo} finds nothing to cancel ({@code ERROR_NOT_FOUND}) and
 * {@code CancelIoEx} returns TRUE without waking the read, so the message is the one way that works
 * on both. If the message cannot be written (a maximum below 16 bytes on Windows; a writer that did not
 * share write access under Wine), {@code CancelSynchronousIo} on the reading thread is tried, and
 * {@code close()} closes the handle anyway (under Wine that wakes the read with {@code ERROR_INVALID_HANDLE}).
 * A wake-up message nobody read (the read had just returned) is counted and removed before
 * {@link #info()} or the next read could show it.
 *
 * <h2>Messages taken early</h2>
 * Messages the backend has taken out of the mailslot but not yet delivered (while removing a
 * wake-up message, or under Wine to count them: see {@link SystemTraits#exactCount()}) wait in a
 * queue here, read first. Only the server can read a mailslot, so this is invisible to clients; they
 * are lost at close, as the mailslot's own are.
 */
final class WindowsMailslotServer implements ServerBackend {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsMailslotServer.class);
    private static final int WAKE_LENGTH = 16;
    /** Larger than any datagram Wine's AF_UNIX socket pair carries with Linux's default buffers (212,992). */
    private static final int TRUNCATING_BUFFER = 256 * 1024 + 1;
    private static final int FIRST_BUFFER = 4096;

    private final String name;
    private final HANDLE handle;
    private final int maxMessageSize;
    private final SystemTraits traits;
    private final byte[] wake = new byte[WAKE_LENGTH];
    private final ReentrantLock readLock = new ReentrantLock();
    /** Guarded by readLock. */
    private final ArrayDeque<byte[]> taken = new ArrayDeque<>();
    /** Wake-up messages written and not yet read back. */
    private final AtomicInteger wakesPending = new AtomicInteger();
    /** Guarded by readLock. */
    private Memory buffer;
    /** Guarded by readLock: the timeout SetMailslotInfo set last. */
    private int kernelTimeout;
    private volatile long readTimeout;
    private volatile boolean cancelled;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The thread id of the reader inside ReadFile, or 0. */
    private volatile int readerInside;
    private boolean truncationWarned;

    private WindowsMailslotServer(String name, HANDLE handle, int maxMessageSize, long readTimeout, SystemTraits traits) {
        this.name = name;
        this.handle = handle;
        this.maxMessageSize = maxMessageSize;
        this.readTimeout = readTimeout;
        this.kernelTimeout = (int) readTimeout;
        this.traits = traits;
        int size = traits.truncatingReads() ? Math.max(maxMessageSize + 1, TRUNCATING_BUFFER)
                : maxMessageSize > 0 ? maxMessageSize : FIRST_BUFFER;
        this.buffer = new Memory(size);
        WakeSource.RANDOM.nextBytes(wake);
    }

    /** One strong source for the wake-up messages, seeded once. */
    private static final class WakeSource {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** {@code CreateMailslotW("\\.\mailslot\PATH", maxMessageSize, readTimeout, NULL)}. */
    static WindowsMailslotServer create(MailslotName mailslot, int maxMessageSize, long readTimeoutMillis,
                                        SystemTraits traits) {
        String n = mailslot.win32Name();
        HANDLE h = MailslotApi.KERNEL32.CreateMailslotW(n, maxMessageSize, (int) readTimeoutMillis, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            int error = Native.getLastError();
            if (error == WinError.ERROR_ALREADY_EXISTS) {
                throw new IpcAlreadyExistsException(WindowsMailslotBackends.KIND, n, "CreateMailslotW",
                        Win32Errors.describe(error), "a server of this mailslot is running"
                                + (traits.clientsKeepMailslot() ? " (or, under Wine, a client of a closed one is still open)" : ""));
            }
            throw Win32Errors.failure(WindowsMailslotBackends.KIND, n, "CreateMailslotW", error, null);
        }
        return new WindowsMailslotServer(n, h, maxMessageSize, readTimeoutMillis, traits);
    }

    @Override
    public byte[] read(long timeoutMillis) {
        long timeout = timeoutMillis == MailslotBackends.SERVER_TIMEOUT ? readTimeout : timeoutMillis;
        long deadline = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
        if (!lock(timeout, deadline)) {
            return null;
        }
        try {
            return readLocked(timeout, deadline);
        } finally {
            readLock.unlock();
        }
    }

    private boolean lock(long timeout, long deadline) {
        if (timeout == MailslotBackends.FOREVER) {
            readLock.lock();
            return true;
        }
        if (readLock.tryLock()) {
            return true;
        }
        try {
            return timeout > 0 && readLock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] readLocked(long timeout, long deadline) {
        while (true) {
            if (closed || cancelled) {
                return null;
            }
            byte[] early = taken.poll();
            if (early != null) {
                return early;
            }
            int ms;
            if (timeout == MailslotBackends.FOREVER) {
                ms = MailslotApi.MAILSLOT_WAIT_FOREVER;
            } else if (timeout == 0) {
                ms = 0;
            } else {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999);
                if (left <= 0) {
                    return null;
                }
                ms = (int) Math.min(left, 0xFFFFFFFEL);
            }
            Result r = readKernel(ms, true);
            if (r == Result.TIMEOUT) {
                if (timeout > 0 && deadline - System.nanoTime() > 0) {
                    continue; // the kernel's timer ended a little early
                }
                return null;
            }
            if (r.message != null) {
                return r.message;
            }
        }
    }

    /** What one {@code ReadFile} gave: a message, a timeout, or nothing to deliver (read again). */
    private static final class Result {
        static final Result TIMEOUT = new Result(null);
        static final Result AGAIN = new Result(null);
        final byte[] message;

        Result(byte[] message) {
            this.message = message;
        }
    }

    /**
     * One {@code ReadFile} with the kernel's timeout set to {@code ms}. Holds readLock.
     *
     * @param forDelivery true for a read that {@link #cancelReads()} stops; false to move messages
     *                    into {@link #taken}, which happens whatever the state
     */
    private Result readKernel(int ms, boolean forDelivery) {
        if (ms != kernelTimeout) {
            if (!MailslotApi.KERNEL32.SetMailslotInfo(handle, ms)) {
                throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "SetMailslotInfo");
            }
            kernelTimeout = ms;
        }
        IntByReference n = new IntByReference();
        readerInside = Win32.KERNEL32.GetCurrentThreadId();
        boolean ok;
        int error;
        try {
            if (closed || forDelivery && cancelled) {
                return closed ? Result.TIMEOUT : Result.AGAIN;
            }
            ok = MailslotApi.KERNEL32.ReadFile(handle, buffer, (int) buffer.size(), n, null);
            error = ok ? 0 : Native.getLastError();
        } finally {
            readerInside = 0;
        }
        if (ok) {
            return new Result(accept(n.getValue()));
        }
        switch (error) {
            case MailslotApi.ERROR_SEM_TIMEOUT:
                return Result.TIMEOUT;
            case MailslotApi.ERROR_BROKEN_PIPE:
                // Wine 8 reads a 0-byte message as end of file (recv() == 0): the message is consumed.
                return new Result(new byte[0]);
            case MailslotApi.ERROR_INSUFFICIENT_BUFFER:
                grow();
                return Result.AGAIN;
            case MailslotApi.ERROR_OPERATION_ABORTED:
                return Result.AGAIN; // CancelSynchronousIo: the loop sees cancelled or closed
            default:
                if (closed) {
                    return Result.AGAIN; // the handle was closed under the read (Wine: ERROR_INVALID_HANDLE)
                }
                throw Win32Errors.failure(WindowsMailslotBackends.KIND, name, "ReadFile", error, null);
        }
    }

    /** @return the message of {@code length} bytes now in the buffer, or null if it is not one to deliver */
    private byte[] accept(int length) {
        if (length == WAKE_LENGTH && buffer.getByte(0) == wake[0]) {
            byte[] b = buffer.getByteArray(0, length);
            if (Arrays.equals(b, wake)) {
                wakesPending.decrementAndGet();
                return null;
            }
        }
        if (maxMessageSize > 0 && length > maxMessageSize) {
            // Wine 8 does not enforce the maximum at WriteFile; Windows refuses such a write, so the
            // server never sees one: drop it.
            LOG.warn("mailslot {}: dropped a message of {} bytes, above the maximum of {} (the system let it through)",
                    name, length, maxMessageSize);
            return null;
        }
        if (traits.truncatingReads() && length == buffer.size() && !truncationWarned) {
            truncationWarned = true;
            LOG.warn("mailslot {}: a message filled the whole read buffer of {} bytes and may have been cut by the system",
                    name, length);
        }
        return length == 0 ? new byte[0] : buffer.getByteArray(0, length);
    }

    private void grow() {
        IntByReference next = new IntByReference();
        if (!MailslotApi.KERNEL32.GetMailslotInfo(handle, null, next, null, null)) {
            throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "GetMailslotInfo");
        }
        long size = Integer.toUnsignedLong(next.getValue());
        if (next.getValue() == MailslotApi.MAILSLOT_NO_MESSAGE || size <= buffer.size()) {
            size = buffer.size() * 2;
        }
        buffer.close();
        buffer = new Memory(size);
    }

    @Override
    public void cancelReads() {
        cancelled = true;
        int tid = readerInside;
        if (tid != 0) {
            wake(tid);
        }
    }

    @Override
    public void resumeReads() {
        cancelled = false;
        if (wakesPending.get() > 0 && readLock.tryLock()) {
            try {
                removeWakes();
            } finally {
                readLock.unlock();
            }
        }
    }

    /**
     * Wakes the reader with thread id {@code tid}: the wake-up message, else {@code CancelSynchronousIo}.
     *
     * @return true if one of them worked
     */
    private boolean wake(int tid) {
        if (writeWake()) {
            return true;
        }
        HANDLE thread = Win32.KERNEL32.OpenThread(MailslotApi.THREAD_TERMINATE, false, tid);
        if (thread == null) {
            return false;
        }
        try {
            return MailslotApi.KERNEL32.CancelSynchronousIo(thread);
        } finally {
            Win32.KERNEL32.CloseHandle(thread);
        }
    }

    private boolean writeWake() {
        HANDLE client = Win32.KERNEL32.CreateFile(name, WinNT.GENERIC_WRITE, SystemTraits.CLIENT_SHARE, null,
                WinNT.OPEN_EXISTING, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(client)) {
            LOG.debug("mailslot {}: cannot open it to wake its reader: error {}", name, Native.getLastError());
            return false;
        }
        try (Memory m = new Memory(WAKE_LENGTH)) {
            m.write(0, wake, 0, WAKE_LENGTH);
            wakesPending.incrementAndGet();
            if (!MailslotApi.KERNEL32.WriteFile(client, m, WAKE_LENGTH, new IntByReference(), null)) {
                wakesPending.decrementAndGet();
                LOG.debug("mailslot {}: cannot write the wake-up message: error {}", name, Native.getLastError());
                return false;
            }
            return true;
        } finally {
            Win32.KERNEL32.CloseHandle(client);
        }
    }

    /** Reads what waits, into {@link #taken}, until no wake-up message is left in the mailslot. Holds readLock. */
    private void removeWakes() {
        while (wakesPending.get() > 0 && !closed) {
            if (!drainOne()) {
                return;
            }
        }
    }

    /** Moves one message from the mailslot into {@link #taken}. Holds readLock. @return false if none waits */
    private boolean drainOne() {
        Result r = readKernel(0, false);
        if (r == Result.TIMEOUT) {
            return false;
        }
        if (r.message != null) {
            taken.add(r.message);
        }
        return true;
    }

    @Override
    public int[] info() {
        if (readLock.tryLock()) {
            try {
                removeWakes();
                if (!traits.exactCount()) {
                    while (!closed && drainOne()) {
                        // Wine counts at most one message: take them all, then count them here
                    }
                }
                return infoLocked();
            } finally {
                readLock.unlock();
            }
        }
        return infoLocked(); // a reader is in ReadFile: the mailslot is empty, or being read now
    }

    private int[] infoLocked() {
        IntByReference max = new IntByReference();
        IntByReference next = new IntByReference();
        IntByReference count = new IntByReference();
        if (!MailslotApi.KERNEL32.GetMailslotInfo(handle, max, next, count, null)) {
            throw Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "GetMailslotInfo");
        }
        int waiting = count.getValue();
        int nextSize = next.getValue();
        byte[] first = taken.peek();
        if (first != null) {
            nextSize = first.length;
            waiting += taken.size();
        } else if (!traits.exactCount() && nextSize != MailslotApi.MAILSLOT_NO_MESSAGE && waiting == 0) {
            waiting = 1; // Wine: a 0-byte message shows as size 0, count 0
        }
        return new int[] {maxMessageSize, nextSize, waiting};
    }

    @Override
    public long readTimeoutMillis() {
        return readTimeout;
    }

    @Override
    public void setReadTimeout(long timeoutMillis) {
        readTimeout = timeoutMillis; // applied by SetMailslotInfo before the next read that uses it
    }

    @Override
    public long malformedDatagrams() {
        return 0;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        int tid = readerInside;
        if (tid != 0 && !wake(tid)) {
            // Nothing could wake the reader: close the handle under it. Wine wakes it with
            // ERROR_INVALID_HANDLE; Windows may hold CloseHandle until the read ends. The buffer is
            // left to the garbage collector, as the reader may still write into it.
            closeHandle();
            return;
        }
        readLock.lock();
        try {
            closeHandle();
            taken.clear();
            buffer.close();
        } finally {
            readLock.unlock();
        }
    }

    private void closeHandle() {
        if (!Win32.KERNEL32.CloseHandle(handle)) {
            IpcException e = Win32Errors.lastFailure(WindowsMailslotBackends.KIND, name, "CloseHandle");
            LOG.warn("mailslot {}: {}", name, e.getMessage());
        }
    }
}
