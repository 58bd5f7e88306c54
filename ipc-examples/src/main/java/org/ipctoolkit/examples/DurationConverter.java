package org.ipctoolkit.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601
 * {@code PT30S}. Zero, negative durations and durations longer than {@link #MAX} (what a wait can
 * last: {@code Long.MAX_VALUE} nanoseconds, about 292 years) are refused while the arguments are
 * parsed, before anything is created.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    /** The longest duration: the longest wait in nanoseconds. */
    static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration; leave the option out"
                    + " for its default (see --help)");
        }
        if (d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is longer than the longest wait ("
                    + MAX.toDays() + " days, about 292 years); leave the option out for its default (see --help)");
        }
        return d;
    }

    private static Duration parse(String value) {
        Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                        return Duration.ofMinutes(n);
                    default:
                        return Duration.ofHours(n);
                }
            }
            return Duration.parse(value.trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is longer than the longest wait ("
                    + MAX.toDays() + " days, about 292 years); leave the option out for its default (see --help)");
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 30s, 5m, 1h or PT30S");
        }
    }
}
