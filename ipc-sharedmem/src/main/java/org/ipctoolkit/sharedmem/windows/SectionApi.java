package org.ipctoolkit.sharedmem.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The ntdll functions that tell the size of an existing file mapping (section), which no kernel32
 * function does ({@code VirtualQuery} on a view only gives whole pages).
 */
interface SectionApi extends StdCallLibrary {
    /** ntdll. */
    SectionApi NTDLL = Native.load("ntdll", SectionApi.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code SectionBasicInformation}: fills a {@code SECTION_BASIC_INFORMATION}. */
    int SECTION_BASIC_INFORMATION_CLASS = 0;

    /**
     * Queries a section object. The handle needs {@code SECTION_QUERY} access.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/devnotes/ntquerysection">NtQuerySection</a>.
     *
     * @param SectionHandle            a handle to the section (file mapping)
     * @param SectionInformationClass  {@link #SECTION_BASIC_INFORMATION_CLASS}
     * @param SectionInformation       receives the information
     * @param SectionInformationLength the buffer's length
     * @param ResultLength             receives the length written, may be null
     * @return an NTSTATUS: 0 on success
     */
    int NtQuerySection(HANDLE SectionHandle, int SectionInformationClass, Pointer SectionInformation,
                       SIZE_T SectionInformationLength, Pointer ResultLength);

    /**
     * Converts an NTSTATUS to the Win32 error code it corresponds to.
     * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winternl/nf-winternl-rtlntstatustodoserror">RtlNtStatusToDosError</a>.
     *
     * @param Status the NTSTATUS
     * @return the Win32 error code
     */
    int RtlNtStatusToDosError(int Status);
}
