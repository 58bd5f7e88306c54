package org.ipctoolkit.sharedmem.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;

/**
 * Shared memory on Windows: a file mapping backed by the paging file
 * ({@code CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, ...)}), exactly what a
 * Delphi {@code TSharedMem} makes. The kernel keeps the object while a handle or a view exists.
 */
public final class WindowsSharedMemory implements SharedMemoryBackend {
    private static final String KIND = "shared memory";
    private static final Kernel32 K32 = Kernel32.INSTANCE;

    private final String name;
    private final HANDLE handle;
    private final long size;
    private final boolean created;
    private final boolean readOnly;

    private WindowsSharedMemory(String name, HANDLE handle, long size, boolean created, boolean readOnly) {
        this.name = name;
        this.handle = handle;
        this.size = size;
        this.created = created;
        this.readOnly = readOnly;
    }

    /**
     * {@code CreateFileMappingW}: creates the mapping, or with {@code mayExist} opens an existing one.
     *
     * @param name     its name
     * @param size     its size; an existing mapping must be at least this large
     * @param mayExist open an existing mapping instead of failing
     * @return the backend holding it
     */
    public static WindowsSharedMemory create(ObjectName name, long size, boolean mayExist) {
        String n = name.win32Name();
        HANDLE h = K32.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, WinNT.PAGE_READWRITE,
                (int) (size >>> 32), (int) size, n);
        int error = Native.getLastError();
        if (h == null) {
            throw Win32Errors.failure(KIND, n, "CreateFileMappingW", error, null);
        }
        boolean existed = error == WinError.ERROR_ALREADY_EXISTS;
        try {
            if (existed && !mayExist) {
                throw new IpcAlreadyExistsException(KIND, n, "CreateFileMappingW", Win32Errors.describe(error),
                        "a file mapping of this name exists");
            }
            long actual = existed ? querySize(h, n) : size;
            if (actual < size) {
                throw new IpcIncompatibleObjectException(KIND, n, "createOrOpen", null,
                        "it exists with " + actual + " bytes, fewer than the " + size + " asked for");
            }
            return new WindowsSharedMemory(n, h, actual, !existed, false);
        } catch (RuntimeException e) {
            K32.CloseHandle(h);
            throw e;
        }
    }

    /**
     * {@code OpenFileMappingW}: opens an existing mapping.
     *
     * @param name     its name
     * @param readOnly ask for {@code FILE_MAP_READ} instead of {@code FILE_MAP_ALL_ACCESS}
     * @return the backend holding it
     */
    public static WindowsSharedMemory open(ObjectName name, boolean readOnly) {
        String n = name.win32Name();
        int access = readOnly ? WinNT.FILE_MAP_READ | WinNT.SECTION_QUERY : WinNT.FILE_MAP_ALL_ACCESS;
        HANDLE h = K32.OpenFileMapping(access, false, n);
        if (h == null) {
            throw Win32Errors.lastFailure(KIND, n, "OpenFileMappingW");
        }
        try {
            return new WindowsSharedMemory(n, h, querySize(h, n), false, readOnly);
        } catch (RuntimeException e) {
            K32.CloseHandle(h);
            throw e;
        }
    }

    private static long querySize(HANDLE h, String name) {
        boolean is64 = Native.POINTER_SIZE == 8;
        // SECTION_BASIC_INFORMATION { PVOID BaseAddress; ULONG Attributes; LARGE_INTEGER MaximumSize; }
        Memory info = new Memory(is64 ? 24 : 16);
        int status = SectionApi.NTDLL.NtQuerySection(h, SectionApi.SECTION_BASIC_INFORMATION_CLASS, info,
                new SIZE_T(info.size()), null);
        if (status != 0) {
            throw Win32Errors.failure(KIND, name, "NtQuerySection",
                    SectionApi.NTDLL.RtlNtStatusToDosError(status), null);
        }
        return info.getLong(is64 ? 16 : 8);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean created() {
        return created;
    }

    @Override
    public Pointer mapView() {
        int access = readOnly ? WinNT.FILE_MAP_READ : WinNT.FILE_MAP_ALL_ACCESS;
        Pointer view = MappingApi.KERNEL32.MapViewOfFile(handle, access, 0, 0, new SIZE_T(0));
        if (view == null) {
            throw Win32Errors.lastFailure(KIND, name, "MapViewOfFile");
        }
        return view;
    }

    @Override
    public void unmapView(Pointer address) {
        if (!K32.UnmapViewOfFile(address)) {
            throw Win32Errors.lastFailure(KIND, name, "UnmapViewOfFile");
        }
    }

    @Override
    public void closeObject() {
        if (!K32.CloseHandle(handle)) {
            throw Win32Errors.lastFailure(KIND, name, "CloseHandle");
        }
    }
}
