package org.ipctoolkit.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Object names no other test, run or process uses: plain names, the same on every platform. */
public final class TestNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    /**
     * @param prefix what the name is for, letters and digits
     * @return a unique plain name such as {@code ipctest-shm-1234-7-k3f9}
     */
    public static String unique(String prefix) {
        return "ipctest-" + prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }
}
