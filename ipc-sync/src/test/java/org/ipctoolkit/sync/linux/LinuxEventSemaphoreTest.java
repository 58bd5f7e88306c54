package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.SemaphoreFullException;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Linux event and semaphore words: how many waiters each set, pulse and release lets through,
 * counted once every waiter is asleep in the kernel (the WAITERS word says so: no sleeps in the test).
 * Linux only: it reads the backend's words (the API tests check the same semantics on both platforms).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxEventSemaphoreTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static ObjectName name(String kind) {
        return ObjectName.of(kind, TestNames.unique(kind.substring(0, 3)));
    }

    /** Starts {@code n} threads that each wait once (up to 20 s) and count a SIGNALED. */
    private static List<Thread> waiters(int n, java.util.function.LongFunction<WaitStatus> wait, AtomicInteger released) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                if (wait.apply(20_000 * MS) == WaitStatus.SIGNALED) {
                    released.incrementAndGet();
                }
            }, "waiter-" + i);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void awaitSleepers(LinuxSyncObject o, int offset, int n) {
        long until = System.nanoTime() + 10_000 * MS;
        while ((int) LinuxSyncObject.INT.getVolatile(o.body, offset) < n) {
            assertTrue(System.nanoTime() < until, "the waiters did not start waiting");
            Thread.onSpinWait();
        }
    }

    private static void awaitReleased(AtomicInteger released, int n) {
        long until = System.nanoTime() + 10_000 * MS;
        while (released.get() < n) {
            assertTrue(System.nanoTime() < until, "only " + released.get() + " of " + n + " were released");
            Thread.onSpinWait();
        }
    }

    @Test
    void autoResetReleasesOnePerSetAndPulseOneCurrentWaiter() throws Exception {
        LinuxEvent e = LinuxEvent.create(name("event"), false, false, false);
        try {
            AtomicInteger released = new AtomicInteger();
            List<Thread> ts = waiters(3, e::waitFor, released);
            awaitSleepers(e, LinuxEvent.WAITERS_OFFSET, 3);
            e.set();
            awaitReleased(released, 1);
            e.pulse();
            awaitReleased(released, 2);
            assertEquals(WaitStatus.TIMEOUT, e.waitFor(0), "set and pulse leave it non-signaled");
            e.set();
            awaitReleased(released, 3);
            for (Thread t : ts) {
                t.join(20_000);
            }
            assertEquals(3, released.get());
            e.set();
            assertEquals(WaitStatus.SIGNALED, e.waitFor(0));
            assertEquals(WaitStatus.TIMEOUT, e.waitFor(5 * MS));
        } finally {
            e.close();
        }
    }

    @Test
    void manualResetReleasesAllAndPulseLeavesItReset() throws Exception {
        LinuxEvent e = LinuxEvent.create(name("event"), true, false, false);
        try {
            AtomicInteger released = new AtomicInteger();
            List<Thread> ts = waiters(4, e::waitFor, released);
            awaitSleepers(e, LinuxEvent.WAITERS_OFFSET, 4);
            e.pulse();
            for (Thread t : ts) {
                t.join(20_000);
            }
            assertEquals(4, released.get());
            assertEquals(WaitStatus.TIMEOUT, e.waitFor(0));
            e.set();
            assertEquals(WaitStatus.SIGNALED, e.waitFor(0));
            assertEquals(WaitStatus.SIGNALED, e.waitFor(0), "manual reset stays signaled");
            e.reset();
            assertEquals(WaitStatus.TIMEOUT, e.waitFor(3 * MS));
        } finally {
            e.close();
        }
    }

    @Test
    void semaphoreCountsAndRefusesOverRelease() throws Exception {
        LinuxSemaphore s = LinuxSemaphore.create(name("semaphore"), 1, 3, false);
        try {
            assertEquals(WaitStatus.SIGNALED, s.waitFor(0));
            assertEquals(WaitStatus.TIMEOUT, s.waitFor(2 * MS));
            AtomicInteger released = new AtomicInteger();
            List<Thread> ts = waiters(3, s::waitFor, released);
            awaitSleepers(s, LinuxSemaphore.WAITERS_OFFSET, 3);
            assertEquals(0, s.release(2));
            awaitReleased(released, 2);
            assertThrows(SemaphoreFullException.class, () -> s.release(4));
            assertEquals(0, s.release(1));
            for (Thread t : ts) {
                t.join(20_000);
            }
            assertEquals(3, released.get());
            assertEquals(0, s.release(3));
            assertThrows(SemaphoreFullException.class, () -> s.release(1));
            assertEquals(3, (int) LinuxSyncObject.INT.getVolatile(s.body, LinuxSemaphore.COUNT_OFFSET), "unchanged");
        } finally {
            s.close();
        }
    }

    @Test
    void aSetInAnotherProcessWakesTheWaiterHere() throws Exception {
        ObjectName n = name("event");
        EventBackend e = new LinuxSyncBackendsAccess().createEvent(n, false, false);
        try (ChildProcess child = ChildProcess.startJava(LinuxEventChild.class, n.win32Name())) {
            child.awaitLine("READY");
            assertEquals(WaitStatus.SIGNALED, e.waitFor(20_000 * MS));
            assertEquals(0, child.waitFor(java.time.Duration.ofSeconds(30)));
        } finally {
            e.close();
        }
    }

    @Test
    void unnamedEventWorksWithinTheProcess() throws Exception {
        LinuxEvent e = LinuxEvent.unnamed(false, false);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            if (e.waitFor(20_000 * MS) == WaitStatus.SIGNALED) {
                done.countDown();
            }
        });
        t.start();
        awaitSleepers(e, LinuxEvent.WAITERS_OFFSET, 1);
        e.set();
        assertTrue(done.await(20, TimeUnit.SECONDS));
    }

    /** The backend as the API reaches it. */
    private static final class LinuxSyncBackendsAccess {
        EventBackend createEvent(ObjectName n, boolean manual, boolean initial) {
            return LinuxSyncBackends.load().createEvent(n, manual, initial);
        }
    }
}
