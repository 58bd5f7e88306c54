package org.ipctoolkit.sharedmem;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.IpcResourceExhaustedException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;

/**
 * A named block of memory shared between processes: a Win32 file mapping backed by the paging file
 * on Windows, a file in {@code /dev/shm} on Linux, with the same behaviour on both.
 *
 * <h2>From Delphi</h2>
 * <pre>{@code
 * // FHandle := CreateFileMapping($FFFFFFFF, nil, PAGE_READWRITE, 0, SizeOf(TShareMem), 'ShareMem');
 * // P := MapViewOfFile(FHandle, FILE_MAP_ALL_ACCESS, 0, 0, SizeOf(TShareMem));
 * DelphiRecord shareMem = DelphiRecord.parse(           // org.ipctoolkit.delphi
 *         "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;");
 * try (SharedMemory shm = SharedMemory.create("ShareMem", shareMem.size())) {
 *     ByteBuffer p = shm.buffer();
 *     shareMem.putString(p, "id", "8888");     // P.id := '8888';
 *     shareMem.putInt(p, "age", 25);           // P.age := 25;
 * }   // UnmapViewOfFile(P); CloseHandle(FHandle);
 * }</pre>
 * {@link #createOrOpen} with {@link #created()} is Delphi's {@code TSharedMem.Create} with
 * {@code TSharedMem.Created}; {@link #open} is {@code OpenFileMapping}.
 *
 * <h2>Names</h2>
 * Win32 rules, passed as given on Windows; on Linux the object is {@code /dev/shm/NAME} for a plain
 * name, so Python's {@code multiprocessing.shared_memory.SharedMemory("NAME")} and C's
 * {@code shm_open("/NAME")} reach it. See {@link ObjectName} for the exact mapping.
 *
 * <h2>Lifetime</h2>
 * As on Windows, the object exists while a process holds it and disappears after the last holder
 * closes it or dies, crashed or killed. On Linux, where the kernel cannot remove a name when a
 * process dies, a crashed last holder leaves the file behind and the next {@code open} or
 * {@code create} of the name removes it; {@link #removeName} does so by hand. Objects this library
 * creates on Linux carry the sticky bit ({@code -rw------T}); objects without it were made by another
 * program and are never removed by this library.
 *
 * <h2>Buffers</h2>
 * {@link #buffer()} and {@link #slice} return direct buffers over the shared bytes, in the native
 * byte order (little-endian on x86 and ARM, as Delphi writes). The user's data has no header: the
 * bytes are exactly what a Delphi or C peer reads and writes. Each call returns a new buffer whose
 * position and limit belong to the caller; it costs about as much as {@code ByteBuffer.duplicate()}
 * (a few nanoseconds), so code ported from Delphi may call {@code buffer()} on every access.
 *
 * <h2>Buffers, close and the safety net</h2>
 * <ul>
 *   <li><b>A reachable buffer keeps the object held.</b> An object that is never closed is released
 *       (with a logged warning) only once it <em>and every buffer taken from it</em> are unreachable.
 *       A buffer kept after its {@code SharedMemory} was dropped therefore still writes the object
 *       its name stands for, as a Delphi pointer into a view does: the name is not removed under it,
 *       and the next {@code createOrOpen} of that name opens the same memory.</li>
 *   <li><b>{@link #close()} gives the memory back before it returns.</b> The view is unmapped
 *       ({@code munmap}, {@code UnmapViewOfFile}) and the hold released at once, whatever buffers
 *       are still reachable; when this was the last holder, the system frees the object's memory
 *       now, not at some later garbage collection.</li>
 *   <li><b>A buffer used after close is harmless.</b> It never crashes the JVM and never reaches
 *       any object's memory: its address range is taken over, in the same step as the unmapping, by
 *       zero-filled private memory of this process. Reads return zeros (or what it wrote after the
 *       close), writes are seen by nobody. That range is released when the last such buffer is
 *       collected. Using a buffer after close is still a mistake: the data goes nowhere.</li>
 *   <li><b>Where the memory cannot be swapped safely</b> (Windows before version 10 1803 and Wine 8,
 *       which lack the placeholder functions; Linux with {@code vm.overcommit_memory=2}, where the
 *       private memory would be charged to the commit limit), close keeps the view mapped until
 *       its buffers are collected: the hold and the name are still released at close, so a new
 *       object of the same name never shares the stale buffers' memory, but the memory of the old
 *       one comes back only when they are collected.</li>
 *   <li><b>Threads.</b> On Linux a buffer may even be in use on another thread while
 *       {@code close()} runs: the kernel swaps the mappings atomically. On Windows the swap is two
 *       calls ({@code UnmapViewOfFile2}, {@code VirtualAlloc2}) and a buffer touched between them
 *       faults, which ends the JVM: stop using buffers on other threads before closing.</li>
 * </ul>
 *
 * <h2>Platform differences</h2>
 * <ul>
 *   <li>Size of an opened object: Linux reports the size it was created with; Windows reports what
 *       {@code NtQuerySection} says, which may be rounded up to whole pages.</li>
 *   <li>{@link Option#ALLOW_OTHER_OWNER}: on Linux an object owned by another user is refused
 *       without it; on Windows access is decided by the object's security descriptor, and the
 *       option has no effect.</li>
 *   <li>Memory is reserved at creation on both: Windows commits the section, Linux
 *       {@code fallocate}s the file, so running out of memory is an error at creation, not a
 *       crash at first touch.</li>
 * </ul>
 *
 * <p>Thread-safe. Each call of {@link #buffer()} returns a new buffer; a buffer's position and
 * limit belong to whoever holds it (see above for buffers used across {@link #close()}).
 */
