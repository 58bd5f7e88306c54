package org.ipctoolkit.clipboard;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A clipboard format: a standard one ({@code CF_UNICODETEXT}, {@code CF_TEXT}, ...), with the number
 * Windows gives it, or one a program registered by name ({@link Clipboard#registerFormat}).
 *
 * <p>A registered format's {@link #id()} is what {@code RegisterClipboardFormatW} returns on Windows
 * ({@code 0xC000} to {@code 0xFFFF}, the same in every program of the session); on Linux it is
 * {@code 0x10000} plus the X11 atom of its name (the same in every client of the X server). Compare
 * formats with {@link #equals}, and name them by {@link #name()} across platforms: a registered
 * format's name is the X11 target Wine uses for it, so the same name reaches Windows programs under
 * Wine.
 */
public final class ClipboardFormat {
    private static final Map<Integer, ClipboardFormat> STANDARD = new TreeMap<>();

    /** {@code CF_TEXT} (1): text in the ANSI code page, NUL-terminated. */
    public static final ClipboardFormat TEXT = standard(1, "CF_TEXT");
    /** {@code CF_BITMAP} (2): a bitmap handle (not readable as bytes). */
    public static final ClipboardFormat BITMAP = standard(2, "CF_BITMAP");
    /** {@code CF_OEMTEXT} (7): text in the OEM code page, NUL-terminated. */
    public static final ClipboardFormat OEM_TEXT = standard(7, "CF_OEMTEXT");
    /** {@code CF_DIB} (8): a {@code BITMAPINFO} followed by the bits. */
    public static final ClipboardFormat DIB = standard(8, "CF_DIB");
    /** {@code CF_UNICODETEXT} (13): UTF-16LE text, NUL-terminated. */
    public static final ClipboardFormat UNICODE_TEXT = standard(13, "CF_UNICODETEXT");
    /** {@code CF_HDROP} (15): a list of files ({@code DROPFILES}). */
    public static final ClipboardFormat HDROP = standard(15, "CF_HDROP");
    /** {@code CF_LOCALE} (16): the LCID of the text, 4 bytes. */
    public static final ClipboardFormat LOCALE = standard(16, "CF_LOCALE");
    /** {@code CF_DIBV5} (17): a {@code BITMAPV5HEADER} followed by the bits. */
    public static final ClipboardFormat DIBV5 = standard(17, "CF_DIBV5");

    private final int id;
    private final String name;
    private final boolean registered;

    private ClipboardFormat(int id, String name, boolean registered) {
        this.id = id;
        this.name = name;
        this.registered = registered;
    }

    private static ClipboardFormat standard(int id, String name) {
        ClipboardFormat f = new ClipboardFormat(id, name, false);
        STANDARD.put(id, f);
        return f;
    }

    /**
     * @param id a format number a backend reported
     * @param name its name (registered formats), or null for a standard one
     * @return the format: a constant of this class for a known standard number
     */
    static ClipboardFormat of(int id, String name) {
        ClipboardFormat known = STANDARD.get(id);
        if (known != null) {
            return known;
        }
        return new ClipboardFormat(id, name == null ? "#" + id : name, name != null);
    }

    /** @return the format's number ({@code UINT uFormat}) */
    public int id() {
        return id;
    }

    /** @return {@code CF_...} for a standard format, the registered name otherwise ({@code #n} if unknown) */
    public String name() {
        return name;
    }

    /** @return true if a program registered it by name */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClipboardFormat && ((ClipboardFormat) o).id == id;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return name + " (" + (id >= 0xC000 ? "0x" + Integer.toHexString(id) : String.valueOf(id)) + ")";
    }
}
