package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Events: auto- against manual-reset with several waiting child processes, counting how many wake
 * (each child releases a "woke" semaphore once it woke), pulse, and the states in one process.
 */
class EventSemanticsTest {
    private static final Duration WAKE = Duration.ofSeconds(60);
    /** How long a child that should stay asleep is given to wake wrongly. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void autoResetReleasesOneWaiterPerSet() {
        String name = TestNames.unique("event");
        String wokeName = TestNames.unique("woke");
        try (NamedEvent e = NamedEvent.create(name, false, false);
             NamedSemaphore woke = NamedSemaphore.create(wokeName, 0, 10)) {
            List<ChildProcess> children = startWaiters(3, name, wokeName);
            try {
                for (int i = 0; i < 3; i++) {
                    e.set();
                    assertTrue(woke.tryAcquire(WAKE), "set " + (i + 1) + " woke nobody");
                    assertFalse(woke.tryAcquire(QUIET), "set " + (i + 1) + " woke more than one waiter");
                }
                for (ChildProcess c : children) {
                    c.assertSucceeds();
                }
                assertFalse(e.await(Duration.ZERO), "every set was taken by its waiter");
            } finally {
                children.forEach(ChildProcess::close);
            }
        }
    }

    @Test
    void manualResetReleasesEveryWaiterUntilReset() {
        String name = TestNames.unique("event");
        String wokeName = TestNames.unique("woke");
        try (NamedEvent e = NamedEvent.create(name, true, false);
             NamedSemaphore woke = NamedSemaphore.create(wokeName, 0, 10)) {
            List<ChildProcess> children = startWaiters(3, name, wokeName);
            try {
                e.set();
                for (int i = 0; i < 3; i++) {
                    assertTrue(woke.tryAcquire(WAKE), "only " + i + " of 3 waiters woke");
                }
                for (ChildProcess c : children) {
                    c.assertSucceeds();
                }
                assertTrue(e.await(Duration.ZERO), "still signaled");
                assertTrue(e.await(Duration.ZERO), "still signaled after a second wait");
                e.reset();
                assertFalse(e.await(Duration.ZERO));
            } finally {
                children.forEach(ChildProcess::close);
            }
        }
    }

    @Test
    void pulseReleasesWaitersAndLeavesTheEventReset() {
        String name = TestNames.unique("event");
        String wokeName = TestNames.unique("woke");
        try (NamedEvent e = NamedEvent.create(name, true, false);
             NamedSemaphore woke = NamedSemaphore.create(wokeName, 0, 10)) {
            List<ChildProcess> children = startWaiters(2, name, wokeName);
            try {
                // A pulse reaches only the threads waiting at that moment, which no API can tell from the
                // outside: pulse until both children woke; each pulse leaves the event non-signaled.
                int woken = 0;
                long deadline = System.nanoTime() + WAKE.toNanos();
                while (woken < 2 && System.nanoTime() < deadline) {
                    e.pulse();
                    assertFalse(e.await(Duration.ZERO), "a pulse leaves the event non-signaled");
                    if (woke.tryAcquire(Duration.ofMillis(50))) {
                        woken++;
                    }
                }
                assertEquals(2, woken, "pulses woke " + woken + " of 2 waiters");
                for (ChildProcess c : children) {
                    c.assertSucceeds();
                }
            } finally {
                children.forEach(ChildProcess::close);
            }
        }
    }

    @Test
    void pulseWithoutWaitersLeavesItNonSignaled() {
        for (boolean manual : new boolean[] {true, false}) {
            try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), manual, true)) {
                e.pulse();
                assertFalse(e.await(Duration.ZERO), "manualReset=" + manual);
            }
        }
    }

    @Test
    void initialStateAndAutoResetInOneProcess() {
        try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, true)) {
            assertTrue(e.await(Duration.ZERO));
            assertFalse(e.await(Duration.ZERO), "the first wait reset it");
            e.set();
            e.set();
            assertTrue(e.await(Duration.ofMillis(5)));
            assertFalse(e.await(Duration.ZERO), "two sets are one signal");
            e.set();
            e.reset();
            long start = System.nanoTime();
            assertFalse(e.await(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - start >= 20_000_000L, "returned before the timeout");
        }
    }

    @Test
    void openSeesTheSameEventAcrossProcesses() {
        String name = TestNames.unique("event");
        try (NamedEvent e = NamedEvent.create(name, false, false);
             ChildProcess child = ChildProcess.startJava(SyncPeer.class, "set-event", name)) {
            child.assertSucceeds();
            assertTrue(e.await(WAKE));
        }
    }

    private static List<ChildProcess> startWaiters(int n, String event, String woke) {
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(ChildProcess.startJava(SyncPeer.class, "wait-event", event, woke));
        }
        for (ChildProcess c : children) {
            c.awaitLine("WAITING");
        }
        return children;
    }
}
