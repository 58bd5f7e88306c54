package org.ipctoolkit.copydata;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import org.ipctoolkit.copydata.backend.TargetBackend;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;

/**
 * A window found by class and title, to send {@code WM_COPYDATA} to: the sending end of the source
 * documents' window-message IPC ({@code FindWindow} + {@code SendMessage(WM_COPYDATA, ...)}).
 * A send waits until the receiver's handler has returned, and gives its result; it is made with
 * {@code SendMessageTimeoutW(SMTO_ABORTIFHUNG)}, so a missing window or a hung receiver is a clear
 * error instead of a wait for ever. Thread-safe; holds no resource ({@code close} is not needed).
 */
public final class CopyDataSender {
    /** The timeout of {@link #send(long, byte[])}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The largest payload this library sends (64 MiB). */
    public static final int MAXIMUM_PAYLOAD = 64 << 20;

    private final String className;
    private final String title;
    private final TargetBackend target;
    private final long senderWindow;

    private CopyDataSender(String className, String title, TargetBackend target, long senderWindow) {
        this.className = className;
        this.title = title;
        this.target = target;
        this.senderWindow = senderWindow;
    }

    /**
     * Finds the window. Win32: {@code FindWindowExW(HWND_MESSAGE, NULL, className, title)}, then
     * {@code FindWindowExW(NULL, NULL, className, title)} (message-only windows first).
     *
     * @param className the window class, or null for any
     * @param title     the window title, or null for any (not both null)
     * @return a sender to that window
     * @throws IpcNotFoundException        if no window has that class and title
     * @throws IpcInvalidArgumentException if both are null, or one is too long
     */
    public static CopyDataSender find(String className, String title) {
        String what = CopyDataPlatform.describe(className, title);
        if (className == null && title == null) {
            throw new IpcInvalidArgumentException(CopyDataPlatform.KIND, what, "find", null,
                    "give a class, a title or both");
        }
        Names.check(className == null ? "*" : className, title == null ? "" : title, "find");
        TargetBackend t = CopyDataPlatform.backends(what, "find").find(className, title);
        if (t == null) {
            throw new IpcNotFoundException(CopyDataPlatform.KIND, what, "FindWindowExW", null, "no window has this class and title");
        }
        return new CopyDataSender(className, title, t, 0);
    }

    /**
     * @param window this program's window
     * @return a sender to the same window that names {@code window} as the sender (the WPARAM of
     *         {@code WM_COPYDATA}), so that the receiver can answer it
     */
    public CopyDataSender from(CopyDataWindow window) {
        return new CopyDataSender(className, title, target, window.handle());
    }

    /** @return the target window's handle */
    public long handle() {
        return target.handle();
    }

    /**
     * Sends bytes with {@link #DEFAULT_TIMEOUT}.
     *
     * @param dwData the {@code COPYDATASTRUCT.dwData} value (what the bytes are)
     * @param data   the bytes, possibly none
     * @return the receiver's result
     * @throws CopyDataTimeoutException    if the receiver did not answer in time or is hung
     * @throws IpcNotFoundException        if the window is gone
     * @throws IpcInvalidArgumentException if the payload is larger than {@link #MAXIMUM_PAYLOAD}
     */
    public long send(long dwData, byte[] data) {
        return send(dwData, data, DEFAULT_TIMEOUT);
    }

    /**
     * Sends bytes. Win32: {@code SendMessageTimeoutW(hwnd, WM_COPYDATA, senderWindow, &cds,
     * SMTO_ABORTIFHUNG, timeout, &result)}.
     *
     * @param dwData  the {@code dwData} value
     * @param data    the bytes
     * @param timeout how long to wait for the answer: positive, at most 2<sup>31</sup>-1 ms
     * @return the receiver's result
     */
    public long send(long dwData, byte[] data, Duration timeout) {
        Objects.requireNonNull(data, "data");
        long millis = timeoutMillis(timeout, "send");
        if (data.length > MAXIMUM_PAYLOAD) {
            throw new IpcInvalidArgumentException(CopyDataPlatform.KIND, CopyDataPlatform.describe(className, title), "send",
                    null, "the payload has " + data.length + " bytes, more than " + MAXIMUM_PAYLOAD + "; nothing was sent");
        }
        return target.sendCopyData(senderWindow, dwData, data, 0, data.length, millis);
    }

    /**
     * Sends a Delphi record: the first {@code layout.size()} bytes of {@code record}.
     *
     * @param dwData the {@code dwData} value
     * @param layout the record's layout
     * @param record a buffer holding the record from index 0
     * @return the receiver's result
     */
    public long send(long dwData, DelphiRecord layout, ByteBuffer record) {
        if (record.capacity() < layout.size()) {
            throw new IllegalArgumentException("the buffer has " + record.capacity() + " bytes; record "
                    + layout.name() + " has " + layout.size());
        }
        byte[] bytes = new byte[layout.size()];
        record.duplicate().clear().get(bytes);
        return send(dwData, bytes);
    }

    /** Sends a registered message and waits for its result. */
    long sendMessage(int message, long wParam, long lParam, Duration timeout) {
        return target.sendMessage(message, wParam, lParam, timeoutMillis(timeout, "SendMessage"));
    }

    /** Posts a registered message. */
    void postMessage(int message, long wParam, long lParam) {
        target.postMessage(message, wParam, lParam);
    }

    private long timeoutMillis(Duration timeout, String operation) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IpcInvalidArgumentException(CopyDataPlatform.KIND, CopyDataPlatform.describe(className, title), operation,
                    null, "the timeout " + timeout + " is not between 1 ms and " + Integer.MAX_VALUE + " ms");
        }
        return Math.max(1, timeout.toMillis());
    }

    @Override
    public String toString() {
        return "CopyDataSender[" + CopyDataPlatform.describe(className, title) + "]";
    }
}
