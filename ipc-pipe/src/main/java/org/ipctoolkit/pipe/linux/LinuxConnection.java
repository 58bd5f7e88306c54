package org.ipctoolkit.pipe.linux;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.pipe.backend.ConnectionBackend;

/**
 * One end of a Linux pipe connection: a Unix domain stream socket. In message mode each message is a
 * 4-byte little-endian length and the bytes (a stream with frames, not SOCK_SEQPACKET, whose messages
 * cannot be larger than the socket buffer, about 200 KB by default: a message pipe carries 16 MiB
 * messages here). A read smaller than the message returns part of it and the rest comes with the next
 * reads, as after Windows' {@code ERROR_MORE_DATA}. A read-ahead buffer serves {@code peek}.
 */
final class LinuxConnection implements ConnectionBackend {
    /** The largest message accepted from the other side (a frame that claims more ends the connection). */
    static final int MAX_MESSAGE = 256 << 20;

    private final String name;
    private final Channel channel;
    private final boolean messageMode;
    private final long peerPid;
    private final boolean canRead;
    private final boolean canWrite;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    /** Read ahead, in read mode (position 0 .. limit unread); guarded by readLock. */
    private ByteBuffer ahead = ByteBuffer.allocate(64 << 10);
    /** Bytes left of the message being read (message mode); guarded by readLock. */
    private int leftInMessage;
    private volatile boolean closed;

    LinuxConnection(String name, Channel channel, boolean messageMode, long peerPid, boolean canRead, boolean canWrite) {
        this.name = name;
        this.channel = channel;
        this.messageMode = messageMode;
        this.peerPid = peerPid;
        this.canRead = canRead;
        this.canWrite = canWrite;
        ahead.flip();
    }

    private IpcException failure(String operation, IOException e) {
        if (closed || e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return new IpcException("named pipe", name, operation, null, "the connection was closed on this side");
        }
        String m = String.valueOf(e.getMessage());
        if (e instanceof EOFException || m.contains("Broken pipe") || m.contains("reset by peer")) {
            IpcException x = new IpcException("named pipe", name, operation, null,
                    (e instanceof EOFException ? m : "the other side closed the pipe")
                            + " (ERROR_BROKEN_PIPE / ERROR_NO_DATA on Windows)");
            x.initCause(e);
            return x;
        }
        IpcException x = new IpcException("named pipe", name, operation, null, m);
        x.initCause(e);
        return x;
    }

    /** Fills the read-ahead buffer with at least one more byte; false at the end of the stream. */
    private boolean fill() throws IOException {
        ahead.compact();
        try {
            if (!ahead.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(ahead.capacity() * 2);
                ahead.flip();
                bigger.put(ahead);
                ahead = bigger;
            }
            return channel.read(ahead, -1) >= 0;
        } finally {
            ahead.flip();
        }
    }

    private int nextFrameLength() throws IOException {
        while (ahead.remaining() < 4) {
            if (!fill()) {
                if (ahead.hasRemaining()) {
                    throw new EOFException("the other side closed the pipe in the middle of a message header");
                }
                return -1;
            }
        }
        int length = ahead.order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 0 || length > MAX_MESSAGE) {
            throw new IOException("the other side sent a message header of " + Integer.toUnsignedString(length)
                    + " bytes, more than " + MAX_MESSAGE + ": not a pipe of this library, or corrupt");
        }
        return length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        checkRead("ReadFile");
        synchronized (readLock) {
            try {
                if (messageMode && leftInMessage == 0) {
                    int next = nextFrameLength();
                    if (next < 0) {
                        return -1;
                    }
                    leftInMessage = next;
                    if (next == 0) {
                        return 0;
                    }
                }
                if (!ahead.hasRemaining() && !fill()) {
                    return -1;
                }
                int n = Math.min(length, ahead.remaining());
                if (messageMode) {
                    n = Math.min(n, leftInMessage);
                    leftInMessage -= n;
                }
                ahead.get(buffer, offset, n);
                return n;
            } catch (IOException e) {
                throw failure("ReadFile", e);
            }
        }
    }

    @Override
    public byte[] readMessage() {
        checkRead("ReadFile");
        synchronized (readLock) {
            try {
                int length = leftInMessage;
                if (length == 0) {
                    length = nextFrameLength();
                    if (length < 0) {
                        return null;
                    }
                }
                byte[] message = new byte[length];
                int done = 0;
                while (done < length) {
                    if (!ahead.hasRemaining() && !fill()) {
                        throw new EOFException("the other side closed the pipe after " + done + " of " + length + " bytes of a message");
                    }
                    int n = Math.min(length - done, ahead.remaining());
                    ahead.get(message, done, n);
                    done += n;
                }
                leftInMessage = 0;
                return message;
            } catch (IOException e) {
                throw failure("ReadFile", e);
            }
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        if (!canWrite) {
            throw new IpcInvalidArgumentException("named pipe", name, "WriteFile", null, "this end of the pipe only reads");
        }
        synchronized (writeLock) {
            try {
                if (messageMode) {
                    ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, length);
                    channel.writeFully(header);
                }
                channel.writeFully(ByteBuffer.wrap(buffer, offset, length));
            } catch (IOException e) {
                throw failure("WriteFile", e);
            }
        }
    }

    @Override
    public byte[] transact(byte[] request) {
        write(request, 0, request.length);
        byte[] reply = readMessage();
        if (reply == null) {
            throw new IpcException("named pipe", name, "TransactNamedPipe", null, "the other side closed the pipe before it answered");
        }
        return reply;
    }

    @Override
    public int[] peek() {
        synchronized (readLock) {
            try {
                ahead.compact();
                try {
                    if (ahead.hasRemaining()) {
                        channel.readNow(ahead);
                    }
                } finally {
                    ahead.flip();
                }
                int available = ahead.remaining();
                int next = 0;
                if (messageMode) {
                    if (leftInMessage > 0) {
                        next = leftInMessage;
                    } else if (available >= 4) {
                        next = ahead.order(ByteOrder.LITTLE_ENDIAN).getInt(ahead.position());
                        available -= 4;
                    } else {
                        available = 0;
                    }
                }
                return new int[] {available, next};
            } catch (IOException e) {
                throw failure("PeekNamedPipe", e);
            }
        }
    }

    @Override
    public long clientProcessId() {
        return peerPid;
    }

    @Override
    public long serverProcessId() {
        return peerPid;
    }

    @Override
    public void flush() {
        // the bytes are in the socket once written; Linux has no wait for the reader (FlushFileBuffers)
    }

    private void checkRead(String operation) {
        if (!canRead) {
            throw new IpcInvalidArgumentException("named pipe", name, operation, null, "this end of the pipe only writes");
        }
    }

    @Override
    public void close() {
        closed = true;
        channel.close();
    }
}
