package org.ipctoolkit.mailslot.linux.net;

import static org.ipctoolkit.mailslot.linux.net.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 100,000 random and mutated datagrams at a reception on a high port of localhost, with a valid
 * message after every 50: the receiver survives, delivers every valid message in order (the
 * markers, and any mutation that happens to stay a valid write to the mailslot), and counts exactly
 * the malformed ones. Each marker is awaited before the next 50 go, so the socket's receive buffer
 * never overflows (UDP would drop, not the receiver). Linux only: it fuzzes the Linux backend's
 * own receiver.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class NetworkFuzzTest {
    private static final int DATAGRAMS = 100_000;
    private static final int WINDOW = 50;
    private static final String KEY = "FUZZ\\TARGET";
    private static final NetbiosName WORKGROUP = NetbiosName.of("WORKGROUP", 0, OEM);

    @Test
    void survivesRandomAndMutatedDatagrams() throws Exception {
        Random random = new Random(0x5EED);
        int port = freePort();
        BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
        List<byte[]> expected = new ArrayList<>();
        List<byte[]> received = new ArrayList<>();
        long expectedMalformed = 0;
        int randomOnes = 0;
        int mutatedOnes = 0;
        try (NetworkMailslots.Reception r = NetworkMailslots.receive(port, KEY, delivered::add);
             DatagramChannel out = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            int marker = 0;
            for (int sent = 0; sent < DATAGRAMS; ) {
                for (int i = 0; i < WINDOW && sent < DATAGRAMS; i++, sent++) {
                    byte[] d;
                    if (random.nextInt(4) == 0) {
                        d = randomDatagram(random);
                        randomOnes++;
                    } else {
                        d = mutate(random, validDatagram(random));
                        mutatedOnes++;
                    }
                    Outcome o = classify(d);
                    if (o.malformed) {
                        expectedMalformed++;
                    } else if (o.data != null) {
                        expected.add(o.data);
                    }
                    out.send(ByteBuffer.wrap(d), to);
                }
                byte[] data = ("marker " + marker++).getBytes(StandardCharsets.US_ASCII);
                expected.add(data);
                out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_UNIQUE, "HOST", "\\MAILSLOT\\fuzz\\target", data)), to);
                while (true) {
                    byte[] got = next(delivered, new String(data, StandardCharsets.US_ASCII));
                    received.add(got);
                    if (Arrays.equals(got, data)) {
                        break;
                    }
                }
            }
            assertEquals(expected.size(), received.size(), "deliveries");
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), received.get(i), "delivery " + i);
            }
            assertEquals(expectedMalformed, r.malformedDatagrams(), "malformed datagrams counted");
            assertTrue(expectedMalformed > DATAGRAMS / 2, "most fuzzed datagrams are malformed: " + expectedMalformed);
            System.out.printf("fuzz: %d datagrams (%d random, %d mutated), %d malformed counted, %d delivered"
                    + " (%d markers)%n", DATAGRAMS, randomOnes, mutatedOnes, r.malformedDatagrams(),
                    received.size(), marker);
        }
    }

    private record Outcome(boolean malformed, byte[] data) {
    }

    /** What the receiver must do with a datagram, by the rules of {@link NetworkMailslots}. */
    private static Outcome classify(byte[] d) {
        try {
            NetbiosDatagram nd = NetbiosDatagram.decode(d, 0, d.length);
            if (nd.type() == NetbiosDatagram.DIRECT_GROUP && !nd.destination().sameAs(WORKGROUP)) {
                return new Outcome(false, null);
            }
            SmbMailslotWrite w = SmbMailslotWrite.decode(nd.userData(), 0, nd.userData().length, OEM);
            return new Outcome(false, w.path().toUpperCase(Locale.ROOT).equals(KEY) ? w.data() : null);
        } catch (MalformedDatagramException e) {
            return new Outcome(true, null);
        }
    }

    private static byte[] validDatagram(Random random) {
        byte[] data = new byte[random.nextInt(425)];
        random.nextBytes(data);
        int type = NetbiosDatagram.DIRECT_UNIQUE + random.nextInt(3);
        String name = random.nextBoolean() ? "\\MAILSLOT\\Fuzz\\Target" : "\\MAILSLOT\\Other" + random.nextInt(3);
        return datagram(type, random.nextBoolean() ? "WORKGROUP" : "HOST", name, data);
    }

    private static byte[] randomDatagram(Random random) {
        byte[] d = new byte[random.nextInt(700)];
        random.nextBytes(d);
        if (d.length > 0 && random.nextBoolean()) {
            d[0] = (byte) (0x10 + random.nextInt(3)); // looks like a datagram at first sight
        }
        return d;
    }

    private static byte[] mutate(Random r, byte[] d) {
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (r.nextInt(6)) {
                case 0 -> d[r.nextInt(d.length)] = (byte) r.nextInt(256); // any byte
                case 1 -> d[r.nextInt(Math.min(d.length, 82 + 72))] ^= (byte) (1 << r.nextInt(8)); // a header bit
                case 2 -> d = Arrays.copyOf(d, r.nextInt(d.length)); // truncated
                case 3 -> { // extended with garbage
                    int extra = 1 + r.nextInt(40);
                    byte[] e = Arrays.copyOf(d, d.length + extra);
                    for (int i = d.length; i < e.length; i++) {
                        e[i] = (byte) r.nextInt(256);
                    }
                    d = e;
                }
                case 4 -> { // a 16-bit count or offset of the SMB words set to anything
                    int at = 82 + 33 + 2 * r.nextInt(17);
                    if (at + 1 < d.length) {
                        d[at] = (byte) r.nextInt(256);
                        d[at + 1] = (byte) (r.nextBoolean() ? 0 : r.nextInt(256));
                    }
                }
                default -> { // DGM_LENGTH set to anything
                    if (d.length > 12) {
                        d[10] = (byte) r.nextInt(3);
                        d[11] = (byte) r.nextInt(256);
                    }
                }
            }
            if (d.length == 0) {
                break;
            }
        }
        return d;
    }
}
