package org.ipctoolkit.delphi;

import static org.ipctoolkit.delphi.ValueCodecs.CHAR;
import static org.ipctoolkit.delphi.ValueCodecs.DOUBLE;
import static org.ipctoolkit.delphi.ValueCodecs.FLOAT;
import static org.ipctoolkit.delphi.ValueCodecs.INT;
import static org.ipctoolkit.delphi.ValueCodecs.LONG;
import static org.ipctoolkit.delphi.ValueCodecs.SHORT;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.ipctoolkit.delphi.DelphiType.ArrayType;
import org.ipctoolkit.delphi.DelphiType.Body;
import org.ipctoolkit.delphi.DelphiType.Branch;
import org.ipctoolkit.delphi.DelphiType.Decl;
import org.ipctoolkit.delphi.DelphiType.EnumType;
import org.ipctoolkit.delphi.DelphiType.Member;
import org.ipctoolkit.delphi.DelphiType.RecordType;
import org.ipctoolkit.delphi.DelphiType.Scalar;
import org.ipctoolkit.delphi.DelphiType.ScalarType;
import org.ipctoolkit.delphi.DelphiType.SetType;
import org.ipctoolkit.delphi.DelphiType.ShortStringType;
import org.ipctoolkit.delphi.DelphiType.Variant;

/**
 * The memory layout of a Delphi record type, with typed access to the record's fields in any
 * {@link ByteBuffer}, byte for byte as a Delphi program lays the record out.
 *
 * <p>Delphi programs that share data through a Win32 file mapping (or send it in WM_COPYDATA, a mailslot
 * or a pipe) usually cast the memory to a pointer to a record and assign its fields. To exchange data with
 * such a program, a Java program must read and write exactly the bytes the Delphi compiler would. For the
 * record
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
 * DelphiRecord rec = DelphiRecord.parse(delphiSource);   // or DelphiRecord.builder("TShareMem")...build()
 * DelphiRecord.Field id = rec.field("id");
 * DelphiRecord.Field age = rec.field("age");             // look fields up once ...
 * ByteBuffer p = ...;                                    // the mapped view, at least rec.size() (36) bytes
 * id.putString(p, "8888");                               // p.id := '8888';
 * age.putInt(p, 25);                                     // p.age := 25;
 * int a = age.getInt(p);                                 // a := p.age;
 * rec.putInt(p, "age", 26);                              // ... or name them on each call (slower)
 * }</pre>
 *
 * <h2>Fields</h2>
 * A {@link Field} is a handle to one field, or to a field of a nested record or an element of an array:
 * {@code rec.field("points[2].x")}, or step by step {@code rec.field("points").element(2).field("x")}.
 * Handles hold the field's offset and type, so their accessors do no lookup and no allocation (for
 * numbers and Booleans): a type check and a bounds check, then one little-endian access at a constant
 * offset. Look handles up once and keep them for hot loops. The name-based methods of this class
 * ({@link #putInt(ByteBuffer, String, int)}, ...) look the field up on every call.
 *
 * <p>Which accessors work on a field depends on its {@link Kind}; using another one is an
 * {@link IllegalArgumentException} naming the field and its type. See {@link DelphiType} for every type
 * and its size and alignment.
 * <ul>
 * <li>Integers ({@code Byte}, {@code ShortInt}, {@code Word}, {@code SmallInt}, {@code Integer},
 *     {@code Cardinal}, {@code Int64}, {@code UInt64}, subranges) and enumerations (their ordinal):
 *     {@code getByte}/{@code getShort}/{@code getInt}/{@code getLong} when every value of the field fits
 *     in the Java type, and {@code putByte}/{@code putShort}/{@code putInt}/{@code putLong} with a range
 *     check. UInt64 is a {@code long} with the same 64 bits (see {@link Long#toUnsignedString(long)}).</li>
 * <li>{@code Single}, {@code Double}, {@code Extended}: {@code getDouble}/{@code putDouble}
 *     ({@code getFloat} for a Single).</li>
 * <li>{@code Boolean}, {@code ByteBool}, {@code WordBool}, {@code LongBool}: {@code getBoolean}/
 *     {@code putBoolean}. Any non-zero value reads as true; true is written as 1 in a Boolean and as -1
 *     (all bits set) in the others, as Delphi does.</li>
 * <li>Text: {@code string[N]} (ShortString: a length byte and N bytes), {@code AnsiChar},
 *     {@code WideChar}, {@code array[lo..hi] of AnsiChar} and {@code of WideChar} (zero-terminated unless
 *     full): {@code getString}/{@code putString}; single characters also {@code getChar}/{@code putChar}.
 *     In a declaration {@code Char} means {@code AnsiChar}, as in Delphi 7; records written by Delphi
 *     2009 or later, where {@code Char} is a {@code WideChar}, must say {@code WideChar}.</li>
 * <li>{@code array[lo..hi] of Byte}: {@code getBytes}/{@code putBytes}.</li>
 * <li>Enumerations: {@code getEnum}/{@code putEnum} by value name.</li>
 * <li>Sets: {@code getOrdinals}/{@code putOrdinals} as a {@link BitSet} of ordinals;
 *     {@code getSet}/{@code putSet} by value names for sets of an enumeration.</li>
 * <li>{@code TDateTime}: {@code getDateTime}/{@code putDateTime} as {@link LocalDateTime} (or the raw
 *     days with {@code getDouble}/{@code putDouble}).</li>
 * <li>{@code Currency}: {@code getCurrency}/{@code putCurrency} as {@link BigDecimal}.</li>
 * <li>Records and arrays: their fields and elements; {@code get}/{@code set} as {@link Map} and
 *     {@link List}.</li>
 * </ul>
 * Every field also has the generic {@link Field#get(ByteBuffer)} and {@link Field#set(ByteBuffer, Object)}.
 *
 * <h2>Layout rules</h2>
 * Fields follow each other in declaration order. Each field's offset is rounded up to a multiple of the
 * smaller of the field type's natural alignment (see {@link DelphiType}) and the record's
 * {@link Alignment} setting; {@link Alignment#PACKED} ({@code packed record} or {@code {$A1}}) inserts no
 * padding. A record's own alignment is the largest alignment any of its fields received; its size is
 * rounded up to a multiple of it, so that arrays of it stay aligned. A nested record keeps the layout of
 * its own declaration and is aligned by its own alignment. The default setting, {@link Alignment#A8}, is
 * Delphi's default {@code {$A8}}.
 *
 * <p>A variant part ({@code case tag: Byte of 0: (...); 1: (...)}) comes last; its tag, if named, is an
 * ordinary field; all its branches start at the same offset and overlap, and the record is as large as its
 * largest branch needs. Delphi aligns that common start like a nested record, by the largest alignment
 * of the fields of all branches; Free Pascal aligns it to the record's {@code {$A}} setting, see
 * {@link Dialect}.
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
 * and byte order are never changed, and values are little-endian whatever the buffer's order. Every
 * access first checks that the buffer's limit is at least {@link #size()}. Nothing is written when a
 * value is rejected. Field names are case-insensitive, as in Delphi.
 *
 * <p>Instances (and their fields) are immutable and safe to use from several threads; the buffers are
 * not synchronised, which is the job of the mutex or event that guards the shared memory.
 */
public final class DelphiRecord {

    static final Charset DEFAULT_CHARSET = Charset.forName("windows-1252");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigDecimal CURRENCY_MIN = BigDecimal.valueOf(Long.MIN_VALUE, 4);
    private static final BigDecimal CURRENCY_MAX = BigDecimal.valueOf(Long.MAX_VALUE, 4);

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

    /**
     * Whose layout rules to follow where Delphi and Free Pascal (in Delphi mode, {@code fpc -Mdelphi})
     * differ. They agree on everything else, which this library checks against the Free Pascal compiler.
     * <table>
     * <caption>Where the two compilers lay records out differently</caption>
     * <tr><th></th><th>{@link #DELPHI}</th><th>{@link #FREE_PASCAL}</th></tr>
     * <tr><td>start of a variant part</td><td>aligned by the largest alignment of its fields</td>
     *     <td>aligned to the {@code {$A n}} setting (1 if packed)</td></tr>
     * <tr><td>alignment of a set of 3 or more than 4 bytes</td><td>1</td>
     *     <td>8, capped by {@code {$A n}}</td></tr>
     * </table>
     * {@link #FREE_PASCAL} describes Free Pascal 3.2 on x86-64 with an explicit {@code {$A n}} or
     * {@code packed} before the record; without one Free Pascal follows the platform's C layout (Extended
     * aligned to 16, variant parts as in Delphi), which this library does not model: put {@code {$A8}}
     * in such programs.
     */
    public enum Dialect {
        /** Embarcadero Delphi (32 and 64 bit), as its documentation describes record layout. */
        DELPHI,
        /** Free Pascal 3.2 in Delphi mode on x86-64, under an explicit alignment directive. */
        FREE_PASCAL
    }

    /**
     * What Java value a field holds, which decides which accessors work on it.
     */
    public enum Kind {
        /** ShortStrings, AnsiChar, WideChar and arrays of them: {@link String}. */
        TEXT,
        /** Byte, ShortInt, Word, SmallInt, Integer, Cardinal, Int64, UInt64, subranges: {@code long}. */
        INTEGER,
        /** Single, Double, Extended: {@code double}. */
        FLOAT,
        /** Boolean, ByteBool, WordBool, LongBool: {@code boolean}. */
        BOOLEAN,
        /** Arrays of Byte: {@code byte[]}. */
        BYTES,
        /** Enumerations: a value name, or the ordinal as an integer. */
        ENUM,
        /** Sets: a set of value names or ordinals. */
        SET,
        /** TDateTime: {@link LocalDateTime}. */
        DATE_TIME,
        /** Currency: {@link BigDecimal} with 4 decimal places. */
        CURRENCY,
        /** Nested records: their fields. */
        RECORD,
        /** Arrays of anything but characters and bytes: their elements. */
        ARRAY
    }

    // ---------------------------------------------------------------- field handles

    // how a field's bytes are stored
    private static final int NONE = 0;
    private static final int U8 = 1;
    private static final int S8 = 2;
    private static final int U16 = 3;
    private static final int S16 = 4;
    private static final int S32 = 5;
    private static final int U32 = 6;
    private static final int S64 = 7;
    private static final int F32 = 8;
    private static final int F64 = 9;
    private static final int F80 = 10;

    // which accessors a field allows
    private static final int GET_BYTE = 1;
    private static final int GET_SHORT = 1 << 1;
    private static final int GET_INT = 1 << 2;
    private static final int GET_LONG = 1 << 3;
    private static final int PUT_INTEGER = 1 << 4;
    private static final int GET_FLOAT = 1 << 5;
    private static final int GET_DOUBLE = 1 << 6;
    private static final int PUT_FLOAT = 1 << 7;
    private static final int BOOLEAN_VALUE = 1 << 8;
    private static final int STRING = 1 << 9;
    private static final int CHAR_VALUE = 1 << 10;
    private static final int BYTES = 1 << 11;
    private static final int ENUM = 1 << 12;
    private static final int SET_ORDINALS = 1 << 13;
    private static final int SET_NAMES = 1 << 14;
    private static final int DATE_TIME = 1 << 15;
    private static final int CURRENCY = 1 << 16;

