package org.ipctoolkit.mailslot;

import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread of {@link MailslotServer#listen(MailslotServer.Listener)}: the wait thread of the
 * ChienIPC unit, which reads each message and fires {@code OnMessage}. It sleeps in the system
 * between messages (no polling); {@link #close()} wakes and stops it.
 */
public final class MailslotReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailslotReader.class);

    private final MailslotServer server;
    private final ServerBackend backend;
    private final MailslotServer.Listener listener;
    private final Thread thread;
    private volatile boolean stopped;

    MailslotReader(MailslotServer server, ServerBackend backend, MailslotServer.Listener listener) {
        this.server = server;
        this.backend = backend;
        this.listener = listener;
        this.thread = new Thread(this::run, "ipc-mailslot-reader-" + server.name().path());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stopped) {
                byte[] message = backend.read(MailslotBackends.FOREVER);
                if (message == null || stopped) {
                    continue;
                }
                try {
                    listener.onMessage(message);
                } catch (Exception | LinkageError e) {
                    LOG.warn("the listener of mailslot {} failed on a message of {} bytes; the reader goes on",
                            server.name(), message.length, e);
                }
            }
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.error("the reader of mailslot {} stopped: {}", server.name(), e.toString(), e);
            }
        } finally {
            server.readerStopped(this);
        }
    }

    /** @return true while the reader thread runs */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Waits until the reader thread has ended: after {@link #close()} from inside the listener, or
     * after the server was closed, from another thread.
     *
     * @param timeout how long to wait at most
     * @return true if the thread has ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public boolean awaitStopped(java.time.Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /**
     * Stops the reader thread and waits for it to end (a listener running at that moment is let
     * finish); called from the listener itself, it stops the thread without waiting. Messages not
     * yet read stay in the mailslot. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        backend.cancelReads();
        try {
            if (Thread.currentThread() != thread) {
                boolean interrupted = false;
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            backend.resumeReads();
        }
    }
}
