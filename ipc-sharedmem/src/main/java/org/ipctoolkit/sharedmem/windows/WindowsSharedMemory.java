package org.ipctoolkit.sharedmem.windows;

import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_COMMIT;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_PRESERVE_PLACEHOLDER;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_RELEASE;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_REPLACE_PLACEHOLDER;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_RESERVE;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.MEM_RESERVE_PLACEHOLDER;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.PAGE_NOACCESS;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.PAGE_READONLY;
import static org.ipctoolkit.sharedmem.windows.PlaceholderApi.PAGE_READWRITE;

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
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared memory on Windows: a file mapping backed by the paging file
 * ({@code CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, ...)}), exactly what a
 * Delphi {@code TSharedMem} makes. The kernel keeps the object while a handle or a view exists.
 * Every function is called through Unicode bindings ({@link Win32#KERNEL32}, {@link MappingApi},
 * {@link PlaceholderApi}), never through jna-platform's {@code Kernel32.INSTANCE}.
 *
 * <h2>The view and close</h2>
 * Where placeholders work (Windows 10 version 1803 and later; probed once), the view is mapped into
 * a placeholder ({@code VirtualAlloc2(MEM_RESERVE | MEM_RESERVE_PLACEHOLDER)}, then
 * {@code MapViewOfFile3(MEM_REPLACE_PLACEHOLDER)}). At close it is unmapped with
 * {@code UnmapViewOfFile2(MEM_PRESERVE_PLACEHOLDER)}, which leaves the range reserved for this
 * process, and committed private memory is put in its place
 * ({@code VirtualAlloc2(MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER)}): the section's memory
 * goes back at close, stale buffers touch private memory, and no other allocation can take the range
 * in between. Should the commit fail, the view is mapped back into the placeholder and kept.
 *
 * <p>Without placeholders (older Windows, Wine 8), a plain {@code MapViewOfFile} view is kept until
 * the buffers are collected: unmapping it at close would free the range, and another allocation of
 * this process could take it before stale buffers are gone.
 */
public final class WindowsSharedMemory implements SharedMemoryBackend {
    private static final String KIND = "shared memory";
    private static final Logger LOG = LoggerFactory.getLogger(WindowsSharedMemory.class);
    private static final Kernel32 K32 = Win32.KERNEL32;

    /** Where the view's range stands. */
    private enum Range {
        /** A plain {@code MapViewOfFile} view. */
        PLAIN_VIEW,
        /** A view mapped into a placeholder. */
        PLACEHOLDER_VIEW,
        /** Committed private memory in place of the view, after close. */
        PRIVATE,
        /** An empty placeholder: the view is gone and nothing could be put in its place. */
        EMPTY_PLACEHOLDER
    }

    private final String name;
    private final HANDLE handle;
    private final long size;
    private final boolean created;
    private final boolean readOnly;
    // The view: written by mapView/retireView/freeView, which the caller serialises.
    private Range range;
    private long viewSize;
    private Pointer tail;

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

    /**
     * @return true if this process can map views into placeholders (one real
     *         {@code VirtualAlloc2(MEM_RESERVE_PLACEHOLDER)} call, made once)
     */
    public static boolean placeholdersWork() {
        return Placeholders.WORK;
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
        if (Placeholders.WORK) {
            Pointer view = mapIntoPlaceholder();
            if (view != null) {
                range = Range.PLACEHOLDER_VIEW;
                return view;
            }
        }
        int access = readOnly ? WinNT.FILE_MAP_READ : WinNT.FILE_MAP_ALL_ACCESS;
        Pointer view = MappingApi.KERNEL32.MapViewOfFile(handle, access, 0, 0, new SIZE_T(0));
        if (view == null) {
            throw Win32Errors.lastFailure(KIND, name, "MapViewOfFile");
        }
        range = Range.PLAIN_VIEW;
        return view;
    }

    /**
     * Reserves a placeholder of whole allocation units, splits off the part beyond the view's pages
     * (kept as a second placeholder, {@link #tail}), and maps the view into the first.
     *
     * @return the view, or null (everything undone) if any step failed
     */
    private Pointer mapIntoPlaceholder() {
        long pages = roundUp(size, Placeholders.PAGE_SIZE);
        long reserved = roundUp(pages, Placeholders.GRANULARITY);
        HANDLE process = K32.GetCurrentProcess();
        Pointer base = PlaceholderApi.KERNELBASE.VirtualAlloc2(process, null, new SIZE_T(reserved),
                MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, null, 0);
        if (base == null) {
            LOG.debug("{} \"{}\": VirtualAlloc2(MEM_RESERVE_PLACEHOLDER) failed: error {}", KIND, name,
                    Native.getLastError());
            return null;
        }
        Pointer rest = null;
        if (reserved > pages) {
            if (!K32.VirtualFreeEx(process, base, new SIZE_T(pages), MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER)) {
                LOG.debug("{} \"{}\": splitting the placeholder failed: error {}", KIND, name, Native.getLastError());
                release(base);
                return null;
            }
            rest = base.share(pages);
        }
        // The view must fill the placeholder: try the object's size, then its size in whole pages.
        for (long length : size == pages ? new long[] {size} : new long[] {size, pages}) {
            Pointer view = mapInto(base, length);
            if (view != null) {
                viewSize = length;
                tail = rest;
                return view;
            }
            LOG.debug("{} \"{}\": MapViewOfFile3(MEM_REPLACE_PLACEHOLDER, {} bytes) failed: error {}", KIND, name,
                    length, Native.getLastError());
        }
        release(base);
        if (rest != null) {
            release(rest);
        }
        return null;
    }

    private Pointer mapInto(Pointer placeholder, long length) {
        return PlaceholderApi.KERNELBASE.MapViewOfFile3(handle, K32.GetCurrentProcess(), placeholder, 0,
                new SIZE_T(length), MEM_REPLACE_PLACEHOLDER, readOnly ? PAGE_READONLY : PAGE_READWRITE, null, 0);
    }

    /**
     * For a view in a placeholder: {@code UnmapViewOfFile2(MEM_PRESERVE_PLACEHOLDER)}, then
     * {@code VirtualAlloc2(MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER)} over the same pages.
     * A plain view is kept (see the class description).
     */
    @Override
    public void retireView(Pointer address) {
        if (range != Range.PLACEHOLDER_VIEW) {
            return;
        }
        HANDLE process = K32.GetCurrentProcess();
        if (!PlaceholderApi.KERNELBASE.UnmapViewOfFile2(process, address, MEM_PRESERVE_PLACEHOLDER)) {
            LOG.warn("{} \"{}\": UnmapViewOfFile2 failed (error {}); the view stays mapped until its buffers"
                    + " are collected", KIND, name, Native.getLastError());
            return;
        }
        Pointer replaced = PlaceholderApi.KERNELBASE.VirtualAlloc2(process, address,
                new SIZE_T(roundUp(viewSize, Placeholders.PAGE_SIZE)), MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER,
                readOnly ? PAGE_READONLY : PAGE_READWRITE, null, 0);
        if (replaced != null) {
            range = Range.PRIVATE;
            return;
        }
        int error = Native.getLastError();
        if (mapInto(address, viewSize) != null) {
            LOG.warn("{} \"{}\": committing private memory in place of the closed view failed (error {}); the"
                    + " view stays mapped until its buffers are collected", KIND, name, error);
            return;
        }
        range = Range.EMPTY_PLACEHOLDER;
        LOG.error("{} \"{}\": neither private memory (error {}) nor the view (error {}) could be put back in the"
                + " closed view's range: a buffer still in use will fault", KIND, name, error, Native.getLastError());
    }

    /** {@code UnmapViewOfFile} of a view, or {@code VirtualFree(MEM_RELEASE)} of what replaced it. */
    @Override
    public void freeView(Pointer address) {
        try {
            if (range == Range.PLAIN_VIEW || range == Range.PLACEHOLDER_VIEW) {
                if (!K32.UnmapViewOfFile(address)) {
                    throw Win32Errors.lastFailure(KIND, name, "UnmapViewOfFile");
                }
            } else if (!K32.VirtualFreeEx(K32.GetCurrentProcess(), address, new SIZE_T(0), MEM_RELEASE)) {
                throw Win32Errors.lastFailure(KIND, name, "VirtualFree");
            }
        } finally {
            if (tail != null) {
                release(tail);
            }
        }
    }

    private void release(Pointer placeholder) {
        if (!K32.VirtualFreeEx(K32.GetCurrentProcess(), placeholder, new SIZE_T(0), MEM_RELEASE)) {
            LOG.warn("{} \"{}\": releasing a placeholder failed: error {}", KIND, name, Native.getLastError());
        }
    }

    @Override
    public void closeObject() {
        if (!K32.CloseHandle(handle)) {
            throw Win32Errors.lastFailure(KIND, name, "CloseHandle");
        }
    }

    private static long roundUp(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }

    /** The probe, made when first needed. */
    private static final class Placeholders {
        static final long PAGE_SIZE;
        static final long GRANULARITY;
        static final boolean WORK;

        static {
            WinBase.SYSTEM_INFO info = new WinBase.SYSTEM_INFO();
            K32.GetSystemInfo(info);
            PAGE_SIZE = info.dwPageSize.longValue();
            GRANULARITY = info.dwAllocationGranularity.longValue();
            WORK = probe();
        }

        private Placeholders() {
        }

        private static boolean probe() {
            try {
                HANDLE process = K32.GetCurrentProcess();
                Pointer p = PlaceholderApi.KERNELBASE.VirtualAlloc2(process, null, new SIZE_T(GRANULARITY),
                        MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, null, 0);
                if (p == null) {
                    LOG.debug("no placeholders: VirtualAlloc2(MEM_RESERVE_PLACEHOLDER) failed with error {}",
                            Native.getLastError());
                    return false;
                }
                K32.VirtualFreeEx(process, p, new SIZE_T(0), MEM_RELEASE);
                return true;
            } catch (UnsatisfiedLinkError e) {
                LOG.debug("no placeholders: {}", e.toString());
                return false;
            }
        }
    }
}
