package org.ipctoolkit.pipe.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.io.ByteArrayOutputStream;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.pipe.backend.ConnectionBackend;

/**
 * One end of a Win32 pipe instance, opened for overlapped I/O: every read and write waits on its own
 * event and on the connection's close event, so {@link #close()} from another thread wakes them.
 */
final class WindowsConnection implements ConnectionBackend {
    private static final PipeApi K = PipeApi.K;
    private static final int CHUNK = 64 << 10;

    private final String name;
    private final HANDLE pipe;
    private final boolean serverSide;
    private final HANDLE closeEvent = Kernel32.INSTANCE.CreateEvent(null, true, false, null);
    private final Overlapped readSlot = new Overlapped();
    private final Overlapped writeSlot = new Overlapped();
    private final Memory readBuffer = new Memory(CHUNK);
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    WindowsConnection(String name, HANDLE pipe, boolean serverSide) {
        this.name = name;
        this.pipe = pipe;
        this.serverSide = serverSide;
    }

    private IpcException failure(String operation, int code) {
        if (closed) {
            return new IpcException("named pipe", name, operation, null, "the connection was closed on this side");
        }
        if (code == PipeApi.ERROR_BROKEN_PIPE || code == PipeApi.ERROR_NO_DATA || code == PipeApi.ERROR_PIPE_NOT_CONNECTED) {
            return Win32Errors.failure("named pipe", name, operation, code, "the other side closed the pipe");
        }
        return Win32Errors.failure("named pipe", name, operation, code, null);
    }

    /** One ReadFile: {@code {bytes, more}}, more = 1 after ERROR_MORE_DATA; bytes -1 at the end. */
    private int[] readChunk(int max) {
        IntByReference n = new IntByReference();
        boolean ok = K.ReadFile(pipe, readBuffer, Math.min(max, CHUNK), null, readSlot.start());
        int code = ok ? 0 : Native.getLastError();
        if (!ok && code == PipeApi.ERROR_IO_PENDING) {
            if (readSlot.await(pipe, closeEvent, -1) != Overlapped.Outcome.DONE) {
                throw failure("ReadFile", 0);
            }
        } else if (!ok && code != PipeApi.ERROR_MORE_DATA) {
            if (code == PipeApi.ERROR_BROKEN_PIPE || code == PipeApi.ERROR_PIPE_NOT_CONNECTED || code == PipeApi.ERROR_NO_DATA) {
                return new int[] {-1, 0};
            }
            throw failure("ReadFile", code);
        }
        int result = readSlot.result(pipe, n);
        if (result != 0 && result != PipeApi.ERROR_MORE_DATA) {
            if (result == PipeApi.ERROR_BROKEN_PIPE || result == PipeApi.ERROR_PIPE_NOT_CONNECTED || result == PipeApi.ERROR_NO_DATA) {
                return new int[] {-1, 0};
            }
            throw failure("ReadFile", result);
        }
        return new int[] {n.getValue(), result == PipeApi.ERROR_MORE_DATA ? 1 : 0};
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        synchronized (readLock) {
            int[] r = readChunk(length);
            if (r[0] > 0) {
                readBuffer.read(0, buffer, offset, r[0]);
            }
            return r[0];
        }
    }

    @Override
    public byte[] readMessage() {
        synchronized (readLock) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                int[] r = readChunk(CHUNK);
                if (r[0] < 0) {
                    if (all.size() == 0) {
                        return null;
                    }
                    throw failure("ReadFile", PipeApi.ERROR_BROKEN_PIPE);
                }
                all.write(readBuffer.getByteArray(0, r[0]), 0, r[0]);
                if (r[1] == 0) {
                    return all.toByteArray();
                }
            }
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        synchronized (writeLock) {
            try (Memory m = new Memory(Math.max(1, length))) {
                if (length > 0) {
                    m.write(0, buffer, offset, length);
                }
                IntByReference n = new IntByReference();
                boolean ok = K.WriteFile(pipe, m, length, null, writeSlot.start());
                int code = ok ? 0 : Native.getLastError();
                if (!ok && code == PipeApi.ERROR_IO_PENDING) {
                    if (writeSlot.await(pipe, closeEvent, -1) != Overlapped.Outcome.DONE) {
                        throw failure("WriteFile", 0);
                    }
                } else if (!ok) {
                    throw failure("WriteFile", code);
                }
                int result = writeSlot.result(pipe, n);
                if (result != 0) {
                    throw failure("WriteFile", result);
                }
            }
        }
    }

    @Override
    public byte[] transact(byte[] request) {
        synchronized (writeLock) {
            synchronized (readLock) {
                try (Memory in = new Memory(Math.max(1, request.length))) {
                    if (request.length > 0) {
                        in.write(0, request, 0, request.length);
                    }
                    IntByReference n = new IntByReference();
                    boolean ok = K.TransactNamedPipe(pipe, in, request.length, readBuffer, CHUNK, null, readSlot.start());
                    int code = ok ? 0 : Native.getLastError();
                    if (!ok && code == PipeApi.ERROR_IO_PENDING) {
                        if (readSlot.await(pipe, closeEvent, -1) != Overlapped.Outcome.DONE) {
                            throw failure("TransactNamedPipe", 0);
                        }
                    } else if (!ok && code != PipeApi.ERROR_MORE_DATA) {
                        throw failure("TransactNamedPipe", code);
                    }
                    int result = readSlot.result(pipe, n);
                    if (result != 0 && result != PipeApi.ERROR_MORE_DATA) {
                        throw failure("TransactNamedPipe", result);
                    }
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    all.write(readBuffer.getByteArray(0, n.getValue()), 0, n.getValue());
                    boolean more = result == PipeApi.ERROR_MORE_DATA;
                    while (more) {
                        int[] r = readChunk(CHUNK);
                        if (r[0] < 0) {
                            throw failure("TransactNamedPipe", PipeApi.ERROR_BROKEN_PIPE);
                        }
                        all.write(readBuffer.getByteArray(0, r[0]), 0, r[0]);
                        more = r[1] == 1;
                    }
                    return all.toByteArray();
                }
            }
        }
    }

    @Override
    public int[] peek() {
        IntByReference available = new IntByReference();
        IntByReference left = new IntByReference();
        if (!K.PeekNamedPipe(pipe, null, 0, null, available, left)) {
            int code = Native.getLastError();
            if (code == PipeApi.ERROR_BROKEN_PIPE || code == PipeApi.ERROR_PIPE_NOT_CONNECTED) {
                return new int[] {0, 0};
            }
            throw failure("PeekNamedPipe", code);
        }
        return new int[] {available.getValue(), left.getValue()};
    }

    @Override
    public long clientProcessId() {
        IntByReference pid = new IntByReference();
        return K.GetNamedPipeClientProcessId(pipe, pid) ? Integer.toUnsignedLong(pid.getValue()) : -1;
    }

    @Override
    public long serverProcessId() {
        IntByReference pid = new IntByReference();
        return K.GetNamedPipeServerProcessId(pipe, pid) ? Integer.toUnsignedLong(pid.getValue()) : -1;
    }

    @Override
    public void flush() {
        if (!K.FlushFileBuffers(pipe)) {
            throw failure("FlushFileBuffers", Native.getLastError());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Kernel32.INSTANCE.SetEvent(closeEvent);
        synchronized (readLock) {
            synchronized (writeLock) {
                Kernel32.INSTANCE.CloseHandle(pipe);
                readSlot.close();
                writeSlot.close();
                Kernel32.INSTANCE.CloseHandle(closeEvent);
            }
        }
    }
}
