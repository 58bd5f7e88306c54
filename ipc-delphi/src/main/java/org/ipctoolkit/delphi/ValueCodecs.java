package org.ipctoolkit.delphi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Little-endian access and the conversions of Extended and TDateTime values. */
final class ValueCodecs {

    static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT = MethodHandles.byteBufferViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE = MethodHandles.byteBufferViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle CHAR = MethodHandles.byteBufferViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

    /** Day 0 of TDateTime, as a java.time epoch day. */
    static final long DELPHI_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();
    /** 0001-01-01, Delphi's MinDateTime. */
    static final double MIN_DATE_TIME = LocalDate.of(1, 1, 1).toEpochDay() - DELPHI_EPOCH_DAY;
    /** The first day after 9999-12-31, Delphi's MaxDateTime (which is just below). */
    static final double END_DATE_TIME = LocalDate.of(10_000, 1, 1).toEpochDay() - DELPHI_EPOCH_DAY;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final double NANOS_PER_DAY = 86_400e9;

    private ValueCodecs() {
    }

    /**
     * Reads an 80-bit x87 extended value: 64-bit significand with an explicit integer bit, 15-bit biased
     * exponent, sign. Rounded to the nearest double; out-of-range magnitudes become infinity or zero,
     * invalid encodings (a clear integer bit with a non-zero exponent) NaN.
     */
    static double readExtended(ByteBuffer buffer, int at) {
        long significand = (long) LONG.get(buffer, at);
        int signAndExponent = (short) SHORT.get(buffer, at + 8) & 0xFFFF;
        boolean negative = (signAndExponent & 0x8000) != 0;
        int exponent = signAndExponent & 0x7FFF;
        double magnitude;
        if (exponent == 0x7FFF) {
            magnitude = (significand << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (significand == 0) {
            magnitude = 0.0;
        } else if (exponent != 0 && significand > 0) {
            magnitude = Double.NaN; // an "unnormal": the x87 refuses it as an invalid operand
        } else {
            // the unsigned significand, rounded once to 53 bits (keeping a sticky bit), then scaled
            double m = (double) ((significand >>> 1) | (significand & 1)) * 2.0;
            magnitude = Math.scalb(m, Math.max(exponent, 1) - 16_383 - 63);
        }
        return negative ? -magnitude : magnitude;
    }

    /** Writes a double as an 80-bit x87 extended value; every double converts exactly. */
    static void writeExtended(ByteBuffer buffer, int at, double value) {
        long bits = Double.doubleToRawLongBits(value);
        int sign = bits < 0 ? 0x8000 : 0;
        int exponent = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & ((1L << 52) - 1);
        long significand;
        int extendedExponent;
        if (exponent == 0x7FF) {
            extendedExponent = 0x7FFF;
            significand = fraction == 0 ? Long.MIN_VALUE : 0xC000_0000_0000_0000L | (fraction << 11);
        } else if (exponent == 0) {
            if (fraction == 0) {
                extendedExponent = 0;
                significand = 0;
            } else {
                int shift = Long.numberOfLeadingZeros(fraction);
                significand = fraction << shift;
                extendedExponent = 15_372 - shift; // value = fraction * 2^-1074 = significand * 2^(e - 16383 - 63)
            }
        } else {
            significand = Long.MIN_VALUE | (fraction << 11);
            extendedExponent = exponent - 1023 + 16_383;
        }
        LONG.set(buffer, at, significand);
        SHORT.set(buffer, at + 8, (short) (sign | extendedExponent));
    }

    /**
     * TDateTime of a local date and time: whole days since 1899-12-30 plus the fraction of the day; before
     * that date the integral part is negative and the time still counts forward, as in Delphi
     * (-1.25 is 1899-12-29 06:00).
     */
    static double toDateTime(LocalDateTime dateTime) {
        long days = dateTime.toLocalDate().toEpochDay() - DELPHI_EPOCH_DAY;
        double fraction = dateTime.toLocalTime().toNanoOfDay() / NANOS_PER_DAY;
        return days >= 0 ? days + fraction : days - fraction;
    }

    /** The local date and time of a finite TDateTime within Delphi's range, rounded to the millisecond. */
    static LocalDateTime fromDateTime(double value) {
        long days = (long) value; // toward zero: the sign is the date's, the fraction the time's
        long millis = Math.round(Math.abs(value - days) * MILLIS_PER_DAY);
        return LocalDate.ofEpochDay(DELPHI_EPOCH_DAY + days).atStartOfDay().plusNanos(millis * 1_000_000L);
    }

    /** Whether a TDateTime value denotes a time from 0001-01-01 to 9999-12-31. */
    static boolean isValidDateTime(double value) {
        // -693593.5 is 0001-01-01 12:00: the integral part counts the days, truncated toward zero
        return value > MIN_DATE_TIME - 1 && value < END_DATE_TIME;
    }
}
