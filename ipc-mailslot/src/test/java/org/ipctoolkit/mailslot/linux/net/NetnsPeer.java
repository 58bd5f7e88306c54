package org.ipctoolkit.mailslot.linux.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotReader;
import org.ipctoolkit.mailslot.MailslotServer;

/**
 * The Java process on each side of {@link NetnsMailslotTest}, run inside a network namespace, through
 * the public API only.
 * <ul>
 *   <li>{@code receive PORT PATH}: a {@link MailslotServer} of that path that also receives from the
 *       network on the port; prints {@code READY}, then {@code GOT <hex>} for each message its reader
 *       thread delivers; {@code quit} on standard input closes it and prints {@code CLOSED malformed=N}.</li>
 *   <li>{@code send NAME HEX [NAME HEX...]}: a {@link MailslotClient} of each name sends its message,
 *       and {@code SENT NAME} is printed after each.</li>
 * </ul>
 */
public final class NetnsPeer {
    private NetnsPeer() {
    }

    /**
     * Runs one side.
     *
     * @param args see the class description
     * @throws Exception if the side fails (the test sees its output)
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("receive")) {
            MailslotServer server = MailslotServer.create(args[2], 0, MailslotServer.WAIT_FOREVER,
                    MailslotServer.Options.receiveFromNetwork(Integer.parseInt(args[1])));
            MailslotReader reader = server.listen(data -> System.out.println("GOT " + HexFormat.of().formatHex(data)));
            System.out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                // wait for quit
            }
            long malformed = server.malformedDatagrams();
            reader.close();
            server.close();
            System.out.println("CLOSED malformed=" + malformed);
        } else {
            for (int i = 1; i + 1 < args.length; i += 2) {
                byte[] data = HexFormat.of().parseHex(args[i + 1]);
                try (MailslotClient client = MailslotClient.open(args[i])) {
                    client.send(data);
                }
                System.out.println("SENT " + args[i]);
            }
        }
    }
}
