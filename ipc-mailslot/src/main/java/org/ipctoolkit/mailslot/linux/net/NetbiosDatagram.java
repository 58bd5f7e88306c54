package org.ipctoolkit.mailslot.linux.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A NetBIOS datagram service packet (RFC 1002 section 4.4.1) of the three kinds that carry user
 * data: {@link #DIRECT_UNIQUE}, {@link #DIRECT_GROUP} and {@link #BROADCAST}. Integers are
 * big-endian (network order).
 * <pre>
 *  offset  size  field
 *       0     1  MSG_TYPE       0x10 DIRECT_UNIQUE, 0x11 DIRECT_GROUP, 0x12 BROADCAST
 *       1     1  FLAGS          0000 SNT(2) F M: SNT the sender's node type (00 B, 01 P, 10 M,
 *                               11 NBDD), F first fragment, M more fragments follow
 *       2     2  DGM_ID         chosen by the sender, the same in every fragment
 *       4     4  SOURCE_IP      the sender's IPv4 address
 *       8     2  SOURCE_PORT    the sender's UDP port
 *      10     2  DGM_LENGTH     the bytes after PACKET_OFFSET: both names and the user data
 *      12     2  PACKET_OFFSET  where this fragment's user data starts in the whole; 0
 *      14   34+  SOURCE_NAME    first-level encoded ({@link NetbiosName}), 34 bytes without scope
 *      48   34+  DESTINATION_NAME
 *      82     n  USER_DATA      here an SMB mailslot write ({@link SmbMailslotWrite})
 * </pre>
 * Mailslot datagrams are never fragmented (a mailslot message is at most 424 bytes, so the whole
 * datagram stays under the 576 bytes every IPv4 host accepts): the decoder refuses fragments.
 *
 * @param type        {@link #DIRECT_UNIQUE}, {@link #DIRECT_GROUP} or {@link #BROADCAST}
 * @param flags       the FLAGS byte; {@link #FLAGS_B_NODE_FIRST} when this library sends
 * @param id          DGM_ID, 0 to 65535
 * @param source      SOURCE_IP
 * @param sourcePort  SOURCE_PORT, 0 to 65535
 * @param sourceName  SOURCE_NAME
 * @param destination DESTINATION_NAME
 * @param userData    USER_DATA (not copied)
 */
public record NetbiosDatagram(int type, int flags, int id, Inet4Address source, int sourcePort,
                              NetbiosName sourceName, NetbiosName destination, byte[] userData) {
    /** MSG_TYPE of a datagram to a unique name. */
    public static final int DIRECT_UNIQUE = 0x10;
    /** MSG_TYPE of a datagram to a group name. */
    public static final int DIRECT_GROUP = 0x11;
    /** MSG_TYPE of a datagram to every name. */
    public static final int BROADCAST = 0x12;
    /** FLAGS of an unfragmented datagram from a B node: F set, M clear, SNT 00 (what Windows sends). */
    public static final int FLAGS_B_NODE_FIRST = 0x02;
    /** The bytes before SOURCE_NAME. */
    public static final int HEADER_LENGTH = 14;

    private static final int FLAG_MORE = 0x01;
    private static final int FLAG_FIRST = 0x02;
    private static final int FLAGS_RESERVED = 0xF0;

    /**
     * Checks the fields.
     *
     * @param type        the MSG_TYPE
     * @param flags       the FLAGS byte
     * @param id          DGM_ID
     * @param source      SOURCE_IP
     * @param sourcePort  SOURCE_PORT
     * @param sourceName  SOURCE_NAME
     * @param destination DESTINATION_NAME
     * @param userData    USER_DATA
     */
    public NetbiosDatagram {
        if (type < DIRECT_UNIQUE || type > BROADCAST) {
            throw new IllegalArgumentException("MSG_TYPE " + type + " is not a data datagram");
        }
        if ((flags & ~0xFF) != 0 || (id & ~0xFFFF) != 0 || (sourcePort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("FLAGS is a byte, DGM_ID and SOURCE_PORT 16 bits");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(userData, "userData");
    }

    /** @return the whole datagram, ready for {@code sendto} */
    public byte[] encode() {
        int dgmLength = sourceName.encodedLength() + destination.encodedLength() + userData.length;
        if (dgmLength > 0xFFFF) {
            throw new IllegalArgumentException("a NetBIOS datagram carries at most 65535 bytes after its header");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + dgmLength).order(ByteOrder.BIG_ENDIAN);
        out.put((byte) type).put((byte) flags).putShort((short) id);
        out.put(source.getAddress());
        out.putShort((short) sourcePort).putShort((short) dgmLength).putShort((short) 0);
        sourceName.encode(out);
        destination.encode(out);
        out.put(userData);
        return out.array();
    }

    /**
     * Reads a datagram as received.
     *
     * @param datagram the bytes
     * @param offset   where the datagram starts
     * @param length   how many bytes were received
     * @return the datagram; its user data is a copy
     * @throws MalformedDatagramException if it is shorter than its header, its MSG_TYPE is not one
     *                                    of the three data kinds, a reserved flag is set, it is a
     *                                    fragment, DGM_LENGTH does not match what follows, or a
     *                                    name is malformed
     */
    public static NetbiosDatagram decode(byte[] datagram, int offset, int length) throws MalformedDatagramException {
        if (length < HEADER_LENGTH) {
            throw new MalformedDatagramException("a datagram of " + length + " bytes is shorter than the "
                    + HEADER_LENGTH + "-byte NetBIOS datagram header");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, offset, length).slice().order(ByteOrder.BIG_ENDIAN);
        int type = in.get() & 0xFF;
        if (type < DIRECT_UNIQUE || type > BROADCAST) {
            throw new MalformedDatagramException(String.format("MSG_TYPE 0x%02X is not a data datagram", type));
        }
        int flags = in.get() & 0xFF;
        if ((flags & FLAGS_RESERVED) != 0) {
            throw new MalformedDatagramException(String.format("FLAGS 0x%02X has reserved bits set", flags));
        }
        if ((flags & FLAG_FIRST) == 0 || (flags & FLAG_MORE) != 0) {
            throw new MalformedDatagramException(String.format("FLAGS 0x%02X marks a fragment", flags));
        }
        int id = in.getShort() & 0xFFFF;
        byte[] ip = new byte[4];
        in.get(ip);
        int sourcePort = in.getShort() & 0xFFFF;
        int dgmLength = in.getShort() & 0xFFFF;
        int packetOffset = in.getShort() & 0xFFFF;
        if (packetOffset != 0) {
            throw new MalformedDatagramException("PACKET_OFFSET " + packetOffset + " marks a fragment");
        }
        if (dgmLength != in.remaining()) {
            throw new MalformedDatagramException("DGM_LENGTH " + dgmLength + " does not match the "
                    + in.remaining() + " bytes after the header");
        }
        NetbiosName sourceName = NetbiosName.decode(in);
        NetbiosName destination = NetbiosName.decode(in);
        byte[] userData = new byte[in.remaining()];
        in.get(userData);
        return new NetbiosDatagram(type, flags, id, ipv4(ip), sourcePort, sourceName, destination, userData);
    }

    private static Inet4Address ipv4(byte[] address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
