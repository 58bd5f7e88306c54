package org.ipctoolkit.delphi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A Delphi data type as a {@link DelphiRecord} lays it out: its size, its alignment and what its bytes
 * mean. Scalar types are constants ({@link #INTEGER}, {@link #DOUBLE}, ...); structured types come from
 * the factories ({@link #shortString(int)}, {@link #array(int, int, DelphiType)},
 * {@link #record(DelphiRecord)}, {@link #enumeration(String, String...)}, {@link #setOf(DelphiType)},
 * {@link #subrange(long, long)}). {@link DelphiRecord.Builder#add(String, DelphiType)} adds a field of any
 * of them; {@link DelphiRecord#parse(String)} builds the same types from Delphi source.
 *
 * <h2>Sizes and alignments</h2>
 * <table>
 * <caption>Delphi types, their size and natural alignment</caption>
 * <tr><th>Type</th><th>Size</th><th>Alignment</th></tr>
 * <tr><td>Byte, ShortInt, AnsiChar, Boolean, ByteBool</td><td>1</td><td>1</td></tr>
 * <tr><td>Word, SmallInt, WideChar, WordBool</td><td>2</td><td>2</td></tr>
 * <tr><td>Integer, Cardinal, Single, LongBool</td><td>4</td><td>4</td></tr>
 * <tr><td>Int64, UInt64, Double, Currency, TDateTime</td><td>8</td><td>8</td></tr>
 * <tr><td>Extended (Win32 layout, see below)</td><td>10</td><td>8</td></tr>
 * <tr><td>{@code string[N]}</td><td>N + 1</td><td>1</td></tr>
 * <tr><td>enumeration</td><td>1, 2 or 4 (by its range and {@code {$Z}})</td><td>its size</td></tr>
 * <tr><td>subrange {@code lo..hi}</td><td>that of the smallest integer type holding it</td><td>its size</td></tr>
 * <tr><td>{@code set of T}</td><td>{@code (hi div 8) - (lo div 8) + 1}, 3 rounded to 4</td>
 *     <td>the size if 1, 2 or 4; otherwise 1 (Delphi) or 8 (Free Pascal)</td></tr>
 * <tr><td>{@code array[lo..hi] of T}</td><td>count &times; size of T (no padding between elements)</td>
 *     <td>that of T</td></tr>
 * <tr><td>record</td><td>its {@code SizeOf}</td><td>the largest alignment of its fields, at most its own
 *     {@code {$A}} setting; 1 if packed</td></tr>
 * </table>
 * In a record, each field's alignment is further capped by the record's {@code {$A}} setting.
 *
 * <p><b>Extended</b> is the 10-byte x87 format of 32-bit Delphi (and of Free Pascal on x86 and x86-64
 * Linux). In 64-bit Delphi (Win64) {@code Extended} is an alias of {@code Double}: a Win64 program's
 * record must be declared with {@code Double} here. Values are read rounded to the nearest
 * {@code double}; every {@code double} is written exactly.
 *
 * <p>Instances are immutable; equal types have equal layouts and names.
 */
public abstract sealed class DelphiType {

    /** {@code Byte}: 1 byte, 0..255. */
    public static final DelphiType BYTE = new ScalarType(Scalar.BYTE);
    /** {@code ShortInt}: 1 byte, -128..127. */
    public static final DelphiType SHORT_INT = new ScalarType(Scalar.SHORT_INT);
    /** {@code Word}: 2 bytes, 0..65535. */
    public static final DelphiType WORD = new ScalarType(Scalar.WORD);
    /** {@code SmallInt}: 2 bytes, -32768..32767. */
    public static final DelphiType SMALL_INT = new ScalarType(Scalar.SMALL_INT);
    /** {@code Integer} ({@code LongInt}): 4 bytes, signed. */
    public static final DelphiType INTEGER = new ScalarType(Scalar.INTEGER);
    /** {@code Cardinal} ({@code LongWord}, {@code DWORD}): 4 bytes, 0..4294967295. */
    public static final DelphiType CARDINAL = new ScalarType(Scalar.CARDINAL);
    /** {@code Int64}: 8 bytes, signed. */
    public static final DelphiType INT64 = new ScalarType(Scalar.INT64);
    /** {@code UInt64}: 8 bytes, unsigned (a Java {@code long} with the same bits). */
    public static final DelphiType UINT64 = new ScalarType(Scalar.UINT64);
    /** {@code Single}: 4-byte IEEE float. */
    public static final DelphiType SINGLE = new ScalarType(Scalar.SINGLE);
    /** {@code Double}: 8-byte IEEE float. */
    public static final DelphiType DOUBLE = new ScalarType(Scalar.DOUBLE);
    /** {@code Extended}: the 10-byte x87 float of 32-bit Delphi (Win64 Delphi's Extended is a Double). */
    public static final DelphiType EXTENDED = new ScalarType(Scalar.EXTENDED);
    /** {@code Currency}: an Int64 holding the amount times 10000. */
    public static final DelphiType CURRENCY = new ScalarType(Scalar.CURRENCY);
    /** {@code TDateTime} (also {@code TDate}, {@code TTime}): a Double counting days since 1899-12-30. */
    public static final DelphiType DATE_TIME = new ScalarType(Scalar.DATE_TIME);
    /** {@code Boolean}: 1 byte, written 0 or 1, any non-zero byte reads as true. */
    public static final DelphiType BOOLEAN = new ScalarType(Scalar.BOOLEAN);
    /** {@code ByteBool}: 1 byte, true is written as -1 ($FF), any non-zero value reads as true. */
    public static final DelphiType BYTE_BOOL = new ScalarType(Scalar.BYTE_BOOL);
    /** {@code WordBool}: 2 bytes, true is written as -1 ($FFFF), any non-zero value reads as true. */
    public static final DelphiType WORD_BOOL = new ScalarType(Scalar.WORD_BOOL);
    /** {@code LongBool}: 4 bytes, true is written as -1 ($FFFFFFFF), any non-zero value reads as true. */
    public static final DelphiType LONG_BOOL = new ScalarType(Scalar.LONG_BOOL);
    /** {@code AnsiChar} (Delphi 7's {@code Char}): 1 byte in the record's ANSI charset. */
    public static final DelphiType ANSI_CHAR = new ScalarType(Scalar.ANSI_CHAR);
    /** {@code WideChar} (Delphi 2009+'s {@code Char}): one UTF-16 code unit. */
    public static final DelphiType WIDE_CHAR = new ScalarType(Scalar.WIDE_CHAR);

    DelphiType() {
    }

    /**
     * Returns the number of bytes a value of this type occupies: Delphi's {@code SizeOf}.
     *
     * @return the size in bytes
     */
    public abstract int size();

    /**
     * Returns what Java value the type's fields hold, which decides the accessors that work on them.
     *
     * @return the kind
     */
    public abstract DelphiRecord.Kind kind();

    /**
     * Returns the type as written in a Delphi declaration: {@code Integer}, {@code string[10]},
     * {@code array[0..9] of TPoint}, the name of a named record or enumeration, or the text of an inline
     * one.
     *
     * @return the Delphi text
     */
    @Override
    public abstract String toString();

    /** The natural alignment, before the record's {@code {$A}} cap. */
    abstract int alignment(DelphiRecord.Dialect dialect);

    /** The type's name if it is a named enumeration or record type declared on its own, else null. */
    String declaredName() {
        return null;
    }

    /** Whether values of this type are ordinals (integers, characters, Booleans, enumerations). */
    boolean isOrdinal() {
        return false;
    }

    /** The lowest ordinal value; only for ordinal types. */
    long low() {
        throw new IllegalStateException(this + " is not an ordinal type");
    }

    /** The highest ordinal value; only for ordinal types. */
    long high() {
        throw new IllegalStateException(this + " is not an ordinal type");
    }

    // ---------------------------------------------------------------- factories

    /**
     * Returns {@code string[length]}: a ShortString of one length byte and {@code length} bytes.
     *
     * @param length the capacity, 1 to 255
     * @return the type
     * @throws IllegalArgumentException if the length is out of range
     */
    public static DelphiType shortString(int length) {
        if (length < 1 || length > 255) {
            throw new IllegalArgumentException("a ShortString holds 1 to 255 bytes, not " + length);
        }
        return new ShortStringType(length);
    }

    /**
     * Returns {@code array[low..high] of element}. Arrays of AnsiChar and WideChar hold text, arrays of
     * Byte raw bytes; the elements of every array can also be reached one by one.
     *
     * @param low the lower bound (Delphi arrays may start anywhere, e.g. 1)
     * @param high the upper bound, at least {@code low}
     * @param element the element type
     * @return the type
     * @throws IllegalArgumentException if {@code high < low} or the array is larger than 2 GB
     */
    public static DelphiType array(int low, int high, DelphiType element) {
        return new ArrayType(low, high, Objects.requireNonNull(element, "element"), null);
    }

    /**
     * Returns the type of a record nested in another: a field of type {@code TPoint}, laid out as
     * {@code point} is. Its {@link DelphiRecord#name() name} is the type name used in declarations.
     *
     * @param record the nested record's layout
     * @return the type
     */
    public static DelphiType record(DelphiRecord record) {
        return Objects.requireNonNull(record, "record").type();
    }

    /**
     * Returns an enumeration type with the ordinals 0, 1, 2, ... under Delphi's default {@code {$Z1}}:
     * 1 byte for up to 256 values, else 2 bytes.
     *
     * @param name the type name, e.g. {@code TColor}, or null for an inline {@code (Red, Green, Blue)}
     * @param values the value names in ordinal order
     * @return the type
     * @throws IllegalArgumentException if there is no value, or a name is not an identifier or repeats
     */
    public static DelphiType enumeration(String name, String... values) {
        return enumeration(name, 1, values);
    }

    /**
     * Returns an enumeration type with the ordinals 0, 1, 2, ... and a minimum size, as Delphi's
     * {@code {$Z1}}, {@code {$Z2}} or {@code {$Z4}} ({@code {$MINENUMSIZE}}) sets it.
     *
     * @param name the type name, or null for an inline enumeration
     * @param minSize 1, 2 or 4
     * @param values the value names in ordinal order
     * @return the type
     * @throws IllegalArgumentException if {@code minSize} is not 1, 2 or 4, there is no value, or a name is
     *     not an identifier or repeats
     */
    public static DelphiType enumeration(String name, int minSize, String... values) {
        long[] ordinals = new long[values.length];
        Arrays.setAll(ordinals, i -> i);
        return new EnumType(name, List.of(values), ordinals, minSize);
    }

    /**
     * Returns {@code set of base}: one bit per possible value of an ordinal type whose values lie within
     * 0..255 (an enumeration, a subrange, Byte, AnsiChar or Boolean).
     *
     * @param base the element type
     * @return the type
     * @throws IllegalArgumentException if the base type is not ordinal or has values outside 0..255
     */
    public static DelphiType setOf(DelphiType base) {
        return new SetType(Objects.requireNonNull(base, "base"));
    }

    /**
     * Returns the subrange type {@code low..high}, stored as the smallest Delphi integer type holding it:
     * ShortInt, Byte, SmallInt, Word, Integer, Cardinal or Int64. Writes are checked against the subrange.
     *
     * @param low the lowest value
     * @param high the highest value, at least {@code low}
     * @return the type
     * @throws IllegalArgumentException if {@code high < low}
     */
    public static DelphiType subrange(long low, long high) {
        return new ScalarType(low, high);
    }

    // ---------------------------------------------------------------- scalars

    /** The scalar types: storage, size, natural alignment and value range. */
    enum Scalar {
        BYTE("Byte", DelphiRecord.Kind.INTEGER, 1, 0, 255),
        SHORT_INT("ShortInt", DelphiRecord.Kind.INTEGER, 1, -128, 127),
        WORD("Word", DelphiRecord.Kind.INTEGER, 2, 0, 65_535),
        SMALL_INT("SmallInt", DelphiRecord.Kind.INTEGER, 2, -32_768, 32_767),
        INTEGER("Integer", DelphiRecord.Kind.INTEGER, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
        CARDINAL("Cardinal", DelphiRecord.Kind.INTEGER, 4, 0, 4_294_967_295L),
        INT64("Int64", DelphiRecord.Kind.INTEGER, 8, Long.MIN_VALUE, Long.MAX_VALUE),
        /** The range is that of the long holding the bits. */
        UINT64("UInt64", DelphiRecord.Kind.INTEGER, 8, Long.MIN_VALUE, Long.MAX_VALUE),
        SINGLE("Single", DelphiRecord.Kind.FLOAT, 4, 0, 0),
        DOUBLE("Double", DelphiRecord.Kind.FLOAT, 8, 0, 0),
        EXTENDED("Extended", DelphiRecord.Kind.FLOAT, 10, 0, 0),
        CURRENCY("Currency", DelphiRecord.Kind.CURRENCY, 8, Long.MIN_VALUE, Long.MAX_VALUE),
        DATE_TIME("TDateTime", DelphiRecord.Kind.DATE_TIME, 8, 0, 0),
        BOOLEAN("Boolean", DelphiRecord.Kind.BOOLEAN, 1, 0, 1),
        BYTE_BOOL("ByteBool", DelphiRecord.Kind.BOOLEAN, 1, 0, 1),
        WORD_BOOL("WordBool", DelphiRecord.Kind.BOOLEAN, 2, 0, 1),
        LONG_BOOL("LongBool", DelphiRecord.Kind.BOOLEAN, 4, 0, 1),
        ANSI_CHAR("AnsiChar", DelphiRecord.Kind.TEXT, 1, 0, 255),
        WIDE_CHAR("WideChar", DelphiRecord.Kind.TEXT, 2, 0, 65_535);

        final String delphiName;
        final DelphiRecord.Kind kind;
        final int size;
        final long min;
        final long max;

        Scalar(String delphiName, DelphiRecord.Kind kind, int size, long min, long max) {
            this.delphiName = delphiName;
            this.kind = kind;
            this.size = size;
            this.min = min;
            this.max = max;
        }

        int alignment() {
            return this == EXTENDED ? 8 : size;
        }

        /** The smallest integer type holding every value of {@code low..high}, as Delphi picks it. */
        static Scalar forRange(long low, long high) {
            if (low >= 0) {
                return high <= 255 ? BYTE : high <= 65_535 ? WORD : high <= 4_294_967_295L ? CARDINAL : INT64;
            }
            if (low >= -128 && high <= 127) {
                return SHORT_INT;
            }
            if (low >= -32_768 && high <= 32_767) {
                return SMALL_INT;
            }
            return low >= Integer.MIN_VALUE && high <= Integer.MAX_VALUE ? INTEGER : INT64;
        }
    }

    /** A scalar, or a subrange of an integer type (then {@code subrange} is true and min/max are its bounds). */
    static final class ScalarType extends DelphiType {
        final Scalar scalar;
        final long min;
        final long max;
        final boolean subrange;

        ScalarType(Scalar scalar) {
            this.scalar = scalar;
            this.min = scalar.min;
            this.max = scalar.max;
            this.subrange = false;
        }

        ScalarType(long low, long high) {
            if (high < low) {
                throw new IllegalArgumentException("subrange " + low + ".." + high + " has its upper bound below its lower bound");
            }
            this.scalar = Scalar.forRange(low, high);
            this.min = low;
            this.max = high;
            this.subrange = true;
        }

        @Override
        public int size() {
            return scalar.size;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return scalar.kind;
        }

        @Override
        int alignment(DelphiRecord.Dialect dialect) {
            return scalar.alignment();
        }

        @Override
        boolean isOrdinal() {
            return switch (scalar.kind) {
                case INTEGER -> scalar != Scalar.UINT64 && scalar != Scalar.INT64 || subrange;
                case BOOLEAN -> scalar == Scalar.BOOLEAN;
                case TEXT -> true;
                default -> false;
            };
        }

        @Override
        long low() {
            return min;
        }

        @Override
        long high() {
            return max;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScalarType s && s.scalar == scalar && s.min == min && s.max == max
                    && s.subrange == subrange;
        }

        @Override
        public int hashCode() {
            return Objects.hash(scalar, min, max, subrange);
        }

        @Override
        public String toString() {
            return subrange ? min + ".." + max : scalar.delphiName;
        }
    }

    // ---------------------------------------------------------------- ShortString

    /** {@code string[N]}. */
    static final class ShortStringType extends DelphiType {
        final int length;

        ShortStringType(int length) {
            this.length = length;
        }

        @Override
        public int size() {
            return length + 1;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return DelphiRecord.Kind.TEXT;
        }

        @Override
        int alignment(DelphiRecord.Dialect dialect) {
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShortStringType s && s.length == length;
        }

        @Override
        public int hashCode() {
            return length;
        }

        @Override
        public String toString() {
            return "string[" + length + "]";
        }
    }

    // ---------------------------------------------------------------- arrays

    /** {@code array[low..high] of element}; {@code indexType} is the index type when given as a type (e.g. TColor). */
    static final class ArrayType extends DelphiType {
        final long low;
        final long high;
        final int count;
        final DelphiType element;
        final DelphiType indexType;
        private final int size;

        ArrayType(long low, long high, DelphiType element, DelphiType indexType) {
            if (high < low) {
                throw new IllegalArgumentException("array[" + low + ".." + high + "] has an upper bound below its lower bound");
            }
            long n = high - low + 1;
            if (low < Integer.MIN_VALUE || high > Integer.MAX_VALUE || n > Integer.MAX_VALUE
                    || n * element.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("array[" + low + ".." + high + "] of " + element
                        + " is larger than 2 GB");
            }
            this.low = low;
            this.high = high;
            this.count = (int) n;
            this.element = element;
            this.indexType = indexType;
            this.size = (int) (n * element.size());
        }

        boolean isText() {
            return element instanceof ScalarType s && !s.subrange
                    && (s.scalar == Scalar.ANSI_CHAR || s.scalar == Scalar.WIDE_CHAR);
        }

        boolean isBytes() {
            return element instanceof ScalarType s && !s.subrange && s.scalar == Scalar.BYTE;
        }

        boolean isWide() {
            return element instanceof ScalarType s && s.scalar == Scalar.WIDE_CHAR;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return isText() ? DelphiRecord.Kind.TEXT : isBytes() ? DelphiRecord.Kind.BYTES : DelphiRecord.Kind.ARRAY;
        }

        @Override
        int alignment(DelphiRecord.Dialect dialect) {
            return element.alignment(dialect);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayType a && a.low == low && a.high == high && a.element.equals(element)
                    && Objects.equals(a.indexType, indexType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(low, high, element, indexType);
        }

        @Override
        public String toString() {
            return "array[" + (indexType != null ? indexType.reference() : low + ".." + high) + "] of " + element.reference();
        }
    }

    /** How a field declaration refers to this type: by name if it has one, else by its full text. */
    String reference() {
        String declared = declaredName();
        return declared != null ? declared : toString();
    }

    // ---------------------------------------------------------------- enumerations

    /** An enumeration: value names with ordinals, stored in 1, 2 or 4 bytes. */
    static final class EnumType extends DelphiType {
        final String name;
        final List<String> names;
        private final long[] ordinals;
        final int minSize;
        private final Map<String, Integer> indexByKey = new HashMap<>();
        private final long low;
        private final long high;
        private final int size;

        EnumType(String name, List<String> names, long[] ordinals, int minSize) {
            if (name != null) {
                DelphiRecord.requireIdentifier(name, "enumeration name");
            }
            if (minSize != 1 && minSize != 2 && minSize != 4) {
                throw new IllegalArgumentException("an enumeration's minimum size is 1, 2 or 4 ({$Z1}, {$Z2}, {$Z4}), not "
                        + minSize);
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("enumeration " + (name == null ? "" : name + " ") + "has no values");
            }
            this.name = name;
            this.names = List.copyOf(names);
            this.ordinals = ordinals.clone();
            this.minSize = minSize;
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i = 0; i < this.names.size(); i++) {
                String value = DelphiRecord.requireIdentifier(this.names.get(i), "enumeration value");
                if (indexByKey.putIfAbsent(value.toLowerCase(Locale.ROOT), i) != null) {
                    throw new IllegalArgumentException("enumeration value " + value + " is declared twice");
                }
                lo = Math.min(lo, ordinals[i]);
                hi = Math.max(hi, ordinals[i]);
            }
            if (lo < Integer.MIN_VALUE || hi > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("enumeration ordinals must fit in 32 bits");
            }
            this.low = lo;
            this.high = hi;
            this.size = Math.max(minSize, Scalar.forRange(lo, hi).size);
        }

        /** The ordinal of a value name, case-insensitive, or null. */
        Long ordinalOf(String valueName) {
            Integer i = indexByKey.get(valueName.toLowerCase(Locale.ROOT));
            return i == null ? null : ordinals[i];
        }

        /** The name of an ordinal, or null if no value has it. */
        String nameOf(long ordinal) {
            for (int i = 0; i < ordinals.length; i++) {
                if (ordinals[i] == ordinal) {
                    return names.get(i);
                }
            }
            return null;
        }

        boolean isSigned() {
            return low < 0;
        }

        boolean hasExplicitOrdinals() {
            for (int i = 0; i < ordinals.length; i++) {
                if (ordinals[i] != i) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return DelphiRecord.Kind.ENUM;
        }

        @Override
        int alignment(DelphiRecord.Dialect dialect) {
            return size;
        }

        @Override
        String declaredName() {
            return name;
        }

        @Override
        boolean isOrdinal() {
            return true;
        }

        @Override
        long low() {
            return low;
        }

        @Override
        long high() {
            return high;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EnumType e && Objects.equals(e.name, name) && e.names.equals(names)
                    && Arrays.equals(e.ordinals, ordinals) && e.size == size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, names, Arrays.hashCode(ordinals), size);
        }

        /** The value list, e.g. {@code (Red, Green, Blue)} or {@code (A = -1, B = 1)}. */
        String valueList() {
            StringJoiner out = new StringJoiner(", ", "(", ")");
            boolean explicit = hasExplicitOrdinals();
            for (int i = 0; i < names.size(); i++) {
                out.add(explicit ? names.get(i) + " = " + ordinals[i] : names.get(i));
            }
            return out.toString();
        }

        /**
         * The name, or for an inline enumeration its value list; one declared under {@code {$Z2}} or
         * {@code {$Z4}} carries the directive, so that its text declares the same layout.
         */
        @Override
        public String toString() {
            if (name != null) {
                return name;
            }
            return minSize == 1 ? valueList() : "{$Z" + minSize + "} " + valueList() + " {$Z1}";
        }
    }

    // ---------------------------------------------------------------- sets

    /** {@code set of base}: bit {@code e - 8 * (low div 8)} for each element e of the set. */
    static final class SetType extends DelphiType {
        final DelphiType base;
        final int low;
        final int high;
        /** Ordinal of bit 0 of byte 0. */
        final int firstOrdinal;
        private final int size;

        SetType(DelphiType base) {
            if (!base.isOrdinal()) {
                throw new IllegalArgumentException("set of " + base + ": a set's elements must be of an ordinal type"
                        + " (an enumeration, a subrange, Byte, AnsiChar or Boolean)");
            }
            if (base.low() < 0 || base.high() > 255) {
                throw new IllegalArgumentException("set of " + base + ": a set's element type must have values within"
                        + " 0..255, not " + base.low() + ".." + base.high());
            }
            this.base = base;
            this.low = (int) base.low();
            this.high = (int) base.high();
            this.firstOrdinal = low / 8 * 8;
            int bytes = high / 8 - low / 8 + 1;
            this.size = bytes == 3 ? 4 : bytes;
        }

        /** Whether the elements have names (the base is an enumeration). */
        EnumType enumBase() {
            return base instanceof EnumType e ? e : null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return DelphiRecord.Kind.SET;
        }

        @Override
        int alignment(DelphiRecord.Dialect dialect) {
            if (size == 1 || size == 2 || size == 4) {
                return size;
            }
            return dialect == DelphiRecord.Dialect.FREE_PASCAL ? 8 : 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetType s && s.base.equals(base);
        }

        @Override
        public int hashCode() {
            return base.hashCode() * 31 + 7;
        }

        @Override
        public String toString() {
            return "set of " + base.reference();
        }
    }

    // ---------------------------------------------------------------- records

    /** A field declaration: a name and a type. */
    record Decl(String name, DelphiType type) {
    }

    /** A record body: fixed fields, then an optional variant part (which is always last). */
    record Body(List<Decl> fields, Variant variant) {
        Body {
            fields = List.copyOf(fields);
        }
    }

    /** {@code case [tagName:] tagType of branches}. */
    record Variant(String tagName, DelphiType tagType, List<Branch> branches) {
        Variant {
            branches = List.copyOf(branches);
        }
    }

    /** One branch of a variant part: its case labels as written, and its fields. */
    record Branch(String labels, Body body) {
    }

    /** A laid-out field of a record: offset relative to the record's start. */
    record Member(String name, DelphiType type, int offset) {
    }

    /** A record type with its computed layout. */
    static final class RecordType extends DelphiType {
        final String name;
        final DelphiRecord.Alignment alignment;
        final DelphiRecord.Dialect dialect;
        final Body body;
        final List<Member> members;
        final Map<String, Member> membersByKey;
        private final int size;
        private final int recordAlignment;

        RecordType(String name, DelphiRecord.Alignment alignment, DelphiRecord.Dialect dialect, Body body) {
            this.name = name;
            this.alignment = alignment;
            this.dialect = dialect;
            this.body = body;
            Layout layout = new Layout(alignment, dialect);
            int end;
            try {
                end = layout.place(body, 0);
                this.size = roundUp(end, layout.maxAlignment);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("record " + (name == null ? "" : name + " ") + "is larger than 2 GB", e);
            }
            this.recordAlignment = layout.maxAlignment;
            this.members = Collections.unmodifiableList(layout.members);
            Map<String, Member> byKey = new HashMap<>();
            for (Member m : members) {
                if (byKey.putIfAbsent(m.name().toLowerCase(Locale.ROOT), m) != null) {
                    throw new IllegalArgumentException("record " + (name == null ? "" : name + " ")
                            + "has two fields named " + m.name() + " (names are case-insensitive)");
                }
            }
            this.membersByKey = Map.copyOf(byKey);
        }

        Member member(String fieldName) {
            return membersByKey.get(fieldName.toLowerCase(Locale.ROOT));
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public DelphiRecord.Kind kind() {
            return DelphiRecord.Kind.RECORD;
        }

        @Override
        int alignment(DelphiRecord.Dialect ignored) {
            return recordAlignment;
        }

        @Override
        String declaredName() {
            return name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RecordType r && Objects.equals(r.name, name) && r.alignment == alignment
                    && r.dialect == dialect && r.body.equals(body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, alignment, dialect, body);
        }

        @Override
        public String toString() {
            return name != null ? name : inlineText();
        }

        /** {@code record a: Byte; b: Integer; end} (or {@code packed record ... end}) on one line. */
        String inlineText() {
            StringBuilder out = new StringBuilder(alignment == DelphiRecord.Alignment.PACKED ? "packed record " : "record ");
            appendBody(out, body, " ", "");
            return out.append("end").toString();
        }

        /** Appends the fields and variant part of a body, each field followed by {@code ;} and {@code sep}. */
        static void appendBody(StringBuilder out, Body body, String sep, String indent) {
            for (Decl d : body.fields()) {
                out.append(indent).append(d.name()).append(": ").append(d.type().reference()).append(';').append(sep);
            }
            Variant v = body.variant();
            if (v != null) {
                out.append(indent).append("case ");
                if (v.tagName() != null) {
                    out.append(v.tagName()).append(": ");
                }
                out.append(v.tagType().reference()).append(" of").append(sep);
                for (Branch b : v.branches()) {
                    out.append(indent).append("  ").append(b.labels()).append(": (");
                    StringBuilder inner = new StringBuilder();
                    appendBody(inner, b.body(), " ", "");
                    String text = inner.toString().strip();
                    if (text.endsWith(";")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    out.append(text).append(");").append(sep);
                }
            }
        }

        /** Computes offsets under an alignment setting and dialect. */
        private static final class Layout {
            final int cap;
            final DelphiRecord.Dialect dialect;
            final List<Member> members = new ArrayList<>();
            int maxAlignment = 1;

            Layout(DelphiRecord.Alignment alignment, DelphiRecord.Dialect dialect) {
                this.cap = alignment.bytes();
                this.dialect = dialect;
            }

            int alignmentOf(DelphiType type) {
                return Math.min(type.alignment(dialect), cap);
            }

            int place(Body body, int start) {
                int offset = start;
                for (Decl d : body.fields()) {
                    offset = placeField(d, offset);
                }
                Variant v = body.variant();
                if (v != null) {
                    if (v.tagName() != null) {
                        offset = placeField(new Decl(v.tagName(), v.tagType()), offset);
                    }
                    // Delphi aligns the variant part like a nested record (by the largest alignment of its
                    // fields); Free Pascal, under an explicit {$A n} or packed, aligns it to n.
                    int partStart = roundUp(offset, dialect == DelphiRecord.Dialect.FREE_PASCAL
                            ? cap : variantAlignment(v));
                    int end = partStart;
                    for (Branch b : v.branches()) {
                        end = Math.max(end, place(b.body(), partStart));
                    }
                    offset = end;
                }
                return offset;
            }

            private int placeField(Decl d, int offset) {
                int a = alignmentOf(d.type());
                int at = roundUp(offset, a);
                members.add(new Member(d.name(), d.type(), at));
                maxAlignment = Math.max(maxAlignment, a);
                return Math.addExact(at, d.type().size());
            }

            private int variantAlignment(Variant v) {
                int a = 1;
                for (Branch b : v.branches()) {
                    for (Decl d : b.body().fields()) {
                        a = Math.max(a, alignmentOf(d.type()));
                    }
                    Variant nested = b.body().variant();
                    if (nested != null) {
                        if (nested.tagName() != null) {
                            a = Math.max(a, alignmentOf(nested.tagType()));
                        }
                        a = Math.max(a, variantAlignment(nested));
                    }
                }
                return a;
            }
        }
    }

    static int roundUp(int value, int multiple) {
        int remainder = value % multiple;
        return remainder == 0 ? value : Math.addExact(value, multiple - remainder);
    }
}
