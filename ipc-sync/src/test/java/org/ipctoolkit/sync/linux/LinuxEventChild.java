package org.ipctoolkit.sync.linux;

import org.ipctoolkit.core.ObjectName;

/** A child process for {@link LinuxEventSemaphoreTest}: opens the event named by its argument and sets it. */
public final class LinuxEventChild {
    private LinuxEventChild() {
    }

    /**
     * @param args the event name
     */
    public static void main(String[] args) {
        LinuxEvent e = LinuxEvent.open(ObjectName.of("event", args[0]));
        System.out.println("READY");
        e.set();
        e.close();
    }
}
