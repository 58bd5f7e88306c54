package org.ipctoolkit.mailslot.linux.net;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The codecs of the mailslot network protocol: a datagram checked byte by byte against one
 * assembled by hand from RFC 1002 4.4.1 and MS-MAIL 2.2.1 (the values of the MS-BRWS 4.1 frame),
 * round trips of random ones, and the refusal of every kind of malformed datagram. Linux only: the
 * protocol is the Linux backend's (on Windows the system speaks it), so the Windows run has
 * nothing of it to test.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class MailslotCodecTest {
    private static final Charset OEM = Charset.forName("IBM437");

    /** {@code \\*\mailslot\NOTE} carrying "hi", from HOSTA (10.77.0.1:138), id 0x1234, assembled by hand. */
    static byte[] handMadeDatagram() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        hex(b, "11 02 1234 0a4d0001 008a 009a 0000"); // DIRECT_GROUP, B node first, id, ip, port, DGM_LENGTH 154, offset
        hex(b, "20");
        ascii(b, "EIEPFDFEEB" + "CA".repeat(10) + "AA"); // HOSTA<00>
        hex(b, "00 20");
        ascii(b, "FHEPFCELEHFCEPFFFA" + "CA".repeat(6) + "AA"); // WORKGROUP<00>
        hex(b, "00");
        hex(b, "ff534d42 25 00000000 00 0000 0000 0000000000000000 0000 0000 0000 0000 0000"); // SMB header
        hex(b, "11"); // WordCount 17
        hex(b, "0000 0200 0000 0000 00 00 0000 e8030000 0000"); // TPC, TDC 2, MPC, MDC, MSC, R1, Flags, Timeout 1000, R2
        hex(b, "0000 0000 0200 5400 03 00"); // PC, PO, DC 2, DataOffset 84, SetupCount 3, R3
        hex(b, "0100 0000 0200 1100"); // write, priority 0, class 2, ByteCount 17
        ascii(b, "\\MAILSLOT\\NOTE");
        hex(b, "00 6869"); // terminator, "hi"
        return b.toByteArray();
    }

    @Test
    void encodesTheHandMadeDatagramByteForByte() throws Exception {
        byte[] smb = new SmbMailslotWrite("\\MAILSLOT\\NOTE", 0, "hi".getBytes(StandardCharsets.US_ASCII)).encode(OEM);
        NetbiosDatagram d = new NetbiosDatagram(NetbiosDatagram.DIRECT_GROUP, NetbiosDatagram.FLAGS_B_NODE_FIRST, 0x1234,
                ip("10.77.0.1"), 138, NetbiosName.of("hosta", 0, OEM), NetbiosName.of("WorkGroup", 0, OEM), smb);
        byte[] expected = handMadeDatagram();
        assertEquals(168, expected.length);
        assertArrayEquals(expected, d.encode());

        NetbiosDatagram back = NetbiosDatagram.decode(expected, 0, expected.length);
        assertEquals(NetbiosDatagram.DIRECT_GROUP, back.type());
        assertEquals(0x1234, back.id());
        assertEquals(ip("10.77.0.1"), back.source());
        assertEquals(138, back.sourcePort());
        assertEquals("HOSTA<00>", back.sourceName().toString());
        assertEquals("WORKGROUP", back.destination().name(OEM));
        assertEquals(0, back.destination().suffix());
        SmbMailslotWrite w = SmbMailslotWrite.decode(back.userData(), 0, back.userData().length, OEM);
        assertEquals("\\MAILSLOT\\NOTE", w.name());
        assertEquals("NOTE", w.path());
        assertEquals("hi", new String(w.data(), StandardCharsets.US_ASCII));
    }

    @Test
    void netbiosNamesAreUpperCaseSpacePaddedAndCutTo15() throws Exception {
        NetbiosName n = NetbiosName.of("averyveryverylongname", 0x20, OEM);
        assertEquals("AVERYVERYVERYLO", n.name(OEM));
        assertEquals(0x20, n.suffix());
        ByteBuffer out = ByteBuffer.allocate(n.encodedLength());
        n.encode(out);
        assertEquals(34, out.position());
        out.flip();
        assertEquals(n, NetbiosName.decode(out));
        assertFalse(out.hasRemaining());
    }

    @Test
    void netbiosNameWithScopeRoundTrips() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        hex(b, "20");
        ascii(b, "FHEPFCELEHFCEPFFFA" + "CA".repeat(6) + "AA");
        hex(b, "07");
        ascii(b, "example");
        hex(b, "03");
        ascii(b, "com");
        hex(b, "00");
        byte[] bytes = b.toByteArray();
        NetbiosName n = NetbiosName.decode(ByteBuffer.wrap(bytes));
        assertEquals("example.com", n.scope());
        ByteBuffer out = ByteBuffer.allocate(n.encodedLength());
        n.encode(out);
        assertArrayEquals(bytes, out.array());
    }

    @Test
    void randomDatagramsRoundTrip() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[random.nextInt(425)];
            random.nextBytes(data);
            String path = "Level" + random.nextInt(1000) + (random.nextBoolean() ? "\\Note" + i : "");
            int type = NetbiosDatagram.DIRECT_UNIQUE + random.nextInt(3);
            byte[] smb = new SmbMailslotWrite("\\MAILSLOT\\" + path, random.nextInt(10), data).encode(OEM);
            NetbiosDatagram d = new NetbiosDatagram(type, NetbiosDatagram.FLAGS_B_NODE_FIRST, random.nextInt(0x10000),
                    ip("192.168.1." + random.nextInt(256)), random.nextInt(0x10000),
                    NetbiosName.of("H" + random.nextInt(1_000_000), 0, OEM), NetbiosName.of("D" + i, 0x1C, OEM), smb);
            byte[] wire = d.encode();
            NetbiosDatagram back = NetbiosDatagram.decode(wire, 0, wire.length);
            assertEquals(d.type(), back.type());
            assertEquals(d.id(), back.id());
            assertEquals(d.source(), back.source());
            assertEquals(d.sourcePort(), back.sourcePort());
            assertEquals(d.sourceName(), back.sourceName());
            assertEquals(d.destination(), back.destination());
            assertArrayEquals(smb, back.userData());
            SmbMailslotWrite w = SmbMailslotWrite.decode(back.userData(), 0, back.userData().length, OEM);
            assertEquals("\\MAILSLOT\\" + path, w.name());
            assertArrayEquals(data, w.data());
            assertArrayEquals(wire, back.encode());
        }
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] whole = handMadeDatagram();
        for (int n = 0; n < whole.length; n++) {
            int length = n;
            assertThrows(MalformedDatagramException.class, () -> decodeAll(whole, length), "cut at " + n);
        }
    }

    @Test
    void malformedHeadersAndBodiesAreRefused() throws Exception {
        assertMalformed(0, 0x13, "MSG_TYPE error packet");
        assertMalformed(0, 0x14, "MSG_TYPE query request");
        assertMalformed(1, 0x03, "more fragments");
        assertMalformed(1, 0x00, "not the first fragment");
        assertMalformed(1, 0x12, "reserved flag");
        assertMalformed(11, 0x9b, "DGM_LENGTH one too many");
        assertMalformed(11, 0x99, "DGM_LENGTH one too few");
        assertMalformed(13, 0x01, "PACKET_OFFSET");
        assertMalformed(14, 0x21, "name length");
        assertMalformed(15, 'Z', "name letter");
        assertMalformed(47, 0xC0, "compression pointer instead of the terminator");
        int smb = 82;
        assertMalformed(smb, 0xFE, "not an SMB");
        assertMalformed(smb + 4, 0x32, "SMB_COM_TRANSACTION2");
        assertMalformed(smb + 9, 0x80, "a reply");
        assertMalformed(smb + 32, 16, "WordCount 16");
        assertMalformed(smb + 33, 1, "TotalParameterCount");
        assertMalformed(smb + 35, 3, "TotalDataCount differs");
        assertMalformed(smb + 51, 1, "ParameterCount");
        assertMalformed(smb + 55, 3, "DataCount past the end");
        assertMalformed(smb + 57, 0x50, "DataOffset inside the name");
        assertMalformed(smb + 57, 0x55, "DataOffset past the end");
        assertMalformed(smb + 59, 2, "SetupCount 2");
        assertMalformed(smb + 61, 2, "opcode 2");
        assertMalformed(smb + 65, 1, "class 1");
        assertMalformed(smb + 67, 0x12, "ByteCount past the end");
        assertMalformed(smb + 70, 'X', "not \\MAILSLOT\\");
        byte[] noTerminator = handMadeDatagram();
        for (int i = smb + 69; i < noTerminator.length; i++) {
            if (noTerminator[i] == 0) {
                noTerminator[i] = 'A';
            }
        }
        assertThrows(MalformedDatagramException.class, () -> decodeAll(noTerminator, noTerminator.length));
    }

    @Test
    void readsAUnicodeName() throws Exception {
        ByteArrayOutputStream smb = new ByteArrayOutputStream();
        hex(smb, "ff534d42 25 00000000 00 0080 0000 0000000000000000 0000 0000 0000 0000 0000"); // Flags2 unicode
        byte[] name = "\\MAILSLOT\\Ünï\u0000".getBytes(StandardCharsets.UTF_16LE);
        int dataOffset = 70 + name.length; // one pad byte at 69 aligns the string
        hex(smb, "11 0000 0300 0000 0000 00 00 0000 00000000 0000 0000 0000 0300");
        smb.write(dataOffset);
        smb.write(0);
        hex(smb, "03 00 0100 0500 0200");
        int byteCount = 1 + name.length + 3;
        smb.write(byteCount);
        smb.write(0);
        smb.write(0);
        smb.write(name, 0, name.length);
        hex(smb, "010203");
        byte[] bytes = smb.toByteArray();
        SmbMailslotWrite w = SmbMailslotWrite.decode(bytes, 0, bytes.length, OEM);
        assertEquals("\\MAILSLOT\\Ünï", w.name());
        assertEquals(5, w.priority());
        assertArrayEquals(new byte[] {1, 2, 3}, w.data());
    }

    private static void assertMalformed(int index, int value, String what) {
        byte[] d = handMadeDatagram();
        d[index] = (byte) value;
        MalformedDatagramException e = assertThrows(MalformedDatagramException.class, () -> decodeAll(d, d.length), what);
        assertNotNull(e.getMessage());
    }

    static SmbMailslotWrite decodeAll(byte[] datagram, int length) throws MalformedDatagramException {
        NetbiosDatagram d = NetbiosDatagram.decode(datagram, 0, length);
        return SmbMailslotWrite.decode(d.userData(), 0, d.userData().length, OEM);
    }

    private static Inet4Address ip(String literal) throws Exception {
        return (Inet4Address) InetAddress.getByName(literal);
    }

    static void hex(ByteArrayOutputStream b, String hex) {
        String h = hex.replace(" ", "");
        for (int i = 0; i < h.length(); i += 2) {
            b.write(Integer.parseInt(h.substring(i, i + 2), 16));
        }
    }

    static void ascii(ByteArrayOutputStream b, String text) {
        b.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
