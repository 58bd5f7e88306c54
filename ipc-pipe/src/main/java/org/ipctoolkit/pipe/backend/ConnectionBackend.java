package org.ipctoolkit.pipe.backend;

/**
 * One end of one pipe instance. Reads and writes may run on two threads at once; two readers (or two
 * writers) at once are not supported. Blocking calls end with an exception when {@link #close()} is
 * called from another thread.
 */
public interface ConnectionBackend {
    /**
     * {@code ReadFile} in byte mode (in message mode: part of a message, the rest stays).
     *
     * @return the number of bytes read, or -1 at the end (the other side closed)
     */
    int read(byte[] buffer, int offset, int length);

    /** {@code WriteFile} of all the bytes (in message mode: one message). */
    void write(byte[] buffer, int offset, int length);

    /**
     * {@code ReadFile} until the message ends ({@code ERROR_MORE_DATA} handled).
     *
     * @return the whole next message, or null at the end
     */
    byte[] readMessage();

    /**
     * {@code TransactNamedPipe}: writes a message and reads the reply message.
     *
     * @return the reply, whole
     */
    byte[] transact(byte[] request);

    /** @return {@code PeekNamedPipe}'s {@code {bytesAvailable, bytesLeftThisMessage}} */
    int[] peek();

    /** @return {@code GetNamedPipeClientProcessId} (server side), or -1 if unknown */
    long clientProcessId();

    /** @return {@code GetNamedPipeServerProcessId} (client side), or -1 if unknown */
    long serverProcessId();

    /** {@code FlushFileBuffers}: waits until the other side has read everything written. */
    void flush();

    /** {@code CloseHandle}: the other side reads what is left, then the end. Idempotent. */
    void close();
}
