package org.ipctoolkit.mailslot.linux.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A mailslot write (MS-MAIL section 2.2.1): an {@code SMB_COM_TRANSACTION} request (MS-CIFS
 * 2.2.4.33.1) whose name is {@code \MAILSLOT\PATH} and whose three setup words say "write, this
 * priority, class 2". It is the user data of a NetBIOS datagram ({@link NetbiosDatagram}).
 * Integers are little-endian. As Windows sends it (the frame of MS-BRWS section 4.1):
 * <pre>
 *  offset  size  field                  value sent
 *       0     4  Protocol               FF 'S' 'M' 'B'
 *       4     1  Command                0x25 SMB_COM_TRANSACTION
 *       5     4  Status                 0
 *       9     1  Flags                  0
 *      10     2  Flags2                 0 (bit 0x8000 set would mean a UTF-16LE name; read, never sent)
 *      12    12  PIDHigh, SecurityFeatures, Reserved: 0
 *      24     8  TID, PIDLow, UID, MID  0
 *      32     1  WordCount              17 (14 + SetupCount)
 *      33     2  TotalParameterCount    0
 *      35     2  TotalDataCount         n, the message's length
 *      37     2  MaxParameterCount      0
 *      39     2  MaxDataCount           0
 *      41     1  MaxSetupCount          0
 *      42     1  Reserved1              0
 *      43     2  Flags                  0
 *      45     4  Timeout                1000 (milliseconds)
 *      49     2  Reserved2              0
 *      51     2  ParameterCount         0
 *      53     2  ParameterOffset        0
 *      55     2  DataCount              n
 *      57     2  DataOffset             70 + length of the name, from the SMB header's start
 *      59     1  SetupCount             3
 *      60     1  Reserved3              0
 *      61     2  Setup[0] MailSlotOpcode 1 (write)
 *      63     2  Setup[1] Priority      0
 *      65     2  Setup[2] Class         2 (unreliable, may be broadcast)
 *      67     2  ByteCount              name length + 1 + n
 *      69     k  Name                   \MAILSLOT\PATH in the OEM code page, then a zero byte
 *    69+k     n  Data                   the message
 * </pre>
 *
 * @param name     the transaction name, {@code \MAILSLOT\PATH}
 * @param priority the priority setup word (0 to 9 by MS-MAIL; any value is read)
 * @param data     the message (not copied)
 */
public record SmbMailslotWrite(String name, int priority, byte[] data) {
    /** The prefix of every mailslot transaction name. */
    public static final String PREFIX = "\\MAILSLOT\\";
    /** SMB_COM_TRANSACTION. */
    public static final int SMB_COM_TRANSACTION = 0x25;
    /** Setup[0] of a write. */
    public static final int OPCODE_WRITE = 1;
    /** Setup[2] of a datagram mailslot message: second class, unreliable. */
    public static final int CLASS_UNRELIABLE = 2;
    /** Timeout that Windows puts in a mailslot write, in milliseconds. */
    public static final int TIMEOUT_MILLIS = 1000;
    /** The bytes before the name: header, 17 words, ByteCount. */
    public static final int NAME_OFFSET = 69;

    private static final int HEADER_LENGTH = 32;
    private static final int WORDS_OFFSET = 33;
    private static final int SETUP_COUNT = 3;
    private static final int WORD_COUNT = 14 + SETUP_COUNT;
    private static final int FLAGS_REPLY = 0x80;
    private static final int FLAGS2_UNICODE = 0x8000;

    /**
     * Checks the fields.
     *
     * @param name     the transaction name
     * @param priority the priority word
     * @param data     the message
     */
    public SmbMailslotWrite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        if (!startsWithPrefix(name) || name.length() == PREFIX.length()) {
            throw new IllegalArgumentException("a mailslot transaction name is \\MAILSLOT\\PATH, not " + name);
        }
        if ((priority & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("the priority is a 16-bit word");
        }
    }

    /** @return the path after {@code \MAILSLOT\} */
    public String path() {
        return name.substring(PREFIX.length());
    }

