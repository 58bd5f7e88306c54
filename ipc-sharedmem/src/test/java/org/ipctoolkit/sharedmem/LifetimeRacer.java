package org.ipctoolkit.sharedmem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The other processes of the race and stress tests of the lifetime protocol; uses the public API
 * only, so it runs on every backend. Prints {@code FAILED ...} and exits with 1 on any failure.
 *
 * <ul>
 *   <li>{@code race NAME INDEX}: for round 1, 2, ...: prints {@code WAITING r} and blocks reading
 *       its standard input (the start barrier: the test sends {@code go r} to every racer at once),
 *       calls {@code createOrOpen(NAME, 64)}, writes its token {@link #token(int, int)} into long slot
 *       {@code INDEX}, prints {@code OPENED r created=B}; on the line {@code check r} prints
 *       {@code SEEN r HEX} of every slot, closes, prints {@code CLOSED r}. The line {@code exit}
 *       instead of {@code go r} ends.</li>
 *   <li>{@code stress PREFIX NAMES THREADS MILLIS}: prints {@code READY}, waits for the line
 *       {@code go}, then runs {@link #stress} and prints {@code DONE iterations=N created=M}.</li>
 * </ul>
 */
public final class LifetimeRacer {
    /** Longs in a race object: one slot per racer (index 0 is the test itself). */
    static final int RACE_SLOTS = 8;
    /** Size of the race and stress objects. */
    static final int SIZE = 64;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long WAIT_NANOS = 30_000_000_000L;

    private LifetimeRacer() {
    }

    /**
     * @param args see the class description
     */
    public static void main(String[] args) {
        try {
            if (args[0].equals("race")) {
                race(args[1], Integer.parseInt(args[2]));
            } else if (args[0].equals("stress")) {
                System.out.println("READY");
                if (!"go".equals(readLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))))) {
                    throw new IllegalStateException("expected go");
                }
                long[] counts = stress(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Long.parseLong(args[4]));
                System.out.println("DONE iterations=" + counts[0] + " created=" + counts[1]);
            } else {
                throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /**
     * @param round a round number from 1
     * @param index a racer's index
     * @return the token that racer writes in that round
     */
    static long token(int round, int index) {
        return round * 1000L + index + 1;
    }

    /** @return the hexadecimal form of every slot of a race object */
    static String slots(SharedMemory shm) {
        byte[] b = new byte[RACE_SLOTS * Long.BYTES];
        shm.buffer().get(0, b);
        return HexFormat.of().formatHex(b);
    }

    static void putRelease(ByteBuffer b, int offset, long value) {
        LONG.setRelease(b, offset, value);
    }

    static long getAcquire(ByteBuffer b, int offset) {
        return (long) LONG.getAcquire(b, offset);
    }

    private static String readLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IllegalStateException("standard input ended");
        }
        return line;
    }

    private static void race(String name, int index) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int round = 1; ; round++) {
            System.out.println("WAITING " + round);
            String go = readLine(in);
            if (go.equals("exit")) {
                return;
            }
            if (!go.equals("go " + round)) {
                throw new IllegalStateException("expected go " + round + ", got " + go);
            }
            try (SharedMemory shm = SharedMemory.createOrOpen(name, SIZE)) {
                    putRelease(shm.buffer(), index * Long.BYTES, token(round, index));
                System.out.println("OPENED " + round + " created=" + shm.created());
                String line = readLine(in);
                if (!line.equals("check " + round)) {
                    throw new IllegalStateException("expected check " + round + ", got " + line);
                }
                System.out.println("SEEN " + round + " " + slots(shm));
            }
            System.out.println("CLOSED " + round);
        }
    }

    /**
     * The stress loop, run by {@code threads} threads until {@code millis} have passed: pick one of
     * {@code names} names, {@code createOrOpen} it; the creator writes a random non-zero id in the
     * first long, an opener waits for it; count this holder in the second long; open the name a
     * second time and check that it still names the object with that id (the name of an object
     * that is held must never name another one); uncount; close both.
     *
     * @return {iterations, objects created}
     * @throws Throwable the first failure of any thread
     */
    static long[] stress(String prefix, int names, int threads, long millis) throws Throwable {
        AtomicLong iterations = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + millis * 1_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() - end < 0 && failure.get() == null) {
                        String name = prefix + "-" + random.nextInt(names);
                        if (holdAndCheck(name, random.nextLong() | 1)) {
                            created.incrementAndGet();
                        }
                        iterations.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "stress-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new long[] {iterations.get(), created.get()};
    }

    private static boolean holdAndCheck(String name, long newId) {
        try (SharedMemory shm = SharedMemory.createOrOpen(name, SIZE)) {
            ByteBuffer b = shm.buffer();
            long id;
            if (shm.created()) {
                putRelease(b, 0, newId);
                id = newId;
            } else {
                long deadline = System.nanoTime() + WAIT_NANOS;
                while ((id = getAcquire(b, 0)) == 0) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError(name + ": its creator never wrote its id");
                    }
                    Thread.onSpinWait();
                }
            }
            long before = (long) LONG.getAndAdd(b, 8, 1L);
            if (before < 0) {
                throw new AssertionError(name + ": holder count " + before + " before this holder");
            }
            try (SharedMemory again = SharedMemory.open(name)) {
                long seen = getAcquire(again.buffer(), 0);
                if (seen != id) {
                    throw new AssertionError(name + " names another object while this holder holds it: id "
                            + Long.toHexString(seen) + ", held " + Long.toHexString(id));
                }
            }
            long after = (long) LONG.getAndAdd(b, 8, -1L);
            if (after < 1) {
                throw new AssertionError(name + ": holder count " + after + " while this holder holds it");
            }
            return shm.created();
        }
    }
}
