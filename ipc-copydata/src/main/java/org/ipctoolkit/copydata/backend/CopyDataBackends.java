package org.ipctoolkit.copydata.backend;

import org.ipctoolkit.core.Availability;

/**
 * One platform's windows and window messages. The module's one platform switch
 * ({@code CopyDataPlatform}) picks {@code org.ipctoolkit.copydata.windows.WindowsCopyDataBackends.load()}
 * or {@code org.ipctoolkit.copydata.linux.LinuxCopyDataBackends.load()}; {@code load()} never throws:
 * it runs the backend's real probe and reports it through {@link #availability()}.
 *
 * <p>The API checks every argument (class and title, payload size, timeouts, message ids) and the
 * availability before calling any method here. A handler's exception never reaches a backend: the
 * API's callbacks log it and answer 0.
 */
public interface CopyDataBackends {
    /**
     * How windows are named in messages and exceptions, by the API and every backend.
     *
     * @param className a window class, or null for any
     * @param title     a title, or null for any
     * @return {@code class "C", title "T"} ({@code (any)} for null)
     */
    static String describe(String className, String title) {
        return "class " + (className == null ? "(any)" : "\"" + className + "\"") + ", title "
                + (title == null ? "(any)" : "\"" + title + "\"");
    }

    /** @return whether this backend works here (its probe's outcome) */
    Availability availability();

    /**
     * {@code RegisterClassExW} (once per class name in the process) + {@code CreateWindowExW}, and a
     * message loop ({@code GetMessageW}/{@code DispatchMessageW}) on a new thread named
     * {@code threadName}, which calls {@code callbacks} for {@code WM_COPYDATA} and registered messages.
     * Returns when the window exists and can be found.
     *
     * @param className           the window class
     * @param title               the window title
     * @param messageOnly         a message-only window ({@code HWND_MESSAGE} parent) if true, else a hidden top-level one
     * @param allowLowerIntegrity {@code ChangeWindowMessageFilterEx(MSGFLT_ALLOW)} for {@code WM_COPYDATA} and the registered messages
     * @param threadName          the name of the message-loop thread
     * @param callbacks           what the window's procedure calls, on the loop thread
     * @return the window
     */
    WindowBackend createWindow(String className, String title, boolean messageOnly, boolean allowLowerIntegrity,
                               String threadName, WindowCallbacks callbacks);

    /**
     * {@code FindWindowExW}: the first window with that class and title, message-only windows
     * ({@code HWND_MESSAGE} as parent) included.
     *
     * @param className the class, or null for any
     * @param title     the title, or null for any
     * @return the target, or null if no window matches
     */
    TargetBackend find(String className, String title);

    /**
     * {@code RegisterWindowMessageW}: the same name gives the same id in every process of the session.
     *
     * @param name the message's name
     * @return its id, {@code 0xC000} to {@code 0xFFFF}
     */
    int registerMessage(String name);

    /**
     * {@code PostMessageW(HWND_BROADCAST, ...)}: the message goes to every top-level window (on Linux:
     * every window of the library that receives it); returns without waiting.
     *
     * @param message a registered message's id
     * @param wParam  its WPARAM
     * @param lParam  its LPARAM
     */
    void broadcast(int message, long wParam, long lParam);
}
