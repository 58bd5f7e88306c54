package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MinGW C peer ({@code interop/windows/tsync.c}: OpenMutexA, OpenEventA, OpenSemaphoreA,
 * WaitForSingleObject) uses the objects Java made: each side sees the other's signals and
 * abandonment. Windows only: the peer is a Windows program (run by Wine).
 */
@Tag("windows-only")
class NativePeerInteropTest {
    private static final String WAIT_OBJECT_0 = "WAIT 0x0";
    private static final String WAIT_ABANDONED = "WAIT 0x80";
    private static final String WAIT_TIMEOUT = "WAIT 0x102";

    @Test
    void eventsBothWays() {
        String name = TestNames.unique("event");
        try (NamedEvent e = NamedEvent.create(name, false, false)) {
            try (ChildProcess peer = NativePeers.start("tsync", "wait-event", name, "60000")) {
                peer.awaitLine("WAITING");
                e.set();
                assertEquals(WAIT_OBJECT_0, peer.awaitLine("WAIT "));
                peer.assertSucceeds();
            }
            assertFalse(e.await(Duration.ZERO), "the peer took the auto-reset signal");
            try (ChildProcess peer = NativePeers.start("tsync", "wait-event", name, "10")) {
                assertEquals(WAIT_TIMEOUT, peer.awaitLine("WAIT "));
            }
            try (ChildProcess peer = NativePeers.start("tsync", "set-event", name)) {
                peer.awaitLine("SET");
                peer.assertSucceeds();
            }
            assertTrue(e.await(Duration.ofSeconds(10)));
        }
    }

    @Test
    void theJavaSideSeesThePeersAbandonment() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name);
             ChildProcess peer = NativePeers.start("tsync", "hold-mutex", name)) {
            assertEquals("OWNED 0x0", peer.awaitLine("OWNED"));
            assertSame(WaitResult.TIMEOUT, m.tryAcquire(Duration.ofMillis(10)));
            peer.kill();
            assertSame(WaitResult.ABANDONED, m.tryAcquire(Duration.ofSeconds(10)));
            m.release();
        }
    }

    @Test
    void thePeerSeesJavasReleaseAndAbandonment() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name, true)) {
            try (ChildProcess peer = NativePeers.start("tsync", "acquire-mutex", name, "10")) {
                assertEquals(WAIT_TIMEOUT, peer.awaitLine("WAIT "), "Java owns it");
            }
            m.release();
            try (ChildProcess peer = NativePeers.start("tsync", "acquire-mutex", name, "10000")) {
                assertEquals(WAIT_OBJECT_0, peer.awaitLine("WAIT "));
                peer.assertSucceeds();
            }
            Threads.onNewThread(m::acquire); // a Java thread ends owning it
            try (ChildProcess peer = NativePeers.start("tsync", "acquire-mutex", name, "10000")) {
                assertEquals(WAIT_ABANDONED, peer.awaitLine("WAIT "));
                peer.assertSucceeds();
            }
            assertSame(WaitResult.SIGNALED, m.tryAcquire(), "the peer released it");
            m.release();
        }
    }

    @Test
    void thePeerReleasesTheSemaphoreWithinItsMaximum() {
        String name = TestNames.unique("sem");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0, 2)) {
            try (ChildProcess peer = NativePeers.start("tsync", "release-semaphore", name, "2")) {
                assertEquals("PREVIOUS 0", peer.awaitLine("PREVIOUS"));
            }
            try (ChildProcess peer = NativePeers.start("tsync", "release-semaphore", name, "1")) {
                assertEquals("REFUSED 298", peer.awaitLine("REFUSED"), "ERROR_TOO_MANY_POSTS");
            }
            assertTrue(s.tryAcquire());
            assertTrue(s.tryAcquire());
            assertFalse(s.tryAcquire());
        }
    }
}
