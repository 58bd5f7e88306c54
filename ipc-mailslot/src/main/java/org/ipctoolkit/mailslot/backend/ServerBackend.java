package org.ipctoolkit.mailslot.backend;

/** A mailslot server of one backend: the reading end. Thread-safe. */
public interface ServerBackend {
    /**
     * {@code ReadFile}: takes the next whole message, waiting up to the timeout.
     *
     * @param timeoutMillis {@link MailslotBackends#FOREVER}, {@link MailslotBackends#SERVER_TIMEOUT},
     *                      0 or positive
     * @return the message (possibly empty), or null at the timeout or while reads are cancelled
     */
    byte[] read(long timeoutMillis);

    /**
     * Makes a read blocked now return null at once, and every later read too, until
     * {@link #resumeReads()}: how a reader thread is stopped without polling.
     */
    void cancelReads();

    /** Ends {@link #cancelReads()}. */
    void resumeReads();

    /**
     * {@code GetMailslotInfo}.
     *
     * @return {@code {maxMessageSize, nextSize or -1 (MAILSLOT_NO_MESSAGE), messageCount}}
     */
    int[] info();

    /** @return the read timeout in milliseconds, or {@link MailslotBackends#FOREVER} */
    long readTimeoutMillis();

    /**
     * {@code SetMailslotInfo}.
     *
     * @param timeoutMillis {@link MailslotBackends#FOREVER}, 0 or positive
     */
    void setReadTimeout(long timeoutMillis);

    /** @return how many malformed network datagrams were dropped (0 where the OS receives them) */
    long malformedDatagrams();

    /** {@code CloseHandle}: the mailslot goes; a blocked read returns null. Idempotent. */
    void close();
}
