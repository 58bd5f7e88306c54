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

    /**
     * Makes the next instance now, if none is waiting for a client, so the name keeps existing between
     * accepts ({@code CreateNamedPipeW}; on Windows a pipe with no instance left is not found by clients).
     * Called when an instance is free: after an accept and after a connection closed. Never blocks:
     * an accept under way has or makes its own instance. Failures are left to the next accept.
     */
    void prepareInstance();

    /** Closes every instance not handed out; accepts waiting get an error. Idempotent. */
    void close();
}
