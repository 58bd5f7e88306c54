package org.ipctoolkit.copydata.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.CopyDataWindow;
import org.ipctoolkit.copydata.RegisteredMessage;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What only the Linux backend has: the socket of each window in a private directory, senders that
 * talk to that socket without the library (garbage, a disconnect in the middle of a request, a sender
 * that never reads its replies), the name a killed window leaves, and the registered-message table's
 * lifetime across processes. Linux only: Windows has no socket to reach around the API, and its
 * message table belongs to the window station.
 */
@Tag("linux-only")
class LinuxWindowSocketTest {
    private static final Path DIR = WindowFiles.directory();

    private static Path socketOf(long handle) throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith("." + Long.toHexString(handle))).findFirst()
                    .orElseThrow(() -> new AssertionError("no socket for handle " + Long.toHexString(handle)));
        }
    }

    private static SocketChannel connect(Path p) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(p));
        return ch;
    }

    private static ByteBuffer header(int kind, int message, int length, long wParam, long lParam) {
        ByteBuffer b = ByteBuffer.allocate(Frames.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Frames.putRequest(b, kind, message, length, wParam, lParam);
        return b;
    }

    @Test
    void aWindowIsASocketInThePrivateDirectoryWhichGoesWithTheLastWindow() throws Exception {
        String cls = TestNames.unique("cdsock");
        try (CopyDataWindow w = CopyDataWindow.create(cls, "Title", (s, d, b) -> 0);
             CopyDataWindow top = CopyDataWindow.create(cls, "Top", (s, d, b) -> 0, CopyDataWindow.Options.DEFAULT.hiddenTopLevel())) {
            Path p = socketOf(w.handle());
            assertTrue(Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
            assertEquals("m." + WindowFiles.hash(cls) + "." + WindowFiles.hash("title") + "." + Long.toHexString(w.handle()),
                    p.getFileName().toString(), "class and title are hashed in lower case");
            assertTrue(socketOf(top.handle()).getFileName().toString().startsWith("t."));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR)));
            assertEquals(w.handle(), CopyDataSender.find(cls.toUpperCase(java.util.Locale.ROOT), "TITLE").handle());
        }
        assertFalse(Files.exists(DIR) && Files.list(DIR).anyMatch(p -> p.getFileName().toString().contains(WindowFiles.hash(cls))),
                "the sockets are gone");
    }

    @Test
    void garbageAndHalfRequestsEndOnlyTheirOwnConnection() throws Exception {
        String cls = TestNames.unique("cdsock");
        try (CopyDataWindow w = CopyDataWindow.create(cls, "", (s, d, b) -> d + b.length)) {
            CopyDataSender sender = CopyDataSender.find(cls, "");
            Path p = socketOf(w.handle());
            List<ByteBuffer> bad = List.of(
                    ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n and more garbage".getBytes()),
                    header(Frames.KIND_COPYDATA, Frames.WM_COPYDATA, 64 << 20, 0, 0).putInt(12, (64 << 20) + 1),
                    header(9, Frames.WM_COPYDATA, 0, 0, 0),
                    header(Frames.KIND_SEND, 0x10, 0, 0, 0),
                    header(Frames.KIND_COPYDATA, Frames.WM_COPYDATA, 1000, 0, 0),
                    ByteBuffer.wrap(new byte[] {0x49, 0x50}));
            for (ByteBuffer b : bad) {
                try (SocketChannel ch = connect(p)) {
                    ch.write(b);
                    if (b.capacity() == Frames.HEADER_BYTES && b.getInt(12) == 1000) {
                        ch.write(ByteBuffer.allocate(500));
                    }
                    ch.shutdownOutput();
                    assertClosedWithoutAnswer(ch);
                }
                assertEquals(5 + 3, sender.send(5, new byte[3]), "the window works on");
            }
        }
    }

    /** The window closed the connection: end of stream, or a reset when it left bytes unread. */
    private static void assertClosedWithoutAnswer(SocketChannel ch) {
        try {
            assertEquals(-1, ch.read(ByteBuffer.allocate(16)), "the window answers nothing and closes");
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
        }
    }

    @Test
    void aSenderThatNeverReadsItsRepliesIsNotBufferedWithoutBound() throws Exception {
        String cls = TestNames.unique("cdsock");
        try (CopyDataWindow w = CopyDataWindow.create(cls, "", (s, d, b) -> d)) {
            CopyDataSender sender = CopyDataSender.find(cls, "");
            try (SocketChannel flood = connect(socketOf(w.handle()))) {
                flood.configureBlocking(false);
                ByteBuffer one = header(Frames.KIND_COPYDATA, Frames.WM_COPYDATA, 0, 0, 1);
                long written = 0;
                for (int round = 0; round < 200_000; round++) {
                    one.rewind();
                    int n = flood.write(one);
                    written += n;
                    if (n < Frames.HEADER_BYTES) {
                        break;
                    }
                }
                assertTrue(written < 100L * 1024 * 1024, "the flood stopped at " + written + " bytes: the window stopped reading it");
                assertEquals(77, sender.send(77, new byte[0], Duration.ofSeconds(5)), "another sender is still served");
            }
            assertEquals(78, sender.send(78, new byte[0]));
        }
    }

    @Test
    void theNameOfAKilledWindowIsRemovedByTheNextFind() throws Exception {
        String cls = TestNames.unique("cdsock");
        try (ChildProcess child = ChildProcess.startJava(LinuxWindowPeer.class, "window", cls, "Killed")) {
            long handle = Long.parseUnsignedLong(child.awaitLine("READY ").substring(6), 16);
            CopyDataSender sender = CopyDataSender.find(cls, "Killed");
            assertEquals(9 + 2, sender.send(9, new byte[2]));
            Path p = socketOf(handle);
            child.kill();
            child.waitFor(Duration.ofSeconds(30));
            assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "a killed process leaves its socket's name");
            IpcNotFoundException e = assertThrows(IpcNotFoundException.class, () -> sender.send(1, new byte[1]));
            assertTrue(e.getMessage().contains("gone"), e.getMessage());
            assertThrows(IpcNotFoundException.class, () -> CopyDataSender.find(cls, "Killed"));
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "find removed the dead name");
        }
    }

    @Test
    void theNameOfAKilledWindowIsRemovedWhenAnotherWindowIsMade() throws Exception {
        String cls = TestNames.unique("cdsock");
        Path p;
        try (ChildProcess child = ChildProcess.startJava(LinuxWindowPeer.class, "window", cls, "Killed")) {
            p = socketOf(Long.parseUnsignedLong(child.awaitLine("READY ").substring(6), 16));
            child.kill();
            child.waitFor(Duration.ofSeconds(30));
        }
        assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "a killed process leaves its socket's name");
        try (CopyDataWindow other = CopyDataWindow.create(TestNames.unique("cdsock"), "", (s, d, b) -> 0)) {
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "making a window swept the dead name away");
        }
    }

    @Test
    void theMessageTableLivesWhileAProcessHoldsAnIdAndGoesWithTheLast() throws Exception {
        Path table = DIR.resolve(MessageRegistry.TABLE);
        String name = TestNames.unique("cdmsg");
        try (ChildProcess a = ChildProcess.startJava(LinuxWindowPeer.class, "register", name);
             ChildProcess b = ChildProcess.startJava(LinuxWindowPeer.class, "register", name.toUpperCase(java.util.Locale.ROOT))) {
            String idA = a.awaitLine("ID ");
            assertEquals(idA, b.awaitLine("ID "), "the same name in any case has the same id in both");
            int id = Integer.parseInt(idA.substring(3));
            assertTrue(id >= 0xC000 && id <= 0xFFFF, "id " + id);
            b.send("");
            assertEquals(0, b.waitFor(Duration.ofSeconds(30)));
            assertTrue(Files.exists(table), "a holds it still");
            if (!registeredHere) {
                a.send("");
                assertEquals(0, a.waitFor(Duration.ofSeconds(30)));
                assertFalse(Files.exists(table), "the last process removed it at exit");
            } else {
                assertEquals(id, RegisteredMessage.register(name).id(), "this process got the same id as well");
                a.send("");
                assertEquals(0, a.waitFor(Duration.ofSeconds(30)));
                assertTrue(Files.exists(table), "this test's JVM holds it: it goes when this JVM exits");
            }
        }
    }

    private static final boolean registeredHere = Files.exists(DIR.resolve(MessageRegistry.TABLE));
}
