/**
 * Named shared memory ({@link org.ipctoolkit.sharedmem.SharedMemory}) and the Delphi record codec
 * ({@link org.ipctoolkit.sharedmem.DelphiRecord}).
 */
module org.ipctoolkit.sharedmem {
    requires transitive org.ipctoolkit.core;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.sharedmem;
}
