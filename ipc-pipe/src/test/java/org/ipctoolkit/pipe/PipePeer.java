package org.ipctoolkit.pipe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.ipctoolkit.testkit.PeerMain;

/**
 * The other process of the cross-process pipe tests. Commands:
 * <ul>
 *   <li>{@code serve NAME}: a message server whose listener answers each message {@code m} with
 *       {@code "re:" + m}; prints {@code READY}, serves until a line arrives on stdin.</li>
 *   <li>{@code client NAME ID COUNT}: connects (message reads), transacts COUNT messages
 *       {@code "ID:i"} and checks each answer; prints {@code DONE}.</li>
 *   <li>{@code hold NAME}: connects, prints {@code CONNECTED}, then reads until the end; prints
 *       {@code END} (or {@code ERROR ...}).</li>
 * </ul>
 */
public final class PipePeer {
    private PipePeer() {
    }

    /** @param args see the class description */
    public static void main(String[] args) {
        PeerMain.run(args, PipePeer::run);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "serve":
                try (NamedPipeServer s = NamedPipeServer.create(args[1], NamedPipeServer.Options.DEFAULT.mode(PipeMode.MESSAGE));
                     PipeListener l = s.listen(c -> {
                         byte[] m;
                         while ((m = c.readMessage()) != null) {
                             byte[] reply = Arrays.copyOf("re:".getBytes(StandardCharsets.UTF_8), 3 + m.length);
                             System.arraycopy(m, 0, reply, 3, m.length);
                             c.writeMessage(reply);
                         }
                     })) {
                    System.out.println("READY");
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                break;
            case "client": {
                int count = Integer.parseInt(args[3]);
                try (PipeConnection c = NamedPipeClient.connect(args[1], Duration.ofSeconds(30), PipeMode.MESSAGE, PipeDirection.DUPLEX)) {
                    for (int i = 0; i < count; i++) {
                        String m = args[2] + ":" + i;
                        String r = new String(c.transact(m.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                        if (!r.equals("re:" + m)) {
                            throw new AssertionError("sent " + m + ", got " + r);
                        }
                    }
                }
                System.out.println("DONE");
                break;
            }
            case "hold":
                try (PipeConnection c = NamedPipeClient.connect(args[1], Duration.ofSeconds(30))) {
                    System.out.println("CONNECTED");
                    try {
                        while (c.inputStream().read() >= 0) {
                            // reads until the end
                        }
                        System.out.println("END");
                    } catch (java.io.IOException e) {
                        System.out.println("ERROR " + e.getMessage());
                    }
                }
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
