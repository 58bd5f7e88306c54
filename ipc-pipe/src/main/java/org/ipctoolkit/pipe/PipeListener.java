package org.ipctoolkit.pipe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.core.IpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's accept loop ({@code ipc-pipe-accept-NAME}) that serves each connection on a thread of its
 * own ({@code ipc-pipe-NAME-N}). Closing it stops accepting and closes the connections still served.
 */
public final class PipeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipeListener.class);

    /** What to do with one connection, on its own thread; the connection is closed after. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param connection the client's connection
         * @throws Exception anything: it is logged, the connection is closed, the listener goes on
         */
        void serve(PipeConnection connection) throws Exception;
    }

    private final NamedPipeServer server;
    private final Handler handler;
    private final Thread acceptor;
    private final Set<PipeConnection> serving = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger count = new AtomicInteger();

    PipeListener(NamedPipeServer server, Handler handler) {
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "ipc-pipe-accept-" + server.name().name());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            PipeConnection c;
            try {
                c = server.accept();
            } catch (IpcException e) {
                if (!closed.get()) {
                    LOG.error("accepting on {} failed; the listener stops", server.name(), e);
                }
                return;
            }
            serving.add(c);
            Thread t = new Thread(() -> {
                try (c) {
                    handler.serve(c);
                } catch (Exception | LinkageError e) {
                    LOG.warn("the handler of a connection to {} failed; that connection is closed", server.name(), e);
                } finally {
                    serving.remove(c);
                }
            }, "ipc-pipe-" + server.name().name() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    /** @return how many connections were accepted so far */
    public int accepted() {
        return count.get();
    }

    /** Stops accepting (closes the server) and closes the connections being served. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            for (PipeConnection c : serving) {
                c.close();
            }
        }
    }
}
