package org.ipctoolkit.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceGuardTest {

    @Test
    void releasesOnceAndThenRefusesUse() {
        AtomicInteger releases = new AtomicInteger();
        ResourceGuard guard = new ResourceGuard(new Object(), "thing \"x\"", releases::incrementAndGet);
        guard.ensureOpen();
        guard.close();
        guard.close();
        assertEquals(1, releases.get());
        assertTrue(guard.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, guard::ensureOpen);
        assertEquals("thing \"x\" is closed", e.getMessage());
    }

    @Test
    void aFailingReleaseReachesTheCallerOfClose() {
        ResourceGuard guard = new ResourceGuard(new Object(), "thing", () -> {
            throw new IpcException("thing", "x", "CloseHandle", null, "broken");
        });
        assertThrows(IpcException.class, guard::close);
        assertTrue(guard.isClosed());
    }

    @Test
    void anOwnerThatIsNeverClosedIsReleasedWhenCollected() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        holdGuardForAnOwnerThatBecomesGarbage(released);
        for (int i = 0; i < 50 && released.getCount() > 0; i++) {
            System.gc();
            released.await(100, TimeUnit.MILLISECONDS);
        }
        assertEquals(0, released.getCount(), "the Cleaner released the forgotten resource");
    }

    @Test
    void withTwoActionsCloseRunsAtOnceAndReclaimWhenTheOwnerAndTiedObjectsAreCollected()
            throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch reclaimed = new CountDownLatch(1);
        Object[] tied = new Object[1];
        ResourceGuard guard = guardWithTwoActions(calls, reclaimed, tied);
        guard.close();
        guard.close();
        assertEquals(List.of("close"), calls);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertFalse(reclaimed.await(100, TimeUnit.MILLISECONDS), "a tied object is still reachable");
        tied[0] = null;
        awaitGc(reclaimed);
        assertEquals(List.of("close", "reclaim closed=true on " + ResourceGuard.CLEANER_THREAD_NAME), calls);
    }

    @Test
    void withTwoActionsAForgottenOwnerIsReclaimedAsNotClosed() throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch reclaimed = new CountDownLatch(1);
        guardWithTwoActions(calls, reclaimed, new Object[1]);
        awaitGc(reclaimed);
        assertEquals(List.of("reclaim closed=false on " + ResourceGuard.CLEANER_THREAD_NAME), calls);
    }

    /** A guard whose owner is unreachable at once; {@code tied[0]} gets an object tied to it. */
    private static ResourceGuard guardWithTwoActions(List<String> calls, CountDownLatch reclaimed, Object[] tied) {
        ResourceGuard guard = new ResourceGuard(new Object(), "two-action thing", () -> calls.add("close"),
                closed -> {
                    calls.add("reclaim closed=" + closed + " on " + Thread.currentThread().getName());
                    reclaimed.countDown();
                });
        tied[0] = new Object();
        guard.tie(tied[0]);
        return guard;
    }

    private static void awaitGc(CountDownLatch latch) throws InterruptedException {
        for (int i = 0; i < 100 && latch.getCount() > 0; i++) {
            System.gc();
            latch.await(100, TimeUnit.MILLISECONDS);
        }
        assertEquals(0, latch.getCount(), "the Cleaner ran the action");
    }

    private static void holdGuardForAnOwnerThatBecomesGarbage(CountDownLatch released) {
        Object owner = new Object();
        new ResourceGuard(owner, "forgotten thing", released::countDown);
    }
}
