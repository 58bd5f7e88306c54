/**
 * Named shared memory ({@link org.ipctoolkit.sharedmem.SharedMemory}). Delphi records in it are read
 * and written with the {@code org.ipctoolkit.delphi} module.
 */
module org.ipctoolkit.sharedmem {
    requires transitive org.ipctoolkit.core;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.sharedmem;
}
