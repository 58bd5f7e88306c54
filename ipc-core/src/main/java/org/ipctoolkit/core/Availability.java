package org.ipctoolkit.core;

import java.util.Objects;

/**
 * Whether a backend can work on this machine, proved by one real native call (a probe) rather than
 * by the name of the operating system, as Netty's native transports do ({@code Epoll.isAvailable()}).
 *
 * <p>A module's platform switch holds one {@code Availability} per backend, made with
 * {@link #probe(Runnable)} when the module is first used; every operation calls
 * {@link #ensureAvailable(String, String, String)} first, which costs a field read when the probe
 * succeeded. The probes themselves live beside the platform code:
 * {@code org.ipctoolkit.core.linux.Namespace#probe()} ({@code open(O_TMPFILE)} in the namespace's
 * directory) and {@code org.ipctoolkit.core.windows.WindowsProbe#fileMapping()}
 * ({@code CreateFileMappingW} of a one-byte unnamed mapping).
 */
public final class Availability {
    private final Throwable cause;

    private Availability(Throwable cause) {
        this.cause = cause;
    }

    /**
     * Runs a probe now and remembers its outcome: available if it returns, unavailable (with what
     * it threw as the cause) if it throws an exception or a {@link LinkageError} (a missing native
     * library or function).
     *
     * @param probe one real native call that only succeeds where the backend works
     * @return the outcome
     */
    public static Availability probe(Runnable probe) {
        Objects.requireNonNull(probe, "probe");
        try {
            probe.run();
            return new Availability(null);
        } catch (RuntimeException | LinkageError e) {
            return new Availability(e);
        }
    }

    /**
     * @param cause why the backend cannot work here
     * @return an outcome that is unavailable for that reason, without probing
     */
    public static Availability unavailable(Throwable cause) {
        return new Availability(Objects.requireNonNull(cause, "cause"));
    }

    /** @return true if the probe succeeded */
    public boolean isAvailable() {
        return cause == null;
    }

    /** @return why the backend cannot work here, or null if it can */
    public Throwable unavailabilityCause() {
        return cause;
    }

    /**
     * Throws unless the backend is available.
     *
     * @param objectKind what kind of object the caller wanted, for the message
     * @param objectName the object's name, for the message (may be null)
     * @param operation  the operation the caller wanted, for the message
     * @throws IpcException with the probe's failure as its cause, if unavailable
     */
    public void ensureAvailable(String objectKind, String objectName, String operation) {
        if (cause != null) {
            IpcException e = new IpcException(objectKind, objectName, operation, null,
                    "the backend is not available on this machine: " + cause.getMessage());
            e.initCause(cause);
            throw e;
        }
    }

    @Override
    public String toString() {
        return cause == null ? "available" : "unavailable: " + cause;
    }
}
