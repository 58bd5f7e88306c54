package org.ipctoolkit.pipe.backend;

/** A server's instances. Thread-safe: several threads may accept at once (one instance each). */
public interface ServerBackend {
    /**
     * {@code ConnectNamedPipe} on a free instance (a new one made with {@code CreateNamedPipeW} when
     * all are connected and fewer than the maximum exist).
     *
     * @param timeoutMillis how long to wait for a client; negative for ever
     * @return the connection, or null if the timeout passed
     */
    ConnectionBackend accept(long timeoutMillis);

    /** Closes every instance not handed out; accepts waiting get an error. Idempotent. */
    void close();
}
