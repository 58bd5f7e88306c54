/**
 * What every ipc-toolkit module shares: the exceptions, the platform, object names and the
 * resource guard. The {@code windows} and {@code linux} packages are for the toolkit's own modules.
 */
module org.ipctoolkit.core {
    requires transitive com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.core;
    exports org.ipctoolkit.core.windows to org.ipctoolkit.sharedmem, org.ipctoolkit.sync, org.ipctoolkit.mailslot,
            org.ipctoolkit.copydata, org.ipctoolkit.clipboard, org.ipctoolkit.pipe;
    exports org.ipctoolkit.core.linux to org.ipctoolkit.sharedmem, org.ipctoolkit.sync, org.ipctoolkit.mailslot,
            org.ipctoolkit.copydata, org.ipctoolkit.clipboard, org.ipctoolkit.pipe;
}
