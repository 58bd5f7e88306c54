package org.ipctoolkit.copydata.backend;

/** A window found by {@link CopyDataBackends#find}, to send to. Thread-safe. */
public interface TargetBackend {
    /** @return the window's handle */
    long handle();

    /**
     * {@code SendMessageTimeoutW(hwnd, WM_COPYDATA, senderWindow, &COPYDATASTRUCT, SMTO_ABORTIFHUNG, timeout)}.
     *
     * @param senderWindow  WPARAM: the sender's window, or 0
     * @param dwData        the {@code dwData}
     * @param data          the bytes
     * @param offset        where they start
     * @param length        how many (checked by the API)
     * @param timeoutMillis positive
     * @return the receiver's {@code LRESULT}
     * @throws org.ipctoolkit.copydata.CopyDataTimeoutException if the timeout passes or the receiver is hung
     * @throws org.ipctoolkit.core.IpcNotFoundException        if the window is gone
     */
    long sendCopyData(long senderWindow, long dwData, byte[] data, int offset, int length, long timeoutMillis);

    /**
     * {@code SendMessageTimeoutW} of another message (a registered one).
     *
     * @return the receiver's {@code LRESULT}
     */
    long sendMessage(int message, long wParam, long lParam, long timeoutMillis);

    /** {@code PostMessageW}: queued, not waited for. */
    void postMessage(int message, long wParam, long lParam);
}