public final class SharedMemory implements AutoCloseable {
    /** The largest size: the 128 TiB user address space of 64-bit Windows and Linux (2^47 bytes). */
    public static final long MAX_SIZE = 1L << 47;

    static final String KIND = "shared memory";

    /** How to open an object. */
    public enum Option {
        /** Map for reading only ({@code FILE_MAP_READ}, {@code O_RDONLY}); buffers are read-only. */
        READ_ONLY,
        /** On Linux, accept an object owned by another user (refused otherwise). No effect on Windows. */
        ALLOW_OTHER_OWNER
    }

    private final ObjectName name;
    private final long size;
    private final boolean created;
    private final boolean readOnly;
    private final MappedView view;

    private SharedMemory(ObjectName name, SharedMemoryBackend backend, boolean readOnly) {
        this.view = new MappedView(KIND + " \"" + name + "\"", backend, readOnly);
        this.name = name;
        this.size = backend.size();
        this.created = backend.created();
        this.readOnly = readOnly;
    }

    /**
     * Creates a new shared memory object of {@code size} zero bytes.
     * Windows: {@code CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, size)}, failing
     * on {@code ERROR_ALREADY_EXISTS}. Linux: an unnamed {@code /dev/shm} file, {@code fallocate}d,
     * then named with {@code linkat}.
     *
     * @param name the object's name (see {@link ObjectName})
     * @param size its size in bytes, 1 to {@link #MAX_SIZE}
     * @return the object, mapped read-write
     * @throws IpcAlreadyExistsException     if an object of that name exists
     * @throws IpcInvalidArgumentException   if the name or the size is not allowed
     * @throws IpcResourceExhaustedException if the system cannot provide the memory
     * @throws IpcException                  for any other failure of the system
     */
    public static SharedMemory create(String name, long size) {
        ObjectName n = ObjectName.of(KIND, name);
        checkSize(name, size);
        return new SharedMemory(n, SharedMemoryBackends.create(n, size), false);
    }

    /**
     * Opens an existing shared memory object; its size is discovered.
     * Windows: {@code OpenFileMappingW}. Linux: {@code open("/dev/shm/NAME")}.
     *
     * @param name    the object's name
     * @param options {@link Option#READ_ONLY}, {@link Option#ALLOW_OTHER_OWNER}
     * @return the object, mapped whole
     * @throws IpcNotFoundException     if no object has that name
     * @throws IpcAccessDeniedException if access is denied, or (Linux) it belongs to another user
     *                                  and {@link Option#ALLOW_OTHER_OWNER} was not given
     * @throws IpcException             for any other failure of the system
     */
    public static SharedMemory open(String name, Option... options) {
        ObjectName n = ObjectName.of(KIND, name);
        Set<Option> o = options(options);
        boolean readOnly = o.contains(Option.READ_ONLY);
        return new SharedMemory(n, SharedMemoryBackends.open(n, readOnly, o.contains(Option.ALLOW_OTHER_OWNER)),
                readOnly);
    }

    /**
     * Opens the object if it exists, else creates it with {@code size} zero bytes; {@link #created()}
     * tells which. Windows: {@code CreateFileMappingW} and {@code GetLastError() == ERROR_ALREADY_EXISTS}.
     *
     * @param name    the object's name
     * @param size    the size to create it with, and the least size an existing object must have
     * @param options {@link Option#ALLOW_OTHER_OWNER} ({@link Option#READ_ONLY} is not allowed here)
     * @return the object, mapped read-write
     * @throws IpcIncompatibleObjectException if the existing object is smaller than {@code size}
     * @throws IpcInvalidArgumentException    if the name or size is not allowed, or READ_ONLY is given
     * @throws IpcException                   for any other failure of the system
     */
    public static SharedMemory createOrOpen(String name, long size, Option... options) {
        ObjectName n = ObjectName.of(KIND, name);
        checkSize(name, size);
        Set<Option> o = options(options);
        if (o.contains(Option.READ_ONLY)) {
            throw new IpcInvalidArgumentException(KIND, name, "createOrOpen", null,
                    "READ_ONLY cannot be combined with creation; use open(name, READ_ONLY)");
        }
        return new SharedMemory(n, SharedMemoryBackends.createOrOpen(n, size, o.contains(Option.ALLOW_OTHER_OWNER)),
                false);
    }