    /**
     * A handle to one field of a record, to a field of a nested record, or to an element of an array: its
     * name, type, offset and size, and accessors that read and write it in a buffer holding the whole
     * record at index 0. Obtained from {@link DelphiRecord#field(String)}, {@link DelphiRecord#fields()},
     * {@link #field(String)} and {@link #element(int)}. Immutable and thread-safe.
     *
     * <p>Each accessor checks that it suits the field's type, then that the buffer's limit is at least the
     * whole record's size, then the value, and only then writes; a rejected call writes nothing. Reading
     * or writing a number or a Boolean allocates nothing.
     */
    public static final class Field {
        private final DelphiRecord owner;
        private final String name;
        private final String path;
        private final DelphiType type;
        private final int offset;
        private final int size;
        private final int recordSize;
        private final int storage;
        private final int ops;
        private final long min;
        private final long max;
        private volatile Children children;

        private Field(DelphiRecord owner, String name, String path, DelphiType type, int offset) {
            this.owner = owner;
            this.name = name;
            this.path = path;
            this.type = type;
            this.offset = offset;
            this.size = type.size();
            this.recordSize = owner.type.size();
            this.storage = storageOf(type);
            long lo = 0;
            long hi = 0;
            if (type instanceof ScalarType s) {
                lo = s.min;
                hi = s.max;
            } else if (type instanceof EnumType e) {
                lo = e.low();
                hi = e.high();
            }
            this.min = lo;
            this.max = hi;
            this.ops = opsOf(type, lo, hi);
        }

        private static int storageOf(DelphiType type) {
            if (type instanceof EnumType e) {
                return switch (e.size()) {
                    case 1 -> e.isSigned() ? S8 : U8;
                    case 2 -> e.isSigned() ? S16 : U16;
                    default -> S32;
                };
            }
            if (!(type instanceof ScalarType s)) {
                return NONE;
            }
            return switch (s.scalar) {
                case BYTE, ANSI_CHAR, BOOLEAN, BYTE_BOOL -> U8;
                case SHORT_INT -> S8;
                case WORD, WIDE_CHAR, WORD_BOOL -> U16;
                case SMALL_INT -> S16;
                case INTEGER, LONG_BOOL -> S32;
                case CARDINAL -> U32;
                case INT64, UINT64, CURRENCY -> S64;
                case SINGLE -> F32;
                case DOUBLE, DATE_TIME -> F64;
                case EXTENDED -> F80;
            };
        }

        private static int opsOf(DelphiType type, long lo, long hi) {
            int ops = 0;
            switch (type.kind()) {
                case INTEGER, ENUM -> {
                    boolean uint64 = type instanceof ScalarType s && s.scalar == Scalar.UINT64;
                    ops |= PUT_INTEGER | GET_LONG;
                    if (!uint64 && lo >= Byte.MIN_VALUE && hi <= Byte.MAX_VALUE) {
                        ops |= GET_BYTE;
                    }
                    if (!uint64 && lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE) {
                        ops |= GET_SHORT;
                    }
                    if (!uint64 && lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE) {
                        ops |= GET_INT;
                    }
                    if (type.kind() == Kind.ENUM) {
                        ops |= ENUM;
                    }
                }
                case FLOAT -> ops |= GET_DOUBLE | PUT_FLOAT
                        | (((ScalarType) type).scalar == Scalar.SINGLE ? GET_FLOAT : 0);
                case DATE_TIME -> ops |= GET_DOUBLE | PUT_FLOAT | DATE_TIME;
                case CURRENCY -> ops |= CURRENCY;
                case BOOLEAN -> ops |= BOOLEAN_VALUE;
                case TEXT -> ops |= STRING | (type instanceof ScalarType ? CHAR_VALUE : 0);
                case BYTES -> ops |= BYTES;
                case SET -> ops |= SET_ORDINALS | (((SetType) type).enumBase() != null ? SET_NAMES : 0);
                default -> {
                }
            }
            return ops;
        }

        // ------------------------------------------------------------ description

        /**
         * Returns the field's name as declared; for an array element the array's name with the index, e.g.
         * {@code points[2]}.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * Returns the path from the record to this field, e.g. {@code age}, {@code points[2].x}; what
         * {@link DelphiRecord#field(String)} takes.
         *
         * @return the path
         */
        public String path() {
            return path;
        }

        /**
         * Returns the field's type as written in Delphi, e.g. {@code string[10]}, {@code Integer},
         * {@code array[0..9] of AnsiChar} or {@code TPoint}.
         *
         * @return the Delphi type
         */
        public String type() {
            return type.reference();
        }

        /**
         * Returns the field's type.
         *
         * @return the type
         */
        public DelphiType delphiType() {
            return type;
        }

        /**
         * Returns what Java value the field holds, which decides the accessors that work on it.
         *
         * @return the kind
         */
        public Kind kind() {
            return type.kind();
        }

        /**
         * Returns the field's offset from the start of the (outermost) record.
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

        // ------------------------------------------------------------ navigation

        /**
         * Returns a field of this nested record, or a path below it such as {@code inner.x} or
         * {@code points[1]}.
         *
         * @param field the field name or path, case-insensitive
         * @return the field
         * @throws IllegalArgumentException if this is not a record, or it has no such field
         */
        public Field field(String field) {
            Objects.requireNonNull(field, "field");
            if (!(type instanceof RecordType)) {
                throw new IllegalArgumentException(where() + " is " + type() + ", not a record, so it has no field '"
                        + field + "'");
            }
            Field found = children().byKey.get(key(field));
            if (found != null) {
                return found;
            }
            if (DelphiRecordParser.isIdentifier(field.strip())) {
                StringJoiner known = new StringJoiner(", ");
                children().list.forEach(f -> known.add(f.name));
                throw new IllegalArgumentException(where() + " (" + type() + ") has no field '" + field
                        + "'; its fields are " + known);
            }
            return owner.resolve(this, field);
        }

        /**
         * Returns the fields of this nested record in declaration order (including the tag and the fields
         * of every branch of a variant part).
         *
         * @return an unmodifiable list of the fields
         * @throws IllegalArgumentException if this is not a record
         */
        public List<Field> fields() {
            if (!(type instanceof RecordType)) {
                throw new IllegalArgumentException(where() + " is " + type() + ", not a record");
            }
            return children().list;
        }

        private Children children() {
            Children c = children;
            if (c == null) {
                c = new Children(owner, (RecordType) type, path + ".", offset);
                children = c;
            }
            return c;
        }

        /**
         * Returns one element of this array, by its Delphi index: {@code points[2]} is {@code element(2)}
         * even when the array starts at 1. For a multi-dimensional array the element is itself an array.
         *
         * @param index the index, from {@link #low()} to {@link #high()}
         * @return the element
         * @throws IllegalArgumentException if this is not an array or the index is out of its bounds
         */
        public Field element(int index) {
            ArrayType array = requireArray();
            if (index < array.low || index > array.high) {
                throw new IllegalArgumentException(where() + ": index " + index + " is out of bounds for "
                        + type() + " (" + array.low + ".." + array.high + ")");
            }
            String suffix = "[" + index + "]";
            return new Field(owner, name + suffix, path + suffix, array.element,
                    offset + (int) (index - array.low) * array.element.size());
        }

        /**
         * Returns the lower bound of this array.
         *
         * @return the index of the first element
         * @throws IllegalArgumentException if this is not an array
         */
        public int low() {
            return (int) requireArray().low;
        }

        /**
         * Returns the upper bound of this array.
         *
         * @return the index of the last element
         * @throws IllegalArgumentException if this is not an array
         */
        public int high() {
            return (int) requireArray().high;
        }

        /**
         * Returns the number of elements of this array.
         *
         * @return {@code high() - low() + 1}
         * @throws IllegalArgumentException if this is not an array
         */
        public int length() {
            return requireArray().count;
        }

        private ArrayType requireArray() {
            if (!(type instanceof ArrayType array)) {
                throw new IllegalArgumentException(where() + " is " + type() + ", not an array");
            }
            return array;
        }

        // ------------------------------------------------------------ integers

        /**
         * Reads an integer or enumeration field whose values all fit in a {@code byte} (ShortInt, or a
         * subrange or enumeration within -128..127).
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field's values do not all fit in a byte, or the buffer is
         *     smaller than the record
         */
        public byte getByte(ByteBuffer buffer) {
            require(GET_BYTE, "getByte");
            checkLimit(buffer);
            return (byte) load(buffer);
        }

        /**
         * Writes an integer or enumeration field from a {@code byte}, after checking the field's range.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not an integer or enumeration, the value is out of
         *     its range, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putByte(ByteBuffer buffer, byte value) {
            putLong(buffer, value, "putByte");
        }

        /**
         * Reads an integer or enumeration field whose values all fit in a {@code short} (Byte, ShortInt,
         * SmallInt, or a subrange or enumeration within -32768..32767).
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field's values do not all fit in a short, or the buffer is
         *     smaller than the record
         */
        public short getShort(ByteBuffer buffer) {
            require(GET_SHORT, "getShort");
            checkLimit(buffer);
            return (short) load(buffer);
        }

        /**
         * Writes an integer or enumeration field from a {@code short}, after checking the field's range.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not an integer or enumeration, the value is out of
         *     its range, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putShort(ByteBuffer buffer, short value) {
            putLong(buffer, value, "putShort");
        }

        /**
         * Reads an integer or enumeration field whose values all fit in an {@code int}: Byte, ShortInt,
         * Word, SmallInt, Integer, enumerations and such subranges. Use {@link #getLong(ByteBuffer)} for
         * Cardinal, Int64 and UInt64.
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field's values do not all fit in an int, or the buffer is
         *     smaller than the record
         */
        public int getInt(ByteBuffer buffer) {
            require(GET_INT, "getInt");
            checkLimit(buffer);
            if (storage == S32) {
                return (int) INT.get(buffer, offset);
            }
            return (int) load(buffer);
        }

        /**
         * Writes an integer or enumeration field from an {@code int} after checking the field's range; for
         * an {@code Integer} field, Delphi's {@code p.age := 25}.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not an integer or enumeration, the value is out of
         *     its range, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putInt(ByteBuffer buffer, int value) {
            require(PUT_INTEGER, "putInt");
            checkLimit(buffer);
            if (value < min || value > max) {
                throw outOfRange(Integer.toString(value));
            }
            if (storage == S32) {
                INT.set(buffer, offset, value);
            } else {
                store(buffer, value);
            }
        }

        /**
         * Reads any integer or enumeration field, widened to {@code long}. Cardinal is read as unsigned
         * (0..4294967295); UInt64 returns the field's 64 bits, so values of 2<sup>63</sup> and more come
         * back negative (two's complement; see {@link Long#toUnsignedString(long)}).
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field is not an integer or enumeration, or the buffer is
         *     smaller than the record
         */
        public long getLong(ByteBuffer buffer) {
            require(GET_LONG, "getLong");
            checkLimit(buffer);
            return load(buffer);
        }

