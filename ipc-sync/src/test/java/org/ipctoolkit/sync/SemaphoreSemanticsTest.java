package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** Semaphore counts, release(n) returning the previous count, and over-release changing nothing. */
class SemaphoreSemanticsTest {

    @Test
    void countsGoDownOnAcquireAndUpOnRelease() {
        try (NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 2, 3)) {
            assertTrue(s.tryAcquire());
            assertTrue(s.tryAcquire(Duration.ofMillis(5)));
            assertFalse(s.tryAcquire());
            long start = System.nanoTime();
            assertFalse(s.tryAcquire(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - start >= 20_000_000L, "returned before the timeout");
            assertEquals(0, s.release());
            assertEquals(1, s.release(2));
            for (int i = 0; i < 3; i++) {
                assertTrue(s.tryAcquire(), "unit " + i);
            }
            assertFalse(s.tryAcquire());
        }
    }

    @Test
    void overReleaseIsRefusedAndChangesNothing() {
        try (NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 1, 3)) {
            SemaphoreFullException e = assertThrows(SemaphoreFullException.class, () -> s.release(3));
            assertTrue(e.getMessage().contains(s.name()), e.getMessage());
            assertEquals(1, s.release(2), "the refused release changed the count");
            assertThrows(SemaphoreFullException.class, s::release, "at the maximum");
            for (int i = 0; i < 3; i++) {
                assertTrue(s.tryAcquire(), "unit " + i);
            }
            assertFalse(s.tryAcquire());
        }
    }

    @Test
    void anyThreadMayRelease() {
        try (NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 0, 1)) {
            assertEquals(0, (int) Threads.onNewThread(() -> s.release()));
            assertTrue(s.tryAcquire());
        }
    }

    @Test
    void openSharesTheCount() {
        String name = TestNames.unique("sem");
        try (NamedSemaphore a = NamedSemaphore.create(name, 0, 5);
             NamedSemaphore b = NamedSemaphore.createOrOpen(name, 5, 5)) {
            assertFalse(b.created());
            assertFalse(b.tryAcquire(), "the counts of createOrOpen are ignored for an existing semaphore");
            assertEquals(0, a.release(2));
            assertTrue(b.tryAcquire());
            assertEquals(1, b.release());
        }
    }
}
