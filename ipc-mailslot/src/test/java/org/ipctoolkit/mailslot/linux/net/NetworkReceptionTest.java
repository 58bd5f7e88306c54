package org.ipctoolkit.mailslot.linux.net;

import static org.ipctoolkit.mailslot.linux.net.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.mailslot.MailslotName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Network reception on a high port of localhost: dispatch by mailslot name without regard to case,
 * datagrams for other mailslots and other domains ignored (not counted as malformed), a send
 * through the system resolver and a broadcast received, a handler that throws, the port's socket
 * shared and released, and a port held by another socket refused with its errno. Linux only: it
 * tests the Linux backend's own implementation of the protocol.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class NetworkReceptionTest {
    private static final byte[] DATA1 = "one".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA2 = "two".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA3 = "three".getBytes(StandardCharsets.US_ASCII);

    @Test
    void dispatchesByNameAndIgnoresWhatIsNotForUs() throws Exception {
        int port = freePort();
        BlockingQueue<byte[]> a = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> b = new LinkedBlockingQueue<>();
        try (NetworkMailslots.Reception ra = NetworkMailslots.receive(port, "ACCOUNT\\NOTE", a::add);
             NetworkMailslots.Reception rb = NetworkMailslots.receive(port, "OTHER", b::add);
             DatagramChannel out = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_UNIQUE, "SOMEHOST", "\\MAILSLOT\\account\\Note", DATA1)), to);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_GROUP, "WORKGROUP", "\\mailslot\\Other", DATA2)), to);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_GROUP, "ELSEWHERE", "\\MAILSLOT\\OTHER", DATA1)), to);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_UNIQUE, "SOMEHOST", "\\MAILSLOT\\NOBODY", DATA1)), to);
            out.send(ByteBuffer.wrap(new byte[] {0x10, 2, 3}), to);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.BROADCAST, "*", "\\MAILSLOT\\OTHER", DATA3)), to);

            assertArrayEquals(DATA2, next(b, "the group datagram"));
            assertArrayEquals(DATA3, next(b, "the BROADCAST datagram"));
            assertArrayEquals(DATA1, next(a, "the unique datagram"));
            assertNull(a.poll());
            assertNull(b.poll());
            assertEquals(1, ra.malformedDatagrams());
            assertEquals(1, rb.malformedDatagrams());
        }
    }

    @Test
    void sendsToAMachineAndBroadcastsToTheDomain() throws Exception {
        int port = freePort();
        String oldPort = System.setProperty(NetworkSettings.PORT_PROPERTY, Integer.toString(port));
        String oldBroadcast = System.setProperty(NetworkSettings.BROADCAST_PROPERTY, "127.0.0.1");
        BlockingQueue<byte[]> q = new LinkedBlockingQueue<>();
        try (NetworkMailslots.Reception r = NetworkMailslots.receive(port, "LOOP\\BACK", q::add)) {
            NetworkMailslots.send(MailslotName.parse("\\\\localhost\\mailslot\\Loop\\Back"), DATA1, 0, DATA1.length);
            assertArrayEquals(DATA1, next(q, "the unicast send"));
            NetworkMailslots.send(MailslotName.parse("\\\\*\\mailslot\\loop\\back"), DATA2, 0, DATA2.length);
            assertArrayEquals(DATA2, next(q, "the broadcast to *"));
            NetworkMailslots.send(MailslotName.parse("\\\\workgroup\\mailslot\\LOOP\\BACK"), DATA3, 1, 3);
            assertArrayEquals("hre".getBytes(StandardCharsets.US_ASCII), next(q, "the broadcast to the domain"));
            NetworkMailslots.send(MailslotName.parse("\\\\ELSEWHERE\\mailslot\\LOOP\\BACK"), DATA3, 0, 0);
            NetworkMailslots.send(MailslotName.parse("\\\\*\\mailslot\\loop\\back"), new byte[0], 0, 0);
            assertEquals(0, next(q, "the empty message").length); // the other domain's went nowhere
            assertEquals(0, r.malformedDatagrams());
        } finally {
            restore(NetworkSettings.PORT_PROPERTY, oldPort);
            restore(NetworkSettings.BROADCAST_PROPERTY, oldBroadcast);
        }
    }

    @Test
    void aThrowingHandlerDoesNotStopTheReceiver() throws Exception {
        int port = freePort();
        BlockingQueue<byte[]> q = new LinkedBlockingQueue<>();
        try (NetworkMailslots.Reception r = NetworkMailslots.receive(port, "THROWS", data -> {
                q.add(data);
                throw new IllegalStateException("test: this handler throws");
            });
             DatagramChannel out = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_UNIQUE, "X", "\\MAILSLOT\\THROWS", DATA1)), to);
            out.send(ByteBuffer.wrap(datagram(NetbiosDatagram.DIRECT_UNIQUE, "X", "\\MAILSLOT\\THROWS", DATA2)), to);
            assertArrayEquals(DATA1, next(q, "the first message"));
            assertArrayEquals(DATA2, next(q, "the second message"));
            assertEquals(0, r.malformedDatagrams());
        }
    }

    @Test
    void theSocketIsSharedAndReleasedWithItsLastReception() throws Exception {
        int port = freePort();
        NetworkMailslots.Reception r1 = NetworkMailslots.receive(port, "ONE", d -> { });
        NetworkMailslots.Reception r2 = NetworkMailslots.receive(port, "TWO", d -> { });
        IpcAlreadyExistsException dup = assertThrows(IpcAlreadyExistsException.class,
                () -> NetworkMailslots.receive(port, "ONE", d -> { }));
        assertTrue(dup.getMessage().contains("already receives"), dup.getMessage());
        r1.close();
        r1.close();
        assertThrows(java.net.BindException.class, () -> new DatagramSocket(port).close(), "still held by TWO");
        r2.close();
        new DatagramSocket(port).close(); // released
    }

    @Test
    void aPortHeldElsewhereIsRefusedWithItsErrno() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(0)) {
            int port = holder.getLocalPort();
            IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                    () -> NetworkMailslots.receive(port, "HELD", d -> { }));
            assertEquals("mailslot", e.objectKind());
            assertEquals("\\\\.\\mailslot\\HELD", e.objectName());
            assertEquals("bind", e.operation());
            assertEquals(98, e.nativeError().orElseThrow().code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("bind failed for mailslot \"\\\\.\\mailslot\\HELD\": errno 98 ("),
                    e.getMessage());
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
