package org.ipctoolkit.clipboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

/**
 * Change notification, on both platforms: a listener is called once per change, on its own thread,
 * for changes made here and by another process; the sequence number moves with each change; a
 * listener that throws keeps listening; a closed watch is not called again.
 */
class ClipboardListenerTest {
    private static final Clipboard CLIPBOARD = Clipboard.system();

    @Test
    void aListenerIsCalledOncePerChange() throws Exception {
        BlockingQueue<Long> calls = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ClipboardWatch watch = CLIPBOARD.addListener(seq -> {
            threads.add(Thread.currentThread().getName());
            calls.add(seq);
            if (calls.size() == 2) {
                throw new IllegalStateException("test: a listener that throws keeps listening");
            }
        })) {
            long before = CLIPBOARD.sequenceNumber();
            CLIPBOARD.setText("change 1");
            CLIPBOARD.setText("change 2");
            try (ChildProcess other = ChildProcess.startJava(ClipboardPeer.class, "set-text", ClipboardPeer.hex("change 3"))) {
                other.awaitLine("SET");
                // the marker: a last change here, after which exactly one call per change must have come
                for (int i = 1; i <= 3; i++) {
                    assertTrue(calls.poll(10, TimeUnit.SECONDS) != null, "call " + i);
                }
                CLIPBOARD.setText("change 4");
                Long last = calls.poll(10, TimeUnit.SECONDS);
                assertEquals(CLIPBOARD.sequenceNumber(), last, "the 4th call is the 4th change, none came in between");
                assertTrue(calls.isEmpty(), "no extra call: " + calls);
                other.send("");
                other.waitFor(Duration.ofSeconds(30));
            }
            assertNotEquals(before, CLIPBOARD.sequenceNumber());
            assertTrue(threads.stream().allMatch(watch.threadName()::equals), threads.toString());
        }
        CLIPBOARD.setText("after close");
        assertEquals(null, calls.poll(300, TimeUnit.MILLISECONDS), "a closed watch is not called");
    }
}
