package org.ipctoolkit.copydata.linux;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.ipctoolkit.copydata.CopyDataWindow;
import org.ipctoolkit.copydata.RegisteredMessage;

/**
 * The other process of the Linux-only tests. Commands (arguments):
 * <ul>
 *   <li>{@code window CLASS TITLE}: makes a window answering {@code dwData + length}, prints
 *       {@code READY handle-in-hex}, and waits for a line on stdin (or to be killed).</li>
 *   <li>{@code register NAME}: registers a message, prints {@code ID n}, and waits for a line on stdin.</li>
 * </ul>
 */
public final class LinuxWindowPeer {
    private LinuxWindowPeer() {
    }

    /** @param args see the class description */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "window":
                try (CopyDataWindow w = CopyDataWindow.create(args[1], args[2], (s, d, b) -> d + b.length)) {
                    System.out.println("READY " + Long.toHexString(w.handle()));
                    in.readLine();
                }
                break;
            case "register":
                System.out.println("ID " + RegisteredMessage.register(args[1]).id());
                in.readLine();
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
