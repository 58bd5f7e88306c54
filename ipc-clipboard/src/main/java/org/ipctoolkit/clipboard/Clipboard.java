package org.ipctoolkit.clipboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system clipboard: the exchange point every program of the user's session can read and write,
 * in standard formats ({@code CF_UNICODETEXT}, ...) and formats programs register by name. Delphi's
 * global {@code Clipboard} object.
 *
 * <h2>Etiquette (from the source documents)</h2>
 * <ul>
 *   <li>The clipboard belongs to the user: change it only when the user asks (a Copy command), never
 *       as a channel between programs behind the user's back.</li>
 *   <li>Never assume that what you put there is still there: any program may replace it at any time.
 *       Read what is there when you need it, and check its format ({@link #isAvailable(ClipboardFormat)}).</li>
 *   <li>Put several formats in one {@link #write}, richest first, so every reader finds one it knows.</li>
 * </ul>
 *
 * <h2>Holding the clipboard</h2>
 * Whoever writes the clipboard holds it briefly ({@code OpenClipboard} ... {@code CloseClipboard}).
 * Every operation here tries again until its timeout ({@link #DEFAULT_TIMEOUT}, or
 * {@link #withTimeout(Duration)}), then fails with {@link ClipboardBusyException}, which names the
 * holder ({@code GetOpenClipboardWindow}).
 *
 * <h2>Platforms</h2>
 * Windows: the Win32 clipboard. Linux: the X11 {@code CLIPBOARD} selection of the X server in
 * {@code DISPLAY}; registered formats are X11 targets of the same name, which is how Wine shows a
 * Windows program's registered formats, so a Java program on Linux and a Windows program under Wine
 * exchange them. On X11 the data stays in the program that wrote it: this library serves it from a
 * thread of its own while the process lives (or until another program writes the clipboard); when the
 * process ends, the content goes with it unless a clipboard manager took a copy.
 *
 * <p>Thread-safe. {@link #system()} is the one instance; {@link #withTimeout} gives a view with another
 * timeout.
 */
public final class Clipboard {
    static final String KIND = "clipboard";
    static final String NAME = "CLIPBOARD";
    private static final Logger LOG = LoggerFactory.getLogger(Clipboard.class);
    /** How long an operation tries to get the clipboard before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest format name ({@code RegisterClipboardFormat}: 255 characters). */
    public static final int MAX_FORMAT_NAME = 255;

    private static final Clipboard SYSTEM = new Clipboard(DEFAULT_TIMEOUT.toMillis());

    private final long timeoutMillis;

    private Clipboard(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** @return the system clipboard, with {@link #DEFAULT_TIMEOUT} */
    public static Clipboard system() {
        return SYSTEM;
    }

    /**
     * @param timeout how long each operation waits for the clipboard: positive, at most 2<sup>31</sup>-1 ms
     * @return a view of the same clipboard with that timeout
     */
    public Clipboard withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IpcInvalidArgumentException(KIND, NAME, "withTimeout", null,
                    "the timeout must be positive and at most " + Integer.MAX_VALUE + " ms, not " + timeout);
        }
        return new Clipboard(timeout.toMillis());
    }

    /** @return true if the clipboard works here (Linux: an X server with XFixes answers on {@code DISPLAY}) */
    public static boolean isAvailable() {
        return ClipboardPlatform.availability().isAvailable();
    }

    /** @return why it does not, or null */
    public static Throwable unavailabilityCause() {
        return ClipboardPlatform.availability().unavailabilityCause();
    }

    /**
     * The text on the clipboard. Win32: {@code GetClipboardData(CF_UNICODETEXT)} (Windows makes it from
     * {@code CF_TEXT} if a program put only that); Linux: the {@code UTF8_STRING} target (or
     * {@code STRING}). Delphi: {@code Clipboard.AsText}.
     *
     * @return the text up to its first NUL, or empty if the clipboard holds no text
     */
    public Optional<String> readText() {
        byte[] b = ClipboardPlatform.backend("GetClipboardData").read(ClipboardFormat.UNICODE_TEXT.id(), timeoutMillis);
        if (b == null) {
            return Optional.empty();
        }
        int end = 0;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return Optional.of(new String(b, 0, end, StandardCharsets.UTF_16LE));
    }

    /**
     * As Delphi's {@code Clipboard.AsText}: the text, or "" if there is none.
     *
     * @return the text
     */
    public String getText() {
        return readText().orElse("");
    }

    /**
     * Replaces the clipboard's content with text. Win32: {@code OpenClipboard}, {@code EmptyClipboard},
     * {@code SetClipboardData(CF_UNICODETEXT, GlobalAlloc(GMEM_MOVEABLE, ...))}, {@code CloseClipboard};
     * Windows derives {@code CF_TEXT}, {@code CF_OEMTEXT} and {@code CF_LOCALE} for readers that ask.
     * Delphi: {@code Clipboard.AsText := s}.
     *
     * @param text the text, without NUL characters
     */
    public void setText(String text) {
        write(ClipboardContent.builder().text(text).build());
    }

    /**
     * Replaces the clipboard's content with every format of {@code content}, in one transaction:
     * a reader sees all of them or the earlier content, never a part. Win32: one
     * {@code OpenClipboard} / {@code EmptyClipboard}, a {@code SetClipboardData} per format,
     * {@code CloseClipboard}.
     *
     * @param content the formats and their bytes
     */
    public void write(ClipboardContent content) {
        Map<Integer, byte[]> formats = new LinkedHashMap<>();
        for (Map.Entry<ClipboardFormat, byte[]> e : content.formats().entrySet()) {
            formats.put(e.getKey().id(), e.getValue());
        }
        ClipboardPlatform.backend("SetClipboardData").write(formats, timeoutMillis);
    }

    /**
     * Registers a format by name. Win32: {@code RegisterClipboardFormatW}: the same name (compared
     * without case) gives the same format in every program. Linux: {@code XInternAtom}: the X11 target
     * of that name (compared with case, as X11 does: use one spelling).
     *
     * @param name 1 to 255 characters, no NUL
     * @return the format
     */
    public ClipboardFormat registerFormat(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_FORMAT_NAME || name.indexOf('\0') >= 0) {
            throw new IpcInvalidArgumentException("clipboard format", name, "RegisterClipboardFormatW", null,
                    "a format name has 1 to " + MAX_FORMAT_NAME + " characters and no NUL (it has " + name.length() + ")");
        }
        int id = ClipboardPlatform.backend("RegisterClipboardFormatW").registerFormat(name);
        return ClipboardFormat.of(id, name);
    }

    /**
     * The bytes of one format. Win32: {@code OpenClipboard}, {@code GetClipboardData},
     * {@code GlobalSize}/{@code GlobalLock}, {@code CloseClipboard}; Linux: {@code XConvertSelection}
     * (INCR for large data).
     *
     * <p>On Windows the length is the memory block's ({@code GlobalSize}), which the system may round
     * up beyond what the writer put: read a record with {@link #readRecord}, or by its known size. An
     * empty write is stored as one zero byte there ({@code GlobalAlloc} of 0 bytes gives no memory).
     *
     * @param format the format
     * @return a copy of the bytes, or empty if the clipboard holds nothing in that format
     * @throws ClipboardBusyException if the clipboard or its owner stayed busy until the timeout
     */
    public Optional<byte[]> read(ClipboardFormat format) {
        Objects.requireNonNull(format, "format");
        if (format.equals(ClipboardFormat.BITMAP)) {
            throw new IpcInvalidArgumentException(KIND, format.name(), "read", null,
                    "CF_BITMAP holds a GDI handle, not bytes: read CF_DIB instead");
        }
        return Optional.ofNullable(ClipboardPlatform.backend("GetClipboardData").read(format.id(), timeoutMillis));
    }

    /**
     * A Delphi record in a format: the bytes of {@link #read}, which must be at least the record's size.
     *
     * @param format the format
     * @param layout the record's layout
     * @return a little-endian buffer of {@code layout.size()} bytes, or empty if the format is absent
     * @throws IpcException if the clipboard holds fewer bytes than the record needs
     */
    public Optional<ByteBuffer> readRecord(ClipboardFormat format, DelphiRecord layout) {
        Optional<byte[]> b = read(format);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        if (b.get().length < layout.size()) {
            throw new IpcException(KIND, format.name(), "read", null, "the clipboard holds " + b.get().length
                    + " bytes in this format; the record needs " + layout.size() + ": another program wrote something else there");
        }
        return Optional.of(ByteBuffer.wrap(b.get(), 0, layout.size()).slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Win32: {@code IsClipboardFormatAvailable} (Linux: the owner's {@code TARGETS} include it).
     * Delphi: {@code Clipboard.HasFormat}.
     *
     * @param format the format
     * @return true if a read of it would give data now (which may change at any moment)
     */
    public boolean isAvailable(ClipboardFormat format) {
        Objects.requireNonNull(format, "format");
        for (int f : ClipboardPlatform.backend("EnumClipboardFormats").formats(timeoutMillis)) {
            if (f == format.id()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Win32: {@code EnumClipboardFormats} and {@code GetClipboardFormatNameW}.
     *
     * @return the formats on the clipboard now, in the writer's order
     */
    public List<ClipboardFormat> availableFormats() {
        var backend = ClipboardPlatform.backend("EnumClipboardFormats");
        List<ClipboardFormat> list = new ArrayList<>();
        for (int f : backend.formats(timeoutMillis)) {
            ClipboardFormat known = ClipboardFormat.of(f, null);
            list.add(known.name().startsWith("#") ? ClipboardFormat.of(f, backend.formatName(f)) : known);
        }
        return list;
    }

    /** Empties the clipboard. Win32: {@code OpenClipboard}, {@code EmptyClipboard}, {@code CloseClipboard}. */
    public void clear() {
        ClipboardPlatform.backend("EmptyClipboard").clear(timeoutMillis);
    }

    /**
     * Win32: {@code GetClipboardSequenceNumber}. Linux: the changes this process has seen through
     * XFixes since it first used the clipboard.
     *
     * @return a number that changes each time the clipboard's content changes
     */
    public long sequenceNumber() {
        return ClipboardPlatform.backend("GetClipboardSequenceNumber").sequenceNumber();
    }

    /**
     * Calls {@code listener} once per change of the clipboard, on a new thread
     * ({@code ipc-clipboard-listener-N}), without polling. Win32: a hidden message-only window with
     * {@code AddClipboardFormatListener}, called on {@code WM_CLIPBOARDUPDATE}; Linux:
     * {@code XFixesSelectSelectionInput} on {@code CLIPBOARD}. A listener that throws is logged and
     * goes on listening.
     *
     * @param listener what to call
     * @return the running watch; close it to stop
     */
    public ClipboardWatch addListener(ClipboardListener listener) {
        Objects.requireNonNull(listener, "listener");
        String threadName = "ipc-clipboard-listener-" + WatchCounter.next();
        AutoCloseable stop = ClipboardPlatform.backend("AddClipboardFormatListener").watch(sequence -> {
            try {
                listener.onChange(sequence);
            } catch (Exception | LinkageError e) {
                LOG.warn("a clipboard listener failed on change {}; it goes on listening", sequence, e);
            }
        }, threadName);
        return new ClipboardWatch(stop, threadName);
    }

    /** @return who holds the clipboard now ({@code GetOpenClipboardWindow}), or empty */
    public Optional<String> holder() {
        return Optional.ofNullable(ClipboardPlatform.backend("GetOpenClipboardWindow").holder());
    }

    /** UTF-16LE and a NUL, after checking there is no NUL in the text. */
    static byte[] unicodeText(String text, String operation) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\0') >= 0) {
            throw new IpcInvalidArgumentException(KIND, NAME, operation, null,
                    "the text contains a NUL character at " + text.indexOf('\0') + ", which would end it for every reader");
        }
        byte[] t = text.getBytes(StandardCharsets.UTF_16LE);
        return java.util.Arrays.copyOf(t, t.length + 2);
    }

    private static final class WatchCounter {
        private static final java.util.concurrent.atomic.AtomicInteger N = new java.util.concurrent.atomic.AtomicInteger();

        static int next() {
            return N.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "Clipboard[timeout " + timeoutMillis + " ms]";
    }
}
