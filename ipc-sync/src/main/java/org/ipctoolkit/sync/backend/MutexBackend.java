package org.ipctoolkit.sync.backend;

/**
 * A held named mutex ({@code CreateMutexW}/{@code OpenMutexW}), recursive and owned by a thread.
 *
 * <h2>What a backend must guarantee</h2>
 * <ul>
 *   <li><b>Ownership per thread, recursive.</b> {@link #waitFor(long)} by the owning thread never
 *       waits and adds one to the recursion count; {@link #release()} takes one off; the mutex is
 *       free again (and one waiter, in any process, gets it) when the count reaches 0.</li>
 *   <li><b>A non-owner's release is refused</b> with {@link IllegalMonitorStateException}
 *       ({@code ReleaseMutex} fails with {@code ERROR_NOT_OWNER}, 288), and changes nothing.</li>
 *   <li><b>Abandonment.</b> When the owning thread ends, or its process dies (SIGKILL included),
 *       without releasing, the mutex is abandoned: the next thread to get it (through
 *       {@link #waitFor(long)} or a multi-object wait) owns it with a count of 1 and is told
 *       {@link WaitStatus#ABANDONED}, exactly once; later acquirers get {@link WaitStatus#SIGNALED}.
 *       A waiter already blocked when the owner dies is woken (no polling: Linux can learn of the
 *       death through robust futex lists or a {@code pidfd}).</li>
 *   <li><b>Initial ownership</b> ({@link SyncBackends#createMutex}) gives the creating thread the
 *       mutex with a count of 1; an existing mutex opened by a create call is not taken
 *       ({@code bInitialOwner} is ignored when the name exists, as in Win32).</li>
 * </ul>
 */
public interface MutexBackend extends SyncObjectBackend {
    /**
     * {@code ReleaseMutex}: takes one off the calling thread's recursion count; at 0 the mutex is free.
     *
     * @throws IllegalMonitorStateException if the calling thread does not own the mutex (nothing changes)
     */
    void release();
}
