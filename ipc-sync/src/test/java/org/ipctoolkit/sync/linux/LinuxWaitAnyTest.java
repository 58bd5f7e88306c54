package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Linux wait-any ({@code futex_waitv}) over a mutex, a semaphore and an event: which one fired,
 * timeouts of 0 and a few milliseconds, and an abandoned mutex in the set. Linux only: it drives the
 * backend directly (the API tests cover both platforms).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxWaitAnyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static ObjectName name(String kind) {
        return ObjectName.of(kind, TestNames.unique(kind.substring(0, 3)));
    }

    @Test
    void mixedSetReportsTheOneThatFiredAndAnAbandonedMutex() throws Exception {
        SyncBackends backends = LinuxSyncBackends.load();   // here, not in a static field: never on Windows
        ObjectName mn = name("mutex");
        LinuxMutex m = LinuxMutex.create(mn, false);
        LinuxSemaphore s = LinuxSemaphore.create(name("semaphore"), 0, 1, false);
        LinuxEvent e = LinuxEvent.create(name("event"), false, false, false);
        try {
            CountDownLatch owned = new CountDownLatch(1);
            CountDownLatch end = new CountDownLatch(1);
            Thread owner = new Thread(() -> {
                m.waitFor(0);
                owned.countDown();
                try {
                    end.await();
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }, "owner");
            owner.start();
            assertTrue(owned.await(10, TimeUnit.SECONDS));
            assertEquals(SyncBackends.TIMEOUT, backends.waitAny(List.of(m, s, e), 0));
            long t0 = System.nanoTime();
            assertEquals(SyncBackends.TIMEOUT, backends.waitAny(List.of(m, s, e), 5 * MS));
            assertTrue(System.nanoTime() - t0 >= 5 * MS, "never wakes early");

            CompletableFuture<Integer> any = CompletableFuture.supplyAsync(() -> backends.waitAny(List.of(m, s, e), 20_000 * MS));
            e.set();
            assertEquals(2, any.get(20, TimeUnit.SECONDS));
            assertEquals(WaitStatus.TIMEOUT, e.waitFor(0), "the auto-reset event was taken");

            any = CompletableFuture.supplyAsync(() -> backends.waitAny(List.of(m, s, e), 20_000 * MS));
            s.release(1);
            assertEquals(1, any.get(20, TimeUnit.SECONDS));

            // The owner ends holding the mutex: the waiter blocked in futex_waitv gets it, abandoned.
            any = CompletableFuture.supplyAsync(() -> {
                int r = backends.waitAny(List.of(m, s, e), 20_000 * MS);
                m.release();
                return r;
            });
            long until = System.nanoTime() + 10_000 * MS;
            while ((m.state() & Futex.FUTEX_WAITERS) == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            end.countDown();
            assertEquals(SyncBackends.ABANDONED_0, any.get(20, TimeUnit.SECONDS));
        } finally {
            m.close();
            s.close();
            e.close();
        }
    }
}
