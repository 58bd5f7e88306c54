package org.ipctoolkit.sync;

import java.time.Duration;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/** Turns the API's {@link Duration}s into the backends' nanoseconds, after checking them. */
final class Timeouts {
    private Timeouts() {
    }

    /**
     * @return the timeout in nanoseconds, saturated at {@link Long#MAX_VALUE} (about 292 years)
     * @throws IpcInvalidArgumentException if the timeout is negative
     */
    static long nanos(Duration timeout, String kind, String name, String operation) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IpcInvalidArgumentException(kind, name, operation, null,
                    "the timeout is negative (" + timeout + "); it must be zero (test once) or positive");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
