package org.ipctoolkit.sharedmem.backend;

import com.sun.jna.Pointer;

/**
 * One platform's implementation of a held shared memory object. This package is not exported:
 * users see {@code SharedMemory} only, and the {@code windows} and {@code linux} packages implement
 * this. Implementations must not refer to the {@code SharedMemory} that holds them.
 */
public interface SharedMemoryBackend {
    /** @return the size of the object in bytes */
    long size();

    /** @return true if the object was created by this call */
    boolean created();

    /** @return the address of a view of the whole object */
    Pointer mapView();

    /**
     * Releases a view made by {@link #mapView()}.
     *
     * @param address the view's address
     */
    void unmapView(Pointer address);

    /** Gives up the hold on the object (handle or descriptor); views stay valid. */
    void closeObject();
}
