/**
 * The system clipboard: {@link org.ipctoolkit.clipboard.Clipboard} (text, standard and registered
 * formats, several formats in one write, a change counter and change listeners) and
 * {@link org.ipctoolkit.clipboard.ClipboardFormat}. Only {@code org.ipctoolkit.clipboard} is exported;
 * the backend SPI and the platform packages are internal.
 */
module org.ipctoolkit.clipboard {
    requires transitive org.ipctoolkit.core;
    requires transitive org.ipctoolkit.delphi;
    requires org.ipctoolkit.copydata;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.clipboard;
}
