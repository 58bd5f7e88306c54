/**
 * Mailslots: {@link org.ipctoolkit.mailslot.MailslotServer} owns {@code \\.\mailslot\NAME} and reads
 * the one-way messages that any number of {@link org.ipctoolkit.mailslot.MailslotClient}s write to
 * it, on this machine, on a named machine, or as a broadcast to a domain. Only
 * {@code org.ipctoolkit.mailslot} is exported; the backend SPI and the platform packages are internal.
 */
module org.ipctoolkit.mailslot {
    requires transitive org.ipctoolkit.core;
    requires transitive org.ipctoolkit.delphi;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.mailslot;
}
