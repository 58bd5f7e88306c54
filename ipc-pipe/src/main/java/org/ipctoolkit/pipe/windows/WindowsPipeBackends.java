package org.ipctoolkit.pipe.windows;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeBusyException;
import org.ipctoolkit.pipe.PipeDirection;
import org.ipctoolkit.pipe.PipeMode;
import org.ipctoolkit.pipe.PipeName;
import org.ipctoolkit.pipe.backend.ConnectionBackend;
import org.ipctoolkit.pipe.backend.PipeBackends;
import org.ipctoolkit.pipe.backend.ServerBackend;
import org.ipctoolkit.pipe.backend.UnavailablePipeBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Win32 backend: {@code CreateNamedPipeW} instances opened for overlapped I/O, one per accept;
 * {@code ConnectNamedPipe} waited for with a timeout and the server's close event; clients with
 * {@code CreateFileW}, {@code WaitNamedPipeW} while all instances are busy, and
 * {@code SetNamedPipeHandleState} for message reads.
 */
public final class WindowsPipeBackends implements PipeBackends {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsPipeBackends.class);
    private static final PipeApi K = PipeApi.K;
    private final Availability availability;

    private WindowsPipeBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * The probe: kernel32's pipe functions bind; never throws.
     *
     * @return the backend
     */
    public static PipeBackends load() {
        Availability a = Availability.probe(() -> K.getClass());
        return a.isAvailable() ? new WindowsPipeBackends(a) : new UnavailablePipeBackends(a);
    }

    @Override
    public Availability availability() {
        return availability;
    }

    static HANDLE instance(PipeName name, NamedPipeServer.Options o, boolean first) {
        int access = o.direction() == PipeDirection.INBOUND ? PipeApi.PIPE_ACCESS_INBOUND
                : o.direction() == PipeDirection.OUTBOUND ? PipeApi.PIPE_ACCESS_OUTBOUND : PipeApi.PIPE_ACCESS_DUPLEX;
        int mode = PipeApi.PIPE_REJECT_REMOTE_CLIENTS
                | (o.mode() == PipeMode.MESSAGE ? PipeApi.PIPE_TYPE_MESSAGE | PipeApi.PIPE_READMODE_MESSAGE : 0);
        HANDLE h = K.CreateNamedPipeW(new WString(name.fullName()),
                access | PipeApi.FILE_FLAG_OVERLAPPED | (first ? PipeApi.FILE_FLAG_FIRST_PIPE_INSTANCE : 0), mode,
                o.maxInstances(), o.outBufferSize(), o.inBufferSize(), (int) o.defaultTimeout().toMillis(), null);
        if (h == null || WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            int code = Native.getLastError();
            if (first && code == PipeApi.ERROR_ACCESS_DENIED) {
                throw new IpcAlreadyExistsException("named pipe", name.fullName(), "CreateNamedPipeW", Win32Errors.describe(code),
                        "another server has this name (FILE_FLAG_FIRST_PIPE_INSTANCE)");
            }
            if (code == PipeApi.ERROR_PIPE_BUSY) {
                throw new PipeBusyException(name.fullName(), "CreateNamedPipeW", Win32Errors.describe(code),
                        "the server already has its maximum of " + o.maxInstances() + " instances");
            }
            throw Win32Errors.failure("named pipe", name.fullName(), "CreateNamedPipeW", code, null);
        }
        return h;
    }

    /**
     * Creates the first instance. {@code FILE_FLAG_FIRST_PIPE_INSTANCE} refuses a name another server
     * has on Windows; Wine 8 ignores the flag (measured: a second server of the same name was created),
     * so the name is also looked up first with {@code WaitNamedPipeW(name, 1)}, which fails with
     * {@code ERROR_FILE_NOT_FOUND} only when no instance of that name exists.
     */
    @Override
    public ServerBackend createServer(PipeName name, NamedPipeServer.Options options) {
        if (K.WaitNamedPipeW(new WString(name.fullName()), 1) || Native.getLastError() != PipeApi.ERROR_FILE_NOT_FOUND) {
            throw new IpcAlreadyExistsException("named pipe", name.fullName(), "CreateNamedPipeW", null,
                    "another server has this name (WaitNamedPipeW found an instance)");
        }
        return new WindowsServer(name, options, instance(name, options, true));
    }

    @Override
    public ConnectionBackend connect(PipeName name, long timeoutMillis, PipeMode readMode, boolean read, boolean write) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        WString path = new WString(name.fullName());
        int access = (read ? PipeApi.GENERIC_READ : 0) | (write ? PipeApi.GENERIC_WRITE : 0);
        while (true) {
            HANDLE h = K.CreateFileW(path, access, 0, null, PipeApi.OPEN_EXISTING, PipeApi.FILE_FLAG_OVERLAPPED, null);
            if (h != null && !WinBase.INVALID_HANDLE_VALUE.equals(h)) {
                if (readMode == PipeMode.MESSAGE && !K.SetNamedPipeHandleState(h, new IntByReference(PipeApi.PIPE_READMODE_MESSAGE), null, null)) {
                    int code = Native.getLastError();
                    Kernel32.INSTANCE.CloseHandle(h);
                    throw Win32Errors.failure("named pipe", name.fullName(), "SetNamedPipeHandleState", code,
                            "a byte pipe cannot be read in message mode");
                }
                return new WindowsConnection(name.fullName(), h, false);
            }
            int code = Native.getLastError();
            if (code == PipeApi.ERROR_FILE_NOT_FOUND) {
                throw new IpcNotFoundException("named pipe", name.fullName(), "CreateFileW", Win32Errors.describe(code),
                        "no server has created this pipe");
            }
            if (code != PipeApi.ERROR_PIPE_BUSY) {
                throw Win32Errors.failure("named pipe", name.fullName(), "CreateFileW", code, null);
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !K.WaitNamedPipeW(path, (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, left)))) {
                int waitCode = left <= 0 ? PipeApi.ERROR_SEM_TIMEOUT : Native.getLastError();
                if (waitCode == PipeApi.ERROR_FILE_NOT_FOUND) {
                    throw new IpcNotFoundException("named pipe", name.fullName(), "WaitNamedPipeW", Win32Errors.describe(waitCode),
                            "the server went away while this client waited");
                }
                if (System.nanoTime() - deadline >= 0 || waitCode == PipeApi.ERROR_SEM_TIMEOUT) {
                    throw new PipeBusyException(name.fullName(), "WaitNamedPipeW", Win32Errors.describe(PipeApi.ERROR_SEM_TIMEOUT),
                            "every instance stayed busy for " + timeoutMillis + " ms");
                }
            }
        }
    }

    /** The instances of one server: one pending (listening) instance at a time, made by the next accept. */
    static final class WindowsServer implements ServerBackend {
        private final PipeName name;
        private final NamedPipeServer.Options options;
        private final HANDLE closeEvent = Kernel32.INSTANCE.CreateEvent(null, true, false, null);
        private final ReentrantLock lock = new ReentrantLock();
        private HANDLE pending;
        private Overlapped pendingSlot;
        private boolean connecting;
        private volatile boolean closed;

        WindowsServer(PipeName name, NamedPipeServer.Options options, HANDLE first) {
            this.name = name;
            this.options = options;
            this.pending = first;
        }

        @Override
        public ConnectionBackend accept(long timeoutMillis) {
            lock.lock();
            try {
                if (closed) {
                    throw new IpcException("named pipe", name.fullName(), "ConnectNamedPipe", null, "the server was closed");
                }
                if (pending == null) {
                    pending = instance(name, options, false);
                }
                if (pendingSlot == null) {
                    pendingSlot = new Overlapped();
                }
                if (!connecting) {
                    boolean ok = K.ConnectNamedPipe(pending, pendingSlot.start());
                    int code = ok ? 0 : Native.getLastError();
                    if (code == PipeApi.ERROR_PIPE_CONNECTED || (ok)) {
                        return take();
                    }
                    if (code != PipeApi.ERROR_IO_PENDING) {
                        throw Win32Errors.failure("named pipe", name.fullName(), "ConnectNamedPipe", code, null);
                    }
                    connecting = true;
                }
                int wait = timeoutMillis < 0 ? WinBase.INFINITE : (int) Math.min(Integer.MAX_VALUE - 1, timeoutMillis);
                int r = Kernel32.INSTANCE.WaitForMultipleObjects(2,
                        new HANDLE[] {pendingSlot.overlapped.hEvent, closeEvent}, false, wait);
                if (r == WinBase.WAIT_OBJECT_0) {
                    connecting = false;
                    int result = pendingSlot.result(pending, new IntByReference());
                    if (result != 0 && result != PipeApi.ERROR_PIPE_CONNECTED) {
                        throw Win32Errors.failure("named pipe", name.fullName(), "ConnectNamedPipe", result, null);
                    }
                    return take();
                }
                if (r == WinBase.WAIT_OBJECT_0 + 1 || closed) {
                    throw new IpcException("named pipe", name.fullName(), "ConnectNamedPipe", null, "the server was closed");
                }
                return null;   // still listening: the next accept waits on the same instance
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void prepareInstance() {
            if (!lock.tryLock()) {
                return;
            }
            try {
                if (!closed && pending == null) {
                    pending = instance(name, options, false);
                }
            } catch (RuntimeException e) {
                LOG.debug("the next instance of {} is left to the next accept: {}", name, e.getMessage());
            } finally {
                lock.unlock();
            }
        }

        private ConnectionBackend take() {
            HANDLE h = pending;
            pending = null;
            connecting = false;
            return new WindowsConnection(name.fullName(), h, true);
        }

        @Override
        public void close() {
            closed = true;
            Kernel32.INSTANCE.SetEvent(closeEvent);
            lock.lock();
            try {
                if (pending != null) {
                    if (connecting) {
                        K.CancelIoEx(pending, pendingSlot.overlapped);
                        K.GetOverlappedResult(pending, pendingSlot.overlapped, new IntByReference(), true);
                    }
                    Kernel32.INSTANCE.CloseHandle(pending);
                    pending = null;
                }
                if (pendingSlot != null) {
                    pendingSlot.close();
                    pendingSlot = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
