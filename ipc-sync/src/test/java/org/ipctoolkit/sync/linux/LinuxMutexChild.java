package org.ipctoolkit.sync.linux;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.ipctoolkit.core.ObjectName;

/**
 * A child process for {@link LinuxMutexTest}: opens the mutex named by its argument, acquires it,
 * prints {@code OWNED} and waits on standard input (the test kills it there, or sends a line to make
 * it release and exit).
 */
public final class LinuxMutexChild {
    private LinuxMutexChild() {
    }

    /**
     * @param args the mutex name
     * @throws Exception on any failure (the test sees the output)
     */
    public static void main(String[] args) throws Exception {
        LinuxMutex m = LinuxMutex.open(ObjectName.of("mutex", args[0]));
        System.out.println("ACQUIRED " + m.waitFor(LinuxMutex.INFINITE));
        System.out.println("OWNED");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        m.release();
        m.close();
        System.out.println("RELEASED");
    }
}
