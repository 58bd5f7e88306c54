package org.ipctoolkit.sync.windows;

/** Nanoseconds to the milliseconds of the Win32 wait functions. */
final class Timeouts {
    /** The longest finite wait per call: below {@code INFINITE} (0xFFFFFFFF); longer waits loop. */
    private static final long MAX_MILLIS = 0x7FFFFFFFL;

    private Timeouts() {
    }

    /** @return {@code nanos} (positive) in milliseconds, rounded up, at most {@link #MAX_MILLIS} */
    static int millis(long nanos) {
        long ms = nanos / 1_000_000L + (nanos % 1_000_000L == 0 ? 0 : 1);
        return (int) Math.min(ms, MAX_MILLIS);
    }
}
