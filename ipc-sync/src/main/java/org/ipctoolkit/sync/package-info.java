/**
 * Named synchronisation objects with the semantics of Win32, on Windows and Linux:
 * {@link org.ipctoolkit.sync.NamedMutex} ({@code CreateMutexW}), {@link org.ipctoolkit.sync.NamedEvent}
 * ({@code CreateEventW}), {@link org.ipctoolkit.sync.NamedSemaphore} ({@code CreateSemaphoreW}), the
 * multi-object waits of {@link org.ipctoolkit.sync.WaitHandles} ({@code WaitForMultipleObjects}) and
 * the {@link org.ipctoolkit.sync.EventWatcher} thread.
 *
 * <h2>Porting from Delphi (ChienIPC, Borland IPCThrd)</h2>
 * <table>
 *   <caption>Delphi and Win32 beside Java</caption>
 *   <tr><th>Delphi / Win32</th><th>Java</th></tr>
 *   <tr><td>{@code TMutex.Create(name)}: {@code CreateMutex(nil, False, name)}</td>
 *       <td>{@code NamedMutex.createOrOpen(name, false)}</td></tr>
 *   <tr><td>{@code TMutex.Get(timeout)}: {@code WaitForSingleObject(h, timeout)}</td>
 *       <td>{@code mutex.tryAcquire(Duration.ofMillis(timeout))}, or {@code mutex.acquire()} for {@code INFINITE}</td></tr>
 *   <tr><td>{@code TMutex.Release}: {@code ReleaseMutex(h)}</td><td>{@code mutex.release()}</td></tr>
 *   <tr><td>{@code TEvent.Create(name, manual)}: {@code CreateEvent(nil, manual, False, name)}</td>
 *       <td>{@code NamedEvent.createOrOpen(name, manual, false)}</td></tr>
 *   <tr><td>{@code TEvent.Signal}: {@code SetEvent(h)}</td><td>{@code event.set()}</td></tr>
 *   <tr><td>{@code TEvent.Reset}: {@code ResetEvent(h)}</td><td>{@code event.reset()}</td></tr>
 *   <tr><td>{@code TEvent.Wait(timeout)}: {@code WaitForSingleObject(h, timeout)}</td>
 *       <td>{@code event.await(Duration.ofMillis(timeout))}</td></tr>
 *   <tr><td>{@code WAIT_OBJECT_0} / {@code WAIT_ABANDONED} / {@code WAIT_TIMEOUT}</td>
 *       <td>{@code WaitResult.SIGNALED} / {@code WaitResult.ABANDONED} / {@code WaitResult.TIMEOUT}
 *           (a {@code boolean} for events and semaphores, which are never abandoned)</td></tr>
 *   <tr><td>{@code WaitForMultipleObjects(n, h, bWaitAll, timeout)}</td>
 *       <td>{@code WaitHandles.waitAny(timeout, objects...)} / {@code WaitHandles.waitAll(timeout, objects...)}</td></tr>
 *   <tr><td>the wait thread of ChienIPC / IPCThrd</td><td>{@code EventWatcher.start(event, listener)}</td></tr>
 *   <tr><td>{@code CloseHandle(h)}</td><td>{@code close()} (try-with-resources)</td></tr>
 * </table>
 *
 * <h2>Errors</h2>
 * Bad arguments (names, negative timeouts, counts, list sizes) throw
 * {@link org.ipctoolkit.core.IpcInvalidArgumentException} before any native call; a name held by
 * another kind of object throws {@link org.ipctoolkit.core.IpcIncompatibleObjectException}; a
 * release by a thread that does not own the mutex throws {@link IllegalMonitorStateException}; a
 * semaphore released past its maximum throws {@link org.ipctoolkit.sync.SemaphoreFullException};
 * timeouts are results, not exceptions.
 */
package org.ipctoolkit.sync;
