package org.ipctoolkit.clipboard;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.delphi.DelphiRecord;

/**
 * What one {@link Clipboard#write} puts on the clipboard, in one transaction: several formats of the
 * same data, the richest first (readers take the first they understand). Immutable; built with
 * {@link #builder()}.
 *
 * <pre>{@code
 * clipboard.write(ClipboardContent.builder()
 *         .record(shareMemFormat, TSHAREMEM, buffer)   // for programs that know the record
 *         .text("Name: " + name)                        // for everyone else
 *         .build());
 * }</pre>
 */
public final class ClipboardContent {
    private final Map<ClipboardFormat, byte[]> formats;

    private ClipboardContent(Map<ClipboardFormat, byte[]> formats) {
        this.formats = Collections.unmodifiableMap(formats);
    }

    /** @return a builder with no format yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the formats and their bytes, in the order they were added */
    public Map<ClipboardFormat, byte[]> formats() {
        return formats;
    }

    /** Collects the formats of one write. Not thread-safe. */
    public static final class Builder {
        private final Map<ClipboardFormat, byte[]> formats = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds text as {@code CF_UNICODETEXT} (UTF-16LE and a NUL); Windows derives {@code CF_TEXT} and
         * {@code CF_OEMTEXT} from it, Linux offers it as {@code UTF8_STRING} and the older targets.
         *
         * @param text the text (no NUL character: it would end the text for every reader)
         * @return this builder
         */
        public Builder text(String text) {
            return bytes(ClipboardFormat.UNICODE_TEXT, Clipboard.unicodeText(text, "write"));
        }

        /**
         * Adds bytes in a format.
         *
         * @param format the format (a registered one, or a standard one whose layout the caller knows)
         * @param data   the bytes (copied)
         * @return this builder
         * @throws IpcInvalidArgumentException if the format was already added, or is {@code CF_BITMAP}
         *                                     (a handle, not bytes)
         */
        public Builder bytes(ClipboardFormat format, byte[] data) {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(data, "data");
            if (format.equals(ClipboardFormat.BITMAP)) {
                throw new IpcInvalidArgumentException(Clipboard.KIND, format.name(), "write", null,
                        "CF_BITMAP holds a GDI handle, not bytes: write CF_DIB instead");
            }
            if (formats.putIfAbsent(format, data.clone()) != null) {
                throw new IpcInvalidArgumentException(Clipboard.KIND, format.name(), "write", null,
                        "the format was added twice to one write");
            }
            return this;
        }

        /**
         * Adds a Delphi record: the first {@code layout.size()} bytes of {@code record}.
         *
         * @param format the format (usually registered for this record)
         * @param layout the record's layout
         * @param record a buffer holding the record from index 0
         * @return this builder
         */
        public Builder record(ClipboardFormat format, DelphiRecord layout, ByteBuffer record) {
            if (record.capacity() < layout.size()) {
                throw new IpcInvalidArgumentException(Clipboard.KIND, format.name(), "write", null,
                        "the buffer has " + record.capacity() + " bytes; the record needs " + layout.size());
            }
            byte[] b = new byte[layout.size()];
            record.duplicate().clear().get(b);
            return bytes(format, b);
        }

        /**
         * @return the content
         * @throws IpcInvalidArgumentException if no format was added
         */
        public ClipboardContent build() {
            if (formats.isEmpty()) {
                throw new IpcInvalidArgumentException(Clipboard.KIND, "CLIPBOARD", "write", null,
                        "nothing to write: add at least one format (clear() empties the clipboard)");
            }
            return new ClipboardContent(new LinkedHashMap<>(formats));
        }
    }
}
