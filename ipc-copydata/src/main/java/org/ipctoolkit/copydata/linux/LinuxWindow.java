package org.ipctoolkit.copydata.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.linux.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A window on Linux: a listening Unix domain socket named as {@link WindowFiles} says, and its message
 * loop, a thread that waits in a {@link Selector} on the socket and every sender's connection, reads
 * requests, runs the callbacks one at a time, and writes the replies: the window's thread and its
 * queue, as on Windows.
 *
 * <ul>
 *   <li>Requests are served in the order they arrive, at most one per connection per turn, so no
 *       sender can starve the others.</li>
 *   <li>A payload is read into memory that grows as its bytes arrive (from 1 MiB), so a header that
 *       claims a large payload costs nothing until the bytes come.</li>
 *   <li>A reply that cannot be written at once (the sender does not read) stops reading from that
 *       sender until it is written: nothing is buffered without bound.</li>
 *   <li>A malformed frame ends its connection with a warning; a sender that disconnects in the middle
 *       of a request loses that request. The window keeps working in both cases.</li>
 *   <li>The socket's name is removed when the window closes, and by a shutdown hook when the JVM exits
 *       with windows open; a process killed leaves a name that refuses connections, which the next
 *       {@code find} or broadcast that meets it removes.</li>
 * </ul>
 */
