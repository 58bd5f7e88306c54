package org.ipctoolkit.mailslot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.testkit.PeerMain;

/**
 * The other process of the cross-process mailslot tests. Commands (arguments):
 * <ul>
 *   <li>{@code send NAME SENDER COUNT}: opens a client, sends COUNT messages built by
 *       {@link #message(int, int)}, prints {@code SENT COUNT}, ends.</li>
 *   <li>{@code send-until-full NAME SIZE}: sends messages of SIZE bytes until a send fails; prints
 *       {@code STOPPED n EXCEPTION-CLASS message} (n sent successfully), ends.</li>
 *   <li>{@code serve NAME MAX}: creates a server, prints {@code READY}, then waits for a line on
 *       stdin; meant to be killed.</li>
 *   <li>{@code create NAME}: tries to create a server; prints {@code CREATED} or {@code REFUSED class}.</li>
 * </ul>
 * Any failure is printed as {@code FAILED ...} and ends it with code 1.
 */
public final class MailslotPeer {
    private MailslotPeer() {
    }

    /**
     * A test message: the sender's number (1 byte), the message's index (4 bytes, little-endian), then
     * {@code index % 61} bytes of the index's low byte, so that sizes vary and boundaries show.
     *
     * @param sender the sender's number
     * @param index  the message's index
     * @return the message
     */
    public static byte[] message(int sender, int index) {
        ByteBuffer b = ByteBuffer.allocate(5 + index % 61).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) sender).putInt(index);
        while (b.hasRemaining()) {
            b.put((byte) index);
        }
        return b.array();
    }

    /** @param args see the class description */
    public static void main(String[] args) {
        PeerMain.run(args, MailslotPeer::run);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "send": {
                int sender = Integer.parseInt(args[2]);
                int count = Integer.parseInt(args[3]);
                try (MailslotClient c = MailslotClient.open(args[1])) {
                    for (int i = 0; i < count; i++) {
                        c.send(message(sender, i));
                    }
                }
                System.out.println("SENT " + count);
                break;
            }
            case "send-until-full": {
                int size = Integer.parseInt(args[2]);
                int sent = 0;
                try (MailslotClient c = MailslotClient.open(args[1])) {
                    while (true) {
                        c.send(new byte[size]);
                        sent++;
                    }
                } catch (IpcException e) {
                    System.out.println("STOPPED " + sent + " " + e.getClass().getSimpleName() + " " + e.getMessage());
                }
                break;
            }
            case "serve": {
                try (MailslotServer s = MailslotServer.create(args[1], Integer.parseInt(args[2]), Duration.ZERO)) {
                    System.out.println("READY");
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    s.info();
                }
                break;
            }
            case "create": {
                try (MailslotServer s = MailslotServer.create(args[1], 0, Duration.ZERO)) {
                    System.out.println("CREATED");
                } catch (IpcException e) {
                    System.out.println("REFUSED " + e.getClass().getSimpleName());
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
