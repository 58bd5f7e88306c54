package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** waitAny and waitAll over a mix of the three kinds, with timeouts and an abandoned mutex in the set. */
class WaitHandlesTest {

    @Test
    void waitAnyTakesTheFirstSignaledObjectOnly() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"));
             NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, false);
             NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 0, 3)) {
            m.acquire(); // owned here: for another thread, nothing is signaled
            try {
                assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> WaitHandles.waitAny(Duration.ZERO, m, e, s)));
                long start = System.nanoTime();
                assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> WaitHandles.waitAny(Duration.ofMillis(20), m, e, s)));
                assertTrue(System.nanoTime() - start >= 20_000_000L, "returned before the timeout");

                e.set();
                s.release(2);
                WaitResult r = Threads.onNewThread(() -> WaitHandles.waitAny(Duration.ofSeconds(10), m, e, s));
                assertEquals(WaitResult.Status.SIGNALED, r.status());
                assertEquals(1, r.index(), "the lowest signaled index wins");
                assertFalse(e.await(Duration.ZERO), "the auto-reset event was taken");
                assertEquals(2, s.release() , "the semaphore was not touched");
            } finally {
                m.release();
            }
            // The owner's own wait takes the mutex again (recursion): index 0.
            WaitResult r = WaitHandles.waitAny(Duration.ZERO, m, e, s);
            assertEquals(0, r.index());
            m.release();
        }
    }

    @Test
    void waitAllTakesEverythingAtOnceOrNothing() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"));
             NamedEvent e = NamedEvent.create(TestNames.unique("event"), true, true);
             NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 0, 1)) {
            // The semaphore is at 0: nothing may be taken, not even the free mutex.
            assertSame(WaitResult.TIMEOUT, WaitHandles.waitAll(Duration.ofMillis(20), m, e, s));
            assertSame(WaitResult.SIGNALED, Threads.onNewThread(() -> {
                WaitResult r = m.tryAcquire();
                m.release();
                return r;
            }), "a timed-out waitAll left the mutex owned");

            s.release();
            assertSame(WaitResult.SIGNALED, WaitHandles.waitAll(Duration.ofSeconds(10), m, e, s));
            assertFalse(s.tryAcquire(), "the semaphore unit was taken");
            assertTrue(e.await(Duration.ZERO), "a manual-reset event stays signaled");
            assertSame(WaitResult.TIMEOUT, Threads.onNewThread(() -> m.tryAcquire()), "the mutex is owned here");
            m.release();
        }
    }

    @Test
    void anAbandonedMutexInTheSetIsReportedWithItsIndex() {
        try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), true, true);
             NamedMutex m = NamedMutex.create(TestNames.unique("mutex"))) {
            Threads.onNewThread(m::acquire); // the thread ends owning it
            WaitResult all = WaitHandles.waitAll(Duration.ofSeconds(10), e, m);
            assertSame(WaitResult.ABANDONED, all, "waitAll does not say which mutex: index 0");
            m.release();

            Threads.onNewThread(m::acquire);
            e.reset();
            WaitResult any = WaitHandles.waitAny(Duration.ofSeconds(10), e, m);
            assertEquals(WaitResult.Status.ABANDONED, any.status());
            assertEquals(1, any.index());
            assertTrue(any.acquired());
            m.release();
        }
    }

    @Test
    void sixtyFourObjectsAreAllowed() {
        NamedEvent[] events = new NamedEvent[WaitHandles.MAXIMUM_WAIT_OBJECTS];
        try {
            for (int i = 0; i < events.length; i++) {
                events[i] = NamedEvent.create(TestNames.unique("event"), true, i == 63);
            }
            assertEquals(63, WaitHandles.waitAny(Duration.ZERO, events).index());
            assertSame(WaitResult.TIMEOUT, WaitHandles.waitAll(Duration.ZERO, events));
            for (NamedEvent e : events) {
                e.set();
            }
            assertSame(WaitResult.SIGNALED, WaitHandles.waitAll(Duration.ZERO, events));
        } finally {
            for (NamedEvent e : events) {
                if (e != null) {
                    e.close();
                }
            }
        }
    }
}