    /**
     * Linux only: removes a name from {@code /dev/shm} by hand. A stale object of this library (its
     * last holder died) is always removed; a live one, or one another program made, only with
     * {@code force}. Holders keep their memory; only the name goes. Windows has no stale names (the
     * kernel deletes an object with its last handle), so there this throws.
     *
     * @param name  the object's name
     * @param force also remove a live object or another program's object
     * @return true if the object was stale, false if it was removed by force
     * @throws IpcNotFoundException          if nothing has that name
     * @throws IpcException                  if it is live or not ours and {@code force} is false
     * @throws UnsupportedOperationException on Windows
     */
    public static boolean removeName(String name, boolean force) {
        return SharedMemoryBackends.removeName(ObjectName.of(KIND, name), force);
    }

    /**
     * Tells whether this platform's backend works here: a real probe, run once (Windows:
     * {@code CreateFileMappingW} of a one-byte unnamed mapping; Linux: {@code open(O_TMPFILE)} in
     * {@code /dev/shm}, on x86-64 and AArch64 only).
     *
     * @return true if shared memory can be used
     */
    public static boolean isAvailable() {
        return SharedMemoryBackends.availability().isAvailable();
    }

    /**
     * @return why the backend cannot be used here, or null if it can
     */
    public static Throwable unavailabilityCause() {
        return SharedMemoryBackends.availability().unavailabilityCause();
    }

    /**
     * Throws unless this platform's backend works here.
     *
     * @throws IpcException with the probe's failure as its cause, if it does not
     */
    public static void ensureAvailable() {
        SharedMemoryBackends.availability().ensureAvailable(KIND, null, "ensureAvailable");
    }

    private static void checkSize(String name, long size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IpcInvalidArgumentException(KIND, name, "check size", null,
                    "size must be 1 to " + MAX_SIZE + " bytes (128 TiB, the user address space), got " + size);
        }
    }

    private static Set<Option> options(Option... options) {
        Set<Option> set = EnumSet.noneOf(Option.class);
        set.addAll(Arrays.asList(Objects.requireNonNull(options, "options")));
        return set;
    }

    /** @return the name as given */
    public String name() {
        return name.win32Name();
    }

    /** @return the size in bytes (see the class description for how Windows reports it) */
    public long size() {
        return size;
    }

    /** @return true if this call created the object; false if it opened an existing one */
    public boolean created() {
        return created;
    }

    /** @return true if opened with {@link Option#READ_ONLY} */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Returns a new buffer over the whole object, positioned at 0, in native byte order
     * (read-only if the object was opened read-only).
     *
     * @return the buffer
     * @throws IllegalStateException         if closed
     * @throws UnsupportedOperationException if the object is larger than a buffer can be
     *                                       ({@code Integer.MAX_VALUE} bytes): use {@link #slice}
     */
    public ByteBuffer buffer() {
        return view.buffer();
    }

    /**
     * Returns a new buffer over {@code length} bytes from {@code offset}, in native byte order.
     *
     * @param offset the first byte
     * @param length how many bytes
     * @return the buffer
     * @throws IndexOutOfBoundsException if the range is not inside the object
     * @throws IllegalStateException     if closed
     */
    public ByteBuffer slice(long offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return view.slice(offset, length);
    }

    /**
     * Gives the memory and the hold back before it returns: the view is unmapped and its range
     * taken over by private memory of this process ({@code mmap(MAP_FIXED | MAP_PRIVATE |
     * MAP_ANONYMOUS)} on Linux; {@code UnmapViewOfFile2(MEM_PRESERVE_PLACEHOLDER)} then
     * {@code VirtualAlloc2(MEM_REPLACE_PLACEHOLDER | MEM_COMMIT)} on Windows), then the hold is given
     * up ({@code CloseHandle}; on Linux the descriptor, and the last holder removes the name).
     * Buffers taken before stay harmless to use (see the class description). Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        view.close();
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + ", " + size + " bytes" + (readOnly ? ", read-only" : "")
                + (view.isClosed() ? ", closed" : "") + "]";
    }
}
