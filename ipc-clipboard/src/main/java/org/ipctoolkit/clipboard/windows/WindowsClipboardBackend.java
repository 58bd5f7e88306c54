package org.ipctoolkit.clipboard.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.ipctoolkit.clipboard.ClipboardBusyException;
import org.ipctoolkit.clipboard.backend.ClipboardBackend;
import org.ipctoolkit.clipboard.backend.UnavailableClipboardBackend;
import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.copydata.windows.WindowsCopyDataBackends;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.windows.Win32Errors;

/**
 * The Win32 clipboard. Every operation opens the clipboard ({@code OpenClipboard}, tried again with
 * growing pauses until the caller's timeout while another program holds it), does its work, and
 * closes it in a {@code finally}. Writes open it with the backend's owner window, a hidden
 * message-only window of ipc-copydata on a thread of its own: {@code EmptyClipboard} makes the opener's
 * window the owner, {@code SetClipboardData} fails without one, and the owner must answer messages
 * other programs send it ({@code WM_DESTROYCLIPBOARD}). Data goes in {@code GlobalAlloc(GMEM_MOVEABLE)}
 * memory, which the system owns once {@code SetClipboardData} succeeds. A listener is another such
 * window, registered with {@code AddClipboardFormatListener}, whose thread calls back on each
 * {@code WM_CLIPBOARDUPDATE}.
 */
public final class WindowsClipboardBackend implements ClipboardBackend {
    private static final ClipboardApi U = ClipboardApi.USER32;
    private static final ClipboardApi.Global G = ClipboardApi.Global.KERNEL32;
    private static final String KIND = "clipboard";
    private static final String NAME = "CLIPBOARD";

    private final Availability availability;
    private final CopyDataBackends windows;
    private volatile WindowBackend owner;

    private WindowsClipboardBackend(Availability availability, CopyDataBackends windows) {
        this.availability = availability;
        this.windows = windows;
    }

    /**
     * The probe: user32's clipboard functions answer ({@code GetClipboardSequenceNumber},
     * {@code RegisterClipboardFormatW}) and windows can be made; never throws.
     *
     * @return the backend
     */
    public static ClipboardBackend load() {
        CopyDataBackends[] w = new CopyDataBackends[1];
        Availability a = Availability.probe(() -> {
            w[0] = WindowsCopyDataBackends.load();
            w[0].availability().ensureAvailable(KIND, NAME, "probe");
            if (U.RegisterClipboardFormatW(new WString("org.ipctoolkit.clipboard.probe")) == 0) {
                throw Win32Errors.lastFailure(KIND, NAME, "RegisterClipboardFormatW");
            }
            U.GetClipboardSequenceNumber();
        });
        return a.isAvailable() ? new WindowsClipboardBackend(a, w[0]) : new UnavailableClipboardBackend(a);
    }

    @Override
    public Availability availability() {
        return availability;
    }

    private HWND ownerWindow() {
        WindowBackend w = owner;
        if (w == null) {
            synchronized (this) {
                w = owner;
                if (w == null) {
                    w = windows.createWindow("IpcToolkitClipboardOwner", "pid " + ProcessHandle.current().pid(), true, false,
                            "ipc-clipboard-owner", new ClipboardWindowCallbacks(null));
                    owner = w;
                }
            }
        }
        return new HWND(new Pointer(w.handle()));
    }

