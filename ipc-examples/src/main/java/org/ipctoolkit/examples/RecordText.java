package org.ipctoolkit.examples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.delphi.DelphiType;

/**
 * Delphi record values as text, for people at the command line: {@code ipc shm write --set FIELD=VALUE}
 * parses with {@link #set(DelphiRecord, ByteBuffer, String, String)}, {@code ipc shm read} prints with
 * {@link #format(DelphiRecord, ByteBuffer)}. The codec ({@link DelphiRecord}) deals in Java values only;
 * this class decides how those look as text, and refuses text that would not round-trip: a number that
 * overflows to infinity or underflows to zero, NaN, a fraction for an integer.
 */
final class RecordText {

    private static final Pattern INTEGER_TEXT =
            Pattern.compile("([+-]?)(?:0[xX]([0-9a-fA-F]+)|\\$([0-9a-fA-F]+)|([0-9]+))");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern NON_FINITE_TEXT = Pattern.compile("[+-]?(?:NaN|Infinity|Inf)", Pattern.CASE_INSENSITIVE);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RecordText() {
    }

    /**
     * Writes a field from text as a user typed it, refusing NaN and infinities.
     *
     * @param record the record layout
     * @param buffer the memory holding the record at index 0
     * @param path the field name or path, e.g. {@code age} or {@code points[2].x}
     * @param text the value as text; see {@link #parse(DelphiRecord, DelphiRecord.Field, String, boolean)}
     * @throws IllegalArgumentException if there is no such field, the text is not a value of the field's type,
     *     or the value does not fit
     */
    static void set(DelphiRecord record, ByteBuffer buffer, String path, String text) {
        set(record, buffer, path, text, false);
    }

    /**
     * Writes a field from text as a user typed it.
     *
     * @param record the record layout
     * @param buffer the memory holding the record at index 0
     * @param path the field name or path
     * @param text the value as text
     * @param allowNonFinite whether {@code NaN}, {@code Infinity} and {@code -Infinity} are accepted for
     *     floating-point fields when written so (a number too large still never becomes infinity)
     * @throws IllegalArgumentException if there is no such field, the text is not a value of the field's type,
     *     or the value does not fit
     */
    static void set(DelphiRecord record, ByteBuffer buffer, String path, String text, boolean allowNonFinite) {
        DelphiRecord.Field field = record.field(path);
        field.set(buffer, parse(record, field, text, allowNonFinite));
    }

