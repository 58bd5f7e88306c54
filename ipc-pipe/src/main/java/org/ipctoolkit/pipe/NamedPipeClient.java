package org.ipctoolkit.pipe;

import java.time.Duration;
import java.util.Objects;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/**
 * Connects to a named pipe: Win32 {@code CreateFileW(\\.\pipe\NAME)}, {@code WaitNamedPipeW} while all
 * instances are busy, {@code SetNamedPipeHandleState} for message reads. {@code \\SERVER\pipe\NAME} is
 * accepted where the platform has remote pipes (Windows).
 */
public final class NamedPipeClient {
    private NamedPipeClient() {
    }

    /**
     * Connects for reading and writing, reading in byte mode.
     *
     * @param name    the pipe
     * @param timeout how long to wait while every instance is busy
     * @return the connection
     * @throws org.ipctoolkit.core.IpcNotFoundException if no server has that name
     * @throws PipeBusyException                        if every instance stayed busy until the timeout
     */
    public static PipeConnection connect(String name, Duration timeout) {
        return connect(name, timeout, PipeMode.BYTE, PipeDirection.DUPLEX);
    }

    /**
     * Connects.
     *
     * @param name      the pipe
     * @param timeout   how long to wait while every instance is busy
     * @param readMode  {@link PipeMode#MESSAGE} to read whole messages (a message pipe only)
     * @param direction what this client does: {@link PipeDirection#INBOUND} = it writes (the server's
     *                  inbound), {@link PipeDirection#OUTBOUND} = it reads, {@link PipeDirection#DUPLEX} = both
     * @return the connection
     * @throws org.ipctoolkit.core.IpcAccessDeniedException if the pipe does not go the way {@code direction}
     *         wants (an inbound pipe lets clients only write). Windows refuses at once; on Linux the server
     *         hears a client while it waits in {@code accept}, so the refusal comes then, and a client of a
     *         server that is not accepting waits busy until its timeout, as any other client does
     */
    public static PipeConnection connect(String name, Duration timeout, PipeMode readMode, PipeDirection direction) {
        PipeName n = PipeName.of(name);
        Objects.requireNonNull(readMode, "readMode");
        Objects.requireNonNull(direction, "direction");
        if (timeout == null || timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IpcInvalidArgumentException("named pipe", name, "WaitNamedPipeW", null,
                    "the timeout must be between 0 and " + Integer.MAX_VALUE + " ms, not " + timeout);
        }
        boolean read = direction != PipeDirection.INBOUND;
        boolean write = direction != PipeDirection.OUTBOUND;
        return new PipeConnection(n, readMode,
                PipePlatform.backends(n.fullName(), "CreateFileW").connect(n, timeout.toMillis(), readMode, read, write), false, () -> { });
    }
}