    /**
     * Encodes the SMB message, as Windows sends it (table of the class description).
     *
     * @param oem the OEM code page for the name
     * @return the bytes, the user data of a NetBIOS datagram
     */
    public byte[] encode(Charset oem) {
        byte[] nameBytes = name.getBytes(oem);
        int dataOffset = NAME_OFFSET + nameBytes.length + 1;
        int byteCount = nameBytes.length + 1 + data.length;
        if (dataOffset + data.length > 0xFFFF) {
            throw new IllegalArgumentException("a mailslot write holds at most 65535 bytes");
        }
        ByteBuffer out = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0xFF).put((byte) 'S').put((byte) 'M').put((byte) 'B');
        out.put((byte) SMB_COM_TRANSACTION);
        out.position(HEADER_LENGTH); // status, flags, flags2, PID, signature, TID, UID, MID: 0
        out.put((byte) WORD_COUNT);
        out.putShort((short) 0); // TotalParameterCount
        out.putShort((short) data.length); // TotalDataCount
        out.putShort((short) 0); // MaxParameterCount
        out.putShort((short) 0); // MaxDataCount
        out.put((byte) 0).put((byte) 0); // MaxSetupCount, Reserved1
        out.putShort((short) 0); // Flags
        out.putInt(TIMEOUT_MILLIS);
        out.putShort((short) 0); // Reserved2
        out.putShort((short) 0); // ParameterCount
        out.putShort((short) 0); // ParameterOffset
        out.putShort((short) data.length); // DataCount
        out.putShort((short) dataOffset);
        out.put((byte) SETUP_COUNT).put((byte) 0);
        out.putShort((short) OPCODE_WRITE);
        out.putShort((short) priority);
        out.putShort((short) CLASS_UNRELIABLE);
        out.putShort((short) byteCount);
        out.put(nameBytes).put((byte) 0);
        out.put(data);
        return out.array();
    }

    /**
     * Reads the user data of a NetBIOS datagram as a mailslot write.
     *
     * @param smb    the bytes
     * @param offset where the SMB message starts
     * @param length its length
     * @param oem    the OEM code page of the name
     * @return the write; its data is a copy
     * @throws MalformedDatagramException if it is truncated, not an SMB, not an
     *                                    {@code SMB_COM_TRANSACTION} request, not a class 2 mailslot
     *                                    write, or if a count or offset points outside the message
     */
    public static SmbMailslotWrite decode(byte[] smb, int offset, int length, Charset oem)
            throws MalformedDatagramException {
        if (length < WORDS_OFFSET + 1) {
            throw new MalformedDatagramException("an SMB message of " + length + " bytes is truncated");
        }
        ByteBuffer in = ByteBuffer.wrap(smb, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != 0x424D53FF) {
            throw new MalformedDatagramException("the user data is not an SMB message (no FF 'SMB')");
        }
        int command = in.get(4) & 0xFF;
        if (command != SMB_COM_TRANSACTION) {
            throw new MalformedDatagramException(String.format("SMB command 0x%02X is not SMB_COM_TRANSACTION", command));
        }
        if ((in.get(9) & FLAGS_REPLY) != 0) {
            throw new MalformedDatagramException("the SMB message is a reply, not a mailslot write");
        }
        int wordCount = in.get(32) & 0xFF;
        if (wordCount != WORD_COUNT) {
            throw new MalformedDatagramException("WordCount " + wordCount + " is not 17, that of a mailslot write");
        }
        int byteCountOffset = WORDS_OFFSET + 2 * wordCount;
        if (length < byteCountOffset + 2) {
            throw new MalformedDatagramException("an SMB message of " + length + " bytes is truncated");
        }
        int totalParameters = u16(in, 33);
        int totalData = u16(in, 35);
        int parameters = u16(in, 51);
        int dataCount = u16(in, 55);
        int dataOffset = u16(in, 57);
        int setupCount = in.get(59) & 0xFF;
        int opcode = u16(in, 61);
        int priority = u16(in, 63);
        int mailslotClass = u16(in, 65);
        int byteCount = u16(in, byteCountOffset);
        if (setupCount != SETUP_COUNT) {
            throw new MalformedDatagramException("SetupCount " + setupCount + " is not 3, that of a mailslot write");
        }
        if (opcode != OPCODE_WRITE) {
            throw new MalformedDatagramException("MailSlotOpcode " + opcode + " is not 1 (write)");
        }
        if (mailslotClass != CLASS_UNRELIABLE) {
            throw new MalformedDatagramException("mailslot class " + mailslotClass + " is not 2 (datagram)");
        }
        int bytesStart = byteCountOffset + 2;
        int bytesEnd = bytesStart + byteCount;
        if (bytesEnd > length) {
            throw new MalformedDatagramException("ByteCount " + byteCount + " runs past the end of the "
                    + length + "-byte message");
        }
        if (totalParameters != 0 || parameters != 0) {
            throw new MalformedDatagramException("a mailslot write carries no parameters, this one has " + parameters);
        }
        if (totalData != dataCount) {
            throw new MalformedDatagramException("TotalDataCount " + totalData + " differs from DataCount "
                    + dataCount + " (a mailslot write is never split)");
        }
        boolean unicode = (u16(in, 10) & FLAGS2_UNICODE) != 0;
        int nameEnd;
        String name;
        if (unicode) {
            int start = bytesStart + (bytesStart & 1); // UTF-16 strings are aligned on the SMB header
            int end = start;
            while (end + 1 < bytesEnd && (in.get(end) != 0 || in.get(end + 1) != 0)) {
                end += 2;
            }
            if (end + 1 >= bytesEnd) {
                throw new MalformedDatagramException("the mailslot name has no terminating zero");
            }
            name = new String(smb, offset + start, end - start, StandardCharsets.UTF_16LE);
            nameEnd = end + 2;
        } else {
            int end = bytesStart;
            while (end < bytesEnd && in.get(end) != 0) {
                end++;
            }
            if (end >= bytesEnd) {
                throw new MalformedDatagramException("the mailslot name has no terminating zero");
            }
            name = new String(smb, offset + bytesStart, end - bytesStart, oem);
            nameEnd = end + 1;
        }
        if (!startsWithPrefix(name) || name.length() == PREFIX.length()) {
            throw new MalformedDatagramException("the transaction name does not start \\MAILSLOT\\ and name a mailslot");
        }
        if (dataOffset < nameEnd || dataOffset + dataCount > bytesEnd) {
            throw new MalformedDatagramException("DataOffset " + dataOffset + " and DataCount " + dataCount
                    + " lie outside the bytes after the name (" + nameEnd + ".." + bytesEnd + ")");
        }
        byte[] data = new byte[dataCount];
        System.arraycopy(smb, offset + dataOffset, data, 0, dataCount);
        return new SmbMailslotWrite(name, priority, data);
    }

    private static boolean startsWithPrefix(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    private static int u16(ByteBuffer in, int index) {
        return in.getShort(index) & 0xFFFF;
    }
}
