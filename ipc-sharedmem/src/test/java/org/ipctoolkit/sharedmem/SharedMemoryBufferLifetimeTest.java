package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ResourceGuard;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Buffers that outlive their {@code SharedMemory}: dropped without close (the buffer must keep the
 * hold), or used after close (harmless, and never reaching a new object of the same name). Runs on
 * every backend.
 */
class SharedMemoryBufferLifetimeTest {
    private static final Duration GC_WAIT = Duration.ofSeconds(20);

    /** A buffer taken from an object that was then dropped, and a weak reference to that object. */
    private static final class Dropped {
        final ByteBuffer buffer;
        final WeakReference<SharedMemory> object;

        Dropped(ByteBuffer buffer, WeakReference<SharedMemory> object) {
            this.buffer = buffer;
            this.object = object;
        }
    }

    private static Dropped createWriteAndDrop(String name) {
        SharedMemory shm = SharedMemory.createOrOpen(name, 4096);
        assertTrue(shm.created());
        ByteBuffer b = shm.buffer();
        b.put(0, (byte) 0x5a);
        return new Dropped(b, new WeakReference<>(shm));
    }

    private static Dropped sliceAndDrop(String name) {
        SharedMemory shm = SharedMemory.create(name, 64);
        return new Dropped(shm.slice(16, 8), new WeakReference<>(shm));
    }

    /** Collects garbage until {@code ref} is cleared, then lets the library's Cleaner run once more. */
    private static void collect(WeakReference<?> ref) throws InterruptedException {
        long deadline = System.nanoTime() + GC_WAIT.toNanos();
        while (ref.get() != null) {
            assertTrue(System.nanoTime() < deadline, "not collected within " + GC_WAIT);
            System.gc();
            Thread.onSpinWait();
        }
        awaitCleanerPass();
    }

