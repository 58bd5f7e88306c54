package org.ipctoolkit.pipe.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinBase.OVERLAPPED;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;

/**
 * One overlapped operation slot of a handle: an {@code OVERLAPPED} with its own manual-reset event,
 * used by one operation at a time. {@link #await} waits for the operation or for the connection's
 * close event; a close cancels the operation ({@code CancelIoEx}) and waits for it to finish, so the
 * buffer is never written after the wait returns. (Under Wine 8, {@code CancelSynchronousIo} fails and
 * {@code CancelIoEx} does not wake a synchronous read: overlapped I/O is what can be woken.)
 */
final class Overlapped implements AutoCloseable {
    /** The outcome of a wait. */
    enum Outcome { DONE, TIMEOUT, CLOSED }

    final OVERLAPPED overlapped = new OVERLAPPED();
    private final HANDLE event;

    Overlapped() {
        event = Kernel32.INSTANCE.CreateEvent(null, true, false, null);
        if (event == null) {
            throw new IllegalStateException("CreateEvent failed: error " + Native.getLastError());
        }
        overlapped.hEvent = event;
        // The kernel owns Internal/InternalHigh while the operation runs: JNA must not write the Java
        // copy back before each later call (GetOverlappedResult, CancelIoEx); start() writes it once.
        overlapped.setAutoWrite(false);
    }

    /** Prepares the slot for a new operation. */
    OVERLAPPED start() {
        Kernel32.INSTANCE.ResetEvent(event);
        overlapped.Internal = null;
        overlapped.InternalHigh = null;
        overlapped.Offset = 0;
        overlapped.OffsetHigh = 0;
        overlapped.hEvent = event;
        overlapped.write();
        return overlapped;
    }

    /**
     * Waits for the pending operation on {@code file}.
     *
     * @param closeEvent    set when the connection closes
     * @param timeoutMillis how long; negative for ever
     * @return DONE (read the result with {@link #result}), TIMEOUT or CLOSED (the operation was cancelled)
     */
    Outcome await(HANDLE file, HANDLE closeEvent, long timeoutMillis) {
        int wait = timeoutMillis < 0 ? WinBase.INFINITE : (int) Math.min(Integer.MAX_VALUE - 1, timeoutMillis);
        int r = Kernel32.INSTANCE.WaitForMultipleObjects(2, new HANDLE[] {event, closeEvent}, false, wait);
        if (r == WinBase.WAIT_OBJECT_0) {
            return Outcome.DONE;
        }
        PipeApi.K.CancelIoEx(file, overlapped);
        IntByReference ignored = new IntByReference();
        PipeApi.K.GetOverlappedResult(file, overlapped, ignored, true);
        return r == WinBase.WAIT_OBJECT_0 + 1 ? Outcome.CLOSED : Outcome.TIMEOUT;
    }

    /**
     * @param transferred receives the byte count
     * @return 0 if it succeeded, else its error ({@code ERROR_MORE_DATA} included, with the bytes valid)
     */
    int result(HANDLE file, IntByReference transferred) {
        return PipeApi.K.GetOverlappedResult(file, overlapped, transferred, false) ? 0 : Native.getLastError();
    }

    @Override
    public void close() {
        Kernel32.INSTANCE.CloseHandle(event);
    }
}
