package org.ipctoolkit.sync.linux;

import java.util.List;
import org.ipctoolkit.core.ObjectName;

/**
 * A child process for {@link LinuxWaitAllCrashTest}: opens a semaphore, an auto-reset event and a
 * mutex, and waits for all three; at the given step of the take phase (an index, or
 * {@code committed}) it prints {@code STOPPED} and stays there until it is killed.
 */
public final class LinuxWaitAllChild {
    private LinuxWaitAllChild() {
    }

    /**
     * @param args the step ({@code 0}, {@code 1}, {@code 2} or {@code committed}), the semaphore,
     *             the event and the mutex names
     */
    public static void main(String[] args) throws Exception {
        int stopAt = args[0].equals("committed") ? WaitMultiple.COMMITTED_STEP : Integer.parseInt(args[0]);
        LinuxSemaphore s = LinuxSemaphore.open(ObjectName.of("semaphore", args[1]));
        LinuxEvent e = LinuxEvent.open(ObjectName.of("event", args[2]));
        LinuxMutex m = LinuxMutex.open(ObjectName.of("mutex", args[3]));
        WaitMultiple.stepHookForTests = step -> {
            if (step == stopAt) {
                System.out.println("STOPPED");
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        System.out.println("WAITING");
        WaitMultiple.waitAll(List.of(s, e, m), -1);
        System.out.println("RETURNED");
    }
}
