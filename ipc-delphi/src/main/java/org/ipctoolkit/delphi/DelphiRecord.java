package org.ipctoolkit.delphi;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory layout of a Delphi record type, with typed access to the record's fields in any
 * {@link ByteBuffer}, byte for byte as a Delphi program lays the record out.
 *
 * <p>Delphi programs that share data through a Win32 file mapping usually cast the mapped view to a
 * pointer to a record and assign its fields. To exchange data with such a program, a Java program
 * must read and write exactly the bytes the Delphi compiler would. For the record
 *
 * <pre>{@code
 * type
 *   PShareMem = ^TShareMem;
 *   TShareMem = record
 *     id: string[10];
 *     name: string[20];
 *     age: Integer;
 *   end;
 * }</pre>
 *
 * <p>Delphi places {@code id} at offset 0 (a ShortString: one length byte and 10 character bytes,
 * 11 bytes in all), {@code name} at offset 11 (21 bytes) and {@code age} at offset 32 (an Integer
 * is aligned to 4 bytes; 32 already is a multiple of 4), so the record is 36 bytes long. The same
 * layout in Java, and the Delphi statements each call corresponds to:
 *
 * <pre>{@code
 * DelphiRecord rec = DelphiRecord.builder("TShareMem")
 *         .shortString("id", 10)
 *         .shortString("name", 20)
 *         .integer("age")
 *         .build();                        // or: DelphiRecord.parse(delphiSource)
 * ByteBuffer view = ...;                   // the mapped view, at least rec.size() (36) bytes
 * rec.putString(view, "id", "8888");       // pUserInfoShareMem.id := '8888';
 * rec.putString(view, "name", "Terry");    // pUserInfoShareMem.name := 'Terry';
 * rec.putLong(view, "age", 25);            // pUserInfoShareMem.age := 25;
 * int age = rec.getInt(view, "age");       // age := pUserInfoShareMem.age;
 * }</pre>
 *
 * <h2>Field types</h2>
 * All values are little-endian, whatever the order of the buffer.
 * <ul>
 * <li>{@code string[N]} (ShortString, 1 to 255; {@code ShortString} alone is {@code string[255]}):
 *     N + 1 bytes, a length byte followed by the characters in the record's ANSI charset.</li>
 * <li>{@code AnsiChar} (1 byte) and {@code WideChar} (2 bytes, UTF-16). In a declaration,
 *     {@code Char} means {@code AnsiChar}, as in Delphi 7 and earlier; records written by Delphi 2009
 *     or later, where {@code Char} is a {@code WideChar}, must be declared with {@code WideChar}.</li>
 * <li>{@code array[lo..hi] of AnsiChar} and {@code array[lo..hi] of WideChar}: text ended by the first
 *     #0 character, or by the end of the array when it is full; written zero-padded.</li>
 * <li>{@code array[lo..hi] of Byte}: raw bytes.</li>
 * <li>Integers: {@code Byte} (1 byte, 0..255), {@code ShortInt} (1, signed), {@code Word} (2, unsigned),
 *     {@code SmallInt} (2, signed), {@code Integer}/{@code LongInt} (4, signed),
 *     {@code Cardinal}/{@code LongWord}/{@code DWORD} (4, unsigned, read as a {@code long}),
 *     {@code Int64} (8, signed) and {@code UInt64} (8, unsigned; in Java a {@code long} holding the
 *     same 64 bits, so values of 2<sup>63</sup> and more read as negative numbers, see
 *     {@link Long#toUnsignedString(long)}).</li>
 * <li>{@code Single} (4, IEEE single precision) and {@code Double} (8).</li>
 * <li>{@code Boolean}/{@code ByteBool} (1): any non-zero byte reads as {@code true}; {@code true} is
 *     written as 1 and {@code false} as 0.</li>
 * </ul>
 *
 * <h2>Layout rules</h2>
 * Fields follow each other in declaration order. Each field's offset is rounded up to a multiple of
 * the smaller of the field's natural alignment (its size; for arrays and ShortStrings the size of one
 * element) and the record's {@link Alignment} setting. The record's size is rounded up to a multiple
 * of the largest alignment any field received. {@link Alignment#PACKED} ({@code packed record} or
 * {@code {$A1}}) inserts no padding at all. The default, {@link Alignment#A8}, is Delphi's default
 * {@code {$A8}} (also written {@code {$A+}} or {@code {$ALIGN ON}}).
 *
 * <h2>Text and charset</h2>
 * ShortStrings, AnsiChars and AnsiChar arrays hold text in the writing program's ANSI code page. The
 * record's {@linkplain #charset() charset} names it: windows-1252 by default, GBK for programs running
 * on Chinese Windows. Writing text that the charset cannot encode, or that needs more bytes than the
 * field holds, is an {@link IllegalArgumentException}; the text is never cut short silently. When
 * reading, bytes that are not valid in the charset become U+FFFD, the Unicode replacement character.
 * Writing a ShortString sets its length byte, its characters, and zeroes the rest of the field: Delphi
 * leaves the unused tail as it was, this class zeroes it so that no old text leaks; in freshly created
 * (zero-filled) shared memory both produce identical bytes. WideChar data is copied as UTF-16 code
 * units without validation, as Delphi does.
 *
 * <h2>Buffers</h2>
 * Offsets count from index 0 of the buffer, not from its position; the buffer's position, limit, mark
 * and byte order are never changed. Every access first checks that the buffer's limit is at least
 * {@link #size()}. Field names are case-insensitive, as in Delphi.
 *
 * <p>Instances are immutable and safe to use from several threads; the buffers are not synchronised,
 * which is the job of the mutex or event that guards the shared memory.
 */
public final class DelphiRecord {

    private static final Charset DEFAULT_CHARSET = Charset.forName("windows-1252");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern INTEGER_TEXT =
            Pattern.compile("([+-]?)(?:0[xX]([0-9a-fA-F]+)|\\$([0-9a-fA-F]+)|([0-9]+))");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * The record alignment setting: Delphi's {@code $A} compiler directive or the {@code packed}
     * keyword. A field is aligned to the smaller of its natural alignment and this setting.
     */
    public enum Alignment {
        /** No padding: {@code packed record}, {@code {$A1}}, {@code {$A-}} or {@code {$ALIGN OFF}}. */
        PACKED(1),
        /** {@code {$A2}}: fields aligned to at most 2 bytes. */
        A2(2),
        /** {@code {$A4}}: fields aligned to at most 4 bytes. */
        A4(4),
        /** {@code {$A8}}, {@code {$A+}} or {@code {$ALIGN ON}}: Delphi's default. */
        A8(8);

        private final int bytes;

        Alignment(int bytes) {
            this.bytes = bytes;
        }

        /**
         * Returns the largest alignment a field can receive under this setting.
         *
         * @return 1, 2, 4 or 8
         */
        public int bytes() {
            return bytes;
        }
    }

    /** One field of a record: its name, Delphi type, offset and size. Immutable. */
    public static final class Field {
        private final String name;
        private final DelphiType delphiType;
        private final int count;
        private final int low;
        private final int offset;
        private final int size;

        private Field(String name, DelphiType delphiType, int count, int low, int offset) {
            this.name = name;
            this.delphiType = delphiType;
            this.count = count;
            this.low = low;
            this.offset = offset;
            this.size = delphiType.size(count);
        }

        /**
         * Returns the field's name as declared.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * Returns the field's type as written in Delphi, e.g. {@code string[10]}, {@code Integer} or
         * {@code array[0..9] of AnsiChar}.
         *
         * @return the Delphi type
         */
        public String type() {
            return delphiType.describe(count, low);
        }

        /**
         * Returns the field's offset from the start of the record.
         *
         * @return the offset in bytes
         */
        public int offset() {
            return offset;
        }

        /**
         * Returns the number of bytes the field occupies, without the padding after it.
         *
         * @return the size in bytes
         */
        public int size() {
            return size;
        }

        DelphiType delphiType() {
            return delphiType;
        }

        int count() {
            return count;
        }

        int low() {
            return low;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && f.name.equals(name) && f.delphiType == delphiType
                    && f.count == count && f.low == low && f.offset == offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, delphiType, count, low, offset);
        }

        /**
         * Returns a description such as {@code age: Integer @32 (4 bytes)}.
         *
         * @return the description
         */
        @Override
        public String toString() {
            return name + ": " + type() + " @" + offset + " (" + size + " bytes)";
        }
    }

    /**
     * Collects the fields of a record in declaration order. Obtained from
     * {@link DelphiRecord#builder(String)}; not thread-safe; can build several records.
     *
     * <p>Integer types have Java-friendly method names: {@link #byteValue(String)} for {@code Byte},
     * {@link #doubleValue(String)} for {@code Double} and {@link #booleanValue(String)} for
     * {@code Boolean}; the other names are the Delphi type names in camel case.
     */
    public static final class Builder {
        private final String name;
        private final List<FieldSpec> specs = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private Alignment alignment = Alignment.A8;
        private Charset charset = DEFAULT_CHARSET;

        private Builder(String name) {
            this.name = requireIdentifier(name, "record name");
        }

        /**
         * Adds a ShortString field, {@code string[length]}: one length byte plus {@code length} bytes.
         *
         * @param name the field name
         * @param length the maximum number of bytes, 1 to 255
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or the length is out of range
         */
        public Builder shortString(String name, int length) {
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException(this.name + "." + name
                        + ": a ShortString holds 1 to 255 bytes, not " + length);
            }
            return add(name, DelphiType.SHORT_STRING, length, 0);
        }

        /**
         * Adds an {@code AnsiChar} field (1 byte; Delphi 7's {@code Char}).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder ansiChar(String name) {
            return add(name, DelphiType.ANSI_CHAR, 1, 0);
        }

        /**
         * Adds a {@code WideChar} field (2 bytes, one UTF-16 code unit; Delphi 2009+'s {@code Char}).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder wideChar(String name) {
            return add(name, DelphiType.WIDE_CHAR, 1, 0);
        }

        /**
         * Adds an {@code array[0..count-1] of AnsiChar} field: zero-terminated (unless full) text.
         *
         * @param name the field name
         * @param count the number of characters (bytes), at least 1
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or the count is not positive
         */
        public Builder ansiCharArray(String name, int count) {
            return add(name, DelphiType.ANSI_CHAR_ARRAY, requireCount(name, count), 0);
        }

        /**
         * Adds an {@code array[0..count-1] of WideChar} field: zero-terminated (unless full) UTF-16 text.
         *
         * @param name the field name
         * @param count the number of UTF-16 code units, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or the count is not positive
         */
        public Builder wideCharArray(String name, int count) {
            return add(name, DelphiType.WIDE_CHAR_ARRAY, requireCount(name, count), 0);
        }

        /**
         * Adds an {@code array[0..count-1] of Byte} field: raw bytes.
         *
         * @param name the field name
         * @param count the number of bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or the count is not positive
         */
        public Builder byteArray(String name, int count) {
            return add(name, DelphiType.BYTE_ARRAY, requireCount(name, count), 0);
        }

        /**
         * Adds a {@code Byte} field (1 byte, 0..255).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder byteValue(String name) {
            return add(name, DelphiType.BYTE, 1, 0);
        }

        /**
         * Adds a {@code ShortInt} field (1 byte, -128..127).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder shortInt(String name) {
            return add(name, DelphiType.SHORT_INT, 1, 0);
        }

        /**
         * Adds a {@code Word} field (2 bytes, 0..65535).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder word(String name) {
            return add(name, DelphiType.WORD, 1, 0);
        }

        /**
         * Adds a {@code SmallInt} field (2 bytes, -32768..32767).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder smallInt(String name) {
            return add(name, DelphiType.SMALL_INT, 1, 0);
        }

        /**
         * Adds an {@code Integer} (or {@code LongInt}) field (4 bytes, signed).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder integer(String name) {
            return add(name, DelphiType.INTEGER, 1, 0);
        }

        /**
         * Adds a {@code Cardinal} (or {@code LongWord}, {@code DWORD}) field (4 bytes, 0..4294967295).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder cardinal(String name) {
            return add(name, DelphiType.CARDINAL, 1, 0);
        }

        /**
         * Adds an {@code Int64} field (8 bytes, signed).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder int64(String name) {
            return add(name, DelphiType.INT64, 1, 0);
        }

        /**
         * Adds a {@code UInt64} field (8 bytes, unsigned; accessed as a {@code long} with the same bits).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder uint64(String name) {
            return add(name, DelphiType.UINT64, 1, 0);
        }

        /**
         * Adds a {@code Single} field (4 bytes, IEEE single precision).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder single(String name) {
            return add(name, DelphiType.SINGLE, 1, 0);
        }

        /**
         * Adds a {@code Double} field (8 bytes, IEEE double precision).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder doubleValue(String name) {
            return add(name, DelphiType.DOUBLE, 1, 0);
        }

        /**
         * Adds a {@code Boolean} (or {@code ByteBool}) field (1 byte).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder booleanValue(String name) {
            return add(name, DelphiType.BOOLEAN, 1, 0);
        }

        /**
         * Sets the alignment; the default is {@link Alignment#A8}, Delphi's default. It applies to all
         * fields, whenever it is set.
         *
         * @param alignment the alignment setting
         * @return this builder
         */
        public Builder alignment(Alignment alignment) {
            this.alignment = Objects.requireNonNull(alignment, "alignment");
            return this;
        }

        /**
         * Sets the ANSI charset of ShortString and AnsiChar fields; the default is windows-1252.
         *
         * @param charset an ASCII-compatible charset that can encode, e.g. windows-1252 or GBK
         * @return this builder
         * @throws IllegalArgumentException if the charset cannot encode or is not ASCII-compatible
         */
        public Builder charset(Charset charset) {
            this.charset = requireAnsiCharset(charset);
            return this;
        }

        /**
         * Computes the layout and returns the record.
         *
         * @return the record layout
         * @throws IllegalArgumentException if no field was added or the record exceeds 2 GB
         */
        public DelphiRecord build() {
            if (specs.isEmpty()) {
                throw new IllegalArgumentException("record " + name + " has no fields");
            }
            return new DelphiRecord(name, alignment, charset, specs);
        }

        Builder add(String fieldName, DelphiType type, int count, int low) {
            requireIdentifier(fieldName, "field name");
            String previous = names.putIfAbsent(key(fieldName), fieldName);
            if (previous != null) {
                throw new IllegalArgumentException("record " + name + " already has a field " + previous
                        + "; field names are case-insensitive, so " + fieldName + " is a duplicate");
            }
            specs.add(new FieldSpec(fieldName, type, count, low));
            return this;
        }

        private int requireCount(String fieldName, int count) {
            if (count < 1) {
                throw new IllegalArgumentException(name + "." + fieldName
                        + ": an array needs at least one element, not " + count);
            }
            return count;
        }
    }

    private record FieldSpec(String name, DelphiType type, int count, int low) {
    }

    private final String name;
    private final Alignment alignment;
    private final Charset charset;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByKey;
    private final int size;

    private DelphiRecord(String name, Alignment alignment, Charset charset, List<FieldSpec> specs) {
        this.name = name;
        this.alignment = alignment;
        this.charset = charset;
        List<Field> laidOut = new ArrayList<>(specs.size());
        Map<String, Field> byKey = new HashMap<>();
        int offset = 0;
        int recordAlignment = 1;
        try {
            // Delphi before 2009 laid out fields declared together ("a, b: T") back to back after aligning
            // the first; every supported type's size is a multiple of its alignment, so that is the same.
            for (FieldSpec spec : specs) {
                int fieldAlignment = Math.min(spec.type().alignment(), alignment.bytes());
                offset = roundUp(offset, fieldAlignment);
                Field field = new Field(spec.name(), spec.type(), spec.count(), spec.low(), offset);
                laidOut.add(field);
                byKey.put(key(field.name), field);
                offset = Math.addExact(offset, field.size);
                recordAlignment = Math.max(recordAlignment, fieldAlignment);
            }
            this.size = roundUp(offset, recordAlignment);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("record " + name + " is larger than 2 GB", e);
        }
        this.fields = List.copyOf(laidOut);
        this.fieldsByKey = Map.copyOf(byKey);
    }

    private DelphiRecord(DelphiRecord other, Charset charset) {
        this.name = other.name;
        this.alignment = other.alignment;
        this.charset = charset;
        this.fields = other.fields;
        this.fieldsByKey = other.fieldsByKey;
        this.size = other.size;
    }

    /**
     * Starts describing a record type.
     *
     * @param name the record type's name, a Delphi identifier such as {@code TShareMem}; used in
     *     messages and by {@link #toDeclaration()}
     * @return a new builder, with alignment {@link Alignment#A8} and charset windows-1252
     * @throws IllegalArgumentException if the name is not a Delphi identifier
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a record type declaration written in Delphi, with the windows-1252 charset. See
     * {@link #parse(String, Charset)}.
     *
     * @param source Delphi source text containing the record declaration
     * @return the record layout
     * @throws IllegalArgumentException if the source is not a supported record declaration; the
     *     message gives the line and column
     */
    public static DelphiRecord parse(String source) {
        return parse(source, DEFAULT_CHARSET);
    }

    /**
     * Reads a record type declaration written in Delphi, such as
     * {@code TShareMem = record id: string[10]; name: string[20]; age: Integer; end;}.
     *
     * <p>The source may start with {@code type} and with other simple declarations ending at their
     * first semicolon, such as {@code PShareMem = ^TShareMem;}, which are skipped; the first record
     * declaration is taken and the text after its {@code end} is ignored. Keywords and type names are
     * case-insensitive. Comments ({@code //}, braces, {@code (* *)}) are allowed. Alignment directives
     * before the record ({@code {$A1}}, {@code {$A2}}, {@code {$A4}}, {@code {$A8}}, {@code {$A+}},
     * {@code {$A-}}, {@code {$ALIGN 4}}, {@code {$ALIGN ON}}, {@code {$ALIGN OFF}}) set the alignment;
     * {@code {$A16}} equals {@code {$A8}} for the supported types. {@code packed record} means
     * {@link Alignment#PACKED}. Array bounds must be integer literals.
     *
     * <p>Not supported, with an explanation in the exception: variant parts ({@code case}), nested
     * records, sets, enumerations, pointers, long strings ({@code string} without a length,
     * {@code AnsiString}, {@code WideString}: they are pointers to memory of the writing process and
     * cannot live in shared memory), dynamic arrays and arrays of other element types.
     *
     * @param source Delphi source text containing the record declaration
     * @param charset the ANSI charset of the record's ShortString and AnsiChar fields
     * @return the record layout
     * @throws IllegalArgumentException if the source is not a supported record declaration; the
     *     message gives the line and column
     */
    public static DelphiRecord parse(String source, Charset charset) {
        Objects.requireNonNull(source, "source");
        return new DelphiRecordParser(source, requireAnsiCharset(charset)).parse();
    }

    /**
     * Returns the record type's name.
     *
     * @return the name, e.g. {@code TShareMem}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the record's size, including the padding at its end: what Delphi's
     * {@code SizeOf(TShareMem)} returns.
     *
     * @return the size in bytes
     */
    public int size() {
        return size;
    }

    /**
     * Returns the alignment setting the layout was computed with.
     *
     * @return the alignment
     */
    public Alignment alignment() {
        return alignment;
    }

    /**
     * Returns the ANSI charset of ShortString, AnsiChar and AnsiChar array fields.
     *
     * @return the charset
     */
    public Charset charset() {
        return charset;
    }

    /**
     * Returns a copy of this record that uses another ANSI charset; the layout is unchanged.
     *
     * @param charset an ASCII-compatible charset that can encode, e.g. {@code Charset.forName("GBK")}
     * @return the copy
     * @throws IllegalArgumentException if the charset cannot encode or is not ASCII-compatible
     */
    public DelphiRecord withCharset(Charset charset) {
        return new DelphiRecord(this, requireAnsiCharset(charset));
    }

    /**
     * Returns the fields in declaration order.
     *
     * @return an unmodifiable list of the fields
     */
    public List<Field> fields() {
        return fields;
    }

    /**
     * Returns a field by name.
     *
     * @param field the field name, case-insensitive
     * @return the field
     * @throws IllegalArgumentException if there is no such field
     */
    public Field field(String field) {
        Objects.requireNonNull(field, "field");
        Field found = fieldsByKey.get(key(field));
        if (found == null) {
            StringJoiner known = new StringJoiner(", ");
            fields.forEach(f -> known.add(f.name));
            throw new IllegalArgumentException("record " + name + " has no field '" + field
                    + "'; its fields are " + known);
        }
        return found;
    }

    /**
     * Returns the offset of a field from the start of the record.
     *
     * @param field the field name, case-insensitive
     * @return the offset in bytes
     * @throws IllegalArgumentException if there is no such field
     */
    public int offset(String field) {
        return field(field).offset;
    }

    /**
     * Returns the record as a Delphi declaration, which {@link #parse(String, Charset)} reads back to an
     * equal record. Unless the record is packed, the declaration starts with the alignment directive
     * (for example {@code {$A8}}), which stays in effect for the rest of a unit it is pasted into.
     *
     * @return Delphi source text, lines separated by {@code \n}
     */
    public String toDeclaration() {
        StringBuilder out = new StringBuilder();
        if (alignment == Alignment.PACKED) {
            out.append(name).append(" = packed record\n");
        } else {
            out.append("{$A").append(alignment.bytes()).append("}\n");
            out.append(name).append(" = record\n");
        }
        for (Field field : fields) {
            out.append("  ").append(field.name).append(": ").append(field.type()).append(";\n");
        }
        return out.append("end;\n").toString();
    }

    // ---------------------------------------------------------------- text

    /**
     * Reads a text field: a ShortString, an AnsiChar or WideChar, or an array of AnsiChar or WideChar.
     * Arrays and single characters end at the first #0 character, so a #0 character reads as an
     * empty string.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the text
     * @throws IllegalArgumentException if there is no such field, it is not a text field, or the
     *     buffer is smaller than the record
     * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
     */
    public String getString(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.TEXT, "getString");
        return readText(readable(buffer), f);
    }

    /**
     * Writes a text field; {@code pUserInfoShareMem.id := '8888'} in Delphi is
     * {@code rec.putString(view, "id", "8888")}. The text is encoded in the record's charset (UTF-16
     * for WideChar fields) and must fit the field: {@code string[10]} and
     * {@code array[0..9] of AnsiChar} take at most 10 bytes, {@code array[0..9] of WideChar} at most 10
     * UTF-16 code units, AnsiChar and WideChar at most one character (an empty string writes #0).
     * Unused bytes of the field are set to zero. Nothing is written if the value is rejected.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the text
     * @throws IllegalArgumentException if there is no such field, it is not a text field, the buffer is
     *     smaller than the record, the value has a character the charset cannot encode, is too long, or
     *     (for arrays) contains a #0 character
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putString(ByteBuffer buffer, String field, String value) {
        Field f = fieldOfKind(field, DelphiType.Kind.TEXT, "putString");
        ByteBuffer view = writable(buffer);
        byte[] image = encodeText(f, requireValue(f, value));
        view.put(f.offset, image);
    }

    // ---------------------------------------------------------------- integers

    /**
     * Reads an integer field whose values all fit in an {@code int}: Byte, ShortInt, Word, SmallInt
     * and Integer. Use {@link #getLong(ByteBuffer, String)} for Cardinal, Int64 and UInt64.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not one of those types, or the
     *     buffer is smaller than the record
     */
    public int getInt(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.INTEGER, "getInt");
        if (!f.delphiType.fitsInInt()) {
            throw new IllegalArgumentException(where(f) + " is " + f.type()
                    + ", whose values do not all fit in an int; use getLong");
        }
        return (int) readInteger(readable(buffer), f);
    }

    /**
     * Reads any integer field, widened to {@code long}. Cardinal is read as unsigned (0..4294967295);
     * UInt64 returns the field's 64 bits, so values of 2<sup>63</sup> and more come back negative
     * (two's complement; see {@link Long#toUnsignedString(long)}).
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, or the
     *     buffer is smaller than the record
     */
    public long getLong(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.INTEGER, "getLong");
        return readInteger(readable(buffer), f);
    }

    /**
     * Writes an integer field; same as {@link #putLong(ByteBuffer, String, long)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the value, within the field type's range
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, the value
     *     is out of range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putInt(ByteBuffer buffer, String field, int value) {
        putLong(buffer, field, value);
    }

    /**
     * Writes an integer field after checking the value against the field type's range: Byte 0..255,
     * ShortInt -128..127, Word 0..65535, SmallInt -32768..32767, Integer -2147483648..2147483647,
     * Cardinal 0..4294967295; Int64 takes any value, and UInt64 takes any value as the two's
     * complement bits of the unsigned number.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, the value
     *     is out of range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putLong(ByteBuffer buffer, String field, long value) {
        Field f = fieldOfKind(field, DelphiType.Kind.INTEGER, "putLong");
        ByteBuffer view = writable(buffer);
        DelphiType type = f.delphiType;
        if (type != DelphiType.UINT64 && (value < type.min() || value > type.max())) {
            throw outOfRange(f, Long.toString(value));
        }
        writeInteger(view, f, value);
    }

    // ---------------------------------------------------------------- floating point

    /**
     * Reads a Single or Double field; a Single is widened exactly.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not a Single or Double, or the
     *     buffer is smaller than the record
     */
    public double getDouble(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.FLOAT, "getDouble");
        ByteBuffer view = readable(buffer);
        return f.delphiType == DelphiType.SINGLE ? view.getFloat(f.offset) : view.getDouble(f.offset);
    }

    /**
     * Writes a Single or Double field. For a Single the value is rounded to single precision; a finite
     * value beyond the range of a Single is rejected rather than stored as infinity.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not a Single or Double, the
     *     value is out of a Single's range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putDouble(ByteBuffer buffer, String field, double value) {
        Field f = fieldOfKind(field, DelphiType.Kind.FLOAT, "putDouble");
        ByteBuffer view = writable(buffer);
        if (f.delphiType == DelphiType.SINGLE) {
            float single = (float) value;
            if (Float.isInfinite(single) && !Double.isInfinite(value)) {
                throw outOfRange(f, Double.toString(value), "-3.4028235E38..3.4028235E38");
            }
            view.putFloat(f.offset, single);
        } else {
            view.putDouble(f.offset, value);
        }
    }

    // ---------------------------------------------------------------- booleans

    /**
     * Reads a Boolean field: any non-zero byte is {@code true}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not a Boolean, or the buffer is
     *     smaller than the record
     */
    public boolean getBoolean(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.BOOLEAN, "getBoolean");
        return readable(buffer).get(f.offset) != 0;
    }

    /**
     * Writes a Boolean field: 1 for {@code true}, 0 for {@code false}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not a Boolean, or the buffer is
     *     smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putBoolean(ByteBuffer buffer, String field, boolean value) {
        Field f = fieldOfKind(field, DelphiType.Kind.BOOLEAN, "putBoolean");
        writable(buffer).put(f.offset, (byte) (value ? 1 : 0));
    }

    // ---------------------------------------------------------------- byte arrays

    /**
     * Reads an {@code array of Byte} field.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return a new array holding a copy of the field's bytes
     * @throws IllegalArgumentException if there is no such field, it is not a byte array, or the buffer
     *     is smaller than the record
     */
    public byte[] getBytes(ByteBuffer buffer, String field) {
        Field f = fieldOfKind(field, DelphiType.Kind.BYTES, "getBytes");
        byte[] bytes = new byte[f.size];
        readable(buffer).get(f.offset, bytes);
        return bytes;
    }

    /**
     * Writes an {@code array of Byte} field.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value exactly as many bytes as the array has elements
     * @throws IllegalArgumentException if there is no such field, it is not a byte array, the value has
     *     another length, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putBytes(ByteBuffer buffer, String field, byte[] value) {
        Field f = fieldOfKind(field, DelphiType.Kind.BYTES, "putBytes");
        ByteBuffer view = writable(buffer);
        requireValue(f, value);
        if (value.length != f.size) {
            throw new IllegalArgumentException(where(f) + ": value has " + value.length + " bytes, field "
                    + f.name + " is " + f.type() + " (exactly " + f.size + ")");
        }
        view.put(f.offset, value);
    }

    // ---------------------------------------------------------------- generic access

    /**
     * Reads any field as an object: a {@link String} for text fields, a {@link Long} for integer fields
     * (as {@link #getLong(ByteBuffer, String)}), a {@link Double} for Single and Double, a
     * {@link Boolean}, or a {@code byte[]} for byte arrays.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field or the buffer is smaller than the record
     * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
     */
    public Object get(ByteBuffer buffer, String field) {
        Field f = field(field);
        return readValue(readable(buffer), f);
    }

    /**
     * Writes any field from an object: a {@link String} (or {@link Character}) for text fields; a
     * {@link Long}, {@link Integer}, {@link Short}, {@link Byte} or {@link BigInteger} for integer
     * fields (a BigInteger may give a UInt64 its full unsigned range); any {@link Number} for Single and
     * Double; a {@link Boolean}; a {@code byte[]} for byte arrays. The same checks apply as for the
     * typed methods.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, the value's class does not suit the
     *     field, the value is invalid for the field, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void set(ByteBuffer buffer, String field, Object value) {
        Field f = field(field);
        requireValue(f, value);
        switch (f.delphiType.kind()) {
            case TEXT -> {
                if (value instanceof String || value instanceof Character) {
                    putString(buffer, f.name, value.toString());
                    return;
                }
            }
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    putLong(buffer, f.name, ((Number) value).longValue());
                    return;
                }
                if (value instanceof BigInteger big) {
                    putBigInteger(buffer, f, big, big.toString());
                    return;
                }
            }
            case FLOAT -> {
                if (value instanceof Number number) {
                    putDouble(buffer, f.name, number.doubleValue());
                    return;
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean bool) {
                    putBoolean(buffer, f.name, bool);
                    return;
                }
            }
            case BYTES -> {
                if (value instanceof byte[] bytes) {
                    putBytes(buffer, f.name, bytes);
                    return;
                }
            }
        }
        throw new IllegalArgumentException(where(f) + " is " + f.type() + "; cannot set it from a "
                + value.getClass().getSimpleName() + " (expected " + expectedClasses(f.delphiType) + ")");
    }

    /**
     * Writes any field from text, as typed by a user: integers in decimal, or hexadecimal with a
     * {@code 0x} or {@code $} prefix, optionally signed (a UInt64 takes 0..18446744073709551615); Single
     * and Double as {@link Double#parseDouble(String)} reads them; Booleans as {@code true} or
     * {@code false} (any case); text as it is; byte arrays as two hexadecimal digits per byte, e.g.
     * {@code 0a0bff}, whitespace allowed between them. Surrounding whitespace is ignored except for text.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name, case-insensitive
     * @param text the value as text
     * @throws IllegalArgumentException if there is no such field, the text cannot be parsed as the
     *     field's type, the value is invalid for the field, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void setFromText(ByteBuffer buffer, String field, String text) {
        Field f = field(field);
        requireValue(f, text);
        String trimmed = text.strip();
        switch (f.delphiType.kind()) {
            case TEXT -> putString(buffer, f.name, text);
            case INTEGER -> {
                Matcher m = INTEGER_TEXT.matcher(trimmed);
                if (!m.matches()) {
                    throw cannotParse(f, text, "a decimal, 0x or $ hexadecimal integer");
                }
                BigInteger magnitude = m.group(4) != null ? new BigInteger(m.group(4))
                        : new BigInteger(m.group(2) != null ? m.group(2) : m.group(3), 16);
                putBigInteger(buffer, f, m.group(1).equals("-") ? magnitude.negate() : magnitude, trimmed);
            }
            case FLOAT -> {
                double value;
                try {
                    value = Double.parseDouble(trimmed);
                } catch (NumberFormatException e) {
                    throw cannotParse(f, text, "a number such as 1.5 or -2E10");
                }
                putDouble(buffer, f.name, value);
            }
            case BOOLEAN -> {
                if (trimmed.equalsIgnoreCase("true")) {
                    putBoolean(buffer, f.name, true);
                } else if (trimmed.equalsIgnoreCase("false")) {
                    putBoolean(buffer, f.name, false);
                } else {
                    throw cannotParse(f, text, "true or false");
                }
            }
            case BYTES -> putBytes(buffer, f.name, parseHex(f, text));
        }
    }

    /**
     * Reads all fields, as {@link #get(ByteBuffer, String)} does.
     *
     * @param buffer the memory holding the record at index 0
     * @return a new {@link LinkedHashMap} from field name to value, in declaration order
     * @throws IllegalArgumentException if the buffer is smaller than the record
     * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
     */
    public Map<String, Object> read(ByteBuffer buffer) {
        ByteBuffer view = readable(buffer);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : fields) {
            values.put(f.name, readValue(view, f));
        }
        return values;
    }

    /**
     * Formats all fields for people to read, one {@code name = value} line per field in declaration
     * order: text in double quotes (with Java escapes for quotes, backslashes and control characters),
     * UInt64 unsigned, byte arrays in hexadecimal as {@link #setFromText(ByteBuffer, String, String)}
     * reads them.
     *
     * @param buffer the memory holding the record at index 0
     * @return the lines, separated (not terminated) by {@code \n}
     * @throws IllegalArgumentException if the buffer is smaller than the record
     * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
     */
    public String format(ByteBuffer buffer) {
        ByteBuffer view = readable(buffer);
        StringJoiner lines = new StringJoiner("\n");
        for (Field f : fields) {
            lines.add(f.name + " = " + formatValue(view, f));
        }
        return lines.toString();
    }

    // ---------------------------------------------------------------- Object

    /**
     * Compares name, alignment, charset and fields.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a record with the same name, layout and charset
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DelphiRecord r && r.name.equals(name) && r.alignment == alignment
                && r.charset.equals(charset) && r.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, alignment, charset, fields);
    }

    /**
     * Returns a summary such as {@code TShareMem (36 bytes, A8, windows-1252)}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return name + " (" + size + " bytes, " + alignment + ", " + charset.name() + ")";
    }

    // ---------------------------------------------------------------- internals

    private Field fieldOfKind(String field, DelphiType.Kind kind, String accessor) {
        Field f = field(field);
        if (f.delphiType.kind() != kind) {
            throw new IllegalArgumentException(where(f) + ": " + accessor + " works on "
                    + kind.description() + ", but " + f.name + " is " + f.type());
        }
        return f;
    }

    private ByteBuffer readable(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.limit() < size) {
            throw new IllegalArgumentException("record " + name + " needs " + size
                    + " bytes, but the buffer's limit is " + buffer.limit() + " (capacity "
                    + buffer.capacity() + ")");
        }
        return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer writable(ByteBuffer buffer) {
        ByteBuffer view = readable(buffer);
        if (view.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        return view;
    }

    private String where(Field f) {
        return name + "." + f.name;
    }

    private <T> T requireValue(Field f, T value) {
        return Objects.requireNonNull(value, () -> "null value for " + where(f));
    }

    private IllegalArgumentException outOfRange(Field f, String value) {
        return outOfRange(f, value, f.delphiType.range());
    }

    private IllegalArgumentException outOfRange(Field f, String value, String range) {
        return new IllegalArgumentException(where(f) + ": " + value + " is out of range for " + f.type()
                + " (" + range + ")");
    }

    private IllegalArgumentException cannotParse(Field f, String text, String expected) {
        return new IllegalArgumentException(where(f) + ": cannot read '" + text + "' as " + f.type()
                + "; expected " + expected);
    }

    private void putBigInteger(ByteBuffer buffer, Field f, BigInteger value, String shown) {
        DelphiType type = f.delphiType;
        boolean inRange = type == DelphiType.UINT64
                ? value.signum() >= 0 && value.compareTo(UINT64_MAX) <= 0
                : value.compareTo(BigInteger.valueOf(type.min())) >= 0
                        && value.compareTo(BigInteger.valueOf(type.max())) <= 0;
        if (!inRange) {
            throw outOfRange(f, shown);
        }
        putLong(buffer, f.name, value.longValue());
    }

    private static String expectedClasses(DelphiType type) {
        return switch (type.kind()) {
            case TEXT -> "String or Character";
            case INTEGER -> "Long, Integer, Short, Byte or BigInteger";
            case FLOAT -> "a Number";
            case BOOLEAN -> "Boolean";
            case BYTES -> "byte[]";
        };
    }

    private static long readInteger(ByteBuffer view, Field f) {
        int at = f.offset;
        return switch (f.delphiType) {
            case BYTE -> view.get(at) & 0xFF;
            case SHORT_INT -> view.get(at);
            case WORD -> view.getShort(at) & 0xFFFF;
            case SMALL_INT -> view.getShort(at);
            case INTEGER -> view.getInt(at);
            case CARDINAL -> view.getInt(at) & 0xFFFF_FFFFL;
            case INT64, UINT64 -> view.getLong(at);
            default -> throw new IllegalStateException("not an integer type: " + f.delphiType);
        };
    }

    private static void writeInteger(ByteBuffer view, Field f, long value) {
        int at = f.offset;
        switch (f.delphiType.elementSize()) {
            case 1 -> view.put(at, (byte) value);
            case 2 -> view.putShort(at, (short) value);
            case 4 -> view.putInt(at, (int) value);
            default -> view.putLong(at, value);
        }
    }

    private Object readValue(ByteBuffer view, Field f) {
        return switch (f.delphiType.kind()) {
            case TEXT -> readText(view, f);
            case INTEGER -> readInteger(view, f);
            case FLOAT -> f.delphiType == DelphiType.SINGLE
                    ? (double) view.getFloat(f.offset) : view.getDouble(f.offset);
            case BOOLEAN -> view.get(f.offset) != 0;
            case BYTES -> {
                byte[] bytes = new byte[f.size];
                view.get(f.offset, bytes);
                yield bytes;
            }
        };
    }

    private String formatValue(ByteBuffer view, Field f) {
        return switch (f.delphiType) {
            case SINGLE -> Float.toString(view.getFloat(f.offset));
            case UINT64 -> Long.toUnsignedString(view.getLong(f.offset));
            case BYTE_ARRAY -> {
                byte[] bytes = new byte[f.size];
                view.get(f.offset, bytes);
                yield toHex(bytes);
            }
            default -> {
                Object value = readValue(view, f);
                yield value instanceof String s ? quote(s) : String.valueOf(value);
            }
        };
    }

    private String readText(ByteBuffer view, Field f) {
        int at = f.offset;
        switch (f.delphiType) {
            case SHORT_STRING -> {
                int length = view.get(at) & 0xFF;
                if (length > f.count) {
                    throw new CorruptRecordException(name, f.name, at, "length byte is " + length
                            + ", but the field is " + f.type() + " (at most " + f.count + ")");
                }
                return decodeAnsi(view, at + 1, length);
            }
            case ANSI_CHAR, ANSI_CHAR_ARRAY -> {
                int length = 0;
                while (length < f.count && view.get(at + length) != 0) {
                    length++;
                }
                return decodeAnsi(view, at, length);
            }
            case WIDE_CHAR, WIDE_CHAR_ARRAY -> {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < f.count; i++) {
                    char c = view.getChar(at + 2 * i);
                    if (c == 0) {
                        break;
                    }
                    text.append(c);
                }
                return text.toString();
            }
            default -> throw new IllegalStateException("not a text type: " + f.delphiType);
        }
    }

    private String decodeAnsi(ByteBuffer view, int at, int length) {
        byte[] bytes = new byte[length];
        view.get(at, bytes);
        return new String(bytes, charset);
    }

    /** Returns the field's complete new contents, after checking that the value fits. */
    private byte[] encodeText(Field f, String value) {
        DelphiType type = f.delphiType;
        byte[] image = new byte[f.size];
        if (type == DelphiType.WIDE_CHAR || type == DelphiType.WIDE_CHAR_ARRAY) {
            if (type == DelphiType.WIDE_CHAR_ARRAY) {
                rejectNul(f, value);
            }
            if (value.length() > f.count) {
                throw tooLong(f, value.length() + " UTF-16 code units");
            }
            ByteBuffer out = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            value.chars().forEach(c -> out.putChar((char) c));
            return image;
        }
        if (type == DelphiType.ANSI_CHAR_ARRAY) {
            rejectNul(f, value);
        }
        byte[] bytes = encodeAnsi(f, value);
        int capacity = type == DelphiType.SHORT_STRING ? f.count : f.size;
        if (bytes.length > capacity) {
            throw tooLong(f, bytes.length + " bytes");
        }
        if (type == DelphiType.SHORT_STRING) {
            image[0] = (byte) bytes.length;
            System.arraycopy(bytes, 0, image, 1, bytes.length);
        } else {
            System.arraycopy(bytes, 0, image, 0, bytes.length);
        }
        return image;
    }

    private IllegalArgumentException tooLong(Field f, String needed) {
        return new IllegalArgumentException(where(f) + ": value needs " + needed + ", field " + f.name
                + " is " + f.type() + " (at most " + f.count + ")");
    }

    private void rejectNul(Field f, String value) {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(where(f) + ": value has a #0 character at index " + nul
                    + ", which would end the text of " + f.type() + " early");
        }
    }

    private byte[] encodeAnsi(Field f, String value) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(value);
        // maxBytesPerChar bounds the output; the extra bytes leave room for a stateful encoder's flush
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(value.length() * (double) encoder.maxBytesPerChar()) + 16);
        CoderResult result = encoder.encode(in, out, true);
        if (result.isUnderflow()) {
            result = encoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException(where(f) + ": " + describeBadInput(value, in.position())
                    + " cannot be encoded in " + charset.name());
        }
        if (result.isOverflow()) {
            throw new IllegalStateException(charset.name() + " encoded more than maxBytesPerChar bytes per char");
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static String describeBadInput(String value, int index) {
        int codePoint = value.codePointAt(index);
        String shown = Character.isBmpCodePoint(codePoint) && Character.isSurrogate((char) codePoint)
                ? "unpaired surrogate" : "character '" + new String(Character.toChars(codePoint)) + "'";
        return shown + " (U+" + String.format(Locale.ROOT, "%04X", codePoint) + ") at index " + index;
    }

    private byte[] parseHex(Field f, String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(where(f) + ": cannot read '" + text + "' as " + f.type()
                    + "; expected two hexadecimal digits per byte, e.g. 0a0bff");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }

    private static String toHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return hex.toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static int roundUp(int value, int multiple) {
        int remainder = value % multiple;
        return remainder == 0 ? value : Math.addExact(value, multiple - remainder);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String requireIdentifier(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!DelphiRecordParser.isIdentifier(name)) {
            throw new IllegalArgumentException("invalid " + what + " '" + name
                    + "': a Delphi identifier starts with a letter or _ and goes on with letters, digits or _");
        }
        if (DelphiRecordParser.isReservedWord(name)) {
            throw new IllegalArgumentException("invalid " + what + " '" + name + "': it is a Delphi reserved word");
        }
        return name;
    }

    private static Charset requireAnsiCharset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        if (!charset.canEncode()) {
            throw new IllegalArgumentException("charset " + charset.name() + " cannot encode");
        }
        String probe = "Az09 _";
        if (!Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("charset " + charset.name()
                    + " is not an ANSI code page: it does not encode ASCII characters as single bytes");
        }
        return charset;
    }
}
