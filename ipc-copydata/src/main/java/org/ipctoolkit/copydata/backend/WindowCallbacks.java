package org.ipctoolkit.copydata.backend;

/** What a window's procedure calls, on its message-loop thread. Never throws. */
public interface WindowCallbacks {
    /**
     * {@code WM_COPYDATA}.
     *
     * @param senderWindow the sender's window (WPARAM), 0 if none
     * @param dwData       the {@code COPYDATASTRUCT}'s {@code dwData}
     * @param data         a copy of the bytes ({@code lpData}, {@code cbData} bytes)
     * @return the {@code LRESULT}
     */
    long onCopyData(long senderWindow, long dwData, byte[] data);

    /**
     * A registered message ({@code 0xC000} to {@code 0xFFFF}).
     *
     * @param message its id
     * @param wParam  its WPARAM
     * @param lParam  its LPARAM
     * @return the {@code LRESULT} (0 for a message nobody listens to)
     */
    long onMessage(int message, long wParam, long lParam);

    /**
     * Any other message the window gets (below {@code 0xC000}, other than {@code WM_COPYDATA} and the
     * window's own life-cycle messages): for windows of other modules built on this one, such as the
     * clipboard listener's ({@code WM_CLIPBOARDUPDATE}).
     *
     * @param message the message
     * @param wParam  its WPARAM
     * @param lParam  its LPARAM
     * @return the {@code LRESULT}, or null to let {@code DefWindowProcW} handle it
     */
    default Long onSystemMessage(int message, long wParam, long lParam) {
        return null;
    }
}
