/**
 * Window-message IPC: {@link org.ipctoolkit.copydata.CopyDataWindow} (a hidden window that receives
 * {@code WM_COPYDATA} and registered messages on its own thread), {@link org.ipctoolkit.copydata.CopyDataSender}
 * (finds a window by class and title and sends it bytes) and {@link org.ipctoolkit.copydata.RegisteredMessage}.
 * Only {@code org.ipctoolkit.copydata} is exported; the backend SPI and the platform packages are internal.
 */
module org.ipctoolkit.copydata {
    requires transitive org.ipctoolkit.core;
    requires transitive org.ipctoolkit.delphi;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.copydata;
    // ipc-clipboard's Windows backend builds its hidden windows (the clipboard owner, the listeners) on these.
    exports org.ipctoolkit.copydata.backend to org.ipctoolkit.clipboard;
    exports org.ipctoolkit.copydata.windows to org.ipctoolkit.clipboard;
}