    /**
     * Reads the text of a value for a field: integers in decimal, or hexadecimal with a {@code 0x} or
     * {@code $} prefix, optionally signed (a UInt64 takes 0..18446744073709551615); floating-point numbers
     * in decimal ({@code 1.5}, {@code -2E10}); Booleans as {@code true} or {@code false} (any case); text as
     * it is; byte arrays as two hexadecimal digits per byte, e.g. {@code 0a0bff}, whitespace allowed between
     * them; enumerations by value name or ordinal; sets as value names or ordinals separated by commas,
     * optionally in brackets ({@code [Red, Blue]}, {@code []}); TDateTime as an ISO date and time
     * ({@code 2024-05-01T12:30:00}, a space instead of the {@code T}, or a date alone); Currency as a decimal
     * number with at most four decimal places. Surrounding whitespace is ignored except for text.
     *
     * @param record the record layout, for messages
     * @param field the field the value is for
     * @param text the text
     * @param allowNonFinite whether NaN and infinities written as such are accepted
     * @return the value, for {@link DelphiRecord.Field#set(ByteBuffer, Object)}
     * @throws IllegalArgumentException if the text is not a value of the field's type
     */
    static Object parse(DelphiRecord record, DelphiRecord.Field field, String text, boolean allowNonFinite) {
        Objects.requireNonNull(text, () -> "null value for " + where(record, field));
        String trimmed = text.strip();
        return switch (field.kind()) {
            case TEXT -> text;
            case INTEGER -> parseInteger(record, field, text);
            case FLOAT -> parseFloat(record, field, text, allowNonFinite);
            case BOOLEAN -> {
                if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                    yield Boolean.parseBoolean(trimmed.toLowerCase(Locale.ROOT));
                }
                throw cannotParse(record, field, text, "true or false");
            }
            case BYTES -> parseHex(record, field, text);
            case ENUM -> INTEGER_TEXT.matcher(trimmed).matches() ? parseInteger(record, field, text) : trimmed;
            case SET -> parseSet(record, field, trimmed);
            case DATE_TIME -> parseDateTime(record, field, text);
            case CURRENCY -> {
                if (!DECIMAL_TEXT.matcher(trimmed).matches()) {
                    throw cannotParse(record, field, text, "a decimal amount such as 12.3456");
                }
                yield new BigDecimal(trimmed);
            }
            case RECORD, ARRAY -> throw new IllegalArgumentException(where(record, field) + " is " + field.type()
                    + "; set its " + (field.kind() == DelphiRecord.Kind.RECORD ? "fields" : "elements")
                    + " one by one, e.g. " + example(field));
        };
    }

    /**
     * Formats all fields for people to read, one {@code path = value} line per field in declaration order;
     * nested records and arrays (other than of characters and bytes) are expanded to their fields and
     * elements ({@code points[1].x = 5}). Text is in double quotes (with Java escapes for quotes,
     * backslashes and control characters), UInt64 unsigned, byte arrays in hexadecimal as
     * {@link #parse(DelphiRecord, DelphiRecord.Field, String, boolean)} reads them, sets in brackets.
     *
     * @param record the record layout
     * @param buffer the memory holding the record at index 0
     * @return the lines, separated (not terminated) by {@code \n}
     * @throws IllegalArgumentException if the buffer is smaller than the record
     * @throws org.ipctoolkit.delphi.CorruptRecordException if the bytes of a field are not a valid value of it
     */
    static String format(DelphiRecord record, ByteBuffer buffer) {
        List<String> lines = new ArrayList<>();
        for (DelphiRecord.Field f : record.fields()) {
            formatInto(lines, f, buffer);
        }
        return String.join("\n", lines);
    }

    private static void formatInto(List<String> lines, DelphiRecord.Field f, ByteBuffer buffer) {
        switch (f.kind()) {
            case RECORD -> f.fields().forEach(child -> formatInto(lines, child, buffer));
            case ARRAY -> {
                for (int i = f.low(); i <= f.high(); i++) {
                    formatInto(lines, f.element(i), buffer);
                }
            }
            default -> lines.add(f.path() + " = " + formatValue(f, buffer));
        }
    }

    /**
     * Formats one value as {@link #format(DelphiRecord, ByteBuffer)} shows it.
     *
     * @param f a field that is not a record or an array of records or numbers
     * @param buffer the memory holding the record at index 0
     * @return the value as text
     */
    static String formatValue(DelphiRecord.Field f, ByteBuffer buffer) {
        Object value = f.get(buffer);
        return switch (f.kind()) {
            case TEXT -> quote((String) value);
            case INTEGER -> f.delphiType().equals(DelphiType.UINT64)
                    ? Long.toUnsignedString((Long) value) : value.toString();
            case FLOAT -> f.delphiType().equals(DelphiType.SINGLE)
                    ? Float.toString(f.getFloat(buffer)) : value.toString();
            case BYTES -> toHex((byte[]) value);
            case SET -> {
                StringJoiner elements = new StringJoiner(", ", "[", "]");
                ((Set<?>) value).forEach(e -> elements.add(e.toString()));
                yield elements.toString();
            }
            case CURRENCY -> ((BigDecimal) value).toPlainString();
            default -> String.valueOf(value);
        };
    }

    // ---------------------------------------------------------------- parsing

    private static BigInteger parseInteger(DelphiRecord record, DelphiRecord.Field field, String text) {
        Matcher m = INTEGER_TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw cannotParse(record, field, text, "a decimal, 0x or $ hexadecimal integer");
        }
        BigInteger magnitude = m.group(4) != null ? new BigInteger(m.group(4))
                : new BigInteger(m.group(2) != null ? m.group(2) : m.group(3), 16);
        return m.group(1).equals("-") ? magnitude.negate() : magnitude;
    }

    private static Double parseFloat(DelphiRecord record, DelphiRecord.Field field, String text, boolean allowNonFinite) {
        String trimmed = text.strip();
        if (NON_FINITE_TEXT.matcher(trimmed).matches()) {
            if (!allowNonFinite) {
                throw new IllegalArgumentException(where(record, field) + ": '" + trimmed + "' is not a finite number;"
                        + " only finite numbers are written to " + field.type() + " fields");
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            return lower.contains("nan") ? Double.NaN
                    : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL_TEXT.matcher(trimmed).matches()) {
            throw cannotParse(record, field, text, "a number such as 1.5 or -2E10");
        }
        double value = Double.parseDouble(trimmed);
        boolean single = field.delphiType().equals(DelphiType.SINGLE);
        if (Double.isInfinite(value) || single && Float.isInfinite((float) value)) {
            throw new IllegalArgumentException(where(record, field) + ": " + trimmed + " is out of range for "
                    + field.type() + ": it overflows to Infinity (largest: "
                    + (single ? Float.MAX_VALUE : Double.MAX_VALUE) + ")");
        }
        if ((value == 0 || single && (float) value == 0) && new BigDecimal(trimmed).signum() != 0) {
            throw new IllegalArgumentException(where(record, field) + ": " + trimmed + " is too small for "
                    + field.type() + ": it rounds to 0 (smallest: " + (single ? Float.MIN_VALUE : Double.MIN_VALUE) + ")");
        }
        return value;
    }

    private static List<Object> parseSet(DelphiRecord record, DelphiRecord.Field field, String trimmed) {
        String inner = trimmed;
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        List<Object> elements = new ArrayList<>();
        if (inner.isBlank()) {
            return elements;
        }
        for (String item : inner.split(",")) {
            String element = item.strip();
            if (element.isEmpty()) {
                throw cannotParse(record, field, trimmed, "elements separated by commas, e.g. [Red, Blue]");
            }
            elements.add(INTEGER_TEXT.matcher(element).matches() ? parseInteger(record, field, element) : element);
        }
        return elements;
    }

    private static LocalDateTime parseDateTime(DelphiRecord record, DelphiRecord.Field field, String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay();
            }
            return LocalDateTime.parse(trimmed.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw cannotParse(record, field, text, "a date and time such as 2024-05-01T12:30:00 or 2024-05-01");
        }
    }

    private static byte[] parseHex(DelphiRecord record, DelphiRecord.Field field, String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(where(record, field) + ": cannot read '" + text + "' as " + field.type()
                    + "; expected two hexadecimal digits per byte, e.g. 0a0bff");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }

    private static String example(DelphiRecord.Field field) {
        if (field.kind() == DelphiRecord.Kind.RECORD) {
            return field.path() + "." + field.fields().get(0).name() + "=...";
        }
        return field.path() + "[" + field.low() + "]=...";
    }

    private static IllegalArgumentException cannotParse(DelphiRecord record, DelphiRecord.Field field, String text,
                                                        String expected) {
        return new IllegalArgumentException(where(record, field) + ": cannot read '" + text + "' as " + field.type()
                + "; expected " + expected);
    }

    private static String where(DelphiRecord record, DelphiRecord.Field field) {
        return record.name() + "." + field.path();
    }

    // ---------------------------------------------------------------- formatting

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
}
