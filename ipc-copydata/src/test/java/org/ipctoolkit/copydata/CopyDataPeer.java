package org.ipctoolkit.copydata;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.ipctoolkit.testkit.PeerMain;

/**
 * The other process of the cross-process copydata tests. Commands (arguments):
 * <ul>
 *   <li>{@code window CLASS TITLE KIND [MESSAGE]}: a window ({@code KIND} {@code message-only} or
 *       {@code top-level}) whose handler answers {@link #answer}, checks that each sender's sequence
 *       numbers ({@link #request}) increase (else prints {@code ORDER-BROKEN}), prints
 *       {@code IN-HANDLER} and blocks for a {@code dwData} of 99; with {@code MESSAGE}, it listens to
 *       that registered message, prints {@code GOT wParam lParam} and answers {@code wParam + lParam}.
 *       Prints {@code READY handle}, then serves until a line arrives on stdin (or it is killed).</li>
 *   <li>{@code send CLASS TITLE SENDER COUNT}: sends COUNT requests, checks each answer, prints
 *       {@code SENT COUNT}.</li>
 *   <li>{@code size CLASS TITLE BYTES}: sends one payload of that size, checks the answer, prints {@code SENT}.</li>
 *   <li>{@code register NAME}: prints {@code ID n}.</li>
 * </ul>
 * Any failure is printed as {@code FAILED ...} and ends it with code 1.
 */
public final class CopyDataPeer {
    private CopyDataPeer() {
    }

    /**
     * A request: the sender's number and its sequence number (4 bytes each, little-endian), then
     * {@code seq % 50} filler bytes, so that sizes vary.
     */
    static byte[] request(int sender, int seq) {
        ByteBuffer b = ByteBuffer.allocate(8 + seq % 50).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(sender).putInt(seq);
        while (b.hasRemaining()) {
            b.put((byte) seq);
        }
        return b.array();
    }

    /** A payload of {@code n} bytes that a lost or shifted byte changes the answer of. */
    static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 13));
        }
        return b;
    }

    /** What the peer's window answers: it depends on dwData, the length and every byte. */
    static long answer(long dwData, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return dwData * 1_000_003L + ((long) data.length << 32) + crc.getValue();
    }

    /** @param args see the class description */
    public static void main(String[] args) {
        PeerMain.run(args, CopyDataPeer::run);
    }

    private static void run(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "window": {
                Map<Integer, Integer> last = new HashMap<>();
                CopyDataWindow.Options options = args[3].equals("top-level")
                        ? CopyDataWindow.Options.DEFAULT.hiddenTopLevel() : CopyDataWindow.Options.DEFAULT;
                try (CopyDataWindow w = CopyDataWindow.create(args[1], args[2], (sender, dwData, data) -> {
                    if (dwData == 99) {
                        System.out.println("IN-HANDLER");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    if (dwData == 1 && data.length >= 8) {
                        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                        int s = b.getInt(0);
                        int seq = b.getInt(4);
                        Integer before = last.put(s, seq);
                        if (before != null && before >= seq) {
                            System.out.println("ORDER-BROKEN sender " + s + ": " + seq + " after " + before);
                        }
                    }
                    return answer(dwData, data);
                }, options)) {
                    if (args.length > 4) {
                        w.onMessage(RegisteredMessage.register(args[4]), (wp, lp) -> {
                            System.out.println("GOT " + wp + " " + lp);
                            return wp + lp;
                        });
                    }
                    System.out.println("READY " + w.handle());
                    in.readLine();
                }
                break;
            }
            case "send": {
                CopyDataSender s = CopyDataSender.find(args[1], args[2]);
                int sender = Integer.parseInt(args[3]);
                int count = Integer.parseInt(args[4]);
                for (int seq = 0; seq < count; seq++) {
                    byte[] r = request(sender, seq);
                    long got = s.send(1, r, Duration.ofSeconds(30));
                    if (got != answer(1, r)) {
                        throw new AssertionError("request " + seq + " of sender " + sender + " was answered " + got);
                    }
                }
                System.out.println("SENT " + count);
                break;
            }
            case "size": {
                byte[] p = payload(Integer.parseInt(args[3]));
                long got = CopyDataSender.find(args[1], args[2]).send(7, p, Duration.ofSeconds(60));
                if (got != answer(7, p)) {
                    throw new AssertionError(p.length + " bytes were answered " + got + ", not " + answer(7, p));
                }
                System.out.println("SENT");
                break;
            }
            case "register":
                System.out.println("ID " + RegisteredMessage.register(args[1]).id());
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
