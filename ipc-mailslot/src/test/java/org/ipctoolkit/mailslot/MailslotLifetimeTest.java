package org.ipctoolkit.mailslot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.ipctoolkit.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * Win32 lifetime: a mailslot exists while its server is open; a second server of the same name is
 * refused (in this process and from another); a client cannot open a mailslot without server, and
 * its sends fail once the server closed or its process was killed; a killed server's name can be
 * created again; clients do not keep a mailslot alive. Names with path levels compare without case.
 */
class MailslotLifetimeTest {
    @Test
    void aSecondServerIsRefused() {
        String name = TestNames.unique("ms-life");
        try (MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO)) {
            IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                    () -> MailslotServer.create(name.toUpperCase(), 0, Duration.ZERO));
            assertEquals("mailslot", e.objectKind());
            try (ChildProcess other = ChildProcess.startJava(MailslotPeer.class, "create", name)) {
                assertEquals("REFUSED IpcAlreadyExistsException", other.awaitLine("REFUSED"));
                other.assertSucceeds();
            }
            server.info();
        }
        try (MailslotServer again = MailslotServer.create(name, 0, Duration.ZERO)) {
            assertEquals(0, again.info().messageCount());
        }
    }

    @Test
    void clientsOfAMailslotWithoutServer() {
        String name = TestNames.unique("ms-life");
        IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> MailslotClient.open(name));
        assertEquals("mailslot", e.objectKind());
        MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
        MailslotClient client = MailslotClient.open(name);
        client.send(new byte[] {1});
        server.close();
        assertThrows(IpcNotFoundException.class, () -> client.send(new byte[] {2}), "send after the server closed");
        assertThrows(IpcNotFoundException.class, () -> client.send(new byte[] {3}), "and again");
        assertThrows(IpcNotFoundException.class, () -> MailslotClient.open(name));
        client.close();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.send(new byte[1]));
    }

    @Test
    void clientsDoNotKeepTheMailslotAlive() {
        String name = TestNames.unique("ms-life");
        MailslotServer server = MailslotServer.create(name, 0, Duration.ZERO);
        try (MailslotClient client = MailslotClient.open(name)) {
            server.close();
            try (MailslotServer next = MailslotServer.create(name, 0, Duration.ZERO)) {
                if (TestPlatform.isWine()) {
                    // Wine 8 keeps a closed mailslot's name while clients hold it, so the Windows backend
                    // opens the name at each send there (see the windows package description): the old
                    // client reaches the new server. On Windows and Linux its handle is the old mailslot's.
                    client.send(new byte[] {1});
                    assertArrayEquals(new byte[] {1}, next.read(Duration.ofSeconds(10)).orElseThrow());
                } else {
                    assertThrows(IpcNotFoundException.class, () -> client.send(new byte[] {1}),
                            "an old client's handle refers to the mailslot that is gone, not the new one");
                }
                try (MailslotClient fresh = MailslotClient.open(name)) {
                    fresh.send(new byte[] {2});
                }
                assertArrayEquals(new byte[] {2}, next.read(Duration.ofSeconds(10)).orElseThrow());
                assertEquals(0, next.info().messageCount());
            }
        }
    }

    @Test
    void aKilledServerIsGoneAndItsNameCanBeCreatedAgain() {
        String name = TestNames.unique("ms-life");
        MailslotClient client;
        try (ChildProcess server = ChildProcess.startJava(MailslotPeer.class, "serve", name, "0")) {
            server.awaitLine("READY");
            client = MailslotClient.open(name);
            client.send(new byte[] {1});
            server.kill();
        }
        try (client) {
            assertThrows(IpcNotFoundException.class, () -> client.send(new byte[] {2}), "the server was killed");
            assertThrows(IpcNotFoundException.class, () -> MailslotClient.open(name));
            try (MailslotServer again = MailslotServer.create(name, 0, Duration.ZERO);
                 MailslotClient fresh = MailslotClient.open(name)) {
                assertEquals(0, again.info().messageCount(), "nothing of the dead server's queue");
                fresh.send(new byte[] {3});
                assertArrayEquals(new byte[] {3}, again.read(Duration.ofSeconds(10)).orElseThrow());
            }
        }
    }

    @Test
    void namesWithPathLevelsCompareWithoutCase() {
        String unique = TestNames.unique("ms-life");
        try (MailslotServer server = MailslotServer.create(unique + "\\Account\\Note", 0, Duration.ZERO);
             MailslotClient upper = MailslotClient.open("\\\\.\\MAILSLOT\\" + unique.toUpperCase() + "\\ACCOUNT\\NOTE");
             MailslotClient lower = MailslotClient.open(".", unique.toLowerCase() + "\\account\\note")) {
            assertEquals("\\\\.\\mailslot\\" + unique + "\\Account\\Note", server.name().win32Name());
            upper.send(new byte[] {1});
            lower.send(new byte[] {2});
            assertArrayEquals(new byte[] {1}, server.read(Duration.ofSeconds(10)).orElseThrow());
            assertArrayEquals(new byte[] {2}, server.read(Duration.ofSeconds(10)).orElseThrow());
            assertThrows(IpcNotFoundException.class, () -> MailslotClient.open(unique + "\\Account"),
                    "a parent level is another mailslot");
            try (MailslotServer parent = MailslotServer.create(unique + "\\Account", 0, Duration.ZERO)) {
                assertEquals(0, parent.info().messageCount());
            }
        }
    }
}
