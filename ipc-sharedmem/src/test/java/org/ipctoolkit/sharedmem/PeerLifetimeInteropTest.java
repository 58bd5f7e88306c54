package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;
import static org.ipctoolkit.sharedmem.ShmTraces.fileOf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Python and C peers that hold a Java-made object the way {@code interop/} tells them to (a shared
 * {@code flock} on their descriptor) count as holders: the last Java close leaves the name to them,
 * the next Java {@code createOrOpen} finds the same bytes, and the name goes with the peer. Linux
 * only: the peers are {@code interop/python/ipctoolkit_shm.py} and {@code interop/c/ipctoolkit_shm.h}
 * (compiled here with gcc).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class PeerLifetimeInteropTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Path interop;

    @BeforeAll
    static void findInterop() throws URISyntaxException {
        Path dir = Path.of(PeerLifetimeInteropTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        while (dir != null && !Files.isDirectory(dir.resolve("interop/python"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "no interop/ directory above the test classes");
        interop = dir.resolve("interop");
    }

    private static Path resource(String name) {
        try {
            return Path.of(PeerLifetimeInteropTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static ChildProcess python(String name) {
        return ChildProcess.start("python", List.of("python3", resource("python_holding_peer.py").toString(),
                interop.resolve("python").toString(), "hold", name, "36"));
    }

    private static ChildProcess c(String name) throws IOException, InterruptedException {
        Path exe = Path.of("target", "c_holding_peer");
        List<String> gcc = new ArrayList<>(List.of("gcc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror",
                "-I" + interop.resolve("c"), "-o", exe.toString(), resource("c_holding_peer.c").toString()));
        Process p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gcc did not finish");
        assertEquals(0, p.exitValue(), "gcc failed: " + gcc + "\n" + output);
        return ChildProcess.start("c", List.of(exe.toAbsolutePath().toString(), "hold", name, "36"));
    }

    private interface Peer {
        ChildProcess start(String name) throws Exception;
    }

    /**
     * Java creates and writes the object, the peer holds it, the last Java holder closes: the name
     * must stay with the peer, and go when the peer lets go ({@code exit}) or dies ({@code kill}).
     */
    private static void aPeerHoldsTheObjectAfterTheLastJavaClose(Peer peer, boolean killPeer) throws Exception {
        String name = TestNames.unique("peer");
        String record = SeedRecords.TSHAREMEM_HEX;
        SharedMemory creator = SharedMemory.create(name, 36);
        creator.buffer().put(HEX.parseHex(record));
        try (ChildProcess child = peer.start(name)) {
            assertEquals("READY " + record, child.awaitLine("READY"));
            creator.close();
            assertTrue(Files.exists(fileOf(name)), "the last Java close removed the name under the live peer");
            try (SharedMemory again = SharedMemory.createOrOpen(name, 36)) {
                assertFalse(again.created(), "the next createOrOpen must open the peer's object, not make a new one");
                byte[] bytes = new byte[36];
                again.buffer().get(0, bytes);
                assertEquals(record, HEX.formatHex(bytes));
                again.buffer().put(32, (byte) 26);
                child.send("read 32 1");
                assertEquals("DATA 1a", child.awaitLine("DATA"), "the peer sees Java's write: the same bytes");
            }
            assertTrue(Files.exists(fileOf(name)), "still held by the peer");
            if (killPeer) {
                child.kill();
                assertTrue(Files.exists(fileOf(name)), "a killed holder removes nothing");
            } else {
                child.send("exit");
                child.assertSucceeds();
                assertFalse(Files.exists(fileOf(name)), "the peer was the last holder and removed the name");
            }
        } finally {
            creator.close();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name), "the name went with the peer");
        assertFalse(Files.exists(fileOf(name)));
    }

    @Test
    void aPythonPeerHoldsTheObjectUntilItLetsGo() throws Exception {
        aPeerHoldsTheObjectAfterTheLastJavaClose(PeerLifetimeInteropTest::python, false);
    }

    @Test
    void aKilledPythonPeerLeavesAStaleNameThatTheNextOpenRemoves() throws Exception {
        aPeerHoldsTheObjectAfterTheLastJavaClose(PeerLifetimeInteropTest::python, true);
    }

    @Test
    void aCPeerHoldsTheObjectUntilItLetsGo() throws Exception {
        aPeerHoldsTheObjectAfterTheLastJavaClose(PeerLifetimeInteropTest::c, false);
    }

    @Test
    void aKilledCPeerLeavesAStaleNameThatTheNextOpenRemoves() throws Exception {
        aPeerHoldsTheObjectAfterTheLastJavaClose(PeerLifetimeInteropTest::c, true);
    }
}
