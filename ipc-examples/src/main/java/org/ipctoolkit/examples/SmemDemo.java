package org.ipctoolkit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.examples.DemoCommand.Role;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.sync.EventWatcher;
import org.ipctoolkit.sync.NamedEvent;
import org.ipctoolkit.sync.NamedMutex;
import org.ipctoolkit.sync.NamedSemaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc demo smem}: the source documents' DemoSMem, as three real processes.
 *
 * <p>The peers share a text block, the Delphi record {@link #TSHAREDTEXT}, in a named file mapping
 * guarded by a named mutex. Each peer in turn takes the mutex, appends its line, releases it and
 * signals the others; each peer's {@link EventWatcher} thread then takes the mutex, reloads the text
 * and prints it. Each peer makes {@value #EDITS_EACH} edits, waits until its watcher has seen the
 * others' {@value #OTHERS_EDITS}, and exits. The parent relays their output with a label per process,
 * then checks that every name is gone.
 *
 * <p>Why one <b>auto-reset event per peer</b>: one shared auto-reset event would wake only one of the
 * two other watchers per {@code SetEvent}; one manual-reset event set and then reset would race (a
 * watcher that has not reached its wait when the reset comes misses the edit, and one that wakes
 * twice before the reset sees it twice). With an event per peer the editor sets exactly the others'
 * events, and each wakes exactly its owner's watcher once. Two edits in a row could still merge into
 * one wake (an auto-reset event does not count), so edits are taken one at a time: an editor holds
 * the {@code -pen} semaphore (count 1) from its edit until both other watchers have released the
 * {@code -acks} semaphore once each, after they reloaded. So every other peer's watcher fires exactly
 * once per edit.
 *
 * <p>Objects, for base name {@code B} (default {@code DemoSMem}): shared memory {@code B}, mutex
 * {@code B-mutex}, events {@code B-changed-1} to {@code -3}, semaphores {@code B-pen} and {@code B-acks}.
 * None may exist before the demo; all must be gone after it.
 */
@Command(name = "smem", mixinStandardHelpOptions = true,
        description = {"DemoSMem: three processes share a text block in shared memory guarded by a mutex;"
                + " each edit sets the others' events, and their watcher threads reload and print the text.",
                "Every object is checked to be free before and gone after."})
final class SmemDemo implements Callable<Integer> {
    /** The shared text block, as a Delphi declaration. */
    static final String TSHAREDTEXT = "TSharedText = record\n  edits: Integer;\n  text: array[0..1023] of AnsiChar;\nend;";
    /** How many peer processes. */
    static final int PEERS = 3;
    /** How many edits each peer makes. */
    static final int EDITS_EACH = 2;
    /** How many edits of the others each peer sees. */
    static final int OTHERS_EDITS = (PEERS - 1) * EDITS_EACH;
    /** The longest a peer waits for one step (the pen, the acks, the others' edits). */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "DemoSMem",
            description = "Base name of the objects (default: ${DEFAULT-VALUE}); none of them may exist yet."
                    + " \\uXXXX escapes are decoded.")
    String nameArgument;

    /** One named object of the demo. */
    record Named(String kind, String name) {
        @Override
        public String toString() {
            return kind + " " + CliText.quote(name);
        }
    }

    /** @return every object of the demo for base name {@code base}, the shared memory first */
    static List<Named> objects(String base) {
        List<Named> all = new ArrayList<>();
        all.add(new Named("shared memory", base));
        all.add(new Named("mutex", base + "-mutex"));
        for (int i = 1; i <= PEERS; i++) {
            all.add(new Named("event", changed(base, i)));
        }
        all.add(new Named("semaphore", base + "-pen"));
        all.add(new Named("semaphore", base + "-acks"));
        return all;
    }

    private static String changed(String base, int peer) {
        return base + "-changed-" + peer;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        String base = ShmCommand.objectName(nameArgument);
        List<Named> objects = objects(base);
        for (Named o : objects) {
            ObjectName.of(o.kind(), o.name());   // every name checked before anything starts
        }
        List<String> taken = new ArrayList<>();
        for (Named o : objects) {
            String why = existing(o);
            if (why != null) {
                taken.add(o + " " + why);
            }
        }
        if (!taken.isEmpty()) {
            LOG.error("{} already in use by another program: the demo creates its own objects and checks that they"
                    + " are gone at the end, so pick a free base name with --name", String.join(", ", taken));
            return IpcCommand.FAILED;
        }
        LOG.info("DemoSMem: {} processes share {} holding\n{}\nguarded by {}; each edit sets the other peers'"
                + " auto-reset events (one each: {}), whose watcher threads reload the text under the mutex.",
                PEERS, objects.get(0), TSHAREDTEXT, objects.get(1),
                objects.subList(2, 2 + PEERS).stream().map(o -> CliText.quote(o.name())).collect(Collectors.joining(", ")));
        List<Role> peers = new ArrayList<>();
        try {
            for (int i = 1; i <= PEERS; i++) {
                peers.add(Role.start("peer " + i, "smem", "peer", CliText.escapeNonAscii(base), Integer.toString(i)));
            }
            for (int i = 0; i < PEERS; i++) {
                if (!peers.get(i).relayUntil("waiting for the others")) {
                    LOG.error("peer {} could not open the objects (exit code {}); the demo stops",
                            i + 1, peers.get(i).exitCode());
                    return IpcCommand.FAILED;
                }
            }
            for (Role peer : peers) {
                peer.send("go");
            }
            String failed = Role.relayAllToEnd(peers);
            if (failed != null) {
                LOG.error("{} failed", failed);
                return IpcCommand.FAILED;
            }
        } finally {
            for (Role peer : peers) {
                peer.close();
            }
        }
        List<String> left = new ArrayList<>();
        for (Named o : objects) {
            String why = existing(o);
            if (why != null) {
                left.add(o + " " + why);
            }
        }
        if (!left.isEmpty()) {
            LOG.error("{} still there after every peer closed its handles", String.join(", ", left));
            return IpcCommand.FAILED;
        }
        LOG.info("Every peer closed its handles, so none of the {} objects exists any more (each open: not found).",
                objects.size());
        LOG.info("Demo finished.");
        return 0;
    }

    /** @return null if no object has the name (open gives IpcNotFoundException), else what open found */
    private static String existing(Named o) {
        try {
            switch (o.kind()) {
                case "shared memory" -> SharedMemory.open(o.name(), SharedMemory.Option.READ_ONLY,
                        SharedMemory.Option.ALLOW_OTHER_OWNER).close();
                case "mutex" -> NamedMutex.open(o.name()).close();
                case "event" -> NamedEvent.open(o.name()).close();
                default -> NamedSemaphore.open(o.name()).close();
            }
            return "exists";
        } catch (IpcNotFoundException free) {
            return null;
        } catch (IpcException other) {
            return "cannot be opened as one (" + CliText.relay(other.getMessage(), List.of(o.name())) + ")";
        }
    }

    /**
     * One peer, started by {@link #call()}: opens every object, says it is ready, waits for "go" on
     * its input, makes its edits and waits to have seen the others'.
     *
     * @param nameArgument the base name, with <code>&#92;uXXXX</code> escapes
     * @param index        this peer's number, 1 to {@value #PEERS}
     * @return the exit code
     */
    @Command(name = "peer", hidden = true)
    int peer(@Parameters(index = "0", paramLabel = "NAME") String nameArgument,
             @Parameters(index = "1", paramLabel = "INDEX") int index) throws IOException, InterruptedException {
        if (index < 1 || index > PEERS) {
            throw new IllegalArgumentException("peer index " + index + " is not between 1 and " + PEERS);
        }
        String base = ShmCommand.objectName(nameArgument);
        String me = "peer " + index;
        DelphiRecord record = DelphiRecord.parse(TSHAREDTEXT);
        CountDownLatch seenAll = new CountDownLatch(OTHERS_EDITS);
        List<NamedEvent> events = new ArrayList<>();
        try (SharedMemory shm = SharedMemory.createOrOpen(base, record.size());
             NamedMutex mutex = NamedMutex.createOrOpen(base + "-mutex", false);
             NamedSemaphore pen = NamedSemaphore.createOrOpen(base + "-pen", 1, 1);
             NamedSemaphore acks = NamedSemaphore.createOrOpen(base + "-acks", 0, PEERS - 1)) {
            for (int i = 1; i <= PEERS; i++) {
                events.add(NamedEvent.createOrOpen(changed(base, i), false, false));
            }
            NamedEvent mine = events.get(index - 1);
            LOG.info("{} shared memory {} ({} bytes); opened the mutex, the events and the semaphores",
                    shm.created() ? "Created" : "Opened", CliText.quote(base), shm.size());
            try (EventWatcher watcher = EventWatcher.start(mine, "watch-" + index, event -> {
                int edits;
                String text;
                mutex.acquire();
                try {
                    ByteBuffer p = shm.buffer();
                    edits = record.getInt(p, "edits");
                    text = record.getString(p, "text");
                } finally {
                    mutex.release();
                }
                // One line: the parent relays lines, and the peers' lines interleave.
                LOG.info("watcher: {} fired; reloaded under the mutex, {} of {} edits: [{}]",
                        CliText.quote(event.name()), edits, PEERS * EDITS_EACH, text.replace("\n", " | "));
                acks.release();
                seenAll.countDown();
            })) {
                LOG.info("Watcher thread started on {}; waiting for the others", CliText.quote(mine.name()));
                if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
                    throw new IllegalStateException("the demo ended before the start");
                }
                for (int k = 1; k <= EDITS_EACH; k++) {
                    edit(me, k, record, shm, mutex, pen, acks, events, mine);
                }
                if (!seenAll.await(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(me + " saw " + (OTHERS_EDITS - seenAll.getCount()) + " of the "
                            + OTHERS_EDITS + " edits of the others in " + Holding.describe(STEP_TIMEOUT));
                }
                LOG.info("Saw all {} edits of the others; closing the watcher and every handle", OTHERS_EDITS);
            }
        } finally {
            for (NamedEvent e : events) {
                e.close();
            }
        }
        LOG.info("Closed (UnmapViewOfFile + CloseHandle on each object)");
        return 0;
    }

    /** One edit: the pen, the mutex around the write, the others' events, then both acks. */
    private static void edit(String me, int k, DelphiRecord record, SharedMemory shm, NamedMutex mutex,
                             NamedSemaphore pen, NamedSemaphore acks, List<NamedEvent> events, NamedEvent mine) {
        if (!pen.tryAcquire(STEP_TIMEOUT)) {
            throw new IllegalStateException(me + " waited " + Holding.describe(STEP_TIMEOUT) + " for its turn");
        }
        try {
            String line = me + ": edit " + k;
            int edits;
            mutex.acquire();
            try {
                ByteBuffer p = shm.buffer();
                String text = record.getString(p, "text");
                edits = record.getInt(p, "edits") + 1;
                record.putString(p, "text", text.isEmpty() ? line : text + "\n" + line);
                record.putInt(p, "edits", edits);
            } finally {
                mutex.release();
            }
            LOG.info("Edit {} of {}: took the mutex, appended \"{}\", released it; setting the others' events",
                    edits, PEERS * EDITS_EACH, line);
            for (NamedEvent e : events) {
                if (e != mine) {
                    e.set();
                }
            }
            for (int a = 0; a < PEERS - 1; a++) {
                if (!acks.tryAcquire(STEP_TIMEOUT)) {
                    throw new IllegalStateException(me + ": the other watchers did not reload edit " + edits
                            + " in " + Holding.describe(STEP_TIMEOUT));
                }
            }
        } finally {
            pen.release();
        }
    }
}
