package org.ipctoolkit.mailslot.linux.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.mailslot.MailslotName;

/**
 * Linux mailslots across machines: the Remote Mailslot Protocol (MS-MAIL), an SMB mailslot write
 * carried in a NetBIOS datagram (RFC 1002) on UDP, as Windows sends and receives it. The seam
 * between the local backend ({@code org.ipctoolkit.mailslot.linux}) and the network code.
 *
 * <p>How a target is reached ({@link #send}):
 * <table>
 *   <caption>Targets</caption>
 *   <tr><th>name</th><th>datagram</th><th>destination NetBIOS name</th><th>sent to</th></tr>
 *   <tr><td>{@code \\*\mailslot\P}</td><td>DIRECT_GROUP</td><td>{@code WORKGROUP<00>} (the configured primary domain)</td>
 *       <td>the broadcast address</td></tr>
 *   <tr><td>{@code \\DOMAIN\mailslot\P}, DOMAIN the configured workgroup, or a name the resolver does not know</td>
 *       <td>DIRECT_GROUP</td><td>{@code DOMAIN<00>}</td><td>the broadcast address</td></tr>
 *   <tr><td>{@code \\MACHINE\mailslot\P}, MACHINE known to the resolver ({@link InetAddress}: hosts file, DNS)</td>
 *       <td>DIRECT_UNIQUE</td><td>{@code MACHINE<00>} (up to its first dot, upper case)</td><td>its IPv4 address</td></tr>
 * </table>
 * These are the names and suffixes Windows' datagram receiver registers and Windows' writer uses
 * (a computer's workstation name and its domain's group name both end in {@code 0x00}; MS-BRWS
 * 2.1.1.3). The source name is this host's NetBIOS name with suffix {@code 0x00}.
 *
 * <p>Reception ({@link #receive}): one UDP socket per port in the process, bound to every address
 * ({@code INADDR_ANY}), shared by every reception on that port, read by one thread; a datagram is
 * delivered to the reception whose key is the upper-cased path after {@code \MAILSLOT\} (mailslot
 * names compare without regard to case). A DIRECT_GROUP datagram is taken only when addressed to
 * this host's workgroup ({@code WORKGROUP<00>}); a DIRECT_UNIQUE one whatever its destination name
 * (it was sent to this host's address), and a BROADCAST one always. Only one process of a host
 * can receive on a port.
 */
