/**
 * The Linux backend of ipc-copydata: a window is a Unix domain stream socket (the JDK's
 * {@code UnixDomainSocketAddress}) in the per-user directory {@code /dev/shm/ipc-toolkit-windows-EUID}
 * (mode 0700, made on first use, removed when empty), named by the hashes of its class and title and
 * by its handle ({@code WindowFiles}); its thread serves the requests of every connection one at a
 * time ({@code LinuxWindow}); a sender keeps connections open and waits for each reply with a
 * deadline ({@code LinuxTarget}); registered messages are numbered by a table in the same directory
 * ({@code MessageRegistry}). The frames are described in {@code Frames}.
 *
 * <h2>The same semantics as Windows</h2>
 * <ul>
 *   <li>A send waits for the handler's result; a timeout is a {@code CopyDataTimeoutException}, a
 *       window closed or killed an {@code IpcNotFoundException}, both within the timeout.</li>
 *   <li>Class and title are compared without case; {@code find} gives the newest matching window.</li>
 *   <li>Broadcasts reach hidden top-level windows only, never message-only ones, and do not wait.</li>
 *   <li>Registered ids are {@code 0xC000} to {@code 0xFFFF}, the same for a name in every process of
 *       the user (Windows: of the session).</li>
 * </ul>
 * <h2>Differences</h2>
 * <ul>
 *   <li>Windows are private to their user (the directory is 0700): there is no integrity level, so
 *       {@code allowLowerIntegrity} changes nothing.</li>
 *   <li>A handler that sends to its own window waits for itself and times out (Windows calls the
 *       window procedure directly then).</li>
 *   <li>A sender that gives up before the window read its whole request (a timeout while a large
 *       payload was still being written) takes the request back: the window never sees it. On
 *       Windows the window would still get it.</li>
 * </ul>
 */
package org.ipctoolkit.copydata.linux;
