package org.ipctoolkit.sync;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a call on a new thread (a thread of its own, since mutex ownership is per thread) and returns its result. */
final class Threads {
    private Threads() {
    }

    static <T> T onNewThread(Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread t = new Thread(task, "sync-test-helper");
        t.setDaemon(true);
        t.start();
        try {
            T result = task.get(60, TimeUnit.SECONDS);
            t.join(60_000);
            return result;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new AssertionError(c);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the helper thread did not finish", e);
        }
    }

    static void onNewThread(Runnable call) {
        onNewThread(() -> {
            call.run();
            return null;
        });
    }
}
