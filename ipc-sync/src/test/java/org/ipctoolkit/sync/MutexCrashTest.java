package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** A child process that owns the mutex is killed: the parent (which holds a handle) gets it abandoned. */
class MutexCrashTest {

    @Test
    void aKilledOwnerAbandonsTheMutex() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name);
             ChildProcess child = ChildProcess.startJava(SyncPeer.class, "hold-mutex", name)) {
            child.awaitLine("OWNED");
            assertSame(WaitResult.TIMEOUT, m.tryAcquire(Duration.ofMillis(10)), "the child owns it");
            child.kill();
            assertSame(WaitResult.ABANDONED, m.tryAcquire(Duration.ofSeconds(10)));
            m.release();
            assertSame(WaitResult.SIGNALED, m.tryAcquire(), "abandonment is reported once");
            m.release();
        }
    }

    @Test
    void acquireThrowsAfterOwnershipWasGranted() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name);
             ChildProcess child = ChildProcess.startJava(SyncPeer.class, "hold-mutex", name)) {
            child.awaitLine("OWNED");
            child.kill();
            assertThrows(AbandonedMutexException.class, m::acquire);
            m.release(); // owned: the exception came after ownership was granted
        }
    }

    @Test
    void aWaiterBlockedWhenTheOwnerDiesIsWoken() {
        String name = TestNames.unique("mutex");
        String shmName = TestNames.unique("shm");
        try (NamedMutex m = NamedMutex.create(name);
             SharedMemory shm = SharedMemory.create(shmName, 4);
             ChildProcess child = ChildProcess.startJava(SyncPeer.class, "hold-mutex", name)) {
            child.awaitLine("OWNED");
            ByteBuffer data = shm.buffer();
            data.putInt(0, 7);
            Thread killer = new Thread(child::kill, "killer");
            killer.start();
            WaitResult r = m.tryAcquire(Duration.ofSeconds(30)); // blocked until the kill
            assertSame(WaitResult.ABANDONED, r);
            assertEquals(7, data.getInt(0), "the guarded data can be checked");
            m.release();
            killer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aReleasingOwnerDoesNotAbandon() {
        String name = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(name);
             ChildProcess child = ChildProcess.startJava(SyncPeer.class, "hold-mutex", name)) {
            child.awaitLine("OWNED");
            child.send("release");
            child.awaitLine("RELEASED");
            child.assertSucceeds();
            assertSame(WaitResult.SIGNALED, m.tryAcquire(Duration.ofSeconds(10)));
            m.release();
        }
    }
}
