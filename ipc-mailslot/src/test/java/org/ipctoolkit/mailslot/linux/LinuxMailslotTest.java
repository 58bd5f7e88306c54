package org.ipctoolkit.mailslot.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotPeer;
import org.ipctoolkit.mailslot.MailslotServer;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Linux backend's own promises, which have no Windows counterpart to test: the files of a
 * mailslot and their modes ({@code 0700} directory, {@code 0600} sockets, the token
 * {@code -rw------T}); a SIGKILLed server's leftovers (token and sockets) removed by the next server,
 * and nothing left in {@code /dev/shm} after it closes; the FIFO keeping {@code info()} exact and
 * every message under a flood of a non-reading server; "mailslot full" after the queue limit with no
 * message lost; a datagram from another user dropped and counted (as root, through a Python child
 * that drops to {@code nobody} after connecting). Linux only: it looks at files in {@code /dev/shm}
 * and at the backend's counters.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxMailslotTest {
    private static final Path DIR = Path.of(Namespace.MAILSLOT.directory());

    private static List<String> filesOf(String name) throws IOException {
        String hash = MailslotToken.hash(MailslotName.parse(name).key());
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(hash)).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void filesAndModes() throws Exception {
        String name = TestNames.unique("ms-linux");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR)));
            List<String> files = filesOf(name);
            assertEquals(3, files.size(), files::toString);
            String hash = MailslotToken.hash(MailslotName.parse(name).key());
            for (String f : files) {
                Path p = DIR.resolve(f);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
                int mode = (Integer) Files.getAttribute(p, "unix:mode");
                if (f.equals(hash)) {
                    assertEquals(0101000 | 0600, mode, "the token: a regular file, sticky (ours), 0600");
                } else {
                    assertEquals(0140000, mode & 0170000, f + " is a socket");
                }
            }
            server.info();
        }
        assertEquals(List.of(), filesOf(name));
    }

    @Test
    void aKilledServersLeftoversGoWithTheNextServer() throws Exception {
        String name = TestNames.unique("ms-linux");
        try (ChildProcess child = ChildProcess.startJava(MailslotPeer.class, "serve", name, "0")) {
            child.awaitLine("READY");
            child.kill();
        }
        List<String> left = filesOf(name);
        assertEquals(3, left.size(), "the token and both sockets stay after SIGKILL: " + left);
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            List<String> now = filesOf(name);
            assertEquals(3, now.size(), now::toString);
            for (String f : left) {
                if (f.contains("-")) {
                    assertFalse(now.contains(f), "the dead server's socket " + f + " was removed");
                }
            }
        }
        assertEquals(List.of(), filesOf(name), "nothing left after the new server closed");
    }

    @Test
    void theFifoKeepsEveryMessageOfAFloodAndInfoExact() throws Exception {
        String name = TestNames.unique("ms-linux");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             ChildProcess child = ChildProcess.startJava(MailslotPeer.class, "send", name, "0", "3000")) {
            child.awaitLine("SENT");   // 3000 datagrams to a server that reads none: the pump took them
            child.assertSucceeds();
            assertEquals(3000, server.info().messageCount());
            assertEquals(java.util.OptionalInt.of(5), server.info().nextMessageSize());
            for (int i = 0; i < 3000; i++) {
                assertArrayEquals(MailslotPeer.message(0, i), server.read().orElseThrow());
            }
            assertEquals(0, server.info().messageCount());
        }
    }

    @Test
    void aFullMailslotFailsTheSendAndLosesNothing() throws Exception {
        String name = TestNames.unique("ms-linux");
        String old = System.getProperty(LinuxMailslotBackends.QUEUE_LIMIT_PROPERTY);
        System.setProperty(LinuxMailslotBackends.QUEUE_LIMIT_PROPERTY, "100000");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
             ChildProcess child = ChildProcess.startJava(
                     List.of("-D" + LinuxMailslotBackends.SEND_TIMEOUT_PROPERTY + "=300"),
                     MailslotPeer.class, "send-until-full", name, "1000")) {
            String line = child.awaitLine("STOPPED");
            child.assertSucceeds();
            String[] words = line.split(" ", 4);
            assertEquals("IpcResourceExhaustedException", words[2], line);
            assertTrue(words[3].contains("full"), line);
            int sent = Integer.parseInt(words[1]);
            assertTrue(sent >= 100000 / 1064, line);
            assertEquals(sent, server.info().messageCount(), "every message that send() accepted is queued");
            int read = 0;
            while (server.read().isPresent()) {
                read++;
            }
            assertEquals(sent, read);
        } finally {
            if (old == null) {
                System.clearProperty(LinuxMailslotBackends.QUEUE_LIMIT_PROPERTY);
            } else {
                System.setProperty(LinuxMailslotBackends.QUEUE_LIMIT_PROPERTY, old);
            }
        }
    }

    @Test
    void aDatagramFromAnotherUserIsDroppedAndCounted() throws Exception {
        Assumptions.assumeTrue(TestPlatform.isPosixRoot(),
                "only root can reach another user's 0700 mailslot directory, then send as another user");
        String name = TestNames.unique("ms-linux");
        LinuxMailslotServer server = LinuxMailslotServer.create(MailslotName.parse(name), 0, 0,
                MailslotServer.Options.DEFAULT);
        try (MailslotClient client = MailslotClient.open(name)) {
            String script = "import os, socket, sys\n"
                    + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
                    + "s.connect(sys.argv[1])\n"
                    + "os.setgid(65534); os.setuid(65534)\n"
                    + "s.send(b'from nobody')\n"
                    + "print('SENT', os.getuid())\n";
            try (ChildProcess py = ChildProcess.start("python-nobody",
                    List.of("python3", "-c", script, server.socketPath()))) {
                assertEquals("SENT 65534", py.awaitLine("SENT"));
                py.assertSucceeds();
            }
            client.send(new byte[] {1});
            assertArrayEquals(new byte[] {1}, server.read(1000));
            assertEquals(1, server.foreignDatagrams());
            assertEquals(null, server.read(0));
            assertEquals(Optional.empty(), Optional.ofNullable(server.read(0)));
        } finally {
            server.close();
        }
    }
}
