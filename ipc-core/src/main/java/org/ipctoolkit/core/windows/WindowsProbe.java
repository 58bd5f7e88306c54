package org.ipctoolkit.core.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcException;

/**
 * The real probe of the Windows backends: the kernel object calls work in this process (kernel32
 * loads through JNA, and the kernel makes and closes an object).
 */
public final class WindowsProbe {
    private WindowsProbe() {
    }

    /**
     * {@code CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 1, NULL)} then
     * {@code CloseHandle}: a one-byte unnamed mapping, which touches no name any program could see.
     *
     * @throws IpcException       if the kernel refuses
     * @throws UnsatisfiedLinkError if kernel32 or JNA's native part cannot be loaded
     */
    public static void fileMapping() {
        HANDLE h = Win32.KERNEL32.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, WinNT.PAGE_READWRITE,
                0, 1, null);
        if (h == null) {
            throw Win32Errors.lastFailure("probe", null, "CreateFileMappingW");
        }
        Win32.KERNEL32.CloseHandle(h);
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