    /** {@code OpenClipboard}, tried until the deadline; fails naming the holder. */
    private void open(HWND window, long timeoutMillis, String operation) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pause = 1;
        while (!U.OpenClipboard(window)) {
            int code = Native.getLastError();
            if (System.nanoTime() - deadline >= 0) {
                String holder = holder();
                throw new ClipboardBusyException(operation, code == 0 ? null : Win32Errors.describe(code),
                        "OpenClipboard kept failing for " + timeoutMillis + " ms: "
                                + (holder == null ? "another program held the clipboard" : holder + " held it"));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IpcException(KIND, NAME, operation, null, "interrupted while waiting for the clipboard");
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    private static void close() {
        U.CloseClipboard();
    }

    @Override
    public int registerFormat(String name) {
        int id = U.RegisterClipboardFormatW(new WString(name));
        if (id == 0) {
            throw Win32Errors.lastFailure("clipboard format", name, "RegisterClipboardFormatW");
        }
        return id;
    }

    @Override
    public String formatName(int format) {
        char[] buf = new char[256];
        int n = U.GetClipboardFormatNameW(format, buf, buf.length);
        return n <= 0 ? null : new String(buf, 0, n);
    }

    @Override
    public void write(Map<Integer, byte[]> formats, long timeoutMillis) {
        open(ownerWindow(), timeoutMillis, "OpenClipboard");
        try {
            if (!U.EmptyClipboard()) {
                throw Win32Errors.lastFailure(KIND, NAME, "EmptyClipboard");
            }
            for (Map.Entry<Integer, byte[]> e : formats.entrySet()) {
                byte[] data = e.getValue();
                HANDLE h = G.GlobalAlloc(ClipboardApi.Global.GMEM_MOVEABLE, Math.max(1, data.length));
                if (h == null) {
                    throw Win32Errors.lastFailure(KIND, NAME, "GlobalAlloc(" + data.length + " bytes)");
                }
                Pointer p = G.GlobalLock(h);
                if (p == null) {
                    IpcException x = Win32Errors.lastFailure(KIND, NAME, "GlobalLock");
                    G.GlobalFree(h);
                    throw x;
                }
                p.write(0, data, 0, data.length);
                G.GlobalUnlock(h);
                if (U.SetClipboardData(e.getKey(), h) == null) {
                    IpcException x = Win32Errors.lastFailure(KIND, NAME, "SetClipboardData(" + e.getKey() + ")");
                    G.GlobalFree(h);
                    throw x;
                }
            }
        } finally {
            close();
        }
    }

    @Override
    public byte[] read(int format, long timeoutMillis) {
        open(null, timeoutMillis, "OpenClipboard");
        try {
            if (!U.IsClipboardFormatAvailable(format)) {
                return null;
            }
            HANDLE h = U.GetClipboardData(format);
            if (h == null) {
                return null;
            }
            long size = G.GlobalSize(h);
            Pointer p = G.GlobalLock(h);
            if (p == null) {
                throw Win32Errors.lastFailure(KIND, NAME, "GlobalLock");
            }
            try {
                return p.getByteArray(0, (int) size);
            } finally {
                G.GlobalUnlock(h);
            }
        } finally {
            close();
        }
    }

    @Override
    public int[] formats(long timeoutMillis) {
        open(null, timeoutMillis, "OpenClipboard");
        try {
            List<Integer> list = new ArrayList<>();
            int f = 0;
            while ((f = U.EnumClipboardFormats(f)) != 0) {
                list.add(f);
            }
            return list.stream().mapToInt(Integer::intValue).toArray();
        } finally {
            close();
        }
    }

    @Override
    public void clear(long timeoutMillis) {
        open(ownerWindow(), timeoutMillis, "OpenClipboard");
        try {
            if (!U.EmptyClipboard()) {
                throw Win32Errors.lastFailure(KIND, NAME, "EmptyClipboard");
            }
        } finally {
            close();
        }
    }

    @Override
    public long sequenceNumber() {
        return Integer.toUnsignedLong(U.GetClipboardSequenceNumber());
    }

    @Override
    public AutoCloseable watch(LongConsumer onChange, String threadName) {
        WindowBackend w = windows.createWindow("IpcToolkitClipboardListener", threadName, true, false, threadName,
                new ClipboardWindowCallbacks(onChange));
        HWND hwnd = new HWND(new Pointer(w.handle()));
        if (!U.AddClipboardFormatListener(hwnd)) {
            IpcException e = Win32Errors.lastFailure(KIND, NAME, "AddClipboardFormatListener");
            w.close();
            throw e;
        }
        return () -> {
            U.RemoveClipboardFormatListener(hwnd);
            w.close();
        };
    }

    @Override
    public String holder() {
        HWND h = U.GetOpenClipboardWindow();
        if (h == null) {
            return null;
        }
        char[] cls = new char[256];
        int n = User32.INSTANCE.GetClassName(h, cls, cls.length);
        char[] title = new char[256];
        int t = User32.INSTANCE.GetWindowText(h, title, title.length);
        IntByReference pid = new IntByReference();
        User32.INSTANCE.GetWindowThreadProcessId(h, pid);
        return "the window 0x" + Long.toHexString(Pointer.nativeValue(h.getPointer())) + " (class \"" + new String(cls, 0, Math.max(0, n))
                + "\", title \"" + new String(title, 0, Math.max(0, t)) + "\", process " + pid.getValue() + ")";
    }

    /**
     * What the backend's windows do with messages: nothing with {@code WM_COPYDATA} and registered
     * messages; a listener's window calls back on {@code WM_CLIPBOARDUPDATE}.
     */
    private static final class ClipboardWindowCallbacks implements WindowCallbacks {
        private final LongConsumer onChange;

        /** @param onChange called with the sequence number on each update, or null for the owner window */
        ClipboardWindowCallbacks(LongConsumer onChange) {
            this.onChange = onChange;
        }

        @Override
        public long onCopyData(long senderWindow, long dwData, byte[] data) {
            return 0;
        }

        @Override
        public long onMessage(int message, long wParam, long lParam) {
            return 0;
        }

        @Override
        public Long onSystemMessage(int message, long wParam, long lParam) {
            if (onChange == null || message != ClipboardApi.WM_CLIPBOARDUPDATE) {
                return null;
            }
            onChange.accept(Integer.toUnsignedLong(U.GetClipboardSequenceNumber()));
            return 0L;
        }
    }
}
