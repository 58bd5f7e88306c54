package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** Mutex semantics in one process, with threads as the other owners: recursion, ownership, abandonment, timeouts. */
class MutexSemanticsTest {

    @Test
    void recursionCountsEachAcquire() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            m.acquire();
            assertSame(WaitResult.SIGNALED, m.tryAcquire());
            assertSame(WaitResult.SIGNALED, m.tryAcquire(Duration.ofMillis(5)));
            // Three acquisitions: another thread gets it only after three releases.
            for (int i = 0; i < 3; i++) {
                assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire()), "after " + i + " releases");
                m.release();
            }
            assertThrows(IllegalMonitorStateException.class, m::release, "a fourth release");
            Threads.onNewThread(() -> {
                assertSame(WaitResult.SIGNALED, m.tryAcquire());
                m.release();
            });
        }
    }

    @Test
    void initiallyOwnedBelongsToTheCreatingThread() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"), true)) {
            assertTrue(m.created());
            assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire()));
            m.release();
            assertThrows(IllegalMonitorStateException.class, m::release);
        }
    }

    @Test
    void createOrOpenOfAnExistingMutexDoesNotTakeIt() {
        String name = TestNames.unique("mutex");
        try (NamedMutex first = NamedMutex.createOrOpen(name, false)) {
            assertTrue(first.created());
            Threads.onNewThread(() -> {
                try (NamedMutex second = NamedMutex.createOrOpen(name, true)) {
                    assertFalse(second.created());
                    assertThrows(IllegalMonitorStateException.class, second::release, "initiallyOwned is ignored");
                }
            });
            assertSame(WaitResult.SIGNALED, first.tryAcquire());
            first.release();
        }
    }

    @Test
    void aNonOwnerCannotRelease() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            assertThrows(IllegalMonitorStateException.class, m::release, "nobody owns it");
            m.acquire();
            assertThrows(IllegalMonitorStateException.class, () -> Threads.onNewThread(m::release));
            // Nothing changed: still owned by this thread, once.
            assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire()));
            m.release();
            assertThrows(IllegalMonitorStateException.class, m::release);
        }
    }

    @Test
    void aThreadThatEndsOwningItAbandonsIt() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            Threads.onNewThread(() -> {
                m.acquire();
                m.acquire();
            });
            AbandonedMutexException e = assertThrows(AbandonedMutexException.class, m::acquire);
            assertTrue(e.getMessage().contains(m.name()), e.getMessage());
            // Ownership was granted with a count of 1, and the abandonment is reported once.
            assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire()));
            m.release();
            assertThrows(IllegalMonitorStateException.class, m::release);
            assertSame(WaitResult.SIGNALED, m.tryAcquire());
            m.release();
        }
    }

    @Test
    void tryAcquireReportsAbandonment() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            Threads.onNewThread(m::acquire);
            WaitResult r = m.tryAcquire(Duration.ofSeconds(10));
            assertSame(WaitResult.ABANDONED, r);
            assertTrue(r.acquired());
            m.release();
        }
    }

    @Test
    void timeoutsOfZeroAndAFewMilliseconds() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            Threads.onNewThread(() -> {
                m.acquire();
                try {
                    assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire(Duration.ZERO)));
                    long start = System.nanoTime();
                    assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire(Duration.ofMillis(20))));
                    long elapsed = System.nanoTime() - start;
                    assertTrue(elapsed >= 20_000_000L, "waited only " + elapsed + " ns of 20 ms");
                } finally {
                    m.release();
                }
            });
        }
    }
}
