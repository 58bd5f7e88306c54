package org.ipctoolkit.sharedmem;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The other process of the cross-process tests. It takes one shared memory object as its
 * arguments say, prints {@code READY ...}, then obeys lines on its standard input:
 * {@code write OFFSET HEX}, {@code read OFFSET LENGTH} (answers {@code DATA HEX}), {@code close},
 * {@code exit}. Any failure is printed as {@code FAILED ...} and ends it with code 1.
 */
public final class SharedMemoryPeer {
    private SharedMemoryPeer() {
    }

    /**
     * @param args {@code create NAME SIZE [HEX]}, {@code open NAME} or {@code createOrOpen NAME SIZE}
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        SharedMemory shm;
        switch (args[0]) {
            case "create":
                shm = SharedMemory.create(args[1], Long.parseLong(args[2]));
                if (args.length > 3) {
                    shm.buffer().put(hex.parseHex(args[3]));
                }
                break;
            case "open":
                shm = SharedMemory.open(args[1]);
                break;
            case "createOrOpen":
                shm = SharedMemory.createOrOpen(args[1], Long.parseLong(args[2]));
                break;
            default:
                throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.out.println("READY size=" + shm.size() + " created=" + shm.created());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "write": {
                    ByteBuffer b = shm.buffer();
                    b.position(Integer.parseInt(w[1]));
                    b.put(hex.parseHex(w[2]));
                    System.out.println("WROTE");
                    break;
                }
                case "read": {
                    byte[] data = new byte[Integer.parseInt(w[2])];
                    shm.buffer().get(Integer.parseInt(w[1]), data);
                    System.out.println("DATA " + hex.formatHex(data));
                    break;
                }
                case "close":
                    shm.close();
                    System.out.println("CLOSED");
                    break;
                case "exit":
                    shm.close();
                    return;
                default:
                    throw new IllegalArgumentException("unknown line " + line);
            }
        }
        shm.close();
    }
}