final class LinuxWindow implements WindowBackend {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxWindow.class);
    private static final int BACKLOG = 512;
    private static final int FIRST_ALLOCATION = 1 << 20;
    private static final int READ_SLICE = 1 << 20;
    private static final Set<LinuxWindow> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> {
            for (LinuxWindow w : OPEN) {
                w.removeName();
            }
            WindowFiles.sweep();
            Namespace.WINDOWS.removeDirectoryIfEmpty();
        }, "ipc-copydata-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private final String name;
    private final long handle;
    private final Path path;
    private final WindowCallbacks callbacks;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ByteBuffer reply = ByteBuffer.allocate(Frames.REPLY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private volatile boolean closing;
    private volatile Thread loopThread;

    /** One sender's connection, as the loop reads it. */
    private static final class Peer {
        final SocketChannel channel;
        final ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        byte[] payload;
        int length;
        int filled;
        ByteBuffer pendingReply;

        Peer(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private LinuxWindow(String name, long handle, Path path, WindowCallbacks callbacks, ServerSocketChannel server,
                        Selector selector) {
        this.name = name;
        this.handle = handle;
        this.path = path;
        this.callbacks = callbacks;
        this.server = server;
        this.selector = selector;
    }

    /** See {@link org.ipctoolkit.copydata.backend.CopyDataBackends#createWindow}. */
    static LinuxWindow create(String className, String title, boolean messageOnly, String threadName,
                              WindowCallbacks callbacks, String name) {
        long handle = WindowFiles.nextHandle();
        Path binding = WindowFiles.bindingPath(handle);
        Path path = WindowFiles.path(messageOnly, className, title, handle);
        ServerSocketChannel server = null;
        Selector selector = null;
        try {
            server = bind(binding, name);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            Files.move(binding, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            close(selector);
            close(server);
            try {
                Files.deleteIfExists(binding);
            } catch (IOException ignored) {
                // nothing more to undo
            }
            Namespace.WINDOWS.removeDirectoryIfEmpty();
            if (e instanceof IpcException) {
                throw (IpcException) e;
            }
            IpcException x = new IpcException(LinuxCopyDataBackends.KIND, name, "create", null,
                    "cannot make the window's socket " + path + ": " + e);
            x.initCause(e);
            throw x;
        }
        LinuxWindow w = new LinuxWindow(name, handle, path, callbacks, server, selector);
        OPEN.add(w);
        WindowFiles.sweep();
        Thread t = new Thread(w::loop, threadName);
        t.setDaemon(true);
        w.loopThread = t;
        t.start();
        return w;
    }

    /** Binds under the hidden name; makes the directory again if it was removed meanwhile (it is removed when empty). */
    private static ServerSocketChannel bind(Path binding, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Namespace.WINDOWS.ensureDirectory();
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                Files.deleteIfExists(binding);
                s.bind(UnixDomainSocketAddress.of(binding), BACKLOG);
                return s;
            } catch (IOException e) {
                s.close();
                if (attempt >= 5 || Files.isDirectory(binding.getParent())) {
                    throw e;
                }
            }
        }
    }

    private void loop() {
        try {
            while (!closing) {
                selector.select();
                if (closing) {
                    break;
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext() && !closing) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.channel() == server) {
                        accept();
                    } else {
                        serve(k, (Peer) k.attachment());
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("the message loop of the window {} failed; the window is closed", this, e);
        } finally {
            OPEN.remove(this);
            removeName();
            for (SelectionKey k : selector.keys()) {
                close(k.channel());
            }
            close(selector);
            WindowFiles.sweep();
            Namespace.WINDOWS.removeDirectoryIfEmpty();
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            Peer p = new Peer(ch);
            ch.register(selector, SelectionKey.OP_READ, p);
        }
    }

    private void serve(SelectionKey k, Peer p) {
        try {
            if (k.isWritable() && p.pendingReply != null) {
                p.channel.write(p.pendingReply);
                if (p.pendingReply.hasRemaining()) {
                    return;
                }
                p.pendingReply = null;
                k.interestOps(SelectionKey.OP_READ);
                return;
            }
            if (k.isReadable() && readFrame(k, p)) {
                dispatch(k, p);
            }
        } catch (IOException e) {
            LOG.debug("a connection of the window {} failed: {}", this, e.toString());
            drop(k, p, null);
        }
    }

    /** @return true when a whole request has been read */
    private boolean readFrame(SelectionKey k, Peer p) throws IOException {
        if (p.header.hasRemaining()) {
            if (p.channel.read(p.header) < 0) {
                drop(k, p, p.header.position() == 0 ? null : "disconnected in the middle of a request header");
                return false;
            }
            if (p.header.hasRemaining()) {
                return false;
            }
            String problem = Frames.checkRequest(p.header, CopyDataSender.MAXIMUM_PAYLOAD);
            if (problem != null) {
                drop(k, p, "sent a malformed frame: " + problem);
                return false;
            }
            p.length = p.header.getInt(12);
            p.filled = 0;
            p.payload = new byte[Math.min(p.length, FIRST_ALLOCATION)];
        }
        while (p.filled < p.length) {
            if (p.filled == p.payload.length) {
                p.payload = Arrays.copyOf(p.payload, (int) Math.min(p.length, 2L * p.payload.length));
            }
            int n = p.channel.read(ByteBuffer.wrap(p.payload, p.filled, Math.min(READ_SLICE, p.payload.length - p.filled)));
            if (n < 0) {
                drop(k, p, "disconnected after " + p.filled + " of the " + p.length + " bytes of a request");
                return false;
            }
            if (n == 0) {
                return false;
            }
            p.filled += n;
        }
        return true;
    }

    private void dispatch(SelectionKey k, Peer p) throws IOException {
        ByteBuffer h = p.header;
        int kind = h.getShort(6);
        long wParam = h.getLong(16);
        long lParam = h.getLong(24);
        int message = h.getInt(8);
        byte[] data = p.payload;
        p.payload = null;
        h.clear();
        long result = kind == Frames.KIND_COPYDATA
                ? callbacks.onCopyData(wParam, lParam, data)
                : callbacks.onMessage(message, wParam, lParam);
        if (kind == Frames.KIND_POST) {
            return;
        }
        Frames.putReply(reply, result);
        p.channel.write(reply);
        if (reply.hasRemaining()) {
            p.pendingReply = ByteBuffer.allocate(reply.remaining()).put(reply).flip();
            k.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void drop(SelectionKey k, Peer p, String why) {
        if (why != null) {
            LOG.warn("a sender to the window {} {}; its connection is closed, the window goes on", this, why);
        }
        k.cancel();
        close(p.channel);
    }

    private void removeName() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot remove the socket {} of a closed window: {}", path, e.toString());
        }
    }

    private static void close(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing: nothing to report
            }
        }
    }

    @Override
    public long handle() {
        return handle;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        removeName();
        selector.wakeup();
        WindowBackend.awaitLoopEnd(loopThread);
    }

    @Override
    public String toString() {
        return name + " (handle " + Long.toHexString(handle) + ")";
    }
}
