package org.ipctoolkit.copydata.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef.HINSTANCE;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinUser.MSG;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The user32 window and message functions this backend calls, declared here rather than taken from
 * jna-platform's {@code User32} (whose {@code PostMessage} returns {@code void}, whose
 * {@code SendMessageTimeout} result is a 32-bit {@code DWORD} instead of a {@code DWORD_PTR}, and
 * which lacks {@code ChangeWindowMessageFilterEx}), loaded with {@link W32APIOptions#UNICODE_OPTIONS}:
 * every name and title is passed as UTF-16 whatever {@code w32.ascii} says. Parameter names are the
 * SDK's. Read {@code GetLastError} with {@link Native#getLastError()} right after a failing call.
 */
public interface WindowApi extends StdCallLibrary {
    /** user32, Unicode functions. */
    WindowApi USER32 = Native.load("user32", WindowApi.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code WM_DESTROY}. */
    int WM_DESTROY = 0x0002;
    /** {@code WM_NCCREATE}: the first message a new window gets. */
    int WM_NCCREATE = 0x0081;
    /** {@code WM_COPYDATA}: WPARAM the sender's window, LPARAM a {@code COPYDATASTRUCT*}. */
    int WM_COPYDATA = 0x004A;
    /** {@code WM_COPYGLOBALDATA}: what some Windows versions also need let through for WM_COPYDATA across integrity levels. */
    int WM_COPYGLOBALDATA = 0x0049;
    /** {@code WM_APP}: the first private message id. */
    int WM_APP = 0x8000;
    /** The first id {@code RegisterWindowMessageW} gives. */
    int FIRST_REGISTERED = 0xC000;
    /** The last id {@code RegisterWindowMessageW} gives. */
    int LAST_REGISTERED = 0xFFFF;

    /** {@code SMTO_ABORTIFHUNG}: return at once if the receiver is hung. */
    int SMTO_ABORTIFHUNG = 0x0002;
    /** {@code SMTO_ERRORONEXIT}: return 0 if the receiving thread ends before it answers. */
    int SMTO_ERRORONEXIT = 0x0020;
    /** {@code MSGFLT_ALLOW} for {@code ChangeWindowMessageFilterEx}. */
    int MSGFLT_ALLOW = 1;

    /** {@code ERROR_TIMEOUT} (1460): {@code SendMessageTimeoutW} timed out. */
    int ERROR_TIMEOUT = 1460;
    /** {@code ERROR_INVALID_WINDOW_HANDLE} (1400): the window does not exist. */
    int ERROR_INVALID_WINDOW_HANDLE = 1400;
    /** {@code ERROR_CLASS_ALREADY_EXISTS} (1410). */
    int ERROR_CLASS_ALREADY_EXISTS = 1410;
    /** {@code ERROR_CLASS_HAS_WINDOWS} (1412): {@code UnregisterClassW} while windows of the class exist. */
    int ERROR_CLASS_HAS_WINDOWS = 1412;

    /**
     * {@code HWND_MESSAGE}, {@code (HWND) -3}: built from a long, as {@code Pointer.createConstant(int)}
     * zero-extends on 64-bit (jna-platform's constant is {@code 0xfffffffd}, which CreateWindowExW refuses
     * with error 1400).
     */
    HWND HWND_MESSAGE = new HWND(Pointer.createConstant(-3L));
    /** {@code HWND_BROADCAST}, {@code (HWND) 0xffff}. */
    HWND HWND_BROADCAST = new HWND(Pointer.createConstant(0xffffL));

    /** A window procedure ({@code WNDPROC}). */
    interface WNDPROC extends StdCallCallback {
        /**
         * @param hwnd   the window
         * @param uMsg   the message
         * @param wParam its WPARAM
         * @param lParam its LPARAM
         * @return the message's result
         */
        LRESULT callback(HWND hwnd, int uMsg, WPARAM wParam, LPARAM lParam);
    }

    /** {@code WNDCLASSEXW}, with its strings as {@link WString} (UTF-16 whatever the type mapper). */
    @Structure.FieldOrder({"cbSize", "style", "lpfnWndProc", "cbClsExtra", "cbWndExtra", "hInstance", "hIcon",
            "hCursor", "hbrBackground", "lpszMenuName", "lpszClassName", "hIconSm"})
    final class WNDCLASSEXW extends Structure {
        /** The structure's size. */
        public int cbSize;
        /** Class styles. */
        public int style;
        /** The window procedure. */
        public WNDPROC lpfnWndProc;
        /** Extra class bytes. */
        public int cbClsExtra;
        /** Extra window bytes. */
        public int cbWndExtra;
        /** The module. */
        public HINSTANCE hInstance;
        /** Icon. */
        public Pointer hIcon;
        /** Cursor. */
        public Pointer hCursor;
        /** Background brush. */
        public Pointer hbrBackground;
        /** Menu resource name. */
        public WString lpszMenuName;
        /** The class name. */
        public WString lpszClassName;
        /** Small icon. */
        public Pointer hIconSm;

        /** An empty structure with its size set. */
        public WNDCLASSEXW() {
            cbSize = size();
        }
    }

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-registerclassexw">RegisterClassExW</a>.
     *
     * @param lpwcx the class
     * @return the class atom, or 0 on failure ({@link #ERROR_CLASS_ALREADY_EXISTS})
     */
    short RegisterClassExW(WNDCLASSEXW lpwcx);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-unregisterclassw">UnregisterClassW</a>.
     *
     * @param lpClassName the class name
     * @param hInstance   the module that registered it
     * @return false on failure
     */
    boolean UnregisterClassW(WString lpClassName, HINSTANCE hInstance);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-createwindowexw">CreateWindowExW</a>.
     *
     * @return the window, or null on failure
     */
    HWND CreateWindowExW(int dwExStyle, WString lpClassName, WString lpWindowName, int dwStyle, int x, int y,
                         int nWidth, int nHeight, HWND hWndParent, Pointer hMenu, HINSTANCE hInstance, Pointer lpParam);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-destroywindow">DestroyWindow</a>:
     * only from the window's own thread.
     *
     * @return false on failure
     */
    boolean DestroyWindow(HWND hWnd);

    /** <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-iswindow">IsWindow</a>. */
    boolean IsWindow(HWND hWnd);

    /** <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-defwindowprocw">DefWindowProcW</a>. */
    LRESULT DefWindowProcW(HWND hWnd, int Msg, WPARAM wParam, LPARAM lParam);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-getmessagew">GetMessageW</a>.
     *
     * @return nonzero for a message, 0 for {@code WM_QUIT}, -1 on failure
     */
    int GetMessageW(MSG lpMsg, HWND hWnd, int wMsgFilterMin, int wMsgFilterMax);

    /** <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-translatemessage">TranslateMessage</a>. */
    boolean TranslateMessage(MSG lpMsg);

    /** <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-dispatchmessagew">DispatchMessageW</a>. */
    LRESULT DispatchMessageW(MSG lpMsg);

    /** <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-postquitmessage">PostQuitMessage</a>. */
    void PostQuitMessage(int nExitCode);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-findwindowexw">FindWindowExW</a>.
     *
     * @param hWndParent     null for top-level windows, {@link #HWND_MESSAGE} for message-only ones
     * @param hWndChildAfter null to start at the first
     * @param lpszClass      the class, or null for any
     * @param lpszWindow     the title, or null for any
     * @return the window, or null if none matches
     */
    HWND FindWindowExW(HWND hWndParent, HWND hWndChildAfter, WString lpszClass, WString lpszWindow);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-sendmessagetimeoutw">SendMessageTimeoutW</a>.
     *
     * @param lpdwResult receives the {@code DWORD_PTR} result (pointer-sized)
     * @return nonzero on success; 0 on failure or timeout ({@link #ERROR_TIMEOUT})
     */
    LRESULT SendMessageTimeoutW(HWND hWnd, int Msg, WPARAM wParam, LPARAM lParam, int fuFlags, int uTimeout,
                                Pointer lpdwResult);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-postmessagew">PostMessageW</a>.
     *
     * @return false on failure
     */
    boolean PostMessageW(HWND hWnd, int Msg, WPARAM wParam, LPARAM lParam);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-registerwindowmessagew">RegisterWindowMessageW</a>.
     *
     * @return the id ({@code 0xC000} to {@code 0xFFFF}), or 0 on failure
     */
    int RegisterWindowMessageW(WString lpString);

    /**
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-changewindowmessagefilterex">ChangeWindowMessageFilterEx</a>
     * (Windows 7 and later).
     *
     * @param pChangeFilterStruct null
     * @return false on failure
     */
    boolean ChangeWindowMessageFilterEx(HWND hwnd, int message, int action, Pointer pChangeFilterStruct);
}
