package org.ipctoolkit.mailslot.linux.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP socket of this process on one port, and its receiving thread: it reads every
 * datagram (a blocking {@code recvfrom}, no polling), decodes it, and hands the data of each
 * mailslot write to the reception registered under the mailslot's key. Malformed datagrams are
 * counted and dropped; well-formed ones for a mailslot nobody here receives, or sent to another
 * domain's group name, are ignored. The thread never stops for a datagram: it ends when the last
 * reception closes (the socket is closed under it).
 */
final class PortReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(PortReceiver.class);
    private static final int MAX_DATAGRAM = 65_536;
    private static final int RECEIVE_BUFFER = 1 << 20;
    /** The receivers of this process, by port; also the lock for opening and closing them. */
    private static final Map<Integer, PortReceiver> BY_PORT = new HashMap<>();

    private final int port;
    private final DatagramChannel channel;
    private final Charset oem;
    private final NetbiosName groupName;
    private final Map<String, Reception> receptions = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    private PortReceiver(int port, DatagramChannel channel) {
        this.port = port;
        this.channel = channel;
        this.oem = NetworkSettings.oemCharset();
        this.groupName = NetbiosName.of(NetworkSettings.workgroup(), NetbiosName.WORKSTATION, oem);
        this.thread = new Thread(this::run, "ipc-mailslot-net-" + port);
        this.thread.setDaemon(true);
    }

    /**
     * Registers a reception, opening the port's socket and thread if it is the first.
     *
     * @see NetworkMailslots#receive(int, String, Consumer)
     */
    static NetworkMailslots.Reception open(int port, String key, Consumer<byte[]> deliver) {
        String objectName = "\\\\.\\mailslot\\" + key;
        synchronized (BY_PORT) {
            PortReceiver receiver = BY_PORT.get(port);
            if (receiver == null) {
                receiver = new PortReceiver(port, bind(port, objectName));
                BY_PORT.put(port, receiver);
                receiver.thread.start();
            }
            Reception reception = new Reception(receiver, key, deliver);
            if (receiver.receptions.putIfAbsent(key, reception) != null) {
                throw new IpcAlreadyExistsException(NetErrors.KIND, objectName, "receive", null,
                        "this process already receives that mailslot on UDP port " + port);
            }
            return reception;
        }
    }

    /** The receiver now open on {@code port} in this process, or null. */
    static PortReceiver current(int port) {
        synchronized (BY_PORT) {
            return BY_PORT.get(port);
        }
    }

    /** @return the socket, for sending from the port as Windows does */
    DatagramChannel channel() {
        return channel;
    }

    private static DatagramChannel bind(int port, String objectName) {
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            ch.bind(new InetSocketAddress(port));
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            String detail = "cannot receive mailslot datagrams on UDP port " + port
                    + (port < 1024 ? " (a port below 1024 needs root or CAP_NET_BIND_SERVICE;"
                            + " another port can be chosen, and " + NetworkSettings.PORT_PROPERTY + " set to it)" : "")
                    + (e.getMessage() != null && e.getMessage().contains("in use")
                            ? "; another program (Samba's nmbd?) or process receives on it" : "");
            throw NetErrors.failure(objectName, "bind", e, detail);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closing) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                break; // closed by the last reception's close
            } catch (IOException e) {
                if (closing) {
                    break;
                }
                LOG.warn("receiving on UDP port {} failed; going on", port, e);
                continue;
            }
            try {
                dispatch(buffer.array(), buffer.position());
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.error("a mailslot datagram on UDP port {} could not be handled; going on", port, e);
            }
        }
    }

    private void dispatch(byte[] datagram, int length) {
        SmbMailslotWrite write;
        try {
            NetbiosDatagram d = NetbiosDatagram.decode(datagram, 0, length);
            if (d.type() == NetbiosDatagram.DIRECT_GROUP && !d.destination().sameAs(groupName)) {
                return; // for another domain
            }
            write = SmbMailslotWrite.decode(d.userData(), 0, d.userData().length, oem);
        } catch (MalformedDatagramException e) {
            malformed.incrementAndGet();
            if (LOG.isTraceEnabled()) {
                LOG.trace("dropped a malformed datagram on UDP port {}: {}", port, e.getMessage());
            }
            return;
        }
        Reception reception = receptions.get(write.path().toUpperCase(Locale.ROOT));
        if (reception != null) {
            reception.deliver(write.data());
        }
    }

    private void remove(Reception reception) {
        boolean last;
        synchronized (BY_PORT) {
            receptions.remove(reception.key, reception);
            last = receptions.isEmpty();
            if (last) {
                BY_PORT.remove(port, this);
                closing = true;
                closeQuietly(channel); // wakes the thread from recvfrom
            }
        }
        if (last && Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a mailslot datagram socket failed", e);
            }
        }
    }

    /** One mailslot's reception on this port. */
    static final class Reception implements NetworkMailslots.Reception {
        private final PortReceiver receiver;
        private final String key;
        private final Consumer<byte[]> deliver;
        private boolean closed; // guarded by this

        Reception(PortReceiver receiver, String key, Consumer<byte[]> deliver) {
            this.receiver = receiver;
            this.key = key;
            this.deliver = deliver;
        }

        synchronized void deliver(byte[] data) {
            if (closed) {
                return;
            }
            try {
                deliver.accept(data);
            } catch (RuntimeException e) {
                LOG.error("the mailslot {} did not take a message from the network; going on", key, e);
            }
        }

        @Override
        public long malformedDatagrams() {
            return receiver.malformed.get();
        }

        @Override
        public void close() {
            synchronized (this) { // waits for a delivery under way
                if (closed) {
                    return;
                }
                closed = true;
            }
            receiver.remove(this);
        }

        @Override
        public String toString() {
            return "Reception[" + key + " on UDP port " + receiver.port + "]";
        }
    }
}