        /**
         * Writes an integer or enumeration field after checking the value against its range: Byte 0..255,
         * ShortInt -128..127, Word 0..65535, SmallInt -32768..32767, Integer -2147483648..2147483647,
         * Cardinal 0..4294967295, a subrange or enumeration its bounds; Int64 takes any value, and UInt64
         * takes any value as the two's complement bits of the unsigned number.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not an integer or enumeration, the value is out of
         *     its range, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putLong(ByteBuffer buffer, long value) {
            putLong(buffer, value, "putLong");
        }

        private void putLong(ByteBuffer buffer, long value, String accessor) {
            require(PUT_INTEGER, accessor);
            checkLimit(buffer);
            if (value < min || value > max) {
                throw outOfRange(Long.toString(value));
            }
            store(buffer, value);
        }

        private long load(ByteBuffer buffer) {
            return switch (storage) {
                case U8 -> buffer.get(offset) & 0xFF;
                case S8 -> buffer.get(offset);
                case U16 -> (short) SHORT.get(buffer, offset) & 0xFFFF;
                case S16 -> (short) SHORT.get(buffer, offset);
                case S32 -> (int) INT.get(buffer, offset);
                case U32 -> (int) INT.get(buffer, offset) & 0xFFFF_FFFFL;
                case S64 -> (long) LONG.get(buffer, offset);
                default -> throw new IllegalStateException("not an integer: " + type);
            };
        }

        private void store(ByteBuffer buffer, long value) {
            switch (storage) {
                case U8, S8 -> buffer.put(offset, (byte) value);
                case U16, S16 -> SHORT.set(buffer, offset, (short) value);
                case S32, U32 -> INT.set(buffer, offset, (int) value);
                case S64 -> LONG.set(buffer, offset, value);
                default -> throw new IllegalStateException("not an integer: " + type);
            }
        }

        // ------------------------------------------------------------ floating point

        /**
         * Reads a Single field.
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field is not a Single, or the buffer is smaller than the record
         */
        public float getFloat(ByteBuffer buffer) {
            require(GET_FLOAT, "getFloat");
            checkLimit(buffer);
            return (float) FLOAT.get(buffer, offset);
        }

        /**
         * Writes a Single, Double, Extended or TDateTime field from a {@code float} (widened exactly).
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not one of those types, or the buffer is smaller
         *     than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putFloat(ByteBuffer buffer, float value) {
            putDouble(buffer, value, "putFloat");
        }

        /**
         * Reads a Single, Double or Extended field (a Single is widened exactly, an Extended rounded to the
         * nearest double), or the raw days of a TDateTime.
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field is not one of those types, or the buffer is smaller
         *     than the record
         */
        public double getDouble(ByteBuffer buffer) {
            require(GET_DOUBLE, "getDouble");
            checkLimit(buffer);
            return switch (storage) {
                case F32 -> (float) FLOAT.get(buffer, offset);
                case F64 -> (double) DOUBLE.get(buffer, offset);
                default -> ValueCodecs.readExtended(buffer, offset);
            };
        }

        /**
         * Writes a Single, Double or Extended field, or the raw days of a TDateTime. For a Single the value
         * is rounded to single precision; a finite value beyond the range of a Single is rejected rather
         * than stored as infinity. Infinities and NaN are written as they are.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not one of those types, the value is out of a
         *     Single's range, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putDouble(ByteBuffer buffer, double value) {
            putDouble(buffer, value, "putDouble");
        }

        private void putDouble(ByteBuffer buffer, double value, String accessor) {
            require(PUT_FLOAT, accessor);
            checkLimit(buffer);
            switch (storage) {
                case F32 -> {
                    float single = (float) value;
                    if (Float.isInfinite(single) && !Double.isInfinite(value)) {
                        throw outOfRange(Double.toString(value), "-3.4028235E38..3.4028235E38");
                    }
                    FLOAT.set(buffer, offset, single);
                }
                case F64 -> DOUBLE.set(buffer, offset, value);
                default -> {
                    checkWritable(buffer);
                    ValueCodecs.writeExtended(buffer, offset, value);
                }
            }
        }

        // ------------------------------------------------------------ Booleans

        /**
         * Reads a Boolean, ByteBool, WordBool or LongBool field: any non-zero value is {@code true}.
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the field is not a Boolean type, or the buffer is smaller than
         *     the record
         */
        public boolean getBoolean(ByteBuffer buffer) {
            require(BOOLEAN_VALUE, "getBoolean");
            checkLimit(buffer);
            return load(buffer) != 0;
        }

        /**
         * Writes a Boolean type field as Delphi does: {@code false} is 0; {@code true} is 1 in a Boolean,
         * and -1 (all bits set) in a ByteBool, WordBool or LongBool.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the field is not a Boolean type, or the buffer is smaller than
         *     the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putBoolean(ByteBuffer buffer, boolean value) {
            require(BOOLEAN_VALUE, "putBoolean");
            checkLimit(buffer);
            store(buffer, !value ? 0 : ((ScalarType) type).scalar == Scalar.BOOLEAN ? 1 : -1);
        }

        // ------------------------------------------------------------ text

        /**
         * Reads a text field: a ShortString, an AnsiChar or WideChar, or an array of AnsiChar or WideChar.
         * Arrays and single characters end at the first #0 character, so a #0 character reads as an
         * empty string.
         *
         * @param buffer the memory holding the record at index 0
         * @return the text
         * @throws IllegalArgumentException if the field is not a text field, or the buffer is smaller than
         *     the record
         * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
         */
        public String getString(ByteBuffer buffer) {
            require(STRING, "getString");
            checkLimit(buffer);
            return readText(buffer);
        }

        /**
         * Writes a text field; {@code p.id := '8888'} in Delphi is {@code id.putString(p, "8888")}. The text
         * is encoded in the record's charset (UTF-16 for WideChar fields) and must fit the field:
         * {@code string[10]} and {@code array[0..9] of AnsiChar} take at most 10 bytes,
         * {@code array[0..9] of WideChar} at most 10 UTF-16 code units, AnsiChar and WideChar at most one
         * character (an empty string writes #0). Unused bytes of the field are set to zero.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the text
         * @throws IllegalArgumentException if the field is not a text field, the buffer is smaller than the
         *     record, the value has a character the charset cannot encode, is too long, or (for arrays)
         *     contains a #0 character
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putString(ByteBuffer buffer, String value) {
            require(STRING, "putString");
            checkLimit(buffer);
            byte[] image = encodeText(requireValue(value));
            buffer.put(offset, image);
        }

        /**
         * Reads an AnsiChar or WideChar field as one character; #0 reads as {@code '\0'}. An AnsiChar byte
         * that is not a whole character in the charset (a lead byte of GBK) reads as U+FFFD.
         *
         * @param buffer the memory holding the record at index 0
         * @return the character
         * @throws IllegalArgumentException if the field is not an AnsiChar or WideChar, or the buffer is
         *     smaller than the record
         */
        public char getChar(ByteBuffer buffer) {
            require(CHAR_VALUE, "getChar");
            checkLimit(buffer);
            if (storage == U16) {
                return (char) CHAR.get(buffer, offset);
            }
            String text = new String(new byte[] {buffer.get(offset)}, owner.charset);
            return text.length() == 1 ? text.charAt(0) : '\uFFFD';
        }

        /**
         * Writes an AnsiChar (encoded in the record's charset, which must give one byte) or a WideChar.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the character
         * @throws IllegalArgumentException if the field is not an AnsiChar or WideChar, the character does not
         *     encode as one byte in the charset, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putChar(ByteBuffer buffer, char value) {
            require(CHAR_VALUE, "putChar");
            checkLimit(buffer);
            if (storage == U16) {
                CHAR.set(buffer, offset, value);
            } else {
                buffer.put(offset, value == 0 ? new byte[1] : encodeText(String.valueOf(value)));
            }
        }

        // ------------------------------------------------------------ bytes

        /**
         * Reads an {@code array of Byte} field.
         *
         * @param buffer the memory holding the record at index 0
         * @return a new array holding a copy of the field's bytes
         * @throws IllegalArgumentException if the field is not a byte array, or the buffer is smaller than
         *     the record
         */
        public byte[] getBytes(ByteBuffer buffer) {
            require(BYTES, "getBytes");
            checkLimit(buffer);
            byte[] bytes = new byte[size];
            buffer.get(offset, bytes);
            return bytes;
        }

        /**
         * Writes an {@code array of Byte} field.
         *
         * @param buffer the memory holding the record at index 0
         * @param value exactly as many bytes as the array has elements
         * @throws IllegalArgumentException if the field is not a byte array, the value has another length,
         *     or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putBytes(ByteBuffer buffer, byte[] value) {
            require(BYTES, "putBytes");
            checkLimit(buffer);
            requireValue(value);
            if (value.length != size) {
                throw new IllegalArgumentException(where() + ": value has " + value.length + " bytes, field " + name
                        + " is " + type() + " (exactly " + size + ")");
            }
            buffer.put(offset, value);
        }

        // ------------------------------------------------------------ enumerations

        /**
         * Reads an enumeration field as the name of its value, as declared (e.g. {@code Green}).
         *
         * @param buffer the memory holding the record at index 0
         * @return the value name
         * @throws IllegalArgumentException if the field is not an enumeration, or the buffer is smaller than
         *     the record
         * @throws CorruptRecordException if the stored ordinal is not one of the enumeration's values (read
         *     it with {@link #getLong(ByteBuffer)})
         */
        public String getEnum(ByteBuffer buffer) {
            require(ENUM, "getEnum");
            checkLimit(buffer);
            long ordinal = load(buffer);
            String valueName = ((EnumType) type).nameOf(ordinal);
            if (valueName == null) {
                throw corrupt("ordinal " + ordinal + " is not a value of " + type + " " + ((EnumType) type).valueList());
            }
            return valueName;
        }

        /**
         * Writes an enumeration field by the name of a value.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value name, case-insensitive
         * @throws IllegalArgumentException if the field is not an enumeration, the name is not one of its
         *     values, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putEnum(ByteBuffer buffer, String value) {
            require(ENUM, "putEnum");
            checkLimit(buffer);
            store(buffer, ordinalOf((EnumType) type, requireValue(value)));
        }

        private long ordinalOf(EnumType enumType, String valueName) {
            Long ordinal = enumType.ordinalOf(valueName);
            if (ordinal == null) {
                throw new IllegalArgumentException(where() + ": '" + valueName + "' is not a value of " + type()
                        + "; its values are " + enumType.valueList());
            }
            return ordinal;
        }

        // ------------------------------------------------------------ sets

        /**
         * Reads a set field as the ordinals of its elements (bit {@code n} set for element {@code n}, e.g.
         * bit 1 for {@code Green} of {@code (Red, Green, Blue)}).
         *
         * @param buffer the memory holding the record at index 0
         * @return a new bit set
         * @throws IllegalArgumentException if the field is not a set, or the buffer is smaller than the record
         * @throws CorruptRecordException if a bit is set for an ordinal outside the set's element type
         */
        public BitSet getOrdinals(ByteBuffer buffer) {
            require(SET_ORDINALS, "getOrdinals");
            checkLimit(buffer);
            return readSet(buffer);
        }

