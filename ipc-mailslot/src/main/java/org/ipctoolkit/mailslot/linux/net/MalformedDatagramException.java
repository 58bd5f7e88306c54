package org.ipctoolkit.mailslot.linux.net;

/**
 * A received datagram that is not a well-formed NetBIOS datagram carrying an SMB mailslot write:
 * the receiver drops and counts it. Thrown by the decoders ({@link NetbiosDatagram#decode},
 * {@link SmbMailslotWrite#decode}, {@link NetbiosName#decode}); it carries no stack trace, because
 * a receiver under a flood of garbage makes one for every datagram.
 */
public final class MalformedDatagramException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong, e.g. {@code "DGM_LENGTH 300 is more than the 120 bytes that follow"}
     */
    public MalformedDatagramException(String reason) {
        super(reason, null, false, false);
    }
}
