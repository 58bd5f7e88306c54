package org.ipctoolkit.copydata.linux;

import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.copydata.CopyDataTimeoutException;
import org.ipctoolkit.copydata.backend.TargetBackend;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;

/**
 * A window found by class and title: its socket's path, and the connections this process keeps open
 * to it (one per thread sending at the same time; idle ones are reused, and closed when the target is
 * no longer reachable). A send writes a request and waits for the reply until its deadline; a
 * connection that timed out or failed is closed, never reused, so a late reply cannot be taken for
 * the answer to another request.
 */
final class LinuxTarget implements TargetBackend {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "ipc-copydata-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** How long a post waits for room in the window's queue (its socket's buffer). */
    private static final long POST_TIMEOUT_MILLIS = 5000;

    private final WindowFiles.Entry entry;
    private final String name;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    private LinuxTarget(WindowFiles.Entry entry, String name, Connection first) {
        this.entry = entry;
        this.name = name;
        idle.push(first);
        ConcurrentLinkedDeque<Connection> pool = idle;
        CLEANER.register(this, () -> {
            for (Connection c; (c = pool.poll()) != null; ) {
                c.close();
            }
        });
    }

    /**
     * {@code FindWindowEx} on Linux: the newest live window whose class and title match; names whose
     * process ended are removed on the way.
     *
     * @return the target, or null if no live window matches
     */
    static LinuxTarget find(String className, String title, String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (WindowFiles.Entry e : WindowFiles.list(className, title, false)) {
            try {
                return new LinuxTarget(e, name, Connection.open(e.path(), deadline));
            } catch (Connection.RefusedException refused) {
                WindowFiles.removeStale(e);
            } catch (Connection.BusyException busy) {
                throw new CopyDataTimeoutException(LinuxCopyDataBackends.KIND, name, "FindWindowExW", null,
                        "the window " + Long.toHexString(e.handle()) + " does not accept connections: it is hung");
            } catch (IOException gone) {
                // closed since it was listed
            }
        }
        return null;
    }

    @Override
    public long handle() {
        return entry.handle();
    }

    @Override
    public long sendCopyData(long senderWindow, long dwData, byte[] data, int offset, int length, long timeoutMillis) {
        return exchange("SendMessageTimeoutW(WM_COPYDATA)", timeoutMillis, (c, deadline) -> {
            Frames.putRequest(c.header, Frames.KIND_COPYDATA, Frames.WM_COPYDATA, length, senderWindow, dwData);
            c.writeRequest(data, offset, length, deadline);
            return c.readReply(deadline);
        });
    }

    @Override
    public long sendMessage(int message, long wParam, long lParam, long timeoutMillis) {
        return exchange("SendMessageTimeoutW(0x" + Integer.toHexString(message) + ")", timeoutMillis, (c, deadline) -> {
            Frames.putRequest(c.header, Frames.KIND_SEND, message, 0, wParam, lParam);
            c.writeHeader(deadline);
            return c.readReply(deadline);
        });
    }

    @Override
    public void postMessage(int message, long wParam, long lParam) {
        exchange("PostMessageW(0x" + Integer.toHexString(message) + ")", POST_TIMEOUT_MILLIS, (c, deadline) -> {
            Frames.putRequest(c.header, Frames.KIND_POST, message, 0, wParam, lParam);
            c.writeHeader(deadline);
            return 0;
        });
    }

    /** One request (and its reply, if any) on a connection of this target. */
    private interface Exchange {
        long run(Connection c, long deadline) throws IOException;
    }

    /**
     * Runs an exchange on an idle connection (or a new one) with a deadline; the connection goes back to
     * the pool only if the exchange completed, so a late reply is never read as another's answer.
     */
    private long exchange(String operation, long timeoutMillis, Exchange body) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Connection c = connection(deadline, operation);
        boolean reusable = false;
        try {
            long result = body.run(c, deadline);
            reusable = true;
            return result;
        } catch (IOException e) {
            throw failure(operation, timeoutMillis, e);
        } finally {
            release(c, reusable);
        }
    }

    private Connection connection(long deadline, String operation) {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        try {
            return Connection.open(entry.path(), deadline);
        } catch (Connection.RefusedException e) {
            WindowFiles.removeStale(entry);
            throw gone(operation, "its process ended without closing it");
        } catch (Connection.BusyException e) {
            throw new CopyDataTimeoutException(LinuxCopyDataBackends.KIND, name, operation, null,
                    "the window does not accept connections (its backlog stayed full): it is hung");
        } catch (IOException e) {
            throw gone(operation, "it was closed (" + e.getMessage() + ")");
        }
    }

    private void release(Connection c, boolean reusable) {
        if (reusable) {
            idle.push(c);
        } else {
            c.close();
        }
    }

    private IpcException failure(String operation, long timeoutMillis, IOException e) {
        if (e instanceof Connection.DeadlineException && operation.startsWith("PostMessageW")) {
            return new IpcException(LinuxCopyDataBackends.KIND, name, operation, null,
                    "the window's queue stayed full for " + timeoutMillis + " ms: it does not read its messages");
        }
        if (e instanceof Connection.DeadlineException) {
            return new CopyDataTimeoutException(LinuxCopyDataBackends.KIND, name, operation, null,
                    "no answer within " + timeoutMillis + " ms (" + e.getMessage() + "): the window is busy or hung;"
                            + " it may still handle the message later if it read all of it");
        }
        if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("Broken pipe")
                || String.valueOf(e.getMessage()).contains("reset by peer")) {
            return gone(operation, "it was closed, or its process ended, before it answered");
        }
        IpcException x = new IpcException(LinuxCopyDataBackends.KIND, name, operation, null, String.valueOf(e.getMessage()));
        x.initCause(e);
        return x;
    }

    private IpcNotFoundException gone(String operation, String why) {
        return new IpcNotFoundException(LinuxCopyDataBackends.KIND, name, operation, null,
                "the window " + Long.toHexString(entry.handle()) + " is gone: " + why);
    }
}
