package org.ipctoolkit.core.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcException;

/**
 * The real probe of the Windows backends: the kernel object calls work in this process (kernel32
 * loads through JNA, and the kernel makes and closes an object).
 */
public final class WindowsProbe {
    private WindowsProbe() {
    }

    /** The two kernel32 functions the probe calls, bound with the Unicode options. */
    interface ProbeApi extends StdCallLibrary {
        /** kernel32, loaded with the Unicode options whatever {@code w32.ascii} says. */
        ProbeApi KERNEL32 = Native.load("kernel32", ProbeApi.class, W32APIOptions.UNICODE_OPTIONS);

        /**
         * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createfilemappingw">CreateFileMappingW</a>.
         *
         * @param hFile                    {@code INVALID_HANDLE_VALUE}: backed by the paging file
         * @param lpFileMappingAttributes  null
         * @param flProtect                {@code PAGE_READWRITE}
         * @param dwMaximumSizeHigh        high 32 bits of the size
         * @param dwMaximumSizeLow         low 32 bits of the size
         * @param lpName                   null: unnamed
         * @return the handle, or null on failure ({@code GetLastError} says why)
         */
        HANDLE CreateFileMapping(HANDLE hFile, Pointer lpFileMappingAttributes, int flProtect,
                                 int dwMaximumSizeHigh, int dwMaximumSizeLow, String lpName);

        /**
         * <a href="https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle">CloseHandle</a>.
         *
         * @param hObject the handle
         * @return false on failure
         */
        boolean CloseHandle(HANDLE hObject);
    }

    /**
     * {@code CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 1, NULL)} then
     * {@code CloseHandle}: a one-byte unnamed mapping, which touches no name any program could see.
     *
     * @throws IpcException       if the kernel refuses
     * @throws UnsatisfiedLinkError if kernel32 or JNA's native part cannot be loaded
     */
    public static void fileMapping() {
        HANDLE h = ProbeApi.KERNEL32.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, WinNT.PAGE_READWRITE,
                0, 1, null);
        if (h == null) {
            throw Win32Errors.lastFailure("probe", null, "CreateFileMappingW");
        }
        ProbeApi.KERNEL32.CloseHandle(h);
    }

    /**
     * Runs {@link #fileMapping()} once, for a module's platform switch.
     *
     * @return the outcome
     */
    public static Availability probeFileMapping() {
        return Availability.probe(WindowsProbe::fileMapping);
    }
}
