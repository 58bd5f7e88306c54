package org.ipctoolkit.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MinGW C peer ({@code interop/windows/tpipe.c}: CreateNamedPipeA, ConnectNamedPipe, ReadFile with
 * ERROR_MORE_DATA, WaitNamedPipeA, CreateFileA, SetNamedPipeHandleState, TransactNamedPipe) as the server
 * of a Java client, and as the client of a Java server, in message mode, with a 1 MiB message. Windows
 * only: the peer is a Windows program (run by Wine).
 */
@Tag("windows-only")
class NativePeerInteropTest {
    @Test
    void aJavaClientTransactsWithTheCServer() {
        String name = TestNames.unique("pipec");
        try (ChildProcess server = NativePeers.start("tpipe", "server", name)) {
            server.awaitLine("READY");
            try (PipeConnection c = NamedPipeClient.connect(name, Duration.ofSeconds(30), PipeMode.MESSAGE, PipeDirection.DUPLEX)) {
                assertEquals("c:hello", new String(c.transact("hello".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
                c.writeMessage(new byte[1 << 20]);
                assertEquals((1 << 20) + 2, c.readMessage().length, "a 1 MiB message and back, whole");
            }
            assertEquals("END 2", server.awaitLine("END"));
        }
    }

    @Test
    void theCClientTransactsWithAJavaServer() {
        String name = TestNames.unique("pipec");
        try (NamedPipeServer server = NamedPipeServer.create(name, NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE));
             PipeListener l = server.listen(c -> {
                 byte[] m;
                 while ((m = c.readMessage()) != null) {
                     byte[] r = new byte[m.length + 2];
                     r[0] = 'j';
                     r[1] = ':';
                     System.arraycopy(m, 0, r, 2, m.length);
                     c.writeMessage(r);
                 }
             });
             ChildProcess client = NativePeers.start("tpipe", "client", name, "one", "two", "big:1048576")) {
            assertEquals("REPLY j:one", client.awaitLine("REPLY "));
            assertEquals("REPLY j:two", client.awaitLine("REPLY "));
            assertEquals("REPLY-LEN " + ((1 << 20) + 2), client.awaitLine("REPLY-LEN"));
            assertEquals(0, client.waitFor(Duration.ofSeconds(30)), client.transcript());
        }
    }
}
