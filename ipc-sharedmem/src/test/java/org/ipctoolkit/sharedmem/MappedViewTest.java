package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rule that keeps buffers off unmapped memory, on plain native memory standing in for a view. */
class MappedViewTest {
    private final Memory memory = new Memory(64);
    private final AtomicInteger unmaps = new AtomicInteger();
    private final MappedView view = new MappedView("test view", memory, 64, false, address -> unmaps.incrementAndGet());

    @Test
    void onceTheOwnerReleasedAnIdleViewItIsUnmappedAndHandsOutNoBuffer() {
        view.release();
        assertEquals(1, unmaps.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.buffer(0, 8),
                "a buffer now would point at unmapped memory");
        assertEquals("test view is closed", e.getMessage());
        assertEquals(1, unmaps.get());
    }

    @Test
    void aLiveBufferKeepsTheViewMappedUntilItIsCollected() throws InterruptedException {
        takeAndDropABuffer();
        view.release();
        for (int i = 0; i < 100 && unmaps.get() == 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, unmaps.get(), "unmapped once the owner released it and the buffer was collected");
    }

    @Test
    void theViewStaysMappedWhileABufferIsReachable() {
        ByteBuffer held = view.buffer(0, 64);
        view.release();
        System.gc();
        held.put(0, (byte) 1);
        assertEquals(0, unmaps.get());
        assertEquals(1, memory.getByte(0));
    }

    private void takeAndDropABuffer() {
        view.buffer(8, 8).put(0, (byte) 3);
    }
}
