package org.ipctoolkit.pipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.pipe.backend.ConnectionBackend;

/**
 * One end of a connected pipe instance: the server's side ({@link NamedPipeServer#accept()}) or the
 * client's ({@link NamedPipeClient#connect}). Bytes as streams ({@link #inputStream()},
 * {@link #outputStream()}), or whole messages in message mode ({@link #readMessage()},
 * {@link #writeMessage(byte[])}, {@link #transact(byte[])}). One thread may read while another writes.
 * {@link #close()} is seen by the other side as the end of the stream.
 */
public final class PipeConnection implements AutoCloseable {
    private final PipeName name;
    private final PipeMode mode;
    private final ConnectionBackend backend;
    private final boolean serverSide;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable afterClose;

    PipeConnection(PipeName name, PipeMode mode, ConnectionBackend backend, boolean serverSide, Runnable afterClose) {
        this.name = name;
        this.mode = mode;
        this.backend = backend;
        this.serverSide = serverSide;
        this.afterClose = afterClose;
    }

    /** @return the pipe's name */
    public PipeName name() {
        return name;
    }

    /** @return how this end reads: {@link PipeMode#MESSAGE} keeps message boundaries */
    public PipeMode mode() {
        return mode;
    }

    /**
     * Win32: {@code ReadFile}. In message mode a read smaller than the message returns part of it, the
     * rest on the next reads, as Windows does after {@code ERROR_MORE_DATA}.
     *
     * @return the bytes, as a stream that ends when the other side closes
     */
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                try {
                    return backend.read(b, off, len);
                } catch (IpcException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public int available() {
                return peek().bytesAvailable();
            }

            @Override
            public void close() {
                PipeConnection.this.close();
            }
        };
    }

    /**
     * Win32: {@code WriteFile}; each write of the stream is one message in message mode.
     *
     * @return a stream that writes to the pipe (unbuffered)
     */
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                try {
                    backend.write(b, off, len);
                } catch (IpcException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public void flush() {
                // unbuffered: each write is already in the pipe
            }

            @Override
            public void close() {
                PipeConnection.this.close();
            }
        };
    }

    /**
     * Reads the whole next message, however large: {@code ReadFile} again while it fails with
     * {@code ERROR_MORE_DATA}.
     *
     * @return the message, or null when the other side has closed
     * @throws IpcInvalidArgumentException in byte mode
     */
    public byte[] readMessage() {
        requireMessageMode("readMessage");
        return backend.readMessage();
    }

    /**
     * Writes one message ({@code WriteFile}).
     *
     * @param message the message, possibly empty
     */
    public void writeMessage(byte[] message) {
        requireMessageMode("writeMessage");
        backend.write(message, 0, message.length);
    }

    /**
     * Writes a Delphi record: the first {@code layout.size()} bytes of {@code record}, as one write.
     *
     * @param layout the record's layout
     * @param record a buffer holding the record from index 0
     */
    public void write(DelphiRecord layout, ByteBuffer record) {
        if (record.capacity() < layout.size()) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), "WriteFile", null,
                    "the buffer has " + record.capacity() + " bytes; the record needs " + layout.size());
        }
        byte[] b = new byte[layout.size()];
        record.duplicate().clear().get(b);
        backend.write(b, 0, b.length);
    }

    /**
     * Writes a request message and reads the reply message: {@code TransactNamedPipe} (message mode,
     * duplex, nothing else waiting to be read).
     *
     * @param request the request
     * @return the whole reply
     */
    public byte[] transact(byte[] request) {
        requireMessageMode("TransactNamedPipe");
        return backend.transact(Objects.requireNonNull(request, "request"));
    }

    /** @return what waits to be read ({@code PeekNamedPipe}), without reading it */
    public PipePeek peek() {
        int[] p = backend.peek();
        return new PipePeek(p[0], p[1]);
    }

    /**
     * Waits until the other side has read everything written ({@code FlushFileBuffers}). On Linux it
     * returns at once: the JDK shows no socket's unread bytes. Nothing is lost either way, since
     * {@link #close()} keeps what the other side has not read yet.
     */
    public void flush() {
        backend.flush();
    }

    /**
     * @return on the server's side, the client's process id ({@code GetNamedPipeClientProcessId}); on the
     *         client's side, the server's ({@code GetNamedPipeServerProcessId}); empty if unknown
     */
    public OptionalLong peerProcessId() {
        long pid = serverSide ? backend.clientProcessId() : backend.serverProcessId();
        return pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    private void requireMessageMode(String operation) {
        if (mode != PipeMode.MESSAGE) {
            throw new IpcInvalidArgumentException("named pipe", name.fullName(), operation, null,
                    "this end reads in byte mode: use the streams, or a message pipe");
        }
    }

    /**
     * Ends the connection ({@code CloseHandle}): the other side reads what was written before, then the
     * end of the stream. On the server's side the instance is closed, not disconnected:
     * {@code DisconnectNamedPipe} would throw away what the client has not read yet, so a reply
     * written just before closing would be lost. The freed instance takes the next client. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                backend.close();
            } finally {
                afterClose.run();
            }
        }
    }

    @Override
    public String toString() {
        return "PipeConnection[" + name + ", " + mode + (serverSide ? ", server side" : ", client side") + "]";
    }
}
