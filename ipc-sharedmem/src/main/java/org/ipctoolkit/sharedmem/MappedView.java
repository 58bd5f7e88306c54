package org.ipctoolkit.sharedmem;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapped view and the buffers handed out over it. The view is unmapped when its owner has
 * released it and every buffer over it has become unreachable, so that no buffer can ever touch
 * unmapped memory (which would crash the JVM).
 */
final class MappedView {
    private static final Logger LOG = LoggerFactory.getLogger(MappedView.class);
    private static final Cleaner BUFFER_CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "ipc-toolkit-view-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final String description;
    private final Pointer address;
    private final long size;
    private final boolean readOnly;
    private final Unmapper unmapper;
    private final AtomicInteger references = new AtomicInteger(1);

    /** Unmaps the view once nothing refers to it. */
    interface Unmapper {
        void unmap(Pointer address);
    }

    MappedView(String description, Pointer address, long size, boolean readOnly, Unmapper unmapper) {
        this.description = description;
        this.address = address;
        this.size = size;
        this.readOnly = readOnly;
        this.unmapper = unmapper;
    }

    /**
     * Returns a new buffer over {@code [offset, offset+length)}, in native byte order.
     *
     * @throws IllegalStateException if the owner released the view and no buffer holds it any more
     */
    ByteBuffer buffer(long offset, int length) {
        int held;
        do {
            held = references.get();
            if (held == 0) {
                // A close on another thread won the race: the view may already be unmapped.
                throw new IllegalStateException(description + " is closed");
            }
        } while (!references.compareAndSet(held, held + 1));
        ByteBuffer root = address.getByteBuffer(offset, length).order(ByteOrder.nativeOrder());
        // Every buffer derived from root (slice, duplicate, read-only view) keeps root reachable,
        // so watching root covers them all.
        BUFFER_CLEANER.register(root, this::release);
        return readOnly ? root.asReadOnlyBuffer().order(ByteOrder.nativeOrder()) : root;
    }

    /** Drops one reference: the owner's, or a collected buffer's. */
    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                unmapper.unmap(address);
            } catch (RuntimeException e) {
                LOG.warn("unmapping the view of {} ({} bytes) failed", description, size, e);
            }
        }
    }
}
