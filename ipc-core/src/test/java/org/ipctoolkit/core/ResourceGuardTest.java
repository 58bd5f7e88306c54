package org.ipctoolkit.core;

import static org.junit.jupiter.api.Assertions.*;

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

    private static void holdGuardForAnOwnerThatBecomesGarbage(CountDownLatch released) {
        Object owner = new Object();
        new ResourceGuard(owner, "forgotten thing", released::countDown);
    }
}
