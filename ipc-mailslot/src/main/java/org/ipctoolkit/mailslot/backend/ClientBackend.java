package org.ipctoolkit.mailslot.backend;

/** A mailslot client of one backend: the writing end. Thread-safe. */
public interface ClientBackend {
    /**
     * {@code WriteFile}: sends one message, whole or not at all.
     *
     * @param message the bytes
     * @param offset  where the message starts in {@code message}
     * @param length  its length, checked by the API against the limits it knows
     */
    void send(byte[] message, int offset, int length);

    /** {@code CloseHandle}. Idempotent. */
    void close();
}
