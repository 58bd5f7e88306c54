package org.ipctoolkit.copydata.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef.HINSTANCE;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinUser.MSG;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Win32 window and its message loop, on a thread of its own.
 *
 * <h2>Life</h2>
 * The thread registers the class if this process has not ({@code RegisterClassExW}, counted per class
 * name: {@code UnregisterClassW} when the last window of the class is gone), creates the window
 * ({@code CreateWindowExW}, with {@code HWND_MESSAGE} as parent for a message-only window), lets
 * {@code WM_COPYDATA} through the message filter if asked ({@code ChangeWindowMessageFilterEx}), tells
 * the creator, and runs {@code GetMessageW} / {@code TranslateMessage} / {@code DispatchMessageW} until
 * {@code WM_QUIT}. {@link #close()} posts a private message ({@code WM_APP + 0x1CD}, obeyed only once
 * {@code close} was called, so no other program can close the window), on which the loop thread calls
 * {@code DestroyWindow}; {@code WM_DESTROY} posts {@code WM_QUIT}.
 *
 * <h2>The window procedure</h2>
 * One {@link WindowApi.WNDPROC} for every class of this backend, held by a static field (the system
 * keeps only its address). It finds the window by its {@code HWND} (the window being created is
 * recorded on {@code WM_NCCREATE}, its first message), copies {@code WM_COPYDATA}'s bytes out of
 * {@code lpData} before it returns, passes registered messages ({@code 0xC000}..{@code 0xFFFF}) on, and
 * gives every other message to {@code DefWindowProcW}.
 */
