package org.ipctoolkit.mailslot.linux.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Datagrams and waits shared by the network tests. */
final class NetTestSupport {
    static final Charset OEM = Charset.forName("IBM437");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private NetTestSupport() {
    }

    /** @return a UDP port free at this moment */
    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed mailslot datagram, as this library sends it. */
    static byte[] datagram(int type, String destination, String mailslotName, byte[] data) {
        try {
            byte[] smb = new SmbMailslotWrite(mailslotName, 0, data).encode(OEM);
            return new NetbiosDatagram(type, NetbiosDatagram.FLAGS_B_NODE_FIRST, 7,
                    (Inet4Address) InetAddress.getByName("127.0.0.1"), 138, NetbiosName.of("TESTER", 0, OEM),
                    NetbiosName.of(destination, 0, OEM), smb).encode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the next delivery, failing after {@link #TIMEOUT}. */
    static byte[] next(BlockingQueue<byte[]> queue, String what) throws InterruptedException {
        byte[] b = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (b == null) {
            throw new AssertionError("no delivery within " + TIMEOUT + " while waiting for " + what);
        }
        return b;
    }
}
