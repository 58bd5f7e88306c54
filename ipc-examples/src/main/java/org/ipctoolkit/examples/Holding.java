package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the tool's holding commands ({@code shm write}, {@code mutex hold}, {@code semaphore create})
 * keep an object open: for a given time or until interrupted, saying which first. Under Win32 lifetime
 * an object lives only while a process holds it, so these commands must stay alive to keep it.
 */
final class Holding {
    private Holding() {
    }

    /**
     * Prints "Holding WHAT for 30s: NOTE" (or "until interrupted (Ctrl+C)") and waits that long.
     *
     * @param out             where to print
     * @param what            what is held, as printed (a quoted name, or "it")
     * @param hold            how long, or null for until interrupted
     * @param untilInterrupted what to add after a wait until interrupted, or null
     * @param timed           what to add after a timed wait, or null
     * @throws InterruptedException if interrupted while holding
     */
    static void hold(PrintWriter out, String what, Duration hold, String untilInterrupted, String timed)
            throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        if (hold == null) {
            out.printf("Holding %s until interrupted (Ctrl+C)%s%n", what, note(untilInterrupted));
            out.flush();
            never.await();
        } else {
            out.printf("Holding %s for %s%s%n", what, describe(hold), note(timed));
            out.flush();
            never.await(hold.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static String note(String text) {
        return text == null ? "" : ": " + text;
    }

    /** @return {@code d} as the tool prints it: whole seconds as {@code 30s}, else milliseconds */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