final class WindowsWindow implements WindowBackend {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsWindow.class);
    private static final WindowApi U = WindowApi.USER32;
    /** The private message of {@link #close()}. */
    private static final int WM_CLOSE_WINDOW = WindowApi.WM_APP + 0x1CD;
    private static final Map<Pointer, WindowsWindow> WINDOWS = new ConcurrentHashMap<>();
    /** Guarded by itself: how many live windows each class registered by this backend has. */
    private static final Map<String, Integer> CLASSES = new HashMap<>();
    private static final int MAX_GET_MESSAGE_FAILURES = 100;
    private static final ThreadLocal<WindowsWindow> CREATING = new ThreadLocal<>();
    /**
     * The loop thread's stack: the largest payload and 16 MiB more. Wine 8 hands a message sent from
     * another process to the window procedure on the receiving thread's stack, so a cross-process
     * {@code WM_COPYDATA} larger than the stack is lost there (a JVM thread's default 1 MiB stack
     * limited it to about 500 KB). Only address space is reserved; pages are committed as used.
     */
    private static final long LOOP_STACK_BYTES = (long) CopyDataSender.MAXIMUM_PAYLOAD + (16 << 20);
    /** How long {@link #create} waits for the loop thread's {@code CreateWindowExW}. */
    private static final long CREATE_WAIT_SECONDS = 60;
    /** The one window procedure; strongly reachable for as long as the class may be used. */
    static final WindowApi.WNDPROC PROC = WindowsWindow::procedure;

    private final String className;
    private final String title;
    private final WindowCallbacks callbacks;
    private final CompletableFuture<HWND> created = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile HWND hwnd;
    private volatile Thread loopThread;

    private WindowsWindow(String className, String title, WindowCallbacks callbacks) {
        this.className = className;
        this.title = title;
        this.callbacks = callbacks;
    }

    /** See {@link WindowsCopyDataBackends#createWindow}. */
    static WindowsWindow create(String className, String title, boolean messageOnly, boolean allowLowerIntegrity,
                                String threadName, WindowCallbacks callbacks) {
        WindowsWindow w = new WindowsWindow(className, title, callbacks);
        Thread t = new Thread(null, () -> w.run(messageOnly, allowLowerIntegrity), threadName, LOOP_STACK_BYTES);
        t.setDaemon(true);
        w.loopThread = t;
        t.start();
        // the thread answers soon (it creates the window and nothing else first): wait uninterruptibly
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CREATE_WAIT_SECONDS);
        try {
            while (true) {
                try {
                    w.hwnd = w.created.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return w;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    throw new IpcException(WindowsCopyDataBackends.KIND, w.describe(), "CreateWindowExW", null,
                            "the window's thread did not finish creating it within " + CREATE_WAIT_SECONDS + " s");
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String describe() {
        return CopyDataBackends.describe(className, title);
    }

    private void run(boolean messageOnly, boolean allowLowerIntegrity) {
        HINSTANCE module = Win32.KERNEL32.GetModuleHandle(null);
        HWND h;
        try {
            registerClass(module);
            CREATING.set(this);
            try {
                h = U.CreateWindowExW(0, new WString(className), new WString(title), 0, 0, 0, 0, 0,
                        messageOnly ? WindowApi.HWND_MESSAGE : null, null, module, null);
                if (h == null) {
                    IpcException e = Win32Errors.lastFailure(WindowsCopyDataBackends.KIND, describe(), "CreateWindowExW");
                    unregisterClass(module);
                    throw e;
                }
            } finally {
                CREATING.remove();
            }
            hwnd = h;
            WINDOWS.put(h.getPointer(), this);
            if (allowLowerIntegrity) {
                allow(h, WindowApi.WM_COPYDATA);
                allow(h, WindowApi.WM_COPYGLOBALDATA);
            }
        } catch (RuntimeException | Error e) {
            created.completeExceptionally(e);
            return;
        }
        created.complete(h);
        MSG msg = new MSG();
        int failures = 0;
        try {
            while (true) {
                int r = U.GetMessageW(msg, null, 0, 0);
                if (r == 0) {
                    break;
                }
                if (r == -1) {
                    // Wine 8 fails GetMessageW once for a cross-process WM_COPYDATA of about 2 MB or more and
                    // drops that message: go on; give up only if it keeps failing
                    int code = Native.getLastError();
                    if (++failures >= MAX_GET_MESSAGE_FAILURES) {
                        LOG.error("GetMessageW failed {} times in a row for the window {}: {}; the window is closed",
                                failures, describe(), Win32Errors.describe(code));
                        U.DestroyWindow(h);
                        break;
                    }
                    LOG.warn("GetMessageW failed for the window {}: {}; a message was lost", describe(), Win32Errors.describe(code));
                    continue;
                }
                failures = 0;
                U.TranslateMessage(msg);
                U.DispatchMessageW(msg);
            }
        } finally {
            WINDOWS.remove(h.getPointer());
            unregisterClass(module);
        }
    }

    private void allow(HWND h, int message) {
        try {
            if (!U.ChangeWindowMessageFilterEx(h, message, WindowApi.MSGFLT_ALLOW, null)) {
                LOG.warn("ChangeWindowMessageFilterEx(0x{}, MSGFLT_ALLOW) failed for {}: {}", Integer.toHexString(message),
                        describe(), Win32Errors.describe(Native.getLastError()));
            }
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("this system has no ChangeWindowMessageFilterEx (before Windows 7): no message filter to change", e);
        }
    }

    private void registerClass(HINSTANCE module) {
        synchronized (CLASSES) {
            Integer n = CLASSES.get(className);
            if (n != null) {
                CLASSES.put(className, n + 1);
                return;
            }
            WindowApi.WNDCLASSEXW wc = new WindowApi.WNDCLASSEXW();
            wc.lpfnWndProc = PROC;
            wc.hInstance = module;
            wc.lpszClassName = new WString(className);
            if (U.RegisterClassExW(wc) == 0) {
                int code = Native.getLastError();
                throw Win32Errors.failure(WindowsCopyDataBackends.KIND, describe(), "RegisterClassExW", code,
                        code == WindowApi.ERROR_CLASS_ALREADY_EXISTS
                                ? "another part of this process registered this window class with its own window procedure"
                                : null);
            }
            CLASSES.put(className, 1);
        }
    }

    private void unregisterClass(HINSTANCE module) {
        synchronized (CLASSES) {
            int n = CLASSES.getOrDefault(className, 0);
            if (n > 1) {
                CLASSES.put(className, n - 1);
            } else if (n == 1) {
                CLASSES.remove(className);
                if (!U.UnregisterClassW(new WString(className), module)) {
                    LOG.debug("UnregisterClassW of {} failed: {}", className, Win32Errors.describe(Native.getLastError()));
                }
            }
        }
    }

    private static LRESULT procedure(HWND hwnd, int uMsg, WPARAM wParam, LPARAM lParam) {
        WindowsWindow w = hwnd == null ? null : WINDOWS.get(hwnd.getPointer());
        if (w == null && uMsg == WindowApi.WM_NCCREATE) {
            w = CREATING.get();
            if (w != null) {
                WINDOWS.put(hwnd.getPointer(), w);
            }
        }
        if (w != null) {
            try {
                if (uMsg == WindowApi.WM_COPYDATA) {
                    return new LRESULT(w.copyData(wParam, lParam));
                }
                if (uMsg >= WindowApi.FIRST_REGISTERED && uMsg <= WindowApi.LAST_REGISTERED) {
                    return new LRESULT(w.callbacks.onMessage(uMsg, wParam.longValue(), lParam.longValue()));
                }
                if (uMsg == WM_CLOSE_WINDOW && w.closing.get()) {
                    U.DestroyWindow(hwnd);
                    return new LRESULT(0);
                }
                if (uMsg == WindowApi.WM_DESTROY) {
                    U.PostQuitMessage(0);
                    return new LRESULT(0);
                }
                if (uMsg != WindowApi.WM_NCCREATE) {
                    Long handled = w.callbacks.onSystemMessage(uMsg, wParam.longValue(), lParam.longValue());
                    if (handled != null) {
                        return new LRESULT(handled);
                    }
                }
            } catch (RuntimeException | Error e) {
                LOG.error("the window procedure of {} failed on message 0x{}; the result is 0", w.describe(),
                        Integer.toHexString(uMsg), e);
                return new LRESULT(0);
            }
        }
        return U.DefWindowProcW(hwnd, uMsg, wParam, lParam);
    }

    /** WM_COPYDATA: reads the COPYDATASTRUCT at lParam and copies its bytes. */
    private long copyData(WPARAM wParam, LPARAM lParam) {
        long address = lParam.longValue();
        if (address == 0) {
            LOG.warn("WM_COPYDATA to {} without a COPYDATASTRUCT; the result is 0", describe());
            return 0;
        }
        Pointer cds = new Pointer(address);
        long dwData = CopyDataStruct.dwData(cds);
        int cbData = CopyDataStruct.cbData(cds);
        Pointer lpData = CopyDataStruct.lpData(cds);
        byte[] data = cbData == 0 || lpData == null ? new byte[0] : lpData.getByteArray(0, cbData);
        return callbacks.onCopyData(wParam.longValue(), dwData, data);
    }

    @Override
    public long handle() {
        return Pointer.nativeValue(hwnd.getPointer());
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (!U.PostMessageW(hwnd, WM_CLOSE_WINDOW, new WPARAM(0), new LPARAM(0))) {
            LOG.warn("PostMessageW of the close message to {} failed: {}", describe(),
                    Win32Errors.describe(Native.getLastError()));
        }
        WindowBackend.awaitLoopEnd(loopThread);
    }

    @Override
    public String toString() {
        return "WindowsWindow[" + describe() + ", hwnd 0x" + Long.toHexString(handle()) + "]";
    }
}
