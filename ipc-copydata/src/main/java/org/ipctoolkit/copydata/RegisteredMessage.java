package org.ipctoolkit.copydata;

import java.time.Duration;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/**
 * A window message registered by name ({@code RegisterWindowMessageW}): every program that registers
 * the same name gets the same id, so programs can notify each other by name. Send it to one window
 * ({@link #send}, waits for the result), post it ({@link #post}, does not wait), or broadcast it to
 * every top-level window ({@link #broadcast}). A {@link CopyDataWindow} receives it through
 * {@link CopyDataWindow#onMessage}.
 */
public final class RegisteredMessage {
    private final String name;
    private final int id;

    private RegisteredMessage(String name, int id) {
        this.name = name;
        this.id = id;
    }

    /**
     * Win32: {@code RegisterWindowMessageW(name)}.
     *
     * @param name the message's name (1 to 255 characters, compared without case as Windows does)
     * @return the message, with its id ({@code 0xC000} to {@code 0xFFFF})
     */
    public static RegisteredMessage register(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 255 || name.indexOf('\0') >= 0) {
            throw new IpcInvalidArgumentException("registered message", name, "RegisterWindowMessageW", null,
                    "a message name has 1 to 255 characters and no NUL");
        }
        return new RegisteredMessage(name, CopyDataPlatform.backends(name, "RegisterWindowMessageW").registerMessage(name));
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the id every program of the session gets for this name */
    public int id() {
        return id;
    }

    /**
     * Win32: {@code SendMessageTimeoutW(hwnd, id, wParam, lParam, SMTO_ABORTIFHUNG, timeout)}.
     *
     * @param target  the window
     * @param wParam  WPARAM
     * @param lParam  LPARAM
     * @param timeout how long to wait for the result
     * @return the receiver's result (0 if it does not listen to this message)
     */
    public long send(CopyDataSender target, long wParam, long lParam, Duration timeout) {
        return target.sendMessage(id, wParam, lParam, timeout);
    }

    /**
     * Win32: {@code PostMessageW(hwnd, id, wParam, lParam)}.
     *
     * @param target the window
     * @param wParam WPARAM
     * @param lParam LPARAM
     */
    public void post(CopyDataSender target, long wParam, long lParam) {
        target.postMessage(id, wParam, lParam);
    }

    /**
     * Win32: {@code PostMessageW(HWND_BROADCAST, id, wParam, lParam)}: every top-level window gets it,
     * hidden ones included; message-only windows do not.
     *
     * @param wParam WPARAM
     * @param lParam LPARAM
     */
    public void broadcast(long wParam, long lParam) {
        CopyDataPlatform.backends(name, "broadcast").broadcast(id, wParam, lParam);
    }

    @Override
    public String toString() {
        return "RegisteredMessage[" + name + " = 0x" + Integer.toHexString(id) + "]";
    }
}