        /**
         * Writes a set field from the ordinals of its elements; the set holds exactly those.
         *
         * @param buffer the memory holding the record at index 0
         * @param ordinals the elements' ordinals, each within the element type's range
         * @throws IllegalArgumentException if the field is not a set, an ordinal is out of range, or the
         *     buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putOrdinals(ByteBuffer buffer, BitSet ordinals) {
            require(SET_ORDINALS, "putOrdinals");
            checkLimit(buffer);
            buffer.put(offset, encodeSet(requireValue(ordinals)));
        }

        /**
         * Reads a set of an enumeration as the names of its elements, in ordinal order.
         *
         * @param buffer the memory holding the record at index 0
         * @return an unmodifiable set of value names
         * @throws IllegalArgumentException if the field is not a set of an enumeration, or the buffer is
         *     smaller than the record
         * @throws CorruptRecordException if a bit is set that is not a value of the enumeration
         */
        public Set<String> getSet(ByteBuffer buffer) {
            require(SET_NAMES, "getSet");
            checkLimit(buffer);
            return names(readSet(buffer));
        }

        /**
         * Writes a set of an enumeration from the names of its elements; the set holds exactly those.
         *
         * @param buffer the memory holding the record at index 0
         * @param values the value names, case-insensitive
         * @throws IllegalArgumentException if the field is not a set of an enumeration, a name is not one of
         *     its values, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putSet(ByteBuffer buffer, Collection<String> values) {
            require(SET_NAMES, "putSet");
            checkLimit(buffer);
            EnumType base = ((SetType) type).enumBase();
            BitSet bits = new BitSet();
            for (String value : requireValue(values)) {
                bits.set((int) ordinalOf(base, Objects.requireNonNull(value, "set element")));
            }
            buffer.put(offset, encodeSet(bits));
        }

        private BitSet readSet(ByteBuffer buffer) {
            SetType set = (SetType) type;
            BitSet bits = new BitSet();
            for (int i = 0; i < size; i++) {
                int b = buffer.get(offset + i) & 0xFF;
                for (int bit = 0; b != 0; bit++, b >>>= 1) {
                    if ((b & 1) != 0) {
                        int ordinal = set.firstOrdinal + 8 * i + bit;
                        if (ordinal < set.low || ordinal > set.high
                                || set.enumBase() != null && set.enumBase().nameOf(ordinal) == null) {
                            throw corrupt("bit for ordinal " + ordinal + " is set, which is not an element of " + type());
                        }
                        bits.set(ordinal);
                    }
                }
            }
            return bits;
        }

        private byte[] encodeSet(BitSet ordinals) {
            SetType set = (SetType) type;
            byte[] image = new byte[size];
            for (int ordinal = ordinals.nextSetBit(0); ordinal >= 0; ordinal = ordinals.nextSetBit(ordinal + 1)) {
                if (ordinal < set.low || ordinal > set.high) {
                    throw new IllegalArgumentException(where() + ": ordinal " + ordinal + " is out of range for "
                            + type() + " (" + set.low + ".." + set.high + ")");
                }
                int bit = ordinal - set.firstOrdinal;
                image[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
            return image;
        }

        private Set<String> names(BitSet bits) {
            EnumType base = ((SetType) type).enumBase();
            Set<String> result = new LinkedHashSet<>();
            bits.stream().forEach(ordinal -> result.add(base.nameOf(ordinal)));
            return Collections.unmodifiableSet(result);
        }

        // ------------------------------------------------------------ TDateTime and Currency

        /**
         * Reads a TDateTime field as a local date and time, rounded to the millisecond (Delphi's own
         * precision). TDateTime counts days since 1899-12-30 00:00; the fraction is the time of day, which
         * counts forward even before that date (-1.25 is 1899-12-29 06:00).
         *
         * @param buffer the memory holding the record at index 0
         * @return the date and time
         * @throws IllegalArgumentException if the field is not a TDateTime, or the buffer is smaller than the
         *     record
         * @throws CorruptRecordException if the value is not finite or outside 0001-01-01..9999-12-31
         */
        public LocalDateTime getDateTime(ByteBuffer buffer) {
            require(DATE_TIME, "getDateTime");
            checkLimit(buffer);
            double days = (double) DOUBLE.get(buffer, offset);
            if (!ValueCodecs.isValidDateTime(days)) {
                throw corrupt(days + " is not a TDateTime from 0001-01-01 to 9999-12-31");
            }
            return ValueCodecs.fromDateTime(days);
        }

        /**
         * Writes a TDateTime field from a local date and time (as Delphi's {@code EncodeDateTime} would; the
         * nearest double to the exact day count).
         *
         * @param buffer the memory holding the record at index 0
         * @param value the date and time, from year 1 to 9999
         * @throws IllegalArgumentException if the field is not a TDateTime, the year is outside 1..9999, or
         *     the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putDateTime(ByteBuffer buffer, LocalDateTime value) {
            require(DATE_TIME, "putDateTime");
            checkLimit(buffer);
            requireValue(value);
            if (value.getYear() < 1 || value.getYear() > 9999) {
                throw outOfRange(value.toString(), "0001-01-01T00:00..9999-12-31T23:59:59.999");
            }
            DOUBLE.set(buffer, offset, ValueCodecs.toDateTime(value));
        }

        /**
         * Reads a Currency field: the stored Int64 divided by 10000.
         *
         * @param buffer the memory holding the record at index 0
         * @return the amount, with scale 4
         * @throws IllegalArgumentException if the field is not a Currency, or the buffer is smaller than the
         *     record
         */
        public BigDecimal getCurrency(ByteBuffer buffer) {
            require(CURRENCY, "getCurrency");
            checkLimit(buffer);
            return BigDecimal.valueOf((long) LONG.get(buffer, offset), 4);
        }

        /**
         * Writes a Currency field: the amount times 10000 as an Int64. Amounts with more than four decimal
         * places are rejected rather than rounded.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the amount, within -922337203685477.5808..922337203685477.5807 and with at most 4
         *     decimal places
         * @throws IllegalArgumentException if the field is not a Currency, the amount is out of range or too
         *     precise, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void putCurrency(ByteBuffer buffer, BigDecimal value) {
            require(CURRENCY, "putCurrency");
            checkLimit(buffer);
            requireValue(value);
            if (value.compareTo(CURRENCY_MIN) < 0 || value.compareTo(CURRENCY_MAX) > 0) {
                throw outOfRange(value.toPlainString(), CURRENCY_MIN.toPlainString() + ".." + CURRENCY_MAX.toPlainString());
            }
            BigDecimal scaled = value.movePointRight(4);
            if (scaled.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(where() + ": " + value.toPlainString()
                        + " has more than 4 decimal places, which a Currency cannot hold");
            }
            LONG.set(buffer, offset, scaled.longValueExact());
        }

        // ------------------------------------------------------------ generic access

        /**
         * Reads the field as an object: a {@link String} for text fields, a {@link Long} for integer fields
         * (as {@link #getLong(ByteBuffer)}), a {@link Double} for Single, Double and Extended, a
         * {@link Boolean}, a {@code byte[]} for byte arrays, a {@link String} value name for enumerations
         * (or a {@link Long} for an ordinal that has no name), an unmodifiable {@link Set} of value names
         * (sets of an enumeration) or of {@link Integer} ordinals (other sets), a {@link LocalDateTime}, a
         * {@link BigDecimal} for Currency, a {@link Map} from field name to value for records (in
         * declaration order) and a {@link List} for other arrays.
         *
         * @param buffer the memory holding the record at index 0
         * @return the value
         * @throws IllegalArgumentException if the buffer is smaller than the record
         * @throws CorruptRecordException if the bytes are not a valid value of the field
         */
        public Object get(ByteBuffer buffer) {
            checkLimit(buffer);
            return switch (type.kind()) {
                case TEXT -> readText(buffer);
                case INTEGER -> load(buffer);
                case FLOAT -> getDouble(buffer);
                case BOOLEAN -> load(buffer) != 0;
                case BYTES -> getBytes(buffer);
                case ENUM -> {
                    long ordinal = load(buffer);
                    String valueName = ((EnumType) type).nameOf(ordinal);
                    yield valueName != null ? valueName : (Object) ordinal;
                }
                case SET -> {
                    BitSet bits = readSet(buffer);
                    yield (ops & SET_NAMES) != 0 ? names(bits)
                            : Collections.unmodifiableSet(new TreeSet<>(bits.stream().boxed().toList()));
                }
                case DATE_TIME -> getDateTime(buffer);
                case CURRENCY -> getCurrency(buffer);
                case RECORD -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (Field f : fields()) {
                        values.put(f.name, f.get(buffer));
                    }
                    yield values;
                }
                case ARRAY -> {
                    List<Object> values = new ArrayList<>(length());
                    for (int i = low(); i <= high(); i++) {
                        values.add(element(i).get(buffer));
                    }
                    yield values;
                }
            };
        }

        /**
         * Writes the field from an object: a {@link String} (or {@link Character}) for text fields; a
         * {@link Long}, {@link Integer}, {@link Short}, {@link Byte} or {@link BigInteger} for integer fields
         * (a BigInteger may give a UInt64 its full unsigned range); any {@link Number} for Single, Double and
         * Extended; a {@link Boolean}; a {@code byte[]} for byte arrays; a value name or an integer ordinal
         * for enumerations; a {@link Collection} of value names or of integer ordinals, or a {@link BitSet},
         * for sets; a {@link LocalDateTime} (or a {@link LocalDate}, at midnight) for TDateTime; a
         * {@link BigDecimal} or an integer for Currency; for records a {@link Map} from field names to values
         * (fields not named keep their bytes); for other arrays a {@link List} with one value per element.
         * The same checks apply as for the typed methods; nothing is written if any part is rejected.
         *
         * @param buffer the memory holding the record at index 0
         * @param value the value
         * @throws IllegalArgumentException if the value's class does not suit the field, the value is invalid
         *     for the field, or the buffer is smaller than the record
         * @throws ReadOnlyBufferException if the buffer is read-only
         */
        public void set(ByteBuffer buffer, Object value) {
            requireValue(value);
            checkLimit(buffer);
            Kind kind = type.kind();
            if (kind == Kind.RECORD || kind == Kind.ARRAY) {
                // staged on a copy, so that a bad element leaves the buffer untouched
                checkWritable(buffer);
                ByteBuffer scratch = ByteBuffer.allocate(recordSize);
                scratch.put(0, buffer, 0, recordSize);
                setValue(scratch, value);
                buffer.put(offset, scratch, offset, size);
            } else {
                setValue(buffer, value);
            }
        }

