package org.ipctoolkit.sharedmem;

import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ipctoolkit.core.ResourceGuard;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;

/**
 * The view of a held object and the buffers handed out over it, with the rules that keep them safe.
 *
 * <ul>
 *   <li>One <em>root</em> buffer is made when the view is mapped, over its first
 *       {@code Integer.MAX_VALUE} bytes (at most). {@link #buffer()} returns a duplicate of it and
 *       {@link #slice} a slice of it: the JDK makes each derived buffer refer to the root, so the root
 *       is reachable exactly while this view or any buffer taken from it is.</li>
 *   <li>A slice beyond the root's reach gets its own buffer, {@linkplain ResourceGuard#tie tied} to
 *       the guard.</li>
 *   <li>The guard watches the root (and the tied buffers), not the {@code SharedMemory}: a forgotten
 *       object whose buffers are still in use keeps its hold, so its name keeps naming the memory those
 *       buffers write (no split brain); the hold is released, with a warning, only once nothing is
 *       reachable.</li>
 *   <li>{@link #close()} gives the shared memory back at once ({@link SharedMemoryBackend#retireView}),
 *       then the hold; the address range itself is released ({@link SharedMemoryBackend#freeView}) once
 *       no buffer is reachable, so no buffer ever points at unmapped memory.</li>
 * </ul>
 */
final class MappedView {
    private final String description;
    private final long size;
    private final boolean readOnly;
    private final Pointer address;
    private final ResourceGuard guard;
    /** Over {@code [0, min(size, rootLimit))}; read-only for a read-only view. Null once closed. */
    private volatile ByteBuffer root;

    /**
     * Maps the backend's object and takes over its hold: from now on the view releases it.
     *
     * @param description what it is, for messages
     * @param backend     the held object
     * @param readOnly    hand out read-only buffers
     */
    MappedView(String description, SharedMemoryBackend backend, boolean readOnly) {
        this(description, backend, readOnly, Integer.MAX_VALUE);
    }

    /** As above, with the root limited to {@code rootLimit} bytes (tests use a small one). */
    MappedView(String description, SharedMemoryBackend backend, boolean readOnly, int rootLimit) {
        Pointer mapped;
        try {
            mapped = backend.mapView();
        } catch (RuntimeException | Error e) {
            backend.closeObject();
            throw e;
        }
        this.description = description;
        this.size = backend.size();
        this.readOnly = readOnly;
        this.address = mapped;
        ByteBuffer base = mapped.getByteBuffer(0, Math.min(size, rootLimit)).order(ByteOrder.nativeOrder());
        // Neither action may refer to base, nor to this view, which holds it.
        this.guard = new ResourceGuard(base, description, () -> {
            try {
                backend.retireView(mapped);
            } finally {
                backend.closeObject();
            }
        }, closed -> {
            try {
                backend.freeView(mapped);
            } finally {
                if (!closed) {
                    backend.closeObject();
                }
            }
        });
        this.root = readOnly ? base.asReadOnlyBuffer().order(ByteOrder.nativeOrder()) : base;
    }

    /**
     * @return a new buffer over the whole view, in native byte order
     * @throws IllegalStateException         if closed
     * @throws UnsupportedOperationException if the view is larger than a buffer can be
     */
    ByteBuffer buffer() {
        ByteBuffer r = root;
        if (r == null) {
            throw closed();
        }
        if (r.capacity() != size) {
            throw new UnsupportedOperationException(description + " has " + size
                    + " bytes, more than one ByteBuffer holds (" + Integer.MAX_VALUE + "); use slice(offset, length)");
        }
        return r.duplicate().order(ByteOrder.nativeOrder());
    }

    /**
     * @param offset the first byte, checked by the caller to be inside the view with {@code length}
     * @param length how many bytes
     * @return a new buffer over {@code [offset, offset + length)}, in native byte order
     * @throws IllegalStateException if closed
     */
    ByteBuffer slice(long offset, int length) {
        ByteBuffer r = root;
        if (r == null) {
            throw closed();
        }
        if (offset + length <= r.capacity()) {
            return r.slice((int) offset, length).order(ByteOrder.nativeOrder());
        }
        ByteBuffer far = address.getByteBuffer(offset, length).order(ByteOrder.nativeOrder());
        guard.tie(far);
        // The root (so the view) stays reachable until far is tied: the guard cannot have reclaimed.
        Reference.reachabilityFence(r);
        return readOnly ? far.asReadOnlyBuffer().order(ByteOrder.nativeOrder()) : far;
    }

    /** Gives the memory and the hold back now; buffers still reachable go on over private memory. */
    void close() {
        ByteBuffer r = root;
        root = null;
        try {
            guard.close();
        } finally {
            // The guard's reclaim must not run before its close has.
            Reference.reachabilityFence(r);
        }
    }

    /** @return true once closed (or released by the safety net) */
    boolean isClosed() {
        return guard.isClosed();
    }

    private IllegalStateException closed() {
        return new IllegalStateException(description + " is closed");
    }
}