    /**
     * Waits until the library's one Cleaner has handled a sentinel collected after everything that
     * was pending: whatever the safety net would do to what was collected before has been done.
     */
    private static void awaitCleanerPass() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        registerSentinel(ran);
        long deadline = System.nanoTime() + GC_WAIT.toNanos();
        while (!ran.await(20, TimeUnit.MILLISECONDS)) {
            assertTrue(System.nanoTime() < deadline, "the Cleaner did not run within " + GC_WAIT);
            System.gc();
        }
    }

    private static void registerSentinel(CountDownLatch ran) {
        new ResourceGuard(new Object(), "test sentinel (ignore this warning)", ran::countDown);
    }

    @Test
    void aReachableBufferKeepsADroppedObjectHeldAndItsNameNamesTheSameMemory() throws InterruptedException {
        String name = TestNames.unique("dropped");
        Dropped dropped = createWriteAndDrop(name);
        collect(dropped.object);

        ByteBuffer b = dropped.buffer;
        b.putInt(8, 0x01020304);
        try (SharedMemory again = SharedMemory.createOrOpen(name, 4096)) {
            assertFalse(again.created(), "the buffer's object still has the name: no second, zeroed object");
            assertEquals(0x5a, again.buffer().get(0), "written before the drop");
            assertEquals(0x01020304, again.buffer().getInt(8), "written after the drop");
            again.buffer().put(100, (byte) 7);
            assertEquals(7, b.get(100), "one memory, seen both ways");
        }
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "open", name)) {
            child.awaitLine("READY");
            child.send("read 8 4");
            assertEquals("DATA 04030201", child.awaitLine("DATA"), "another process sees the buffer's bytes");
            child.send("exit");
            child.assertSucceeds();
        }
        b.put(200, (byte) 1);

        // Once the buffer goes too, the safety net gives the object up: the name goes with it.
        WeakReference<ByteBuffer> buffer = new WeakReference<>(b);
        b = null;
        dropped = null;
        collect(buffer);
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
        ShmTraces.assertGone(name);
    }

    @Test
    void aSliceAlsoKeepsADroppedObjectHeld() throws InterruptedException {
        String name = TestNames.unique("dropped");
        Dropped dropped = sliceAndDrop(name);
        collect(dropped.object);
        ByteBuffer slice = dropped.buffer;
        dropped = null;
        slice.putLong(0, 42);
        try (SharedMemory again = SharedMemory.open(name)) {
            assertEquals(42, again.buffer().getLong(16));
        }
        WeakReference<ByteBuffer> gone = new WeakReference<>(slice);
        slice = null;
        collect(gone);
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void aBufferUsedAfterCloseWorksAndNeverReachesANewObjectOfTheSameName() {
        String name = TestNames.unique("stale");
        SharedMemory first = SharedMemory.create(name, 8192);
        ByteBuffer stale = first.buffer();
        ByteBuffer staleSlice = first.slice(4096, 4096);
        stale.put(1, (byte) 9);
        first.close();
        assertThrows(IllegalStateException.class, first::buffer);

        // Every byte can still be read and written, without crashing the JVM.
        for (int i = 0; i < stale.capacity(); i++) {
            stale.put(i, (byte) (stale.get(i) + 1));
        }
        staleSlice.putInt(0, 0x66666666);
        try (SharedMemory second = SharedMemory.create(name, 8192)) {
            assertTrue(second.created(), "the closed object's name was free again");
            ByteBuffer fresh = second.buffer();
            fresh.put(2, (byte) 7);
            stale.put(3, (byte) 0x55);
            staleSlice.put(8, (byte) 0x44);
            for (int i = 0; i < fresh.capacity(); i++) {
                assertEquals(i == 2 ? 7 : 0, fresh.get(i), "byte " + i + " of the new object");
            }
            assertNotEquals(7, stale.get(2), "the stale buffer does not see the new object either");
        }
    }

    @Test
    void aReadOnlyBufferUsedAfterCloseStaysReadOnlyAndReadable() {
        String name = TestNames.unique("stale");
        try (SharedMemory writer = SharedMemory.create(name, 4096)) {
            writer.buffer().put(0, (byte) 3);
            SharedMemory reader = SharedMemory.open(name, SharedMemory.Option.READ_ONLY);
            ByteBuffer stale = reader.buffer();
            assertEquals(3, stale.get(0));
            reader.close();
            long sum = 0;
            for (int i = 0; i < stale.capacity(); i++) {
                sum += stale.get(i);
            }
            assertTrue(sum >= 0);
            assertThrows(ReadOnlyBufferException.class, () -> stale.put(0, (byte) 1));
            writer.buffer().put(1, (byte) 4);
            assertEquals(4, writer.buffer().get(1), "the writer's view is untouched by the reader's close");
        }
    }

    @Test
    void theLibraryRunsOneCleanerThread() throws InterruptedException {
        Dropped dropped = createWriteAndDrop(TestNames.unique("cleaner"));
        collect(dropped.object);
        WeakReference<ByteBuffer> buffer = new WeakReference<>(dropped.buffer);
        dropped = null;
        collect(buffer);
        List<String> cleaners = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("ipc-toolkit") && n.contains("clean")).sorted().collect(Collectors.toList());
        assertEquals(List.of(ResourceGuard.CLEANER_THREAD_NAME), cleaners);
    }

    @Test
    void buffersAreDuplicatesWithTheirOwnPositionAndNativeOrder() {
        try (SharedMemory shm = SharedMemory.create(TestNames.unique("dup"), 64)) {
            ByteBuffer a = shm.buffer();
            a.position(10).limit(20);
            ByteBuffer b = shm.buffer();
            assertEquals(0, b.position());
            assertEquals(64, b.limit());
            assertEquals(java.nio.ByteOrder.nativeOrder(), b.order());
            ByteBuffer s = shm.slice(60, 4);
            assertEquals(java.nio.ByteOrder.nativeOrder(), s.order());
            assertEquals(0, s.position());
            assertEquals(4, s.capacity());
            s.putInt(0, 0x0a0b0c0d);
            assertEquals(0x0a0b0c0d, b.getInt(60));
        }
    }
}
