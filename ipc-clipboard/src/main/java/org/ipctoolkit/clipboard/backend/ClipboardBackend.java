package org.ipctoolkit.clipboard.backend;

import java.util.Map;
import org.ipctoolkit.core.Availability;

/**
 * One platform's clipboard. The module's one platform switch ({@code ClipboardPlatform}) picks
 * {@code org.ipctoolkit.clipboard.windows.WindowsClipboardBackend.load()} or
 * {@code org.ipctoolkit.clipboard.linux.LinuxClipboardBackend.load()}; {@code load()} never throws: it
 * runs the backend's real probe (Windows: the clipboard functions; Linux: a connection to the X
 * server of {@code DISPLAY} with XFixes) and reports it through {@link #availability()}.
 *
 * <p>Formats are numbers: the standard ones are Windows' {@code CF_*} numbers on every platform
 * ({@code CF_UNICODETEXT} = 13 is UTF-16LE text with a NUL); a registered one is whatever
 * {@link #registerFormat} returned. The API checks every argument before calling a backend. Every
 * method but {@link #sequenceNumber()} may wait for the clipboard up to {@code timeoutMillis} (another
 * program holds it, or the X11 owner is slow to answer) and then throws
 * {@code org.ipctoolkit.clipboard.ClipboardBusyException}.
 */
public interface ClipboardBackend {
    /** @return whether this backend works here */
    Availability availability();

    /**
     * {@code RegisterClipboardFormatW} (Linux: {@code XInternAtom}).
     *
     * @param name the format's name
     * @return its number, the same in every program of the session (of the X server)
     */
    int registerFormat(String name);

    /**
     * {@code GetClipboardFormatNameW} (Linux: {@code XGetAtomName}).
     *
     * @param format a format number that is not a standard one
     * @return its name, or null if it has none
     */
    String formatName(int format);

    /**
     * {@code OpenClipboard}, {@code EmptyClipboard}, one {@code SetClipboardData} per format (memory
     * from {@code GlobalAlloc(GMEM_MOVEABLE)}), {@code CloseClipboard}. Linux: takes the CLIPBOARD
     * selection and serves these formats from the library's thread until another program takes it.
     *
     * @param formats       format number to bytes, richest first (at least one)
     * @param timeoutMillis how long to wait for the clipboard
     */
    void write(Map<Integer, byte[]> formats, long timeoutMillis);

    /**
     * {@code OpenClipboard}, {@code GetClipboardData}, {@code GlobalLock}/{@code GlobalSize},
     * {@code CloseClipboard}. Linux: {@code XConvertSelection}, INCR for large data.
     *
     * @param format        the format
     * @param timeoutMillis how long to wait for the clipboard or its owner
     * @return a copy of the bytes, or null if the clipboard has no data in that format
     */
    byte[] read(int format, long timeoutMillis);

    /**
     * {@code EnumClipboardFormats} (Linux: the owner's {@code TARGETS}).
     *
     * @param timeoutMillis how long to wait
     * @return the formats on the clipboard, in the owner's order
     */
    int[] formats(long timeoutMillis);

    /**
     * {@code OpenClipboard} + {@code EmptyClipboard} + {@code CloseClipboard} (Linux: the library owns
     * the selection with no targets).
     *
     * @param timeoutMillis how long to wait
     */
    void clear(long timeoutMillis);

    /**
     * {@code GetClipboardSequenceNumber}: a number that changes with each change of the clipboard.
     * Linux: the library counts XFixes selection notifications from its first use in this process.
     *
     * @return the number
     */
    long sequenceNumber();

    /**
     * A thread named {@code threadName} that calls {@code onChange} once per change, without polling:
     * {@code AddClipboardFormatListener} and {@code WM_CLIPBOARDUPDATE} on a hidden window (Windows),
     * {@code XFixesSelectSelectionInput} (Linux).
     *
     * @param onChange   called on that thread with the new sequence number; never throws
     * @param threadName the thread's name
     * @return what stops it ({@code RemoveClipboardFormatListener}, the thread ends); idempotent
     */
    AutoCloseable watch(java.util.function.LongConsumer onChange, String threadName);

    /**
     * {@code GetOpenClipboardWindow} and its class, title and process: who holds the clipboard now.
     * Linux: the selection owner's window, its {@code WM_NAME} and {@code _NET_WM_PID} when it has them.
     *
     * @return a description, or null if nobody holds it
     */
    String holder();
}