        private void setValue(ByteBuffer buffer, Object value) {
            requireValue(value);
            switch (type.kind()) {
                case TEXT -> {
                    if (value instanceof String || value instanceof Character) {
                        putString(buffer, value.toString());
                        return;
                    }
                }
                case INTEGER -> {
                    if (setInteger(buffer, value)) {
                        return;
                    }
                }
                case FLOAT -> {
                    if (value instanceof Number number) {
                        putDouble(buffer, number.doubleValue());
                        return;
                    }
                }
                case BOOLEAN -> {
                    if (value instanceof Boolean bool) {
                        putBoolean(buffer, bool);
                        return;
                    }
                }
                case BYTES -> {
                    if (value instanceof byte[] bytes) {
                        putBytes(buffer, bytes);
                        return;
                    }
                }
                case ENUM -> {
                    if (value instanceof String s) {
                        putEnum(buffer, s);
                        return;
                    }
                    if (setInteger(buffer, value)) {
                        return;
                    }
                }
                case SET -> {
                    if (value instanceof BitSet bits) {
                        putOrdinals(buffer, bits);
                        return;
                    }
                    if (value instanceof Collection<?> elements) {
                        putElements(buffer, elements);
                        return;
                    }
                }
                case DATE_TIME -> {
                    if (value instanceof LocalDateTime dateTime) {
                        putDateTime(buffer, dateTime);
                        return;
                    }
                    if (value instanceof LocalDate date) {
                        putDateTime(buffer, date.atStartOfDay());
                        return;
                    }
                }
                case CURRENCY -> {
                    if (value instanceof BigDecimal amount) {
                        putCurrency(buffer, amount);
                        return;
                    }
                    if (isInteger(value)) {
                        putCurrency(buffer, new BigDecimal(value.toString()));
                        return;
                    }
                }
                case RECORD -> {
                    if (value instanceof Map<?, ?> map) {
                        for (Map.Entry<?, ?> e : map.entrySet()) {
                            if (!(e.getKey() instanceof String key)) {
                                throw new IllegalArgumentException(where() + ": field names must be strings, not "
                                        + e.getKey());
                            }
                            field(key).setValue(buffer, e.getValue());
                        }
                        return;
                    }
                }
                case ARRAY -> {
                    if (value instanceof List<?> list) {
                        if (list.size() != length()) {
                            throw new IllegalArgumentException(where() + ": value has " + list.size()
                                    + " elements, field " + name + " is " + type() + " (exactly " + length() + ")");
                        }
                        for (int i = 0; i < list.size(); i++) {
                            element(low() + i).setValue(buffer, list.get(i));
                        }
                        return;
                    }
                }
            }
            throw new IllegalArgumentException(where() + " is " + type() + "; cannot set it from a "
                    + value.getClass().getSimpleName() + " (expected " + expectedClasses() + ")");
        }

        private static boolean isInteger(Object value) {
            return value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte || value instanceof BigInteger;
        }

        private boolean setInteger(ByteBuffer buffer, Object value) {
            if (value instanceof BigInteger big) {
                boolean uint64 = type instanceof ScalarType s && s.scalar == Scalar.UINT64;
                boolean inRange = uint64
                        ? big.signum() >= 0 && big.compareTo(UINT64_MAX) <= 0
                        : big.compareTo(BigInteger.valueOf(min)) >= 0 && big.compareTo(BigInteger.valueOf(max)) <= 0;
                if (!inRange) {
                    throw outOfRange(big.toString());
                }
                putLong(buffer, big.longValue());
                return true;
            }
            if (isInteger(value)) {
                putLong(buffer, ((Number) value).longValue());
                return true;
            }
            return false;
        }

        private void putElements(ByteBuffer buffer, Collection<?> elements) {
            BitSet bits = new BitSet();
            EnumType base = ((SetType) type).enumBase();
            for (Object element : elements) {
                if (element instanceof String s && base != null) {
                    bits.set((int) ordinalOf(base, s));
                } else if (element instanceof Number n && isInteger(n)) {
                    long ordinal = n.longValue();
                    if (ordinal < 0 || ordinal > 255) {
                        throw new IllegalArgumentException(where() + ": ordinal " + ordinal + " is out of range for " + type());
                    }
                    bits.set((int) ordinal);
                } else {
                    throw new IllegalArgumentException(where() + " is " + type() + "; cannot hold the element "
                            + element + " (expected " + (base != null ? "value names or " : "") + "integer ordinals)");
                }
            }
            putOrdinals(buffer, bits);
        }

        private String expectedClasses() {
            return switch (type.kind()) {
                case TEXT -> "String or Character";
                case INTEGER -> "Long, Integer, Short, Byte or BigInteger";
                case FLOAT -> "a Number";
                case BOOLEAN -> "Boolean";
                case BYTES -> "byte[]";
                case ENUM -> "a value name or an integer ordinal";
                case SET -> "a Collection of value names or ordinals, or a BitSet";
                case DATE_TIME -> "LocalDateTime or LocalDate";
                case CURRENCY -> "BigDecimal or an integer";
                case RECORD -> "a Map from field names to values";
                case ARRAY -> "a List with one value per element";
            };
        }

        // ------------------------------------------------------------ Object

        /**
         * Compares path, type and offset.
         *
         * @param o the object to compare with
         * @return whether {@code o} is a field with the same path, type and offset
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && f.path.equals(path) && f.type.equals(type) && f.offset == offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, type, offset);
        }

        /**
         * Returns a description such as {@code age: Integer @32 (4 bytes)} or
         * {@code points[2].x: Integer @20 (4 bytes)}.
         *
         * @return the description
         */
        @Override
        public String toString() {
            return path + ": " + type() + " @" + offset + " (" + size + " bytes)";
        }

        // ------------------------------------------------------------ internals

        private void require(int op, String accessor) {
            if ((ops & op) == 0) {
                throw misuse(op, accessor);
            }
        }

        private IllegalArgumentException misuse(int op, String accessor) {
            Kind kind = type.kind();
            boolean integral = kind == Kind.INTEGER || kind == Kind.ENUM;
            String fits = switch (op) {
                case GET_BYTE -> "a byte";
                case GET_SHORT -> "a short";
                case GET_INT -> "an int";
                default -> null;
            };
            if (integral && fits != null) {
                String use = (ops & GET_SHORT) != 0 ? "getShort" : (ops & GET_INT) != 0 ? "getInt" : "getLong";
                return new IllegalArgumentException(where() + " is " + type() + ", whose values do not all fit in "
                        + fits + "; use " + use);
            }
            String works = switch (op) {
                case GET_BYTE, GET_SHORT, GET_INT, GET_LONG, PUT_INTEGER -> "integer and enumeration fields";
                case GET_FLOAT -> "Single fields";
                case GET_DOUBLE, PUT_FLOAT -> "floating-point fields (Single, Double, Extended) and TDateTime";
                case BOOLEAN_VALUE -> "Boolean fields (Boolean, ByteBool, WordBool, LongBool)";
                case STRING -> "text fields (string[N], AnsiChar, WideChar, arrays of AnsiChar or WideChar)";
                case CHAR_VALUE -> "AnsiChar and WideChar fields";
                case BYTES -> "byte arrays (array of Byte)";
                case ENUM -> "enumerations";
                case SET_ORDINALS -> "sets";
                case SET_NAMES -> "sets of an enumeration (use getOrdinals or putOrdinals for other sets)";
                case DATE_TIME -> "TDateTime fields";
                case CURRENCY -> "Currency fields";
                default -> "other fields";
            };
            return new IllegalArgumentException(where() + ": " + accessor + " works on " + works + ", but " + name
                    + " is " + type());
        }

        private void checkLimit(ByteBuffer buffer) {
            if (buffer.limit() < recordSize) {
                throw owner.tooSmall(buffer);
            }
        }

