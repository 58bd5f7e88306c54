package org.ipctoolkit.copydata.linux;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A sender's connection to a window's socket: non-blocking, with a selector of its own, so that every
 * wait has a deadline. Used by one thread at a time.
 */
final class Connection implements AutoCloseable {
    /** A connect found the window's backlog full: it does not accept (it is hung). */
    static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The deadline passed. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException(String message) {
            super(message);
        }
    }

    /** The path exists but nobody listens there. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Payloads go out in slices of at most this much (the JDK copies a heap buffer through a direct one of its size). */
    private static final int SLICE = 1 << 20;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    final ByteBuffer header = ByteBuffer.allocateDirect(Frames.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer reply = ByteBuffer.allocateDirect(Frames.REPLY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer[] pair = new ByteBuffer[2];

    private Connection(SocketChannel channel) throws IOException {
        this.channel = channel;
        try {
            this.selector = Selector.open();
            this.key = channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects to a window's socket, trying again while its backlog is full, until the deadline.
     *
     * @throws java.nio.file.NoSuchFileException-like {@link IOException} if nothing has that path
     * @throws RefusedException if the path exists but nobody listens
     * @throws BusyException    if the backlog stayed full until the deadline
     */
    static Connection open(Path path, long deadline) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        long pause = 1;
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.configureBlocking(false);
                if (!ch.connect(address)) {
                    // not expected from an AF_UNIX socket (it connects at once or fails), but allowed by the API
                    ch.close();
                    throw new BusyException("the connect did not complete at once", null);
                }
                return new Connection(ch);
            } catch (IOException e) {
                ch.close();
                String m = String.valueOf(e.getMessage());
                boolean busy = e instanceof BusyException || m.contains("temporarily unavailable");
                if (!busy) {
                    if (m.contains("refused")) {
                        throw new RefusedException(e);
                    }
                    throw e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BusyException("its backlog of connections stayed full: the window does not accept", e);
                }
                sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                pause = Math.min(pause * 2, 50);
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while connecting");
        }
    }

    /**
     * Writes {@link #header} (already filled and flipped) and {@code data[offset, offset+length)}.
     *
     * @throws DeadlineException if the deadline passes before all is written
     */
    void writeRequest(byte[] data, int offset, int length, long deadline) throws IOException {
        int end = offset + length;
        int next = offset;
        ByteBuffer slice = ByteBuffer.wrap(data, next, Math.min(SLICE, end - next));
        pair[0] = header;
        pair[1] = slice;
        channel.write(pair);
        while (header.hasRemaining() || slice.hasRemaining() || slice.position() < end) {
            if (!slice.hasRemaining()) {
                next = slice.position();
                slice = ByteBuffer.wrap(data, next, Math.min(SLICE, end - next));
            }
            if (header.hasRemaining()) {
                pair[1] = slice;
                if (channel.write(pair) > 0) {
                    continue;
                }
            } else if (channel.write(slice) > 0) {
                continue;
            }
            await(SelectionKey.OP_WRITE, deadline, "writing the request");
        }
        pair[1] = null;
    }

    /**
     * Writes {@link #header} (already filled and flipped) alone.
     *
     * @throws DeadlineException if the deadline passes first
     */
    void writeHeader(long deadline) throws IOException {
        while (header.hasRemaining()) {
            if (channel.write(header) == 0) {
                await(SelectionKey.OP_WRITE, deadline, "writing the message");
            }
        }
    }

    /**
     * Reads a reply.
     *
     * @return its result
     * @throws EOFException      if the window closed the connection first
     * @throws DeadlineException if the deadline passes first
     */
    long readReply(long deadline) throws IOException {
        reply.clear();
        while (reply.hasRemaining()) {
            int n = channel.read(reply);
            if (n < 0) {
                throw new EOFException("the window closed the connection before it answered");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, "waiting for the answer");
            }
        }
        if (reply.getInt(0) != Frames.REPLY_MAGIC || reply.getInt(4) != 0) {
            throw new IOException("the window answered with a frame that is not a reply (0x"
                    + Integer.toHexString(reply.getInt(0)) + ", status " + reply.getInt(4) + ")");
        }
        return reply.getLong(8);
    }

    private void await(int op, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineException(what);
        }
        key.interestOps(op);
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
