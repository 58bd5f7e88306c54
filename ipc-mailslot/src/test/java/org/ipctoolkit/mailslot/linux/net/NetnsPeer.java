package org.ipctoolkit.mailslot.linux.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ipctoolkit.mailslot.MailslotName;

/**
 * The Java process on each side of {@link NetnsMailslotTest}, run inside a network namespace.
 * <ul>
 *   <li>{@code receive PORT KEY}: receives the mailslot on the port, prints {@code READY}, then
 *       {@code GOT <hex>} for each message; {@code quit} on standard input closes the reception
 *       and prints {@code CLOSED malformed=N}.</li>
 *   <li>{@code send NAME HEX [NAME HEX...]}: sends each message, prints {@code SENT NAME} after each.</li>
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
            NetworkMailslots.Reception r = NetworkMailslots.receive(Integer.parseInt(args[1]), args[2],
                    data -> System.out.println("GOT " + HexFormat.of().formatHex(data)));
            System.out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                // wait for quit
            }
            long malformed = r.malformedDatagrams();
            r.close();
            System.out.println("CLOSED malformed=" + malformed);
        } else {
            for (int i = 1; i + 1 < args.length; i += 2) {
                byte[] data = HexFormat.of().parseHex(args[i + 1]);
                NetworkMailslots.send(MailslotName.parse(args[i]), data, 0, data.length);
                System.out.println("SENT " + args[i]);
            }
        }
    }
}