        private static void checkWritable(ByteBuffer buffer) {
            if (buffer.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }

        private String where() {
            return owner.type.name + "." + path;
        }

        private <T> T requireValue(T value) {
            return Objects.requireNonNull(value, () -> "null value for " + where());
        }

        private IllegalArgumentException outOfRange(String value) {
            String range = type instanceof ScalarType s && s.scalar == Scalar.UINT64
                    ? "0..18446744073709551615" : min + ".." + max;
            return outOfRange(value, range);
        }

        private IllegalArgumentException outOfRange(String value, String range) {
            return new IllegalArgumentException(where() + ": " + value + " is out of range for " + type()
                    + " (" + range + ")");
        }

        private CorruptRecordException corrupt(String problem) {
            return new CorruptRecordException(owner.type.name, path, offset, problem);
        }

        private String readText(ByteBuffer buffer) {
            if (type instanceof ShortStringType s) {
                int length = buffer.get(offset) & 0xFF;
                if (length > s.length) {
                    throw corrupt("length byte is " + length + ", but the field is " + type() + " (at most "
                            + s.length + ")");
                }
                return decodeAnsi(buffer, offset + 1, length);
            }
            boolean wide = storage == U16 || type instanceof ArrayType a && a.isWide();
            int count = wide ? size / 2 : size;
            if (wide) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    char c = (char) CHAR.get(buffer, offset + 2 * i);
                    if (c == 0) {
                        break;
                    }
                    text.append(c);
                }
                return text.toString();
            }
            int length = 0;
            while (length < count && buffer.get(offset + length) != 0) {
                length++;
            }
            return decodeAnsi(buffer, offset, length);
        }

        private String decodeAnsi(ByteBuffer buffer, int at, int length) {
            byte[] bytes = new byte[length];
            buffer.get(at, bytes);
            return new String(bytes, owner.charset);
        }

        /** Returns the field's complete new contents, after checking that the value fits. */
        private byte[] encodeText(String value) {
            byte[] image = new byte[size];
            boolean array = type instanceof ArrayType;
            boolean wide = storage == U16 || array && ((ArrayType) type).isWide();
            if (wide) {
                int capacity = size / 2;
                if (array) {
                    rejectNul(value);
                }
                if (value.length() > capacity) {
                    throw tooLong(value.length() + " UTF-16 code units", capacity);
                }
                for (int i = 0; i < value.length(); i++) {
                    image[2 * i] = (byte) value.charAt(i);
                    image[2 * i + 1] = (byte) (value.charAt(i) >>> 8);
                }
                return image;
            }
            if (array) {
                rejectNul(value);
            }
            byte[] bytes = encodeAnsi(value);
            boolean shortString = type instanceof ShortStringType;
            int capacity = shortString ? size - 1 : size;
            if (bytes.length > capacity) {
                throw tooLong(bytes.length + " bytes", capacity);
            }
            if (shortString) {
                image[0] = (byte) bytes.length;
                System.arraycopy(bytes, 0, image, 1, bytes.length);
            } else {
                System.arraycopy(bytes, 0, image, 0, bytes.length);
            }
            return image;
        }

        private IllegalArgumentException tooLong(String needed, int capacity) {
            return new IllegalArgumentException(where() + ": value needs " + needed + ", field " + name
                    + " is " + type() + " (at most " + capacity + ")");
        }

        private void rejectNul(String value) {
            int nul = value.indexOf('\0');
            if (nul >= 0) {
                throw new IllegalArgumentException(where() + ": value has a #0 character at index " + nul
                        + ", which would end the text of " + type() + " early");
            }
        }

        private byte[] encodeAnsi(String value) {
            Charset charset = owner.charset;
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
                throw new IllegalArgumentException(where() + ": " + describeBadInput(value, in.position())
                        + " cannot be encoded in " + charset.name());
            }
            if (result.isOverflow()) {
                throw new IllegalStateException(charset.name() + " encoded more than maxBytesPerChar bytes per char");
            }
            return Arrays.copyOf(out.array(), out.position());
        }
    }

    /** The fields of a nested record, built on first use. */
    private static final class Children {
        final List<Field> list;
        final Map<String, Field> byKey;

        Children(DelphiRecord owner, RecordType type, String prefix, int base) {
            List<Field> fields = new ArrayList<>(type.members.size());
            Map<String, Field> map = new HashMap<>();
            for (Member m : type.members) {
                Field f = new Field(owner, m.name(), prefix + m.name(), m.type(), base + m.offset());
                fields.add(f);
                map.put(key(m.name()), f);
            }
            this.list = Collections.unmodifiableList(fields);
            this.byKey = Map.copyOf(map);
        }
    }

    // ---------------------------------------------------------------- builder

    /**
     * Collects the fields of a record in declaration order. Obtained from
     * {@link DelphiRecord#builder(String)}; not thread-safe; can build several records.
     *
     * <p>Integer types have Java-friendly method names: {@link #byteValue(String)} for {@code Byte},
     * {@link #doubleValue(String)} for {@code Double} and {@link #booleanValue(String)} for
     * {@code Boolean}; the other names are the Delphi type names in camel case. {@link #add(String,
     * DelphiType)} adds a field of any {@link DelphiType}: arrays, nested records, enumerations, sets.
     *
     * <p>A variant part is added last, with {@link #variant(String, DelphiType)}, then
     * {@link #branch(String)} before each branch's fields:
     * <pre>{@code
     * DelphiRecord shape = DelphiRecord.builder("TShape")
     *         .integer("id")
     *         .variant("kind", DelphiType.BYTE)        // case kind: Byte of
     *         .branch("0").doubleValue("radius")       //   0: (radius: Double);
     *         .branch("1").integer("w").integer("h")   //   1: (w, h: Integer);
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final String name;
        private final BodyBuilder root = new BodyBuilder();
        private final List<VariantBuilder> open = new ArrayList<>();
        private BodyBuilder current = root;
        private final Map<String, String> names = new HashMap<>();
        private Alignment alignment = Alignment.A8;
        private Charset charset = DEFAULT_CHARSET;
        private Dialect dialect = Dialect.DELPHI;

        private Builder(String name) {
            this.name = requireIdentifier(name, "record name");
        }

        /**
         * Adds a field of any type.
         *
         * @param name the field name
         * @param type the field's type
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or a variant part was started and
         *     no {@link #branch(String)} is open
         */
        public Builder add(String name, DelphiType type) {
            Objects.requireNonNull(type, "type");
            requireIdentifier(name, "field name");
            if (current == null || current.variant != null) {
                throw new IllegalArgumentException("record " + this.name + ": field " + name + " cannot follow a variant"
                        + " part; start a branch first with branch(labels)");
            }
            claim(name);
            current.fields.add(new Decl(name, type));
            return this;
        }

        private void claim(String fieldName) {
            String previous = names.putIfAbsent(key(fieldName), fieldName);
            if (previous != null) {
                throw new IllegalArgumentException("record " + name + " already has a field " + previous
                        + "; field names are case-insensitive, so " + fieldName + " is a duplicate");
            }
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
            return add(name, DelphiType.shortString(length));
        }

        /**
         * Adds an {@code AnsiChar} field (1 byte; Delphi 7's {@code Char}).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder ansiChar(String name) {
            return add(name, DelphiType.ANSI_CHAR);
        }

        /**
         * Adds a {@code WideChar} field (2 bytes, one UTF-16 code unit; Delphi 2009+'s {@code Char}).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder wideChar(String name) {
            return add(name, DelphiType.WIDE_CHAR);
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
            return array(name, 0, requireCount(name, count) - 1, DelphiType.ANSI_CHAR);
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
            return array(name, 0, requireCount(name, count) - 1, DelphiType.WIDE_CHAR);
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
            return array(name, 0, requireCount(name, count) - 1, DelphiType.BYTE);
        }

        /**
         * Adds an {@code array[low..high] of element} field.
         *
         * @param name the field name
         * @param low the lower bound
         * @param high the upper bound, at least {@code low}
         * @param element the element type
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken, or the bounds are invalid
         */
        public Builder array(String name, int low, int high, DelphiType element) {
            DelphiType type;
            try {
                type = DelphiType.array(low, high, element);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(this.name + "." + name + ": " + e.getMessage(), e);
            }
            return add(name, type);
        }

        /**
         * Adds a field of a nested record type, laid out as {@code record} is.
         *
         * @param name the field name
         * @param record the nested record's layout, built with the same {@link Dialect}
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder record(String name, DelphiRecord record) {
            return add(name, DelphiType.record(record));
        }

        /**
         * Adds a {@code Byte} field (1 byte, 0..255).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder byteValue(String name) {
            return add(name, DelphiType.BYTE);
        }

        /**
         * Adds a {@code ShortInt} field (1 byte, -128..127).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder shortInt(String name) {
            return add(name, DelphiType.SHORT_INT);
        }

        /**
         * Adds a {@code Word} field (2 bytes, 0..65535).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder word(String name) {
            return add(name, DelphiType.WORD);
        }

        /**
         * Adds a {@code SmallInt} field (2 bytes, -32768..32767).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder smallInt(String name) {
            return add(name, DelphiType.SMALL_INT);
        }

        /**
         * Adds an {@code Integer} (or {@code LongInt}) field (4 bytes, signed).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder integer(String name) {
            return add(name, DelphiType.INTEGER);
        }

        /**
         * Adds a {@code Cardinal} (or {@code LongWord}, {@code DWORD}) field (4 bytes, 0..4294967295).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder cardinal(String name) {
            return add(name, DelphiType.CARDINAL);
        }

        /**
         * Adds an {@code Int64} field (8 bytes, signed).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder int64(String name) {
            return add(name, DelphiType.INT64);
        }

        /**
         * Adds a {@code UInt64} field (8 bytes, unsigned; accessed as a {@code long} with the same bits).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder uint64(String name) {
            return add(name, DelphiType.UINT64);
        }

        /**
         * Adds a {@code Single} field (4 bytes, IEEE single precision).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder single(String name) {
            return add(name, DelphiType.SINGLE);
        }

        /**
         * Adds a {@code Double} field (8 bytes, IEEE double precision).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder doubleValue(String name) {
            return add(name, DelphiType.DOUBLE);
        }

        /**
         * Adds an {@code Extended} field: 10 bytes, the x87 format of 32-bit Delphi. 64-bit Delphi's
         * Extended is a Double: declare {@link #doubleValue(String)} for a Win64 peer.
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder extended(String name) {
            return add(name, DelphiType.EXTENDED);
        }

        /**
         * Adds a {@code Currency} field (8 bytes: the amount times 10000 as an Int64).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder currency(String name) {
            return add(name, DelphiType.CURRENCY);
        }

        /**
         * Adds a {@code TDateTime} field (8 bytes: a Double counting days since 1899-12-30).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder dateTime(String name) {
            return add(name, DelphiType.DATE_TIME);
        }

        /**
         * Adds a {@code Boolean} field (1 byte; true is written as 1).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder booleanValue(String name) {
            return add(name, DelphiType.BOOLEAN);
        }

        /**
         * Adds a {@code ByteBool} field (1 byte; true is written as -1).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder byteBool(String name) {
            return add(name, DelphiType.BYTE_BOOL);
        }

        /**
         * Adds a {@code WordBool} field (2 bytes; true is written as -1).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder wordBool(String name) {
            return add(name, DelphiType.WORD_BOOL);
        }

        /**
         * Adds a {@code LongBool} field (4 bytes; true is written as -1).
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder longBool(String name) {
            return add(name, DelphiType.LONG_BOOL);
        }

        /**
         * Starts the variant part, {@code case tagName: tagType of} (or {@code case tagType of} without a
         * tag field). It must come after all other fields of the record or branch; follow it with
         * {@link #branch(String)}. Inside a branch it starts a nested variant part, ended by
         * {@link #endVariant()}.
         *
         * @param tagName the tag field's name, or null for no tag field
         * @param tagType the tag's type, an ordinal type such as {@link DelphiType#INTEGER}
         * @return this builder
         * @throws IllegalArgumentException if a variant part is already open at this level, the tag name is
         *     invalid or taken, or the tag type is not ordinal
         */
        public Builder variant(String tagName, DelphiType tagType) {
            Objects.requireNonNull(tagType, "tagType");
            if (current == null || current.variant != null) {
                throw new IllegalArgumentException("record " + name + ": a variant part must be the last part of the"
                        + " record or branch, and there is one already; start a branch with branch(labels)");
            }
            if (!tagType.isOrdinal()) {
                throw new IllegalArgumentException("record " + name + ": the tag of a variant part must be of an"
                        + " ordinal type, not " + tagType);
            }
            if (tagName != null) {
                requireIdentifier(tagName, "tag name");
                claim(tagName);
            }
            VariantBuilder v = new VariantBuilder(tagName, tagType, current);
            current.variant = v;
            open.add(v);
            current = null;
            return this;
        }

        /**
         * Starts the next branch of the innermost open variant part; the fields added next belong to it.
         *
         * @param labels the case labels as Delphi writes them, e.g. {@code 0}, {@code 1, 2} or {@code Red}
         * @return this builder
         * @throws IllegalArgumentException if no variant part is open, or the labels are blank
         */
        public Builder branch(String labels) {
            Objects.requireNonNull(labels, "labels");
            if (open.isEmpty()) {
                throw new IllegalArgumentException("record " + name + ": branch(" + labels + ") needs a variant part;"
                        + " call variant(tagName, tagType) first");
            }
            if (labels.isBlank()) {
                throw new IllegalArgumentException("record " + name + ": a branch needs case labels, e.g. 0");
            }
            BodyBuilder body = new BodyBuilder();
            VariantBuilder v = open.get(open.size() - 1);
            v.labels.add(labels.strip());
            v.branches.add(body);
            current = body;
            return this;
        }

        /**
         * Ends the innermost open variant part, so that the next {@link #branch(String)} belongs to the
         * enclosing one.
         *
         * @return this builder
         * @throws IllegalArgumentException if no variant part is open, or it has no branch
         */
        public Builder endVariant() {
            if (open.isEmpty()) {
                throw new IllegalArgumentException("record " + name + ": no variant part is open");
            }
            VariantBuilder v = open.remove(open.size() - 1);
            if (v.branches.isEmpty()) {
                throw new IllegalArgumentException("record " + name + ": the variant part has no branch");
            }
            current = v.parent;
            return this;
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
         * Sets whose layout rules apply where Delphi and Free Pascal differ; the default is
         * {@link Dialect#DELPHI}. Nested records must have been built with the same dialect.
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * Computes the layout and returns the record.
         *
         * @return the record layout
         * @throws IllegalArgumentException if no field was added, a variant part has no branch, a nested
         *     record uses another dialect, or the record exceeds 2 GB
         */
        public DelphiRecord build() {
            if (root.fields.isEmpty() && root.variant == null) {
                throw new IllegalArgumentException("record " + name + " has no fields");
            }
            Body body = root.freeze(name);
            requireDialect(name, body, dialect);
            return new DelphiRecord(new RecordType(name, alignment, dialect, body), charset);
        }

        private int requireCount(String fieldName, int count) {
            if (count < 1) {
                throw new IllegalArgumentException(name + "." + fieldName
                        + ": an array needs at least one element, not " + count);
            }
            return count;
        }

        private static final class BodyBuilder {
            final List<Decl> fields = new ArrayList<>();
            VariantBuilder variant;

            Body freeze(String recordName) {
                return new Body(fields, variant == null ? null : variant.freeze(recordName));
            }
        }

        private static final class VariantBuilder {
            final String tagName;
            final DelphiType tagType;
            final BodyBuilder parent;
            final List<String> labels = new ArrayList<>();
            final List<BodyBuilder> branches = new ArrayList<>();

            VariantBuilder(String tagName, DelphiType tagType, BodyBuilder parent) {
                this.tagName = tagName;
                this.tagType = tagType;
                this.parent = parent;
            }

            Variant freeze(String recordName) {
                if (branches.isEmpty()) {
                    throw new IllegalArgumentException("record " + recordName + ": the variant part has no branch;"
                            + " add one with branch(labels)");
                }
                List<Branch> frozen = new ArrayList<>();
                for (int i = 0; i < branches.size(); i++) {
                    frozen.add(new Branch(labels.get(i), branches.get(i).freeze(recordName)));
                }
                return new Variant(tagName, tagType, frozen);
            }
        }
    }

    /** Checks that every nested record type in a body was laid out under the same dialect. */
    static void requireDialect(String recordName, Body body, Dialect dialect) {
        List<Decl> all = new ArrayList<>(body.fields());
        Variant v = body.variant();
        if (v != null) {
            for (Branch b : v.branches()) {
                requireDialect(recordName, b.body(), dialect);
            }
        }
        for (Decl d : all) {
            DelphiType t = d.type();
            while (t instanceof ArrayType a) {
                t = a.element;
            }
            if (t instanceof RecordType r) {
                if (r.dialect != dialect) {
                    throw new IllegalArgumentException("record " + recordName + ": field " + d.name() + " is "
                            + r.reference() + ", laid out under the " + r.dialect + " dialect, not " + dialect);
                }
                requireDialect(recordName, r.body, dialect);
            }
        }
    }

    // ---------------------------------------------------------------- the record

    private final RecordType type;
    private final Charset charset;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByKey;

    DelphiRecord(RecordType type, Charset charset) {
        this.type = type;
        this.charset = charset;
        List<Field> laidOut = new ArrayList<>(type.members.size());
        Map<String, Field> byKey = new HashMap<>();
        for (Member m : type.members) {
            Field f = new Field(this, m.name(), m.name(), m.type(), m.offset());
            laidOut.add(f);
            byKey.put(key(m.name()), f);
        }
        this.fields = Collections.unmodifiableList(laidOut);
        this.fieldsByKey = Map.copyOf(byKey);
    }

    /**
     * Starts describing a record type.
     *
     * @param name the record type's name, a Delphi identifier such as {@code TShareMem}; used in
     *     messages and by {@link #toDeclaration()}
     * @return a new builder, with alignment {@link Alignment#A8}, charset windows-1252 and the
     *     {@link Dialect#DELPHI} dialect
     * @throws IllegalArgumentException if the name is not a Delphi identifier
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a record type declaration written in Delphi, with the windows-1252 charset. See
     * {@link #parse(String, Charset, Dialect)}.
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
     * Reads a record type declaration written in Delphi, under Delphi's layout rules. See
     * {@link #parse(String, Charset, Dialect)}.
     *
     * @param source Delphi source text containing the record declaration
     * @param charset the ANSI charset of the record's ShortString and AnsiChar fields
     * @return the record layout
     * @throws IllegalArgumentException if the source is not a supported record declaration; the
     *     message gives the line and column
     */
    public static DelphiRecord parse(String source, Charset charset) {
        return parse(source, charset, Dialect.DELPHI);
    }

    /**
     * Reads Delphi type declarations, such as
     * {@code TShareMem = record id: string[10]; name: string[20]; age: Integer; end;}, and returns the
     * main record: the first record type that no other record type of the source uses (so helper types
     * such as {@code TPoint} can be declared before the record that uses them).
     *
     * <p>The source is a sequence of type declarations, optionally after {@code type} (and after
     * {@code unit}, {@code interface} and {@code uses} clauses, which are skipped); it ends at the end of
     * the text or at the first word that cannot start a declaration (e.g. {@code var}, {@code begin}).
     * Declared types are records ({@code record}, {@code packed record}, with a variant part
     * {@code case ... of}), enumerations ({@code TColor = (Red, Green, Blue)}, with ordinals
     * {@code (A = 1, B = 5)}), subranges ({@code TIndex = 0..9}), sets ({@code TColors = set of TColor}),
     * arrays and aliases of any field type ({@code TName = string[20]}); pointer and procedural types
     * ({@code PShareMem = ^TShareMem}) are skipped. Field types are those named in {@link DelphiType},
     * types declared earlier in the source, and inline {@code record ... end}, {@code (Red, Green)},
     * {@code lo..hi}, {@code set of ...} and {@code array[lo..hi, lo2..hi2] of ...} (bounds are integer
     * literals, or an enumeration, subrange, {@code Byte}, {@code AnsiChar} or {@code Boolean} type).
     * Keywords and type names are case-insensitive. Comments ({@code //}, braces, {@code (* *)}) are
     * allowed.
     *
     * <p>Directives between declarations: {@code {$A1}}, {@code {$A2}}, {@code {$A4}}, {@code {$A8}},
     * {@code {$A+}}, {@code {$A-}}, {@code {$ALIGN n|ON|OFF}} set the alignment of the records declared
     * after them ({@code {$A16}} equals {@code {$A8}} for these types under Delphi rules; it is refused
     * under Free Pascal's); {@code {$Z1}}, {@code {$Z2}}, {@code {$Z4}}, {@code {$Z+}}, {@code {$Z-}},
     * {@code {$MINENUMSIZE n}} the minimum size of enumerations. {@code packed record} means
     * {@link Alignment#PACKED}. Other directives are ignored.
     *
     * <p>Not supported, with an explanation in the exception: pointers, long strings ({@code string}
     * without a length, {@code AnsiString}, {@code WideString}: they are pointers to memory of the writing
     * process and cannot live in shared memory), dynamic arrays, classes, methods and properties,
     * platform-dependent types ({@code NativeInt}, {@code Real}), constants in bounds.
     *
     * @param source Delphi source text containing the record declaration
     * @param charset the ANSI charset of the record's ShortString and AnsiChar fields
     * @param dialect whose layout rules to follow where Delphi and Free Pascal differ
     * @return the record layout
     * @throws IllegalArgumentException if the source is not a supported record declaration; the
     *     message gives the line and column
     */
    public static DelphiRecord parse(String source, Charset charset, Dialect dialect) {
        Objects.requireNonNull(source, "source");
        DelphiRecordParser parser = new DelphiRecordParser(source, requireAnsiCharset(charset),
                Objects.requireNonNull(dialect, "dialect"));
        parser.parse();
        return parser.mainRecord();
    }

    /**
     * Reads Delphi type declarations, as {@link #parse(String, Charset, Dialect)} does, and returns every
     * record type declared, by name.
     *
     * @param source Delphi source text containing type declarations
     * @param charset the ANSI charset of the records' ShortString and AnsiChar fields
     * @param dialect whose layout rules to follow where Delphi and Free Pascal differ
     * @return an unmodifiable map from record type name to layout, in declaration order
     * @throws IllegalArgumentException if the source is not a supported declaration or declares no record
     */
    public static Map<String, DelphiRecord> parseAll(String source, Charset charset, Dialect dialect) {
        Objects.requireNonNull(source, "source");
        DelphiRecordParser parser = new DelphiRecordParser(source, requireAnsiCharset(charset),
                Objects.requireNonNull(dialect, "dialect"));
        parser.parse();
        return parser.records();
    }

    /** The record as a type, for nesting in other records. */
    RecordType type() {
        return type;
    }

    /**
     * Returns the record type's name.
     *
     * @return the name, e.g. {@code TShareMem}
     */
    public String name() {
        return type.name;
    }

    /**
     * Returns the record's size, including the padding at its end: what Delphi's
     * {@code SizeOf(TShareMem)} returns.
     *
     * @return the size in bytes
     */
    public int size() {
        return type.size();
    }

    /**
     * Returns the alignment setting the layout was computed with.
     *
     * @return the alignment
     */
    public Alignment alignment() {
        return type.alignment;
    }

    /**
     * Returns whose layout rules the record follows where Delphi and Free Pascal differ.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        return type.dialect;
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
        return new DelphiRecord(type, requireAnsiCharset(charset));
    }

    /**
     * Returns the fields in declaration order, including a variant part's tag and the fields of all its
     * branches (which overlap).
     *
     * @return an unmodifiable list of the fields
     */
    public List<Field> fields() {
        return fields;
    }

    /**
     * Returns a field by name, or by path: {@code age}, {@code inner.x}, {@code points[2].x},
     * {@code grid[1, 2]} or {@code grid[1][2]}; an index of an array indexed by an enumeration may be a
     * value name ({@code counts[Red]}). Look fields up once and keep them: their accessors do no lookup.
     *
     * @param field the field name or path, case-insensitive
     * @return the field
     * @throws IllegalArgumentException if there is no such field, or the path is malformed
     */
    public Field field(String field) {
        Objects.requireNonNull(field, "field");
        Field found = fieldsByKey.get(key(field));
        return found != null ? found : resolve(null, field);
    }

    /**
     * Returns the offset of a field from the start of the record.
     *
     * @param field the field name or path, case-insensitive
     * @return the offset in bytes
     * @throws IllegalArgumentException if there is no such field
     */
    public int offset(String field) {
        return field(field).offset;
    }

    /** Follows a path from a record field (or from the record itself when {@code from} is null). */
    Field resolve(Field from, String path) {
        PathReader reader = new PathReader(path);
        Field current = from;
        if (from == null) {
            String first = reader.identifier();
            current = fieldsByKey.get(key(first));
            if (current == null) {
                throw noField(first, path);
            }
        } else {
            String first = reader.identifier();
            current = from.field(first);
        }
        while (!reader.atEnd()) {
            if (reader.take('.')) {
                current = current.field(reader.identifier());
            } else if (reader.take('[')) {
                do {
                    current = current.element(reader.index(current));
                } while (reader.take(','));
                reader.expect(']');
            } else {
                throw reader.error("expected '.' or '['");
            }
        }
        return current;
    }

    private IllegalArgumentException noField(String first, String path) {
        StringJoiner known = new StringJoiner(", ");
        fields.forEach(f -> known.add(f.name));
        return new IllegalArgumentException("record " + name() + " has no field '" + (first.isEmpty() ? path : first)
                + "'; its fields are " + known);
    }

    /** Reads a field path: identifiers, dots, brackets with integer or value-name indexes. */
    private final class PathReader {
        private final String path;
        private int pos;

        PathReader(String path) {
            this.path = path;
        }

        boolean atEnd() {
            skipSpaces();
            return pos >= path.length();
        }

        boolean take(char c) {
            skipSpaces();
            if (pos < path.length() && path.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!take(c)) {
                throw error("expected '" + c + "'");
            }
        }

        String identifier() {
            skipSpaces();
            int start = pos;
            while (pos < path.length() && (Character.isLetterOrDigit(path.charAt(pos)) || path.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                if (start == 0) {
                    throw noField("", path);
                }
                throw error("expected a field name");
            }
            return path.substring(start, pos);
        }

        int index(Field array) {
            skipSpaces();
            int start = pos;
            if (pos < path.length() && (path.charAt(pos) == '-' || path.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < path.length() && (Character.isLetterOrDigit(path.charAt(pos)) || path.charAt(pos) == '_')) {
                pos++;
            }
            String text = path.substring(start, pos);
            if (text.isEmpty()) {
                throw error("expected an index");
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                ArrayType type = array.requireArray();
                DelphiType index = type.indexType;
                if (index instanceof EnumType en && en.ordinalOf(text) != null) {
                    return en.ordinalOf(text).intValue();
                }
                if (index instanceof ScalarType s && s.scalar == Scalar.BOOLEAN
                        && (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("true"))) {
                    return text.equalsIgnoreCase("true") ? 1 : 0;
                }
                throw error("'" + text + "' is not an index of " + array.type());
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("invalid field path '" + path + "' at position " + (pos + 1) + ": "
                    + problem);
        }

        private void skipSpaces() {
            while (pos < path.length() && path.charAt(pos) == ' ') {
                pos++;
            }
        }
    }

    /**
     * Returns the record as Delphi declarations, which {@link #parse(String, Charset, Dialect)} reads
     * back to an equal record: the named types it uses (nested records, enumerations), then the record.
     * Unless a record is packed, its declaration starts with its alignment directive (for example
     * {@code {$A8}}), which stays in effect for the rest of a unit it is pasted into.
     *
     * @return Delphi source text, lines separated by {@code \n}
     */
    public String toDeclaration() {
        StringBuilder out = new StringBuilder();
        Map<String, DelphiType> named = new LinkedHashMap<>();
        collectNamed(type.body, named);
        for (DelphiType t : named.values()) {
            if (t instanceof RecordType r) {
                appendRecord(out, r);
            } else if (t instanceof EnumType e) {
                if (e.minSize != 1) {
                    out.append("{$Z").append(e.minSize).append("}\n");
                }
                out.append(e.name).append(" = ").append(e.valueList()).append(";\n");
                if (e.minSize != 1) {
                    out.append("{$Z1}\n");
                }
            }
        }
        appendRecord(out, type);
        return out.toString();
    }

    private static void collectNamed(Body body, Map<String, DelphiType> named) {
        for (Decl d : body.fields()) {
            collectNamed(d.type(), named);
        }
        Variant v = body.variant();
        if (v != null) {
            collectNamed(v.tagType(), named);
            for (Branch b : v.branches()) {
                collectNamed(b.body(), named);
            }
        }
    }

    private static void collectNamed(DelphiType t, Map<String, DelphiType> named) {
        if (t instanceof ArrayType a) {
            if (a.indexType != null) {
                collectNamed(a.indexType, named);
            }
            collectNamed(a.element, named);
        } else if (t instanceof SetType s) {
            collectNamed(s.base, named);
        } else if (t instanceof RecordType r) {
            collectNamed(r.body, named);
            if (r.name != null) {
                named.putIfAbsent(key(r.name), r);
            }
        } else if (t instanceof EnumType e && e.name != null) {
            named.putIfAbsent(key(e.name), e);
        }
    }

    private static void appendRecord(StringBuilder out, RecordType r) {
        if (r.alignment == Alignment.PACKED) {
            out.append(r.name).append(" = packed record\n");
        } else {
            out.append("{$A").append(r.alignment.bytes()).append("}\n");
            out.append(r.name).append(" = record\n");
        }
        RecordType.appendBody(out, r.body, "\n", "  ");
        out.append("end;\n");
    }

    // ---------------------------------------------------------------- name-based access

    /**
     * Reads a text field; see {@link Field#getString(ByteBuffer)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the text
     * @throws IllegalArgumentException if there is no such field, it is not a text field, or the
     *     buffer is smaller than the record
     * @throws CorruptRecordException if a ShortString's length byte exceeds its capacity
     */
    public String getString(ByteBuffer buffer, String field) {
        return field(field).getString(buffer);
    }

    /**
     * Writes a text field; {@code pUserInfoShareMem.id := '8888'} in Delphi is
     * {@code rec.putString(view, "id", "8888")}. See {@link Field#putString(ByteBuffer, String)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the text
     * @throws IllegalArgumentException if there is no such field, it is not a text field, the buffer is
     *     smaller than the record, the value has a character the charset cannot encode, is too long, or
     *     (for arrays) contains a #0 character
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putString(ByteBuffer buffer, String field, String value) {
        field(field).putString(buffer, value);
    }

    /**
     * Reads an integer or enumeration field whose values all fit in an {@code int}; see
     * {@link Field#getInt(ByteBuffer)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, its values do not all fit in an int, or
     *     the buffer is smaller than the record
     */
    public int getInt(ByteBuffer buffer, String field) {
        return field(field).getInt(buffer);
    }

    /**
     * Reads any integer or enumeration field, widened to {@code long}; see
     * {@link Field#getLong(ByteBuffer)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, or the
     *     buffer is smaller than the record
     */
    public long getLong(ByteBuffer buffer, String field) {
        return field(field).getLong(buffer);
    }

    /**
     * Writes an integer or enumeration field after checking its range; Delphi's {@code p.age := 25} is
     * {@code rec.putInt(p, "age", 25)}. See {@link Field#putInt(ByteBuffer, int)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the value, within the field type's range
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, the value
     *     is out of range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putInt(ByteBuffer buffer, String field, int value) {
        field(field).putInt(buffer, value);
    }

    /**
     * Writes an integer or enumeration field after checking its range; see
     * {@link Field#putLong(ByteBuffer, long)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not an integer field, the value
     *     is out of range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putLong(ByteBuffer buffer, String field, long value) {
        field(field).putLong(buffer, value);
    }

    /**
     * Reads a Single, Double or Extended field (or a TDateTime's raw days); see
     * {@link Field#getDouble(ByteBuffer)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not a floating-point field, or
     *     the buffer is smaller than the record
     */
    public double getDouble(ByteBuffer buffer, String field) {
        return field(field).getDouble(buffer);
    }

    /**
     * Writes a Single, Double or Extended field (or a TDateTime's raw days); see
     * {@link Field#putDouble(ByteBuffer, double)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not a floating-point field, the
     *     value is out of a Single's range, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putDouble(ByteBuffer buffer, String field, double value) {
        field(field).putDouble(buffer, value);
    }

    /**
     * Reads a Boolean, ByteBool, WordBool or LongBool field: any non-zero value is {@code true}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field, it is not a Boolean type, or the buffer
     *     is smaller than the record
     */
    public boolean getBoolean(ByteBuffer buffer, String field) {
        return field(field).getBoolean(buffer);
    }

    /**
     * Writes a Boolean type field; see {@link Field#putBoolean(ByteBuffer, boolean)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, it is not a Boolean type, or the buffer
     *     is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putBoolean(ByteBuffer buffer, String field, boolean value) {
        field(field).putBoolean(buffer, value);
    }

    /**
     * Reads an {@code array of Byte} field.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return a new array holding a copy of the field's bytes
     * @throws IllegalArgumentException if there is no such field, it is not a byte array, or the buffer
     *     is smaller than the record
     */
    public byte[] getBytes(ByteBuffer buffer, String field) {
        return field(field).getBytes(buffer);
    }

    /**
     * Writes an {@code array of Byte} field.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value exactly as many bytes as the array has elements
     * @throws IllegalArgumentException if there is no such field, it is not a byte array, the value has
     *     another length, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void putBytes(ByteBuffer buffer, String field, byte[] value) {
        field(field).putBytes(buffer, value);
    }

    /**
     * Reads any field as an object; see {@link Field#get(ByteBuffer)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @return the value
     * @throws IllegalArgumentException if there is no such field or the buffer is smaller than the record
     * @throws CorruptRecordException if the bytes are not a valid value of the field
     */
    public Object get(ByteBuffer buffer, String field) {
        return field(field).get(buffer);
    }

    /**
     * Writes any field from an object; see {@link Field#set(ByteBuffer, Object)}.
     *
     * @param buffer the memory holding the record at index 0
     * @param field the field name or path, case-insensitive
     * @param value the value
     * @throws IllegalArgumentException if there is no such field, the value's class does not suit the
     *     field, the value is invalid for the field, or the buffer is smaller than the record
     * @throws ReadOnlyBufferException if the buffer is read-only
     */
    public void set(ByteBuffer buffer, String field, Object value) {
        field(field).set(buffer, value);
    }

    /**
     * Reads all fields, as {@link Field#get(ByteBuffer)} does.
     *
     * @param buffer the memory holding the record at index 0
     * @return a new {@link LinkedHashMap} from field name to value, in declaration order
     * @throws IllegalArgumentException if the buffer is smaller than the record
     * @throws CorruptRecordException if the bytes of a field are not a valid value of it
     */
    public Map<String, Object> read(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.limit() < size()) {
            throw tooSmall(buffer);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : fields) {
            values.put(f.name, f.get(buffer));
        }
        return values;
    }

    // ---------------------------------------------------------------- Object

    /**
     * Compares name, alignment, dialect, charset and fields.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a record with the same name, layout and charset
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DelphiRecord r && r.type.equals(type) && r.charset.equals(charset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, charset);
    }

    /**
     * Returns a summary such as {@code TShareMem (36 bytes, A8, windows-1252)}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return name() + " (" + size() + " bytes, " + alignment() + ", " + charset.name()
                + (dialect() == Dialect.DELPHI ? "" : ", " + dialect()) + ")";
    }

    // ---------------------------------------------------------------- internals

    private IllegalArgumentException tooSmall(ByteBuffer buffer) {
        return new IllegalArgumentException("record " + name() + " needs " + size()
                + " bytes, but the buffer's limit is " + buffer.limit() + " (capacity "
                + buffer.capacity() + ")");
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String requireIdentifier(String name, String what) {
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

    static Charset requireAnsiCharset(Charset charset) {
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

    private static String describeBadInput(String value, int index) {
        int codePoint = value.codePointAt(index);
        String shown = Character.isBmpCodePoint(codePoint) && Character.isSurrogate((char) codePoint)
                ? "unpaired surrogate" : "character '" + new String(Character.toChars(codePoint)) + "'";
        return shown + " (U+" + String.format(Locale.ROOT, "%04X", codePoint) + ") at index " + index;
    }
}
