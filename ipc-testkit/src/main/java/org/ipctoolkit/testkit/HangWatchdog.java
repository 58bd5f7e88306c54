package org.ipctoolkit.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns a hung test into a named failure instead of a test run that never ends. Every module's tests
 * load it (it is registered for JUnit's extension auto-detection in this jar; the parent pom and
 * scripts/test-windows switch auto-detection on).
 *
 * <p>A test still running after {@link #LIMIT} (property {@code ipctoolkit.test.hang.seconds}, default
 * 180) gets every thread's stack printed to the standard error, under a line that names it, and its
 * thread interrupted. If it still has not ended {@link #GRACE} later, the JVM halts with status
 * {@value #HALT_STATUS}: a test stuck in a native call (a Win32 wait, a blocked {@code read}) cannot be
 * interrupted, and a halted run is reported as a failed step by the scripts, with the dump above
 * showing where it hung. The normal tests take seconds, so the limit only ever meets a real hang.
 */
public final class HangWatchdog implements BeforeEachCallback, AfterEachCallback {
    /** How long one test may run before it is taken for hung. */
    public static final Duration LIMIT = Duration.ofSeconds(Long.getLong("ipctoolkit.test.hang.seconds", 180));
    /** How long a hung test has, after its interrupt, to end before the JVM halts. */
    public static final Duration GRACE = Duration.ofSeconds(30);
    /** The exit status of a JVM halted for a hung test. */
    public static final int HALT_STATUS = 86;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipctoolkit-hang-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HangWatchdog.class);

    /** Starts watching the test about to run. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Watch watch = new Watch(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName(),
                Thread.currentThread(), Instant.now());
        watch.timer = TIMER.schedule(watch::hung, LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        context.getStore(NAMESPACE).put(context.getUniqueId(), watch);
    }

    /** Stops watching the test that ended. */
    @Override
    public void afterEach(ExtensionContext context) {
        Watch watch = context.getStore(NAMESPACE).remove(context.getUniqueId(), Watch.class);
        if (watch != null) {
            watch.ended = true;
            watch.timer.cancel(false);
        }
    }

    /** One running test. */
    private static final class Watch {
        final String test;
        final Thread thread;
        final Instant started;
        volatile ScheduledFuture<?> timer;
        volatile boolean ended;

        Watch(String test, Thread thread, Instant started) {
            this.test = test;
            this.thread = thread;
            this.started = started;
        }

        void hung() {
            PrintStream err = System.err;
            err.println("HANG: " + test + " still running after " + Duration.between(started, Instant.now()).toSeconds()
                    + " s; every thread's stack follows, then the test's thread is interrupted");
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread t = e.getKey();
                err.println("\"" + t.getName() + "\"" + (t.isDaemon() ? " daemon" : "") + " " + t.getState());
                for (StackTraceElement frame : e.getValue()) {
                    err.println("\tat " + frame);
                }
            }
            err.flush();
            thread.interrupt();
            TIMER.schedule(() -> {
                if (!ended) {
                    err.println("HANG: " + test + " did not end within " + GRACE.toSeconds()
                            + " s of its interrupt: halting the JVM (status " + HALT_STATUS + ")");
                    err.flush();
                    Runtime.getRuntime().halt(HALT_STATUS);
                }
            }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