public final class NetworkMailslots {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
    private static final Map<InetAddress, Inet4Address> SOURCE_BY_DESTINATION = new ConcurrentHashMap<>();
    private static final int SOURCE_CACHE_LIMIT = 256;
    private static final Object SEND_LOCK = new Object();
    private static DatagramChannel sendChannel; // guarded by SEND_LOCK

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
     * Sends one message to a remote machine or broadcasts it to a domain: one NetBIOS datagram
     * ({@code sendto}) to UDP port {@link NetworkSettings#port()} of the target (see the class
     * description), from this process's socket on that port if it has one (as Windows sends from
     * port 138), else from an ephemeral port. A datagram has no answer: nothing tells whether a
     * server received it.
     *
     * @param name    a name whose target is not {@code .}
     * @param message the bytes (at most 424, checked by the API)
     * @param offset  where the message starts
     * @param length  its length
     * @throws IpcNotFoundException if the target machine has no IPv4 address
     * @throws IpcException         if {@code sendto} fails (errno and text in the message), for
     *                              example with no route to the broadcast address
     */
    public static void send(MailslotName name, byte[] message, int offset, int length) {
        Objects.requireNonNull(name, "name");
        Objects.checkFromIndexSize(offset, length, message.length);
        if (name.isLocal()) {
            throw new IllegalArgumentException("a network send needs a target other than \".\": " + name);
        }
        String objectName = name.win32Name();
        Charset oem = NetworkSettings.oemCharset();
        String workgroup = NetworkSettings.workgroup();
        int port = NetworkSettings.port();
        String target = name.target();

        int type;
        String destinationName;
        InetAddress to;
        Inet4Address source;
        Inet4Address machine = target.equals(MailslotName.PRIMARY_DOMAIN) || target.equalsIgnoreCase(workgroup)
                ? null : resolve(objectName, target);
        if (machine == null) {
            type = NetbiosDatagram.DIRECT_GROUP;
            destinationName = target.equals(MailslotName.PRIMARY_DOMAIN) ? workgroup : target;
            NetworkSettings.BroadcastRoute route = NetworkSettings.broadcastRoute();
            to = route.broadcast();
            source = route.source();
        } else {
            type = NetbiosDatagram.DIRECT_UNIQUE;
            destinationName = NetworkSettings.firstLabel(target);
            to = machine;
            source = sourceFor(objectName, machine, port);
        }

        byte[] data = Arrays.copyOfRange(message, offset, offset + length);
        byte[] smb = new SmbMailslotWrite(SmbMailslotWrite.PREFIX + name.path(), 0, data).encode(oem);
        NetbiosName sourceName = NetbiosName.of(NetworkSettings.netbiosName(), NetbiosName.WORKSTATION, oem);
        NetbiosName destination = NetbiosName.of(destinationName, NetbiosName.WORKSTATION, oem);
        int id = NEXT_ID.getAndIncrement() & 0xFFFF;
        boolean fromReceiver = true;
        while (true) {
            DatagramChannel channel = channel(objectName, port, fromReceiver);
            byte[] datagram;
            try {
                int sourcePort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
                datagram = new NetbiosDatagram(type, NetbiosDatagram.FLAGS_B_NODE_FIRST, id, source, sourcePort,
                        sourceName, destination, smb).encode();
            } catch (ClosedChannelException e) {
                fromReceiver = false; // the port's receiver closed meanwhile: send from our own socket
                continue;
            } catch (IOException e) {
                throw NetErrors.failure(objectName, "getsockname", e, null);
            }
            try {
                channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress(to, port));
                return;
            } catch (ClosedChannelException e) {
                if (!fromReceiver) {
                    throw NetErrors.failure(objectName, "sendto", e, null);
                }
                fromReceiver = false;
            } catch (IOException e) {
                throw NetErrors.failure(objectName, "sendto", e, "sending " + datagram.length + " bytes to "
                        + to.getHostAddress() + ":" + port + (type == NetbiosDatagram.DIRECT_GROUP ? " (broadcast)" : ""));
            }
        }
    }

    /**
     * Starts delivering the mailslot writes that arrive on {@code udpPort} for the mailslot whose
     * {@link MailslotName#key()} is {@code key} (one UDP socket per port in the process, shared by
     * every reception on it). Malformed datagrams are dropped and counted, never delivered.
     *
     * @param udpPort the UDP port (138 is the standard one)
     * @param key     the upper-case path of the local mailslot
     * @param deliver called on the receiver's thread with each message's data, in arrival order;
     *                if it throws, the exception is logged and reception goes on
     * @return the reception, to close
     * @throws org.ipctoolkit.core.IpcAccessDeniedException   if {@code bind} is refused (a port
     *                                                         below 1024 without privileges)
     * @throws org.ipctoolkit.core.IpcAlreadyExistsException if another process holds the port
     *                                                         ({@code EADDRINUSE}), or this process
     *                                                         already receives {@code key} there
     * @throws IpcException                                  for another failure of {@code socket}
     *                                                         or {@code bind}
     */
    public static Reception receive(int udpPort, String key, Consumer<byte[]> deliver) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deliver, "deliver");
        if (udpPort < 1 || udpPort > 0xFFFF) {
            throw new IllegalArgumentException("a UDP port is 1..65535, not " + udpPort);
        }
        return PortReceiver.open(udpPort, key, deliver);
    }

    /** The IPv4 address of a machine target, or null when the resolver does not know the name. */
    private static Inet4Address resolve(String objectName, String target) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(target);
        } catch (UnknownHostException e) {
            return null; // a domain, or a machine nobody knows: broadcast, as NetBIOS B nodes do
        }
        for (InetAddress a : all) {
            if (a instanceof Inet4Address v4) {
                return v4;
            }
        }
        throw new IpcNotFoundException(NetErrors.KIND, objectName, "getaddrinfo", null,
                "the machine \"" + target + "\" has no IPv4 address (NetBIOS datagrams are IPv4 only); it has "
                        + Arrays.toString(all));
    }

    /** The local address the kernel would send from to {@code destination} (a connect, which sends nothing). */
    private static Inet4Address sourceFor(String objectName, Inet4Address destination, int port) {
        Inet4Address cached = SOURCE_BY_DESTINATION.get(destination);
        if (cached != null) {
            return cached;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(destination, port);
            InetAddress local = probe.getLocalAddress();
            Inet4Address source = local instanceof Inet4Address v4 && !local.isAnyLocalAddress()
                    ? v4 : (Inet4Address) InetAddress.getByAddress(new byte[4]);
            if (SOURCE_CACHE_LIMIT <= SOURCE_BY_DESTINATION.size()) {
                SOURCE_BY_DESTINATION.clear();
            }
            SOURCE_BY_DESTINATION.put(destination, source);
            return source;
        } catch (IOException e) {
            throw NetErrors.failure(objectName, "connect", e, "finding the route to " + destination.getHostAddress());
        }
    }

    /** The receiving socket of the port if this process has one, else the process's sending socket. */
    private static DatagramChannel channel(String objectName, int port, boolean fromReceiver) {
        PortReceiver receiver = fromReceiver ? PortReceiver.current(port) : null;
        if (receiver != null && receiver.channel().isOpen()) {
            return receiver.channel();
        }
        synchronized (SEND_LOCK) {
            if (sendChannel == null || !sendChannel.isOpen()) {
                DatagramChannel ch = null;
                try {
                    ch = DatagramChannel.open(StandardProtocolFamily.INET);
                    ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
                    ch.bind(new InetSocketAddress(0));
                    sendChannel = ch;
                } catch (IOException e) {
                    if (ch != null) {
                        try {
                            ch.close();
                        } catch (IOException suppressed) {
                            e.addSuppressed(suppressed);
                        }
                    }
                    throw NetErrors.failure(objectName, "socket", e, null);
                }
            }
            return sendChannel;
        }
    }
}
