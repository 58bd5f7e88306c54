package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A child killed between the steps of a wait-all leaves nothing half-taken: the wait-all lock's
 * journal is replayed by the next user, whether a single-object waiter already blocked, a
 * single-object try, or another wait-all. Linux only: a Win32 wait-all has no steps (the kernel
 * takes every object at once), so there is nothing to stop between; {@code KilledWaiterTest} covers
 * a child killed while waiting on both platforms.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxWaitAllCrashTest {
    private static final long SECONDS = TimeUnit.SECONDS.toNanos(1);

    private String semName;
    private String eventName;
    private String mutexName;
    private LinuxSemaphore s;
    private LinuxEvent e;
    private LinuxMutex m;

    @BeforeEach
    void create() {
        semName = TestNames.unique("sem");
        eventName = TestNames.unique("evt");
        mutexName = TestNames.unique("mtx");
        s = LinuxSemaphore.create(ObjectName.of("semaphore", semName), 1, 1, false);
        e = LinuxEvent.create(ObjectName.of("event", eventName), false, true, false);
        m = LinuxMutex.create(ObjectName.of("mutex", mutexName), false);
    }

    @AfterEach
    void close() {
        s.close();
        e.close();
        m.close();
    }

    private ChildProcess stopChildAt(String step) {
        ChildProcess child = ChildProcess.startJava(LinuxWaitAllChild.class, step, semName, eventName, mutexName);
        child.awaitLine("STOPPED");
        return child;
    }

    @Test
    void aSemaphoreWaiterBlockedBehindAKilledWaitAllGetsTheUnitBack() throws Exception {
        try (ChildProcess child = stopChildAt("0")) {
            assertNotEquals(0, s.tag(), "the child's take is marked");
            assertSame(WaitStatus.TIMEOUT, s.waitFor(0), "the unit is the child's while it lives");
            CompletableFuture<WaitStatus> waiter = CompletableFuture.supplyAsync(() -> s.waitFor(30 * SECONDS));
            Thread.sleep(100);   // not for synchronisation: gives the waiter time to block before the kill
            assertFalse(waiter.isDone(), "the waiter blocks while the child lives");
            child.kill();
            assertSame(WaitStatus.SIGNALED, waiter.get(30, TimeUnit.SECONDS), "the unit came back when the child died");
        }
        assertEquals(0, s.tag());
        assertSame(WaitStatus.SIGNALED, e.waitFor(0), "the event's signal was never taken");
        assertSame(WaitStatus.SIGNALED, m.waitFor(0), "the mutex was never taken, so it is not abandoned");
        m.release();
    }

    @Test
    void aTryAfterAKilledWaitAllFindsTheUnitAndTheSignal() {
        try (ChildProcess child = stopChildAt("1")) {
            assertSame(WaitStatus.TIMEOUT, e.waitFor(0), "the signal is the child's while it lives");
            child.kill();
        }
        assertSame(WaitStatus.SIGNALED, e.waitFor(0), "the signal came back");
        assertSame(WaitStatus.SIGNALED, s.waitFor(0), "the unit came back");
        assertSame(WaitStatus.SIGNALED, m.waitFor(0));
        m.release();
    }

    @Test
    void anotherWaitAllAfterAKilledOneTakesEverything() {
        try (ChildProcess child = stopChildAt("1")) {
            child.kill();
        }
        assertEquals(0, WaitMultiple.waitAll(List.of(s, e, m), 10 * SECONDS));
        assertEquals(0, s.tag());
        assertEquals(0, e.tag());
        m.release();
        assertSame(WaitStatus.TIMEOUT, s.waitFor(0), "taken once, by this wait-all");
        assertSame(WaitStatus.TIMEOUT, e.waitFor(0));
    }

    @Test
    void aWaitAllKilledAfterTakingTheMutexGivesBackTheRestAndAbandonsTheMutex() {
        try (ChildProcess child = stopChildAt("2")) {
            child.kill();
        }
        assertSame(WaitStatus.SIGNALED, s.waitFor(0));
        assertSame(WaitStatus.SIGNALED, e.waitFor(0));
        assertSame(WaitStatus.ABANDONED, m.waitFor(0),
                "the kernel abandons a mutex whose owner dies, even inside a wait-all (documented)");
        m.release();
    }

    @Test
    void aWaitAllKilledAfterItsCommitKeepsItsTakes() {
        try (ChildProcess child = stopChildAt("committed")) {
            child.kill();
        }
        assertSame(WaitStatus.TIMEOUT, s.waitFor(0), "the dead wait-all had taken everything: the unit stays taken");
        assertEquals(0, s.tag(), "the replay cleared the mark");
        assertSame(WaitStatus.TIMEOUT, e.waitFor(0));
        assertEquals(0, e.tag());
        assertSame(WaitStatus.ABANDONED, m.waitFor(0));
        m.release();
    }
}
