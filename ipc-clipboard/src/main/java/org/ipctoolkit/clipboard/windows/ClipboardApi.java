package org.ipctoolkit.clipboard.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The clipboard functions jna-platform lacks ({@code OpenClipboard}, {@code SetClipboardData},
 * {@code AddClipboardFormatListener}, ... in user32; {@code GlobalAlloc}/{@code GlobalLock} in
 * kernel32), with the last error kept for {@code Native.getLastError()}.
 */
interface ClipboardApi extends StdCallLibrary {
    ClipboardApi USER32 = Native.load("user32", ClipboardApi.class, W32APIOptions.DEFAULT_OPTIONS);

    int WM_CLIPBOARDUPDATE = 0x031D;
    int ERROR_ACCESS_DENIED = 5;

    boolean OpenClipboard(HWND newOwner);

    boolean CloseClipboard();

    boolean EmptyClipboard();

    HANDLE SetClipboardData(int format, HANDLE memory);

    HANDLE GetClipboardData(int format);

    boolean IsClipboardFormatAvailable(int format);

    int EnumClipboardFormats(int format);

    int RegisterClipboardFormatW(WString name);

    int GetClipboardFormatNameW(int format, char[] name, int max);

    int GetClipboardSequenceNumber();

    HWND GetOpenClipboardWindow();

    boolean AddClipboardFormatListener(HWND window);

    boolean RemoveClipboardFormatListener(HWND window);

    /** kernel32's global memory, as the clipboard takes it. */
    interface Global extends StdCallLibrary {
        Global KERNEL32 = Native.load("kernel32", Global.class, W32APIOptions.DEFAULT_OPTIONS);

        int GMEM_MOVEABLE = 0x0002;

        HANDLE GlobalAlloc(int flags, long bytes);

        Pointer GlobalLock(HANDLE memory);

        boolean GlobalUnlock(HANDLE memory);

        long GlobalSize(HANDLE memory);

        HANDLE GlobalFree(HANDLE memory);
    }
}
