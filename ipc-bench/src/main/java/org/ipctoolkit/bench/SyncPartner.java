package org.ipctoolkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.sync.NamedEvent;
import org.ipctoolkit.sync.NamedMutex;

/**
 * The partner process of {@link SyncBenchmark}'s two-process benchmarks, started by the benchmark's
 * {@code @Setup} as a child JVM on the benchmark jar's class path.
 *
 * <pre>
 *   java org.ipctoolkit.bench.SyncPartner event PING PONG    wait for PING, set PONG, forever
 *   java org.ipctoolkit.bench.SyncPartner mutex MUTEX SHM    acquire MUTEX, increment the int at 0 of SHM, release, forever
 * </pre>
 *
 * It opens the objects (the parent created them), prints {@code ready} on stdout, and runs its loop
 * until its stdin reaches end of file: the parent closes it in {@code @TearDown}, and the system
 * closes it when the parent dies however it dies, so the partner never outlives the benchmark.
 * It then halts at once (a mutex it owns at that moment is abandoned, which nobody waits for any more).
 */
public final class SyncPartner {
    private SyncPartner() {
    }

    /**
     * Runs the partner loop.
     *
     * @param args {@code event PING PONG} or {@code mutex MUTEX SHM}
     * @throws IOException if stdout fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyncPartner event PING PONG | mutex MUTEX SHM");
            System.exit(2);
        }
        Thread watcher = new Thread(SyncPartner::haltAtEndOfInput, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        switch (args[0]) {
            case "event":
                pingPong(args[1], args[2]);
                break;
            case "mutex":
                handoff(args[1], args[2]);
                break;
            default:
                System.err.println("SyncPartner: unknown mode " + args[0]);
                System.exit(2);
        }
    }

    /** Reads stdin until end of file, then halts the JVM. */
    private static void haltAtEndOfInput() {
        InputStream in = System.in;
        byte[] b = new byte[64];
        try {
            while (in.read(b) >= 0) {
                // nothing is ever sent; only end of file matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone as well
        }
        Runtime.getRuntime().halt(0);
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    private static void pingPong(String pingName, String pongName) {
        try (NamedEvent ping = NamedEvent.open(pingName); NamedEvent pong = NamedEvent.open(pongName)) {
            ready();
            while (true) {
                ping.await();
                pong.set();
            }
        }
    }

    private static void handoff(String mutexName, String shmName) {
        try (NamedMutex mutex = NamedMutex.open(mutexName); SharedMemory shm = SharedMemory.open(shmName)) {
            ByteBuffer counter = shm.buffer();
            ready();
            while (true) {
                mutex.acquire();
                counter.putInt(0, counter.getInt(0) + 1);
                mutex.release();
            }
        }
    }
}
