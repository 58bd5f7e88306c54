package org.ipctoolkit.pipe.linux;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking socket with a selector for each direction, so a reader and a writer can wait at once
 * and every wait can have a deadline; {@link #close()} from any thread wakes both.
 */
final class Channel implements AutoCloseable {
    final SocketChannel socket;
    private final Selector readSelector;
    private final Selector writeSelector;

    Channel(SocketChannel socket) throws IOException {
        this.socket = socket;
        socket.configureBlocking(false);
        this.readSelector = Selector.open();
        this.writeSelector = Selector.open();
        socket.register(readSelector, SelectionKey.OP_READ);
        socket.register(writeSelector, SelectionKey.OP_WRITE);
    }

    /**
     * Reads at least one byte into {@code b} (or fills it), waiting until the deadline (a negative
     * deadline: for ever).
     *
     * @return the bytes read, -1 at the end of the stream, 0 if the deadline passed
     */
    int read(ByteBuffer b, long deadline) throws IOException {
        while (true) {
            int n;
            try {
                n = socket.read(b);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Connection reset")) {
                    return -1;   // the other side died with bytes unread: for a reader, as on Windows, the end
                }
                throw e;
            }
            if (n != 0 || !b.hasRemaining()) {
                return n;
            }
            if (!await(readSelector, deadline)) {
                return 0;
            }
        }
    }

    /** Reads exactly {@code b.remaining()} bytes; false if the deadline passed first. */
    boolean readFully(ByteBuffer b, long deadline) throws IOException {
        while (b.hasRemaining()) {
            int n = read(b, deadline);
            if (n < 0) {
                throw new EOFException("the other side closed the pipe");
            }
            if (n == 0 && b.hasRemaining() && deadline >= 0 && System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads what is there now without waiting. */
    int readNow(ByteBuffer b) throws IOException {
        return socket.read(b);
    }

    /** Writes all of {@code b}, waiting while the other side does not read. */
    void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (socket.write(b) == 0) {
                await(writeSelector, -1);
            }
        }
    }

    private boolean await(Selector s, long deadline) throws IOException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
        long millis = 0;
        if (deadline >= 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
        }
        try {
            synchronized (s) {
                s.select(millis);
                s.selectedKeys().clear();
            }
        } catch (ClosedSelectorException closedMeanwhile) {
            throw new AsynchronousCloseException();
        }
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        readSelector.wakeup();
        writeSelector.wakeup();
        try {
            readSelector.close();
            writeSelector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
