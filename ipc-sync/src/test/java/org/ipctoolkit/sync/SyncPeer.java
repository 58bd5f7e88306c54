package org.ipctoolkit.sync;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.PeerMain;

/**
 * The other process of the cross-process tests. Commands (arguments):
 * <ul>
 *   <li>{@code hold-mutex NAME}: opens and acquires the mutex, prints {@code OWNED}, then waits for a
 *       line on stdin ({@code release}: releases, prints {@code RELEASED}, ends); meant to be killed.</li>
 *   <li>{@code wait-event NAME WOKE_SEMAPHORE}: opens both, prints {@code WAITING}, waits for the
 *       event, releases the semaphore once, prints {@code WOKE}, ends.</li>
 *   <li>{@code set-event NAME}: opens the event, sets it, ends.</li>
 *   <li>{@code wait-on KIND NAME}: opens a {@code mutex}, {@code event} or {@code semaphore}, prints
 *       {@code WAITING}, waits for it as long as it takes, prints {@code TOOK}; meant to be killed.</li>
 *   <li>{@code wait-all MUTEX SEMAPHORE}: opens both, prints {@code WAITING}, waits for both at once,
 *       prints {@code TOOK}; meant to be killed.</li>
 *   <li>{@code count-mutex SHM MUTEX N}: N times: acquire the mutex, increment the int at offset 0 of
 *       the shared memory, release; prints {@code DONE}.</li>
 *   <li>{@code count-semaphore SHM SEMAPHORE N}: the same, guarded by a semaphore of count 1.</li>
 * </ul>
 * Any failure is printed as {@code FAILED ...} and ends it with code 1.
 */
public final class SyncPeer {
    private SyncPeer() {
    }

    /** @param args see the class description */
    public static void main(String[] args) {
        PeerMain.run(args, SyncPeer::run);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "hold-mutex": {
                NamedMutex m = NamedMutex.open(args[1]);
                m.acquire();
                System.out.println("OWNED");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                if ("release".equals(in.readLine())) {
                    m.release();
                    System.out.println("RELEASED");
                }
                m.close();
                break;
            }
            case "wait-event": {
                try (NamedEvent e = NamedEvent.open(args[1]); NamedSemaphore woke = NamedSemaphore.open(args[2])) {
                    System.out.println("WAITING");
                    if (!e.await(Duration.ofSeconds(60))) {
                        throw new AssertionError("not woken within 60 s");
                    }
                    woke.release();
                    System.out.println("WOKE");
                }
                break;
            }
            case "set-event": {
                try (NamedEvent e = NamedEvent.open(args[1])) {
                    e.set();
                }
                break;
            }
            case "wait-on": {
                SyncObject o = args[1].equals("mutex") ? NamedMutex.open(args[2])
                        : args[1].equals("event") ? NamedEvent.open(args[2]) : NamedSemaphore.open(args[2]);
                System.out.println("WAITING");
                System.out.println("TOOK " + WaitHandles.waitAny(o));
                break;
            }
            case "wait-all": {
                NamedMutex m = NamedMutex.open(args[1]);
                NamedSemaphore s = NamedSemaphore.open(args[2]);
                System.out.println("WAITING");
                System.out.println("TOOK " + WaitHandles.waitAll(m, s));
                break;
            }
            case "count-mutex": {
                try (SharedMemory shm = SharedMemory.open(args[1]); NamedMutex m = NamedMutex.open(args[2])) {
                    ByteBuffer b = shm.buffer();
                    int n = Integer.parseInt(args[3]);
                    for (int i = 0; i < n; i++) {
                        m.acquire();
                        b.putInt(0, b.getInt(0) + 1);
                        m.release();
                    }
                }
                System.out.println("DONE");
                break;
            }
            case "count-semaphore": {
                try (SharedMemory shm = SharedMemory.open(args[1]); NamedSemaphore s = NamedSemaphore.open(args[2])) {
                    ByteBuffer b = shm.buffer();
                    int n = Integer.parseInt(args[3]);
                    for (int i = 0; i < n; i++) {
                        s.acquire();
                        b.putInt(0, b.getInt(0) + 1);
                        s.release();
                    }
                }
                System.out.println("DONE");
                break;
            }
            default:
                throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
