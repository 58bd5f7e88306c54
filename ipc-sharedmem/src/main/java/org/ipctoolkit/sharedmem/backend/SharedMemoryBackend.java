package org.ipctoolkit.sharedmem.backend;

import com.sun.jna.Pointer;

/**
 * One platform's implementation of a held shared memory object. This package is not exported:
 * users see {@code SharedMemory} only, and the {@code windows} and {@code linux} packages implement
 * this. Implementations must not refer to the {@code SharedMemory} that holds them.
 *
 * <p>A view goes through these steps, each called once, in this order: {@link #mapView()};
 * {@link #retireView} if the object is closed (its buffers may still be reachable);
 * {@link #freeView} once no buffer over it is reachable. {@link #closeObject()} comes after
 * {@code retireView} at close, or after {@code freeView} when the object was never closed.
 * The caller serialises these calls.
 */
public interface SharedMemoryBackend {
    /** @return the size of the object in bytes */
    long size();

    /** @return true if the object was created by this call */
    boolean created();

    /** @return the address of a view of the whole object */
    Pointer mapView();

    /**
     * Gives the view's shared memory back (Linux {@code munmap}, Windows {@code UnmapViewOfFile}
     * in effect) while buffers over it may still be in use: the address range stays readable (and
     * writable, if the view was) but is private memory of this process from now on, so a stale
     * buffer can neither crash the JVM nor reach any object. Where that cannot be done safely, the
     * view is kept as it is, and only {@link #freeView} gives it back. Never throws.
     *
     * @param address the view's address
     */
    void retireView(Pointer address);

    /**
     * Releases the view's address range for good, as {@link #mapView()} or {@link #retireView}
     * left it; no buffer over it is reachable any more.
     *
     * @param address the view's address
     */
    void freeView(Pointer address);

    /** Gives up the hold on the object (handle or descriptor); the view's range stays valid. */
    void closeObject();
}
