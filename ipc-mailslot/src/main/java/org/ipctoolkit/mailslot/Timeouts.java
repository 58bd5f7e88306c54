package org.ipctoolkit.mailslot;

import java.time.Duration;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.mailslot.backend.MailslotBackends;

/** Read timeouts as Win32 takes them: a {@code DWORD} of milliseconds, {@code 0xFFFFFFFF} for ever. */
final class Timeouts {
    /** The largest finite timeout: one below {@code MAILSLOT_WAIT_FOREVER}. */
    static final long MAX_MILLIS = 0xFFFFFFFEL;

    private Timeouts() {
    }

    static long millis(Duration timeout, String name, String operation) {
        if (timeout == null) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name, operation, null,
                    "the timeout is null (use MailslotServer.WAIT_FOREVER to wait for ever)");
        }
        if (timeout.equals(MailslotServer.WAIT_FOREVER)) {
            return MailslotBackends.FOREVER;
        }
        if (timeout.isNegative()) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name, operation, null,
                    "the timeout " + timeout + " is negative");
        }
        if (timeout.compareTo(Duration.ofMillis(MAX_MILLIS)) > 0) {
            throw new IpcInvalidArgumentException(MailslotPlatform.KIND, name, operation, null, "the timeout "
                    + timeout + " is longer than " + MAX_MILLIS + " ms; use MailslotServer.WAIT_FOREVER");
        }
        long millis = timeout.toMillis();
        return millis == 0 && !timeout.isZero() ? 1 : millis;
    }

    static Duration duration(long millis) {
        return millis == MailslotBackends.FOREVER ? MailslotServer.WAIT_FOREVER : Duration.ofMillis(millis);
    }
}
