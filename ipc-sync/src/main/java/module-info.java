/**
 * Named synchronisation objects with Win32 semantics: {@link org.ipctoolkit.sync.NamedMutex},
 * {@link org.ipctoolkit.sync.NamedEvent}, {@link org.ipctoolkit.sync.NamedSemaphore}, the
 * multi-object waits of {@link org.ipctoolkit.sync.WaitHandles} and the
 * {@link org.ipctoolkit.sync.EventWatcher} thread. Only {@code org.ipctoolkit.sync} is exported;
 * the backend SPI and the platform packages are internal.
 */
module org.ipctoolkit.sync {
    requires transitive org.ipctoolkit.core;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports org.ipctoolkit.sync;
}
