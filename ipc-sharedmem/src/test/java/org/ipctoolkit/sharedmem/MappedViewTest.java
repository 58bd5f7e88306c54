package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.sharedmem.backend.SharedMemoryBackend;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep buffers safe and the hold alive, on plain native memory standing in for a view:
 * the backend here only records what {@link MappedView} asks of it, in order.
 */
class MappedViewTest {

    /** Plain memory as the "object"; records the calls. */
    private static final class RecordingBackend implements SharedMemoryBackend {
        final Memory memory = new Memory(64);
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch freed = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public long size() {
            return 64;
        }

        @Override
        public boolean created() {
            return true;
        }

        @Override
        public Pointer mapView() {
            calls.add("map");
            return memory;
        }

        @Override
        public void retireView(Pointer address) {
            assertEquals(memory, address);
            calls.add("retire");
        }

        @Override
        public void freeView(Pointer address) {
            assertEquals(memory, address);
            calls.add("free");
            freed.countDown();
        }

        @Override
        public void closeObject() {
            calls.add("close");
            closed.countDown();
        }

        void awaitFreed() throws InterruptedException {
            for (int i = 0; i < 200 && !freed.await(50, TimeUnit.MILLISECONDS); i++) {
                System.gc();
            }
            assertEquals(0, freed.getCount(), "the view was freed once nothing referred to it");
            // The safety net frees the memory, then gives up the hold, on the cleaner thread.
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the hold was given up after the memory");
        }
    }

    private final RecordingBackend backend = new RecordingBackend();

    @Test
    void closeRetiresTheViewAndGivesUpTheHoldAtOnceThenFreesItWhenTheBuffersAreGone()
            throws InterruptedException {
        MappedView view = new MappedView("test view", backend, false);
        takeAndDropBuffers(view);
        view.close();
        assertEquals(List.of("map", "retire", "close"), backend.calls, "memory first, then the hold");
        IllegalStateException e = assertThrows(IllegalStateException.class, view::buffer);
        assertEquals("test view is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> view.slice(0, 1));
        assertTrue(view.isClosed());
        view.close();
        assertEquals(3, backend.calls.size(), "closing twice does nothing");
        backend.awaitFreed();
        assertEquals(List.of("map", "retire", "close", "free"), backend.calls);
    }

    @Test
    void aForgottenViewWhoseBufferIsReachableKeepsItsHold() throws InterruptedException {
        ByteBuffer held = forgetAViewButKeepABuffer(backend);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        held.put(0, (byte) 1);
        assertEquals(List.of("map"), backend.calls, "neither the memory nor the hold is given up");
        assertEquals(1, backend.memory.getByte(0));
        WeakReference<ByteBuffer> gone = new WeakReference<>(held);
        held = null;
        backend.awaitFreed();
        assertNull(gone.get());
        assertEquals(List.of("map", "free", "close"), backend.calls, "the safety net: memory, then the hold");
    }

    @Test
    void buffersAreOverTheViewInNativeOrderAndReadOnlyWhenAsked() {
        MappedView view = new MappedView("test view", backend, true);
        ByteBuffer b = view.buffer();
        assertTrue(b.isReadOnly());
        assertEquals(64, b.capacity());
        assertThrows(ReadOnlyBufferException.class, () -> b.put(0, (byte) 1));
        backend.memory.setInt(8, 0x11223344);
        assertEquals(0x11223344, b.getInt(8));
        assertEquals(0x11223344, view.slice(8, 4).getInt(0));
        assertTrue(view.slice(8, 4).isReadOnly());
        view.close();
    }

    @Test
    void slicesBeyondTheRootGetTheirOwnBufferTiedToTheHold() throws InterruptedException {
        ByteBuffer far = forgetAViewButKeepAFarSlice(backend);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        far.putInt(0, 0x55667788);
        assertEquals(0x55667788, backend.memory.getInt(40), "the far slice is over bytes 40 to 47");
        assertEquals(List.of("map"), backend.calls, "a far slice keeps the hold as a root buffer does");
        far = null;
        backend.awaitFreed();
        assertEquals(List.of("map", "free", "close"), backend.calls);
    }

    @Test
    void aWholeBufferOfAViewLargerThanTheRootIsRefused() {
        MappedView view = new MappedView("big view", backend, false, 32);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, view::buffer);
        assertTrue(e.getMessage().contains("use slice"), e.getMessage());
        assertEquals(8, view.slice(28, 8).capacity(), "a slice across the root's end");
        view.close();
    }

    private static void takeAndDropBuffers(MappedView view) {
        view.buffer().put(0, (byte) 3);
        view.slice(8, 8).put(0, (byte) 4);
    }

    private static ByteBuffer forgetAViewButKeepABuffer(RecordingBackend backend) {
        return new MappedView("forgotten view", backend, false).buffer();
    }

    private static ByteBuffer forgetAViewButKeepAFarSlice(RecordingBackend backend) {
        MappedView view = new MappedView("forgotten view", backend, false, 32);
        view.slice(0, 8);
        return view.slice(40, 8);
    }
}
