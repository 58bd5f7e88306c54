package org.ipctoolkit.sync.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace's wait-all lock: a robust mutex of this backend, in a library-internal object
 * ({@link ObjectType#WAIT_ALL_LOCK}, file {@code %%wait-all}), that serialises the take phase of
 * every wait-all and journals it, so that a wait-all killed between two takes leaves nothing taken.
 *
 * <pre>
 *     0   64  the mutex body ({@link MutexLayout})
 *    64    4  TXN         the number of the last transaction begun (never 0)       lock holder only
 *    68    4  COMMITTED   the number of the last transaction that took everything  lock holder only
 *    72    4  ENTRIES     journal entries of the transaction in progress, 0 after  lock holder only
 *   128  264  entry 0..63: type code (4), length (4), the object's file name (up to 255 bytes)
 * </pre>
 * A transaction: take the lock; write the journal (every event and semaphore of the set, by file
 * name); take each object, marking each event or semaphore take with the transaction's number in
 * the object's TAG word in the same CAS that takes it; then either COMMITTED = number and every TAG
 * cleared (everything taken), or every marked take undone (one was missing); ENTRIES = 0; release.
 * Whoever next takes the lock from a dead holder ({@code FUTEX_OWNER_DIED}, set by the kernel at
 * the holder's death) replays the journal: each listed object whose TAG still holds the dead
 * transaction's number has its take undone (a semaphore unit given back, an auto-reset event set
 * again), or only its TAG cleared if the dead transaction had committed. A mutex taken by the dead
 * transaction is abandoned by the kernel, as any mutex whose owner dies: its next owner is told.
 *
 * <p>Every process that holds a named event or semaphore holds this object too (counted here), so
 * the journal lives as long as one of the objects it lists; the last close in the process closes
 * it. A single-object wait that finds its object unavailable and marked calls {@link #settle(LinuxSyncObject, long)}.
 */
final class WaitAllLock {
    private static final Logger LOG = LoggerFactory.getLogger(WaitAllLock.class);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final ObjectName NAME = ObjectName.internal("wait-all");
    private static final int TXN_OFFSET = 64;
    private static final int COMMITTED_OFFSET = 68;
    private static final int ENTRIES_OFFSET = 72;
    private static final int ENTRY_BASE = 128;
    private static final int ENTRY_SIZE = 264;
    private static final int MAX_NAME = 255;

    private static WaitAllLock shared;
    private static int holders;

    private final LinuxNamedObject object;
    private final LinuxMutex mutex;
    private final ByteBuffer body;

    private WaitAllLock(LinuxNamedObject object) {
        this.object = object;
        this.mutex = LinuxMutex.over(object);
        this.body = object.body();
    }

    /** @return this process's hold of the lock, opened (or created) by the first holder */
    static synchronized WaitAllLock hold() {
        if (holders == 0) {
            shared = new WaitAllLock(LinuxNamedObject.createOrOpen(ObjectType.WAIT_ALL_LOCK, NAME,
                    LinuxNamedObject.Initializer.ZEROS));
        }
        holders++;
        return shared;
    }

    /** Gives up one hold; the last one closes the object. */
    static synchronized void unhold() {
        if (--holders == 0) {
            shared.mutex.close();
            shared = null;
        }
    }

    /**
     * Takes the lock, replaying the journal of a dead holder first.
     *
     * @param timeoutNanos -1 for none, 0 to try once, or positive
     * @return false if the timeout passed first
     */
    boolean lock(long timeoutNanos) {
        WaitStatus s = mutex.waitFor(timeoutNanos);
        if (s == WaitStatus.TIMEOUT) {
            return false;
        }
        if (s == WaitStatus.ABANDONED) {
            recover();
        }
        return true;
    }

    void unlock() {
        mutex.release();
    }

    /**
     * Waits until no wait-all is in its take phase (taking the lock and releasing it), undoing the
     * takes of a dead one. A mark still on {@code object} once the lock is held belongs to no live
     * wait-all (one that is running holds the lock): it is resolved here as a replay would, so that
     * a waiter can never spin on a mark that nobody will clear.
     *
     * @param object       the object whose mark the caller found
     * @param timeoutNanos -1 for none, 0 to try once, or positive
     * @return false if the timeout passed first
     */
    boolean settle(LinuxSyncObject object, long timeoutNanos) {
        if (!lock(timeoutNanos)) {
            return false;
        }
        try {
            int tag = object.tag();
            if (tag != 0) {
                boolean committed = tag == (int) INT.get(body, COMMITTED_OFFSET);
                LOG.warn("the take of wait-all transaction {} outlived it (its journal could not be replayed); {} it",
                        tag, committed ? "kept" : "undid");
                if (committed) {
                    object.keepTake(tag);
                } else {
                    ((Waitable) object).undoTake(tag);
                }
            }
        } finally {
            unlock();
        }
        return true;
    }

    /**
     * Begins a transaction: journals the events and semaphores of the set. The caller holds the lock.
     *
     * @return the transaction's number, for the objects' TAG words
     */
    int begin(Waitable[] objects) {
        int txn = (int) INT.get(body, TXN_OFFSET) + 1;
        if (txn == 0) {
            txn = 1;
        }
        INT.set(body, TXN_OFFSET, txn);
        int entries = 0;
        for (Waitable w : objects) {
            String file = w.journalName();
            if (file == null) {
                continue;
            }
            byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
            int at = ENTRY_BASE + entries * ENTRY_SIZE;
            body.putInt(at, w.journalType().typeCode()).putInt(at + 4, bytes.length).put(at + 8, bytes);
            entries++;
        }
        // Released before the first take can be marked: a replay sees every marked object listed.
        INT.setRelease(body, ENTRIES_OFFSET, entries);
        return txn;
    }

    /** Everything is taken: from here on, a replay keeps the takes. */
    void commit(int txn) {
        INT.setRelease(body, COMMITTED_OFFSET, txn);
    }

    /** Every mark of the transaction is cleared or undone: the journal is empty again. */
    void end() {
        INT.setRelease(body, ENTRIES_OFFSET, 0);
    }

    /** Replays the journal of a holder that died (the caller holds the lock, taken abandoned). */
    private void recover() {
        int entries = (int) INT.getAcquire(body, ENTRIES_OFFSET);
        if (entries <= 0) {
            return;
        }
        int txn = (int) INT.get(body, TXN_OFFSET);
        boolean committed = (int) INT.get(body, COMMITTED_OFFSET) == txn;
        for (int i = 0; i < Math.min(entries, org.ipctoolkit.sync.backend.SyncBackends.MAXIMUM_WAIT_OBJECTS); i++) {
            int at = ENTRY_BASE + i * ENTRY_SIZE;
            ObjectType type = ObjectType.ofTypeCode(body.getInt(at));
            int length = body.getInt(at + 4);
            if (length <= 0 || length > MAX_NAME || (type != ObjectType.EVENT && type != ObjectType.SEMAPHORE)) {
                LOG.warn("wait-all journal entry {} is damaged (type {}, length {}); skipped", i, body.getInt(at), length);
                continue;
            }
            byte[] bytes = new byte[length];
            body.get(at + 8, bytes);
            String file = new String(bytes, StandardCharsets.UTF_8);
            try {
                ObjectName name = ObjectName.of(type.description(), ObjectName.fromPosixName(file));
                LinuxSyncObject o = type == ObjectType.EVENT ? LinuxEvent.open(name) : LinuxSemaphore.open(name);
                try {
                    Waitable w = (Waitable) o;
                    if (committed) {
                        w.keepTake(txn);
                    } else {
                        w.undoTake(txn);
                    }
                } finally {
                    o.close();
                }
            } catch (IpcNotFoundException gone) {
                LOG.debug("wait-all journal: {} {} is gone; nothing to undo", type.description(), file);
            } catch (IpcException | IllegalArgumentException e) {
                LOG.warn("wait-all journal: cannot replay {} {}: {}", type.description(), file, e.getMessage());
            }
        }
        LOG.info("replayed the wait-all journal of a dead caller: transaction {}, {} object(s), {}", txn, entries,
                committed ? "kept (it had taken everything)" : "undone");
        end();
    }
}
