package org.ipctoolkit.sharedmem.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernel32 function jna-platform declares too narrowly: its {@code MapViewOfFile} takes the
 * byte count as an {@code int}; the SDK's is a {@code SIZE_T}.
 */
interface MappingApi extends StdCallLibrary {
    /** kernel32, loaded with the Unicode options whatever {@code w32.ascii} says. */
    MappingApi KERNEL32 = Native.load("kernel32", MappingApi.class, W32APIOptions.UNICODE_OPTIONS);

    /**
     * Maps a view of a file mapping into the address space of the calling process.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/memoryapi/nf-memoryapi-mapviewoffile">MapViewOfFile</a>.
     *
     * @param hFileMappingObject    a handle to the file mapping object
     * @param dwDesiredAccess       {@code FILE_MAP_READ}, {@code FILE_MAP_ALL_ACCESS}, ...
     * @param dwFileOffsetHigh      high-order 32 bits of the view's offset
     * @param dwFileOffsetLow       low-order 32 bits of the view's offset
     * @param dwNumberOfBytesToMap  bytes to map; 0 maps the whole mapping
     * @return the view's start address, or null on failure ({@code GetLastError} says why)
     */
    Pointer MapViewOfFile(HANDLE hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
                          int dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap);
}
