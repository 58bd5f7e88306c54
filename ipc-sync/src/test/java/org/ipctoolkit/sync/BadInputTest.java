package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.core.IpcAlreadyExistsException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcIncompatibleObjectException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Arguments refused before any native call, names of the wrong kind, and the create/open/close rules. */
class BadInputTest {

    private static void refused(Executable call, String part) {
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
    }

    @Test
    void invalidNames() {
        refused(() -> NamedMutex.create(""), "empty");
        refused(() -> NamedEvent.create("a\\b", false, false), "backslash");
        refused(() -> NamedSemaphore.open("x".repeat(261)), "characters");
        refused(() -> NamedMutex.open("Local\\"), "namespace");
        assertThrows(NullPointerException.class, () -> NamedMutex.create(null));
    }

    @Test
    void negativeTimeouts() {
        try (NamedMutex m = NamedMutex.create(TestNames.unique("mutex"));
             NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, false);
             NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 1, 1)) {
            Duration minus = Duration.ofMillis(-1);
            refused(() -> m.tryAcquire(minus), "negative");
            refused(() -> e.await(minus), "negative");
            refused(() -> s.tryAcquire(minus), "negative");
            refused(() -> WaitHandles.waitAny(minus, e), "negative");
            refused(() -> WaitHandles.waitAll(minus, e), "negative");
            assertTrue(s.tryAcquire(), "nothing was taken by the refused call");
        }
    }

    @Test
    void semaphoreCounts() {
        refused(() -> NamedSemaphore.create(TestNames.unique("sem"), 2, 1), "maximum");
        refused(() -> NamedSemaphore.create(TestNames.unique("sem"), 0, 0), "maximum");
        refused(() -> NamedSemaphore.create(TestNames.unique("sem"), -1, 3), "initial");
        refused(() -> NamedSemaphore.createOrOpen(TestNames.unique("sem"), 4, 3), "maximum");
        try (NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 0, 3)) {
            refused(() -> s.release(0), "at least 1");
            refused(() -> s.release(-2), "at least 1");
        }
    }

    @Test
    void waitListSizesAndDuplicates() {
        refused(() -> WaitHandles.waitAny(Duration.ZERO), "1 to 64");
        refused(() -> WaitHandles.waitAll(Duration.ZERO), "1 to 64");
        try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), true, true)) {
            NamedEvent[] many = new NamedEvent[65];
            java.util.Arrays.fill(many, e);
            refused(() -> WaitHandles.waitAny(Duration.ZERO, many), "1 to 64");
            refused(() -> WaitHandles.waitAll(Duration.ZERO, e, e), "once");
            // waitAny takes the same object twice, as WaitForMultipleObjects(bWaitAll = FALSE) does.
            assertTrue(WaitHandles.waitAny(Duration.ZERO, e, e).acquired());
        }
    }

    @Test
    void twoHoldsOfTheSameObjectInWaitAllAreRefused() {
        String name = TestNames.unique("event");
        try (NamedEvent a = NamedEvent.create(name, true, true); NamedEvent b = NamedEvent.open(name);
             NamedEvent c = NamedEvent.open("Local\\" + name)) {
            refused(() -> WaitHandles.waitAll(Duration.ZERO, a, b), "same name");
            refused(() -> WaitHandles.waitAll(Duration.ZERO, c, a), "same name");
            assertTrue(WaitHandles.waitAny(Duration.ZERO, a, b).acquired());
        }
    }

    @Test
    void aNameHeldByAnotherKind() {
        String name = TestNames.unique("kind");
        try (NamedMutex m = NamedMutex.create(name)) {
            assertTrue(m.created());
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedEvent.create(name, false, false));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedEvent.createOrOpen(name, false, false));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedEvent.open(name));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedSemaphore.create(name, 0, 1));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedSemaphore.open(name));
        }
        String other = TestNames.unique("kind");
        try (NamedSemaphore s = NamedSemaphore.create(other, 0, 1)) {
            assertTrue(s.created());
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedMutex.createOrOpen(other, false));
            assertThrows(IpcIncompatibleObjectException.class, () -> NamedMutex.open(other));
        }
    }

    @Test
    void createOpenAndCreateOrOpen() {
        String name = TestNames.unique("mutex");
        assertThrows(IpcNotFoundException.class, () -> NamedMutex.open(name));
        assertThrows(IpcNotFoundException.class, () -> NamedEvent.open(name));
        assertThrows(IpcNotFoundException.class, () -> NamedSemaphore.open(name));
        try (NamedMutex m = NamedMutex.create(name)) {
            assertTrue(m.created());
            IpcException e = assertThrows(IpcAlreadyExistsException.class, () -> NamedMutex.create(name));
            assertTrue(e.getMessage().contains(name), e.getMessage());
            try (NamedMutex o = NamedMutex.open(name); NamedMutex c = NamedMutex.createOrOpen(name, false)) {
                assertFalse(o.created());
                assertFalse(c.created());
            }
        }
        // The last holder closed it: the name is gone (Win32 lifetime).
        assertThrows(IpcNotFoundException.class, () -> NamedMutex.open(name));
    }

    @Test
    void useAfterCloseAndCloseTwice() {
        NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, false);
        NamedSemaphore s = NamedSemaphore.create(TestNames.unique("sem"), 0, 1);
        NamedMutex m = NamedMutex.create(TestNames.unique("mutex"));
        e.close();
        s.close();
        m.close();
        assertDoesNotThrow(e::close);
        assertThrows(IllegalStateException.class, e::set);
        assertThrows(IllegalStateException.class, () -> e.await(Duration.ZERO));
        assertThrows(IllegalStateException.class, s::release);
        assertThrows(IllegalStateException.class, m::acquire);
        assertThrows(IllegalStateException.class, () -> WaitHandles.waitAny(Duration.ZERO, e));
        assertThrows(IllegalStateException.class, () -> EventWatcher.start(e, ev -> { }));
    }
}
