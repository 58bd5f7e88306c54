package org.ipctoolkit.sharedmem.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernelbase functions that work with placeholders (Windows 10 version 1803 and later): an
 * address range reserved so that a view can be unmapped from it and private memory put in its place
 * without any other allocation taking the range in between. None of them is in jna-platform.
 * A missing function throws {@link UnsatisfiedLinkError} when called; Wine 8 has all three but
 * refuses {@link #MEM_RESERVE_PLACEHOLDER} ({@code ERROR_INVALID_PARAMETER}).
 */
interface PlaceholderApi extends StdCallLibrary {
    /** kernelbase, loaded with the Unicode options whatever {@code w32.ascii} says. */
    PlaceholderApi KERNELBASE = Native.load("kernelbase", PlaceholderApi.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code MEM_COMMIT}. */
    int MEM_COMMIT = 0x1000;
    /** {@code MEM_RESERVE}. */
    int MEM_RESERVE = 0x2000;
    /** {@code MEM_RELEASE} ({@code VirtualFree}). */
    int MEM_RELEASE = 0x8000;
    /** {@code MEM_REPLACE_PLACEHOLDER}: the call fills a placeholder exactly. */
    int MEM_REPLACE_PLACEHOLDER = 0x4000;
    /** {@code MEM_RESERVE_PLACEHOLDER}: {@code VirtualAlloc2} reserves a placeholder. */
    int MEM_RESERVE_PLACEHOLDER = 0x40000;
    /** {@code MEM_PRESERVE_PLACEHOLDER}: unmapping or freeing leaves a placeholder behind. */
    int MEM_PRESERVE_PLACEHOLDER = 0x2;
    /** {@code PAGE_NOACCESS}. */
    int PAGE_NOACCESS = 0x01;
    /** {@code PAGE_READONLY}. */
    int PAGE_READONLY = 0x02;
    /** {@code PAGE_READWRITE}. */
    int PAGE_READWRITE = 0x04;

    /**
     * Reserves, commits or replaces a range of memory in a process.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/memoryapi/nf-memoryapi-virtualalloc2">VirtualAlloc2</a>.
     *
     * @param Process            the process, or null for the calling process
     * @param BaseAddress        where, or null to let the system choose
     * @param Size               bytes
     * @param AllocationType     {@code MEM_RESERVE}, {@code MEM_COMMIT}, {@code MEM_RESERVE_PLACEHOLDER},
     *                           {@code MEM_REPLACE_PLACEHOLDER}
     * @param PageProtection     {@code PAGE_NOACCESS}, {@code PAGE_READWRITE}, ...
     * @param ExtendedParameters {@code MEM_EXTENDED_PARAMETER} array, or null
     * @param ParameterCount     its length
     * @return the base address, or null on failure ({@code GetLastError} says why)
     */
    Pointer VirtualAlloc2(HANDLE Process, Pointer BaseAddress, SIZE_T Size, int AllocationType, int PageProtection,
                          Pointer ExtendedParameters, int ParameterCount);

    /**
     * Maps a view of a file mapping, here into a placeholder.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/memoryapi/nf-memoryapi-mapviewoffile3">MapViewOfFile3</a>.
     *
     * @param FileMapping        the file mapping
     * @param Process            the process to map into
     * @param BaseAddress        the placeholder's address, or null
     * @param Offset             offset in the mapping
     * @param ViewSize           bytes to map
     * @param AllocationType     0 or {@code MEM_REPLACE_PLACEHOLDER}
     * @param PageProtection     {@code PAGE_READONLY}, {@code PAGE_READWRITE}
     * @param ExtendedParameters {@code MEM_EXTENDED_PARAMETER} array, or null
     * @param ParameterCount     its length
     * @return the view's address, or null on failure ({@code GetLastError} says why)
     */
    Pointer MapViewOfFile3(HANDLE FileMapping, HANDLE Process, Pointer BaseAddress, long Offset, SIZE_T ViewSize,
                           int AllocationType, int PageProtection, Pointer ExtendedParameters, int ParameterCount);

    /**
     * Unmaps a view, with {@code MEM_PRESERVE_PLACEHOLDER} leaving the placeholder it was mapped into.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/memoryapi/nf-memoryapi-unmapviewoffile2">UnmapViewOfFile2</a>.
     *
     * @param Process     the process
     * @param BaseAddress the view's address
     * @param UnmapFlags  0 or {@code MEM_PRESERVE_PLACEHOLDER}
     * @return true on success; false on failure ({@code GetLastError} says why)
     */
    boolean UnmapViewOfFile2(HANDLE Process, Pointer BaseAddress, int UnmapFlags);
}
