package org.ipctoolkit.pipe.backend;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeMode;
import org.ipctoolkit.pipe.PipeName;

/**
 * One platform's named pipes. The module's one platform switch ({@code PipePlatform}) picks
 * {@code org.ipctoolkit.pipe.windows.WindowsPipeBackends.load()} or
 * {@code org.ipctoolkit.pipe.linux.LinuxPipeBackends.load()}; {@code load()} never throws. The API
 * checks every argument before calling a backend.
 */
public interface PipeBackends {
    /** @return whether this backend works here */
    Availability availability();

    /**
     * {@code CreateNamedPipeW} of the first instance (with {@code FILE_FLAG_FIRST_PIPE_INSTANCE}: a name
     * another server uses is refused). Later instances are made by {@link ServerBackend#accept}.
     *
     * @param name    the pipe (local)
     * @param options mode, direction, instances, buffers, default timeout
     * @return the server
     */
    ServerBackend createServer(PipeName name, NamedPipeServer.Options options);

    /**
     * {@code CreateFileW} of the pipe, {@code WaitNamedPipeW} while every instance is busy, then
     * {@code SetNamedPipeHandleState} for the read mode.
     *
     * @param name          the pipe
     * @param timeoutMillis how long to wait for a free instance
     * @param readMode      {@link PipeMode#MESSAGE} to read messages (the pipe must be a message pipe)
     * @param read          open for reading
     * @param write         open for writing
     * @return the connection
     */
    ConnectionBackend connect(PipeName name, long timeoutMillis, PipeMode readMode, boolean read, boolean write);
}
