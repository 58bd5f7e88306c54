/**
 * Named pipes: {@link org.ipctoolkit.pipe.NamedPipeServer} (byte or message mode, many instances, a
 * listener serving each client on its own thread), {@link org.ipctoolkit.pipe.NamedPipeClient} and
 * {@link org.ipctoolkit.pipe.PipeConnection} (streams, whole messages, transact, peek). Win32 named
 * pipes on Windows; AF_UNIX sockets on Linux.
 */
package org.ipctoolkit.pipe;
