package org.ipctoolkit.copydata;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hidden window that receives {@code WM_COPYDATA} (and registered messages), found by other
 * programs by its class and title: the receiving end of the source documents' window-message IPC.
 * Its message loop runs on its own thread ({@code ipc-copydata-window-TITLE}), which calls the
 * {@link Handler} for each {@code WM_COPYDATA}; the sender's {@code SendMessage} returns the
 * handler's result, so the sender knows the data was read.
 *
 * <ul>
 *   <li>By default the window is <b>message-only</b> ({@code HWND_MESSAGE} parent): invisible, found by
 *       {@code FindWindowEx}, but not reached by broadcasts. {@link Options#hiddenTopLevel()} makes a
 *       hidden top-level window instead, which {@link RegisteredMessage#broadcast} reaches (under Wine it
 *       needs an X server).</li>
 *   <li>A handler that throws is logged; the sender gets 0 and the window keeps working.</li>
 *   <li>The bytes a handler receives are a copy: {@code lpData} is valid only during the message.</li>
 *   <li>{@link #close()} destroys the window ({@code DestroyWindow}) and ends the thread.</li>
 * </ul>
 * On Linux the window is a Unix domain stream socket in a per-user 0700 directory, named by class and
 * title, with the same semantics (see the package {@code org.ipctoolkit.copydata.linux}).
 */
public final class CopyDataWindow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CopyDataWindow.class);

    /** What the window does with {@code WM_COPYDATA}, on its thread. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param senderWindow the sender's window handle (the message's WPARAM), 0 if it gave none
         * @param dwData       the {@code COPYDATASTRUCT.dwData} value
         * @param data         the bytes ({@code lpData}, {@code cbData} long), a copy the handler may keep
         * @return the {@code LRESULT} the sender's {@code SendMessage} returns
         * @throws Exception anything: it is logged and the sender gets 0
         */
        long onCopyData(long senderWindow, long dwData, byte[] data) throws Exception;
    }

    /** What the window does with one registered message, on its thread. */
    @FunctionalInterface
    public interface MessageListener {
        /**
         * @param wParam the message's WPARAM
         * @param lParam the message's LPARAM
         * @return the {@code LRESULT} (a sender's {@code SendMessage} returns it; a post ignores it)
         * @throws Exception anything: it is logged and the result is 0
         */
        long onMessage(long wParam, long lParam) throws Exception;
    }

    /** How the window is made. Immutable. */
    public static final class Options {
        /** A message-only window that accepts messages from its own integrity level and above only. */
        public static final Options DEFAULT = new Options(true, false);

        private final boolean messageOnly;
        private final boolean allowLowerIntegrity;

        private Options(boolean messageOnly, boolean allowLowerIntegrity) {
            this.messageOnly = messageOnly;
            this.allowLowerIntegrity = allowLowerIntegrity;
        }

        /** @return these options with a hidden top-level window (reached by broadcasts) instead of a message-only one */
        public Options hiddenTopLevel() {
            return new Options(false, allowLowerIntegrity);
        }

        /**
         * @return these options accepting {@code WM_COPYDATA} and the registered messages from
         *         lower-integrity processes ({@code ChangeWindowMessageFilterEx(MSGFLT_ALLOW)})
         */
        public Options allowLowerIntegrity() {
            return new Options(messageOnly, true);
        }

        /** @return true for a message-only window */
        public boolean messageOnly() {
            return messageOnly;
        }

        /** @return true if lower-integrity senders are let through */
        public boolean lowerIntegrityAllowed() {
            return allowLowerIntegrity;
        }
    }

    private final String className;
    private final String title;
    private final Handler handler;
    private final Map<Integer, MessageListener> listeners = new ConcurrentHashMap<>();
    private final WindowBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CopyDataWindow(String className, String title, Handler handler, Options options) {
        this.className = className;
        this.title = title;
        this.handler = handler;
        this.backend = CopyDataPlatform.backends(CopyDataPlatform.describe(className, title), "create")
                .createWindow(className, title, options.messageOnly, options.allowLowerIntegrity,
                        "ipc-copydata-window-" + title, new Callbacks());
    }

    /**
     * Creates a message-only window and starts its message loop. Win32: {@code RegisterClassExW},
     * {@code CreateWindowExW(0, className, title, 0, 0, 0, 0, 0, HWND_MESSAGE, ...)}, {@code GetMessageW}
     * / {@code DispatchMessageW} on the window's thread.
     *
     * @param className the window class (1 to 256 characters)
     * @param title     the window title (0 to 1,000 characters)
     * @param handler   called for each {@code WM_COPYDATA}
     * @return the window, already findable
     * @throws IpcInvalidArgumentException if the class or title is not allowed
     * @throws IpcException                for any failure of the system
     */
    public static CopyDataWindow create(String className, String title, Handler handler) {
        return create(className, title, handler, Options.DEFAULT);
    }

    /**
     * Creates a window with {@link Options}. Otherwise as {@link #create(String, String, Handler)}.
     *
     * @param className the window class
     * @param title     the window title
     * @param handler   called for each {@code WM_COPYDATA}
     * @param options   message-only or hidden top-level, lower-integrity senders
     * @return the window
     */
    public static CopyDataWindow create(String className, String title, Handler handler, Options options) {
        Names.check(className, title, "create");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return new CopyDataWindow(className, title, handler, options);
    }

    /** @return true if windows work on this platform (the backend's probe succeeded) */
    public static boolean isAvailable() {
        return CopyDataPlatform.availability().isAvailable();
    }

    /** @return why windows do not work here, or null if they do */
    public static Throwable unavailabilityCause() {
        return CopyDataPlatform.availability().unavailabilityCause();
    }

    /** @return the window's handle: its {@code HWND} (on Linux, the library's window id), to pass as a sender */
    public long handle() {
        return backend.handle();
    }

    /** @return the window class */
    public String className() {
        return className;
    }

    /** @return the window title */
    public String title() {
        return title;
    }

    /**
     * Receives a registered message: its listener is called on the window's thread each time the
     * message arrives (sent, posted, or broadcast to a hidden top-level window). One listener per
     * message; a second replaces the first.
     *
     * @param message  the registered message
     * @param listener what to do with it
     */
    public void onMessage(RegisteredMessage message, MessageListener listener) {
        listeners.put(message.id(), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Destroys the window and ends its thread (Win32: {@code DestroyWindow}, then the loop's
     * {@code WM_QUIT}). Senders still waiting get an error. Closing twice does nothing; called from a
     * handler, it does not wait for the thread.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "CopyDataWindow[" + CopyDataPlatform.describe(className, title) + "]";
    }

    private final class Callbacks implements WindowCallbacks {
        @Override
        public long onCopyData(long senderWindow, long dwData, byte[] data) {
            try {
                return handler.onCopyData(senderWindow, dwData, data);
            } catch (Exception | LinkageError e) {
                LOG.warn("the WM_COPYDATA handler of {} failed on {} bytes (dwData {}); the sender gets 0",
                        CopyDataWindow.this, data.length, dwData, e);
                return 0;
            }
        }

        @Override
        public long onMessage(int message, long wParam, long lParam) {
            MessageListener l = listeners.get(message);
            if (l == null) {
                return 0;
            }
            try {
                return l.onMessage(wParam, lParam);
            } catch (Exception | LinkageError e) {
                LOG.warn("the listener of registered message 0x{} of {} failed; the result is 0",
                        Integer.toHexString(message), CopyDataWindow.this, e);
                return 0;
            }
        }
    }
}
