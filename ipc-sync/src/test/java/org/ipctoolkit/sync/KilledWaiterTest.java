package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * A child process killed while it waits leaves every object usable and takes nothing with it; one
 * killed inside a waitAll leaves nothing half-taken.
 */
class KilledWaiterTest {

    @Test
    void aKilledMutexWaiterLeavesTheMutexUsable() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name, true)) {
            try (ChildProcess child = ChildProcess.startJava(SyncPeer.class, "wait-on", "mutex", name)) {
                child.awaitLine("WAITING");
                child.kill();
            }
            m.release();
            assertSame(WaitResult.SIGNALED, Threads.onNewThread(() -> {
                WaitResult r = m.tryAcquire(Duration.ofSeconds(10));
                m.release();
                return r;
            }), "the dead waiter neither took nor abandoned it");
        }
    }

    @Test
    void aKilledEventWaiterDoesNotTakeTheSignal() {
        String name = TestNames.unique("event");
        try (NamedEvent e = NamedEvent.create(name, false, false)) {
            try (ChildProcess child = ChildProcess.startJava(SyncPeer.class, "wait-on", "event", name)) {
                child.awaitLine("WAITING");
                child.kill();
            }
            e.set();
            assertTrue(e.await(Duration.ZERO), "the signal is still there for a living waiter");
        }
    }

    @Test
    void aKilledSemaphoreWaiterDoesNotTakeAUnit() {
        String name = TestNames.unique("sem");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0, 1)) {
            try (ChildProcess child = ChildProcess.startJava(SyncPeer.class, "wait-on", "semaphore", name)) {
                child.awaitLine("WAITING");
                child.kill();
            }
            assertEquals(0, s.release());
            assertTrue(s.tryAcquire());
        }
    }

    @Test
    void aChildKilledInsideWaitAllLeavesNothingHalfTaken() {
        String mutex = TestNames.unique("mutex");
        String sem = TestNames.unique("sem");
        try (NamedMutex m = NamedMutex.create(mutex); NamedSemaphore s = NamedSemaphore.create(sem, 0, 1)) {
            try (ChildProcess child = ChildProcess.startJava(SyncPeer.class, "wait-all", mutex, sem)) {
                child.awaitLine("WAITING");
                // The mutex is free and the semaphore is not: a waitAll must hold neither while it waits.
                assertSame(WaitResult.SIGNALED, Threads.onNewThread(() -> {
                    WaitResult r = m.tryAcquire(Duration.ofSeconds(10));
                    m.release();
                    return r;
                }), "the waiting child holds the mutex");
                child.kill();
            }
            assertSame(WaitResult.SIGNALED, m.tryAcquire(Duration.ofSeconds(10)), "not abandoned: never taken");
            m.release();
            assertEquals(0, s.release());
            assertTrue(s.tryAcquire(), "the dead child took no unit");
            assertFalse(s.tryAcquire());
        }
    }
}
