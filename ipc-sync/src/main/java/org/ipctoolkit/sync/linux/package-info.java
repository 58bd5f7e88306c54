/**
 * The Linux backend of ipc-sync: Win32 named mutexes, events and semaphores on futex words in the
 * library's shared namespace, robust through the kernel's robust futex list, with no polling on any
 * path. Not exported; the public API in {@code org.ipctoolkit.sync} picks it once per platform.
 *
 * <h2>Objects, names and lifetime</h2>
 * Every object is a {@link org.ipctoolkit.core.linux.LinuxNamedObject} of kind
 * {@link org.ipctoolkit.core.linux.ObjectType#MUTEX MUTEX}, {@link org.ipctoolkit.core.linux.ObjectType#EVENT EVENT}
 * or {@link org.ipctoolkit.core.linux.ObjectType#SEMAPHORE SEMAPHORE} in
 * {@code /dev/shm/ipc-toolkit-EUID/NAME}: one file, a 64-byte {@code NamedObjectHeader} (magic, layout
 * version, type code, body version) and a 64-byte body. The creator writes the body (its
 * {@code Initializer}) and the header into an unnamed {@code O_TMPFILE} file before {@code linkat}
 * names it, so nobody ever sees a half-made object; an opener refuses another kind (a mutex name held
 * by an event: Win32's {@code ERROR_INVALID_HANDLE}) and another body version (two library versions
 * refuse each other rather than misread each other's words, the mistake of .NET 11's unversioned
 * layout change). Lifetime is the core's: every holder keeps a shared {@code flock}; the last holder
 * to close, or the next user after every holder died, removes the name. The three kinds share one
 * namespace, as Windows kernel objects do; shared memory keeps its bare name elsewhere.
 *
 * <h2>Words and how Java touches them</h2>
 * All state lives in 32-bit words of the mapped body (the futex words) and is read and written from
 * Java with a {@code MethodHandles.byteBufferViewVarHandle(int[].class, nativeOrder)} on the direct
 * body buffer: {@code compareAndSet} (a {@code lock cmpxchg} / {@code casal}), {@code getAcquire},
 * {@code setRelease}; 64-bit link words with the {@code long[]} view. The kernel is entered only to
 * sleep or to wake: {@code syscall(SYS_futex, ...)} (x86-64 202, AArch64 98) and
 * {@code syscall(SYS_futex_waitv, ...)} (449 on both, Linux 5.16+), bound by JNA direct mapping with
 * every argument a {@code long} (a timeout {@code struct timespec} lives in a per-thread direct buffer
 * whose address is passed, so a wait allocates nothing either). Futexes are shared
 * ({@code FUTEX_PRIVATE_FLAG} is never used): the kernel keys them by inode and offset, so every
 * process's mapping of the file is the same futex.
 *
 * <h2>Mutex body ({@link org.ipctoolkit.sync.linux.MutexLayout})</h2>
 * <pre>
 *   offset  size  word            written by                        ordering
 *    0      4     STATE           CAS by acquirers and the owner;   CAS (acq on take, rel on release)
 *                                 the kernel (OWNER_DIED)
 *    4      4     RECURSION       the owner only: count - 1         plain (read only by the owner)
 *    8     16     reserved, 0
 *   24      8     NODE_PREV       the owner's thread, glibc         plain (owner's address space)
 *   32      8     NODE_NEXT       the owner's thread, glibc         plain; the robust-list entry
 *   40      8     LINKED_ENTRY    the owner: the address of NODE_NEXT in the mapping it linked
 *   48     16     reserved, 0
 * </pre>
 * The core's {@code ObjectType} gives the three kinds body version 2 (version 1 was the provisional
 * zeroed body of earlier builds, which refuse these objects and are refused by them).
 * {@code STATE = owner TID | FUTEX_WAITERS (0x80000000) | FUTEX_OWNER_DIED (0x40000000)}, 0 when free:
 * exactly the kernel's robust futex format ({@code FUTEX_TID_MASK} = 0x3fffffff). Recursion is a
 * count in the body, so it is per thread and per object, not per handle: a thread that owns a mutex
 * through one handle and acquires it through another of its process's handles recurses, as in Win32.
 *
 * <h3>Uncontended acquire and release: one CAS, no native call, no allocation</h3>
 * The thread's TID ({@code gettid}) and the address of its robust list head ({@code get_robust_list(0)})
 * are read once per thread into a {@code ThreadLocal} with a direct buffer over the head
 * ({@code robust_prev, list, futex_offset, list_op_pending}); each handle caches the state of the
 * last thread that used it, so the usual call costs a reference read and a
 * {@code Thread.currentThread()} comparison, not a thread-local lookup. The usual cases (the list
 * empty on acquire; ours the only node on release) are written out in {@code LinuxMutex} itself, so
 * that the JIT compiles them as one method small enough to be inlined into the caller; the general
 * cases go through {@code RobustThread}. The fast paths' plain accesses go through {@code IntBuffer}
 * and {@code LongBuffer} views of the direct buffers (raw memory to the JIT, so a store does not make
 * it re-read and re-check every buffer's fields as a {@code VarHandle} access on a {@code ByteBuffer}
 * does); the CAS and the release exchange stay {@code VarHandle} accesses.
 * Acquire: {@code list_op_pending = entry}; {@code CAS(STATE, 0, tid)} (volatile, so the store before
 * it stays before it); link the node at the head of the list (below), where the node's own words are
 * written only if they differ from what this thread wrote the last time it linked the same mapping,
 * and then with a release fence before {@code head.list} is written; {@code list_op_pending} is left
 * on the entry while the thread owns the mutex (the kernel treats a pending entry like a listed one,
 * once; glibc overwrites it freely, since the entry is listed; it never points into a mapping that is
 * gone, because an owned mutex keeps the mapping it was linked through). Recursion: STATE's TID is
 * the caller's: {@code RECURSION++}. RECURSION holds the count minus one, so that it is 0 both when
 * the mutex is free and when it is owned once, and an uncontended acquire does not write it.
 * Release: not the owner: an error (Win32 {@code ERROR_NOT_OWNER}); {@code RECURSION > 0}: decrement;
 * else {@code list_op_pending = entry} unless it still holds it (then with a release fence), unlink,
 * {@code getAndSet(STATE, 0)} (volatile: acquire as well as release, so that the next store cannot move
 * before it), {@code FUTEX_WAKE(1)} only if the old value had {@code FUTEX_WAITERS},
 * {@code list_op_pending = 0}.
 *
 * <h3>Abandonment: the kernel's robust futex list, shared with glibc</h3>
 * glibc registers one robust list per thread at thread start ({@code set_robust_list}, a head inside
 * {@code struct pthread} with {@code futex_offset} = -32 on x86-64 and AArch64) for its robust
 * pthread mutexes. The kernel walks that list when the thread exits, however it exits (return,
 * {@code pthread_exit}, SIGKILL of the process, {@code exit_group}, {@code execve}), and for every
 * entry whose word at {@code entry + futex_offset} holds the dying TID it sets
 * {@code FUTEX_OWNER_DIED} and, if {@code FUTEX_WAITERS} is set, wakes one waiter. This backend puts
 * its own mutexes on that same list, shaped exactly as glibc's nodes: a {@code __pthread_list_t}
 * {@code {prev, next}} whose {@code next} is the entry, at {@code STATE - futex_offset} (so NODE_NEXT
 * at body offset 32), linked and unlinked the way glibc's {@code ENQUEUE_MUTEX_BOTH} and
 * {@code DEQUEUE_MUTEX} do (insert at the head: {@code first.prev = entry; node.next = first;
 * node.prev = &head.list; head.list = entry} with the last store a release; remove:
 * {@code next.prev = node.prev; prev.next = node.next}), so that glibc, which writes the
 * {@code prev}/{@code next} of its nodes' neighbours, can keep its own robust mutexes on the same list
 * before, between and after ours. Only the owning thread ever touches its list, so no atomics are
 * needed on it; the kernel reads it only after the thread stopped. The neighbours written on the fast
 * path are the head itself (its {@code robust_prev}, in the per-thread buffer) or another mutex of
 * this library the thread holds (its body buffer, looked up in a small per-thread array by entry
 * address); a glibc node as neighbour (the thread also holds a robust pthread mutex) is written
 * through a JNA {@code Pointer} (rare, allowed to allocate).
 *
 * <p><b>{@code list_op_pending}</b> covers the window between the CAS and the linking (and between
 * the unlinking and the release store): it is set to the entry before the CAS, and the uncontended
 * acquire leaves it there while the thread owns the mutex (the slower paths clear it after the link);
 * a release sets it again if something else used it since, and clears it after the release store.
 * The kernel treats a pending entry like a listed one (marks it if the word holds the dying
 * TID, and on recent kernels wakes a waiter of a pending free word), so a thread killed between the
 * two steps still abandons the mutex rather than leave it owned by a dead TID.
 *
 * <p><b>Evidence</b> ({@code src/test/c/robust_list_probe.c}, Linux 6.18, glibc 2.36): (1) a process
 * holding one of our words (and a glibc robust mutex) is SIGKILLed while another process sleeps in
 * {@code FUTEX_WAIT} on it: the waiter is woken at the kill (100.3 ms after it started waiting, the
 * kill came at 100 ms), sees {@code 0x80000000|FUTEX_OWNER_DIED|deadtid} and takes it as abandoned;
 * the glibc mutex reports {@code EOWNERDEAD} too. (2) A thread that locks a glibc robust mutex, then
 * ours, then locks and unlocks another glibc robust mutex (glibc links and unlinks next to our node)
 * and returns: the next locker gets OWNER_DIED on both, and after both unlocks the list is empty again
 * ({@code head.list == &head}). (3) Uncontended lock+unlock with this linkage: 12.8 ns in C against
 * 14.3 ns for glibc's robust process-shared {@code pthread_mutex_lock/unlock}. In Java
 * ({@code LinuxMutexTest}, {@code LinuxRobustListTest}): a child JVM SIGKILLed while owning abandons
 * the mutex to a waiter already blocked in {@code FUTEX_WAIT} (3.5 to 5 ms from
 * {@code Process.destroyForcibly} to the waiter's return: the kernel first stops the child's twenty
 * or so threads); a thread that ends owning one or several mutexes, with a glibc robust mutex between
 * them, abandons them all; releases in any order, with glibc's mutex linked and unlinked between
 * ours, leave the list empty. With the linkage switched off, both abandonment tests fail (the waiter
 * is still blocked at its 30 s and 60 s timeouts). Uncontended {@code NamedMutex.acquire()} +
 * {@code release()} ({@code scripts/bench mutexUncontended}, 2 cores, shared machine, two runs):
 * 14.6 and 14.4 ns in Java (no native call, no allocation: {@code -prof gc} shows 0 B/op), against
 * 14.8 and 14.3 ns for glibc's robust process-shared {@code pthread_mutex_lock/unlock} in C: ratios
 * 1.01 and 0.99, parity within the runs' noise (about 2%). The two atomic instructions alone (a
 * {@code lock cmpxchg} and an {@code xchg} on a mapped word) cost 9.7 ns on this machine, in C and in
 * Java alike. The pair cost 19.3 ns (ratio 0.75) before the fast path took its present shape; the
 * steps, measured one by one: plain list accesses through the buffers' getters instead of a
 * {@code VarHandle} (whose access of unknown base makes the JIT re-read and re-check every buffer's
 * fields after each store), 0.3 ns; no store of the held body into the per-thread array when it is
 * already there (G1's write barrier, with its {@code StoreLoad} fence once the array is old), 1.8 ns;
 * {@code list_op_pending} left on the entry while owned and unchanged node words not rewritten,
 * 1.2 ns; {@code IntBuffer}/{@code LongBuffer} views (no byte-order test per access) and RECURSION
 * as count - 1, which brought {@code waitFor}'s compiled code from about 2,400 to 1,950 bytes, under
 * C2's {@code InlineSmallCode} of 2,500, so that it is inlined in every JVM and not only in some
 * (called, it cost 3.5 ns more), 1.5 ns. Tried and left out: a 64-bit read of STATE and RECURSION
 * together (19 ns: the load overlaps the word the atomics just wrote and stalls store forwarding),
 * and the CAS before the recursion test (no gain).
 *
 * <p><b>Why not pidfds.</b> The alternative (a helper thread per process blocked in {@code poll} on
 * the owners' {@code pidfd_open} descriptors, marking OWNER_DIED and waking) catches only process
 * death: a thread that ends holding the mutex needs a per-process registry that the JVM has no hook
 * for (no callback runs when a thread ends), it costs a thread and a descriptor per owner process, and
 * it races with PID reuse. The robust list covers both cases in the kernel at the moment of death, with
 * nothing running in the waiters, and interoperates with glibc's own robust mutexes. It is chosen.
 *
 * <p><b>How fast abandonment is noticed.</b> Both cases at the moment the owning thread's exit runs
 * in the kernel (before the process is reaped): a waiter blocked in {@code FUTEX_WAIT} is woken then
 * (measured: well under a millisecond after the kill); a later acquirer sees OWNER_DIED on its first
 * CAS. A thread pooled by an executor never ends, so a mutex it forgets stays owned, as in Win32.
 *
 * <p><b>Limits, written down.</b> The kernel walks at most 2048 list entries per thread
 * ({@code ROBUST_LIST_LIMIT}); a thread holding more mutexes than that is not covered past them. The
 * node holds addresses of the owner's address space, so the mapping an owner linked through must stay
 * mapped while it owns the mutex: closing the last handle of an owned mutex keeps that mapping (and
 * the hold on the name) until the owner releases or its thread ends. TIDs compare within one PID
 * namespace: processes that share {@code /dev/shm} across PID namespaces (containers) are not
 * supported. The backend is available only when {@code get_robust_list} reports
 * {@code futex_offset == -32} (glibc on x86-64 or AArch64); otherwise it says so through its
 * availability probe instead of guessing.
 *
 * <h3>Contention</h3>
 * An acquirer that finds the word owned sets {@code FUTEX_WAITERS} by CAS and sleeps in
 * {@code FUTEX_WAIT(word, observed, timeout)} (relative timeout, recomputed from a deadline after an
 * early wake or {@code EINTR}). A woken acquirer takes the free word as {@code tid | FUTEX_WAITERS}
 * (it cannot know whether others still sleep, so it keeps the bit; the cost is one spare
 * {@code FUTEX_WAKE} on its release). An acquirer that finds {@code FUTEX_OWNER_DIED} takes the word by
 * CAS to {@code tid | (old & FUTEX_WAITERS)}, resets RECURSION to 0 (a count of 1), and reports abandoned
 * ({@code WAIT_ABANDONED}; {@code AbandonedMutexException} from {@code acquire()} after ownership is
 * granted).
 *
 * <h2>Event body</h2>
 * <pre>
 *    0  4  STATE     bit 0 signalled, bits 1..31 a generation advanced by every set and pulse (CAS)
 *    4  4  TAG       the wait-all transaction that took the signal and has not finished (64-bit CAS with STATE)
 *    8  4  FLAGS     bit 0 manual reset (written by the creator only)
 *   12  4  WAITERS   number of threads blocked on it (atomic add; a hint that saves FUTEX_WAKE calls)
 *   16  8  TICKET    auto-reset pulse: generation of the pulse (high half) | tickets left (low half) (CAS)
 * </pre>
 * Wait: read STATE; signalled: manual reset returns; auto reset returns if its CAS clears bit 0
 * (exactly one waiter consumes one set); otherwise {@code WAITERS++}, {@code FUTEX_WAIT(STATE, seen)},
 * {@code WAITERS--}, and a manual-reset waiter whose seen generation changed returns even if the event
 * is reset again (this is how {@code pulse()} releases the current waiters: the generation advances,
 * bit 0 stays clear, {@code FUTEX_WAKE(all)}). Set: CAS bit 0 on (already set: nothing) and the
 * generation advanced;
 * {@code FUTEX_WAKE(all)} for manual reset, {@code FUTEX_WAKE(1)} for auto reset (a woken waiter that
 * loses the consuming CAS to a newcomer sleeps again: still exactly one released per set). Reset: CAS
 * bit 0 off. Auto-reset pulse (releases one current waiter if any, leaves it reset) leaves one ticket
 * in TICKET tagged with the pulse's generation: only a waiter that started before that generation may
 * take it; a new pulse replaces an untaken ticket, so two pulses in the same instant may release one
 * waiter rather than two.
 * <b>Hard part, honest:</b> a waiter killed while counted leaves WAITERS too high, and a pulse may then
 * hand its single ticket to nobody; Win32 itself documents {@code PulseEvent} as unreliable.
 *
 * <h2>Semaphore body</h2>
 * <pre>
 *    0  4  COUNT     current count (CAS)
 *    4  4  TAG       the wait-all transaction that took a unit and has not finished (64-bit CAS with COUNT)
 *    8  4  MAXIMUM   written by the creator only
 *   12  4  WAITERS   threads blocked (a hint that saves FUTEX_WAKE calls)
 * </pre>
 * Acquire: CAS {@code COUNT -> COUNT-1} if positive, else {@code FUTEX_WAIT(COUNT, 0)}. Release(n): CAS
 * loop; {@code COUNT + n > MAXIMUM} (in {@code long} arithmetic) fails with
 * {@code ERROR_TOO_MANY_POSTS} and changes nothing; otherwise returns the previous count and
 * {@code FUTEX_WAKE(n)} if anyone waits. A process killed holding units does not give them back, as
 * on Windows (a semaphore has no owner).
 *
 * <h2>WaitAny</h2>
 * One pass in index order tries each object (Win32 reports the lowest satisfied index; an abandoned
 * mutex as {@code WAIT_ABANDONED_0 + i}); if none is available, {@code futex_waitv} sleeps on all
 * their words at once, each with the value that makes it unavailable (mutex: its word after setting
 * {@code FUTEX_WAITERS}; semaphore: 0; event: its unsignalled STATE), then the pass repeats until the
 * deadline. A {@code FUTEX_WAKE(1)} meant for a single waiter may land on a wait-any that then takes
 * another object; so a wait-any that returns passes the wake on ({@code FUTEX_WAKE(1)}) to each other
 * object of its set that it sees available, and no single-object waiter is stranded. Up to 64 objects
 * ({@code MAXIMUM_WAIT_OBJECTS}; {@code futex_waitv} takes 128).
 *
 * <h2>WaitAll: all or nothing, also when the caller is killed</h2>
 * Win32 (and ntsync, under one kernel lock) take every object in one step. Words in several files
 * cannot be changed by one CAS, so the take phase is a small transaction under the namespace's
 * <b>wait-all lock</b> ({@link org.ipctoolkit.sync.linux.WaitAllLock}: a robust mutex of this backend
 * in a library-internal object, {@code %%wait-all}, with an intent journal in its body).
 * <ol>
 *   <li>The caller looks at every object without taking anything and, while one is not available,
 *       sleeps in {@code futex_waitv} on that one's word. Nothing is taken while it waits, so a
 *       caller killed while waiting leaves nothing behind.</li>
 *   <li>When all look available it takes the wait-all lock, writes the journal (the file name of
 *       every event and semaphore in the set), and takes the objects in index order. An event or
 *       semaphore take writes the transaction's number into the object's TAG word <em>in the same
 *       64-bit CAS</em> that clears the signal or takes the unit, so a take is never unmarked.</li>
 *   <li>All taken: COMMITTED = the number (one store: the commit point), every TAG cleared, the
 *       journal emptied, the lock released. One missing (a single-object caller took it between
 *       the look and the take): the marked takes are undone in reverse order (unit returned,
 *       never past the maximum; signal set again; a mutex released, or given back abandoned if it
 *       was taken abandoned), the lock released, and the caller sleeps on the missing one.</li>
 * </ol>
 * <b>A caller killed in the take phase</b> dies holding the lock; the kernel marks its word
 * {@code FUTEX_OWNER_DIED} and wakes a waiter. Whoever takes the lock next, and so finds it
 * abandoned, replays the journal: every listed object whose TAG still holds the dead transaction is
 * undone (or, if the dead caller had committed, only its TAG cleared: its takes stand, as they would
 * on Windows for a caller killed just after the wait returned). Who takes the lock next: another
 * wait-all; or any single-object wait that finds its object unavailable <em>and marked</em>, which
 * waits for the lock instead of sleeping on the object (so a waiter blocked behind a dead caller's
 * take is woken by the kernel at the death, without polling); a mark still present once the lock is
 * held belongs to nobody alive and is resolved on the spot, so no waiter can spin on it. The journal
 * lives as long as the objects it lists: every process that holds a named event or semaphore holds
 * the lock object too. Evidence: {@code LinuxWaitAllCrashTest} stops a child at each step of the take
 * phase (after each take, after the commit), SIGKILLs it, and checks that a waiter already blocked,
 * a later try, and another wait-all each find every unit and signal back (or kept, after the commit);
 * with the replay disabled, those waiters never return.
 * <p><b>What remains different from Windows.</b> (1) A mutex the dead caller had taken in the set is
 * abandoned by the kernel like any mutex whose owner dies: its next owner gets {@code WAIT_ABANDONED}
 * though the caller never returned with it. The kernel's robust list cannot be told otherwise, and
 * the answer errs on the safe side (the guarded data is intact). (2) A pulse's ticket taken by the
 * dead caller is spent, as the pulse is. (3) Between a take and a give-back (only in a race with a
 * single-object caller), another thread can see a transient state (an auto-reset event briefly not
 * signalled, a semaphore unit briefly gone), which ntsync never shows. (4) Wait-all callers queue on
 * one lock per namespace during their take phase (a few hundred nanoseconds per object); their waits
 * themselves run in parallel.
 */
package org.ipctoolkit.sync.linux;
