package org.ipctoolkit.mailslot.linux.net;

import java.util.function.Consumer;
import org.ipctoolkit.mailslot.MailslotName;

/**
 * Linux mailslots across machines: the Remote Mailslot Protocol (MS-MAIL), an SMB mailslot write
 * carried in a NetBIOS datagram (RFC 1002) on UDP, as Windows sends and receives it. The seam
 * between the local backend ({@code org.ipctoolkit.mailslot.linux}) and the network code.
 * (Being built: both methods fail for now.)
 */
public final class NetworkMailslots {
    private NetworkMailslots() {
    }

    /** Network reception for one local mailslot; close it to stop. */
    public interface Reception extends AutoCloseable {
        /** @return how many malformed datagrams the port's receiver dropped since it started */
        long malformedDatagrams();

        /** Stops delivering to this mailslot (the port is released with its last reception). */
        @Override
        void close();
    }

    /**
     * Sends one message to a remote machine or broadcasts it to a domain.
     *
     * @param name    a name whose target is not {@code .}
     * @param message the bytes (at most 424, checked by the API)
     * @param offset  where the message starts
     * @param length  its length
     */
    public static void send(MailslotName name, byte[] message, int offset, int length) {
        throw new UnsupportedOperationException("network mailslots are not built yet");
    }

    /**
     * Starts delivering the mailslot writes that arrive on {@code udpPort} for the mailslot whose
     * {@link MailslotName#key()} is {@code key} (one UDP socket per port in the process, shared by
     * every reception on it). Malformed datagrams are dropped and counted, never delivered.
     *
     * @param udpPort the UDP port (138 is the standard one)
     * @param key     the upper-case path of the local mailslot
     * @param deliver called on the receiver's thread with each message's data, in arrival order
     * @return the reception, to close
     */
    public static Reception receive(int udpPort, String key, Consumer<byte[]> deliver) {
        throw new UnsupportedOperationException("network mailslots are not built yet");
    }
}
