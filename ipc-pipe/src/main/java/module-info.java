/**
 * Named pipes: {@link org.ipctoolkit.pipe.NamedPipeServer}, {@link org.ipctoolkit.pipe.NamedPipeClient}
 * and the {@link org.ipctoolkit.pipe.PipeConnection} both give. Only {@code org.ipctoolkit.pipe} is
 * exported; the backend SPI and the platform packages are internal.
 */
module org.ipctoolkit.pipe {
    requires transitive org.ipctoolkit.core;
    requires transitive org.ipctoolkit.delphi;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.pipe;
}
