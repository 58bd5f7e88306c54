/**
 * Named pipes: {@link org.ipctoolkit.pipe.NamedPipeServer} (byte or message mode, many instances, a
 * listener serving each client on its own thread), {@link org.ipctoolkit.pipe.NamedPipeClient} and
 * {@link org.ipctoolkit.pipe.PipeConnection} (streams, whole messages, transact, peek). Win32 named
 * pipes on Windows; AF_UNIX stream sockets on Linux, in a 0700 directory of the user. On Linux they are
 * not .NET's {@code /tmp/CoreFxPipe_NAME} sockets (see the README: no handshake, no message mode, a
 * shared directory), so a .NET program there is not reached by pipe name.
 */
package org.ipctoolkit.pipe;
