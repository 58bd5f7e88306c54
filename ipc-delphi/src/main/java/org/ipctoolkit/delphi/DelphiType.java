package org.ipctoolkit.delphi;

/**
 * The Delphi field types a {@link DelphiRecord} can hold, with their sizes, natural alignments and
 * value ranges (Win32 and Win64 Delphi, little-endian).
 */
enum DelphiType {
    SHORT_STRING("string", Kind.TEXT, 1),
    ANSI_CHAR("AnsiChar", Kind.TEXT, 1),
    WIDE_CHAR("WideChar", Kind.TEXT, 2),
    ANSI_CHAR_ARRAY("AnsiChar", Kind.TEXT, 1),
    WIDE_CHAR_ARRAY("WideChar", Kind.TEXT, 2),
    BYTE_ARRAY("Byte", Kind.BYTES, 1),
    BYTE("Byte", 1, 0, 255),
    SHORT_INT("ShortInt", 1, -128, 127),
    WORD("Word", 2, 0, 65_535),
    SMALL_INT("SmallInt", 2, -32_768, 32_767),
    INTEGER("Integer", 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    CARDINAL("Cardinal", 4, 0, 4_294_967_295L),
    INT64("Int64", 8, Long.MIN_VALUE, Long.MAX_VALUE),
    /** Bounds are unused: every long is accepted and stands for its two's complement bits. */
    UINT64("UInt64", 8, 0, 0),
    SINGLE("Single", Kind.FLOAT, 4),
    DOUBLE("Double", Kind.FLOAT, 8),
    BOOLEAN("Boolean", Kind.BOOLEAN, 1);

    /** What kind of Java value a field type maps to. */
    enum Kind {
        TEXT("text fields (string[N], AnsiChar, WideChar, arrays of AnsiChar or WideChar)"),
        INTEGER("integer fields (Byte, ShortInt, Word, SmallInt, Integer, Cardinal, Int64, UInt64)"),
        FLOAT("floating-point fields (Single, Double)"),
        BOOLEAN("Boolean fields"),
        BYTES("byte arrays (array of Byte)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    private final String delphiName;
    private final Kind kind;
    private final int elementSize;
    private final long min;
    private final long max;

    DelphiType(String delphiName, Kind kind, int elementSize) {
        this.delphiName = delphiName;
        this.kind = kind;
        this.elementSize = elementSize;
        this.min = 0;
        this.max = 0;
    }

    DelphiType(String delphiName, int elementSize, long min, long max) {
        this.delphiName = delphiName;
        this.kind = Kind.INTEGER;
        this.elementSize = elementSize;
        this.min = min;
        this.max = max;
    }

    Kind kind() {
        return kind;
    }

    /** The natural alignment; for arrays and ShortStrings that of one element. */
    int alignment() {
        return elementSize;
    }

    int elementSize() {
        return elementSize;
    }

    boolean isArray() {
        return this == ANSI_CHAR_ARRAY || this == WIDE_CHAR_ARRAY || this == BYTE_ARRAY;
    }

    /** Whether the type carries a count: the element count of an array or the N of string[N]. */
    boolean hasCount() {
        return isArray() || this == SHORT_STRING;
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }

    boolean isSigned() {
        return min < 0;
    }

    /** Whether every value of this integer type fits in a Java {@code int}. */
    boolean fitsInInt() {
        return kind == Kind.INTEGER && this != UINT64
                && min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
    }

    String range() {
        return this == UINT64 ? "0..18446744073709551615" : min + ".." + max;
    }

    int size(int count) {
        if (this == SHORT_STRING) {
            return count + 1;
        }
        return isArray() ? Math.multiplyExact(elementSize, count) : elementSize;
    }

    /** The type as written in a Delphi declaration, e.g. {@code string[10]} or {@code array[0..9] of AnsiChar}. */
    String describe(int count, int low) {
        if (this == SHORT_STRING) {
            return "string[" + count + "]";
        }
        if (isArray()) {
            return "array[" + low + ".." + ((long) low + count - 1) + "] of " + delphiName;
        }
        return delphiName;
    }
}
