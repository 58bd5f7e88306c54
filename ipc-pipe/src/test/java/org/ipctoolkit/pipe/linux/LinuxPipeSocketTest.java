package org.ipctoolkit.pipe.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.pipe.NamedPipeClient;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeConnection;
import org.ipctoolkit.pipe.PipeMode;
import org.ipctoolkit.pipe.PipeName;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What only the Linux backend has: the pipe's socket in a private directory, and peers that talk to
 * that socket without the library: garbage instead of a hello, a connection that says nothing, a
 * message header that claims 4 GiB, a peer gone in the middle of a message. Linux only: on Windows
 * the pipe is the kernel's, with no socket to reach around the API.
 */
@Tag("linux-only")
class LinuxPipeSocketTest {
    private static final NamedPipeServer.Options MESSAGE = NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE);

    private static SocketChannel raw(String name, boolean message) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(LinuxPipeBackends.path(PipeName.of(name), message)));
    }

    /** A raw connection that says a valid hello and reads the welcome, as the library's client does. */
    private static SocketChannel greeted(String name, NamedPipeServer server) throws Exception {
        SocketChannel s = raw(name, server.options().mode() == PipeMode.MESSAGE);
        s.write(Handshake.hello(true, true, true, 4242));
        CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
        ByteBuffer welcome = ByteBuffer.allocate(Handshake.WELCOME_BYTES);
        while (welcome.hasRemaining() && s.read(welcome) >= 0) {
            // the welcome comes with the accept
        }
        PipeConnection served = accepted.get(10, TimeUnit.SECONDS);
        assertEquals(4242, served.peerProcessId().orElseThrow(), "the pid the hello gave");
        SERVED.set(served);
        return s;
    }

    private static final ThreadLocal<PipeConnection> SERVED = new ThreadLocal<>();

    @Test
    void thePipeIsASocketInAPrivateDirectoryGoneWithItsServer() throws Exception {
        String name = TestNames.unique("pipe");
        Path socket = LinuxPipeBackends.path(PipeName.of(name), true);
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE)) {
            assertTrue(Files.exists(socket) && socket.getFileName().toString().startsWith("m."), socket.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        }
        assertTrue(Files.notExists(socket), "closing the server removes its name");
    }

    @Test
    void garbageOrSilenceInsteadOfAHelloHoldsNobodyUp() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE);
             SocketChannel silent = raw(name, true);
             SocketChannel garbage = raw(name, true)) {
            garbage.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes()));
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            long start = System.nanoTime();
            try (PipeConnection client = NamedPipeClient.connect(name, Duration.ofSeconds(3), PipeMode.MESSAGE,
                    org.ipctoolkit.pipe.PipeDirection.DUPLEX);
                 PipeConnection served = accepted.get(10, TimeUnit.SECONDS)) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms < 2000, "the real client got its instance in " + ms + " ms, without waiting for the silent one");
                assertEquals(ProcessHandle.current().pid(), served.peerProcessId().orElseThrow());
                client.writeMessage("real".getBytes());
                assertArrayEquals("real".getBytes(), served.readMessage());
            }
            try {
                assertEquals(-1, garbage.read(ByteBuffer.allocate(16)), "the garbage connection was dropped");
            } catch (java.net.SocketException reset) {
                assertTrue(String.valueOf(reset.getMessage()).contains("reset"), "dropped with bytes unread: " + reset);
            }
        }
    }

    @Test
    void aMessageHeaderClaiming4GiBEndsThatConnectionOnly() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE);
             SocketChannel peer = greeted(name, server);
             PipeConnection served = SERVED.get()) {
            peer.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -1));
            IpcException e = assertThrows(IpcException.class, served::readMessage);
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("ReadFile")
                    && e.getMessage().contains("message header of 4294967295 bytes"), e.getMessage());
            CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(server::accept);
            try (PipeConnection next = NamedPipeClient.connect(name, Duration.ofSeconds(10), PipeMode.MESSAGE,
                    org.ipctoolkit.pipe.PipeDirection.DUPLEX);
                 PipeConnection nextServed = accepted.get(10, TimeUnit.SECONDS)) {
                next.writeMessage("still served".getBytes());
                assertArrayEquals("still served".getBytes(), nextServed.readMessage(), "the server still takes clients");
            }
        }
    }

    @Test
    void aPeerGoneInTheMiddleOfAMessageIsAClearErrorAndThenTheEnd() throws Exception {
        String name = TestNames.unique("pipe");
        try (NamedPipeServer server = NamedPipeServer.create(name, MESSAGE)) {
            SocketChannel peer = greeted(name, server);
            try (PipeConnection served = SERVED.get()) {
                ByteBuffer half = ByteBuffer.allocate(4 + 10).order(ByteOrder.LITTLE_ENDIAN);
                half.putInt(1000).put("ten bytes!".getBytes()).flip();
                peer.write(half);
                peer.close();
                IpcException e = assertThrows(IpcException.class, served::readMessage);
                assertTrue(e.getMessage().contains("after 10 of 1000 bytes"), e.getMessage());
                assertNull(served.readMessage(), "then the end");
            }
        }
    }
}
