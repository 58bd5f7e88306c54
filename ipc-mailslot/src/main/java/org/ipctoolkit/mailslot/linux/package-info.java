/**
 * The Linux backend of ipc-mailslot, local part: Win32 mailslots on AF_UNIX datagram sockets, with
 * Win32 lifetime, exact {@code GetMailslotInfo}, writers that do not block, and no polling on any
 * path. (Remote and broadcast mailslots are in {@code linux.net}, reached through
 * {@code NetworkMailslots}.) Not exported.
 *
 * <h2>Files: one private directory, three files per mailslot</h2>
 * Everything lives in the core's {@code Namespace.MAILSLOT}, {@code /dev/shm/ipc-toolkit-mailslots-EUID}
 * ({@code 0700}, made on first use, refused if another user owns it or others may enter, removed with
 * its last file), apart from the kernel objects' {@code /dev/shm/ipc-toolkit-EUID}: Windows keeps
 * mailslots in a file system of their own, so a mailslot and a mutex of the same name never meet.
 * Names compare without case ({@code MailslotName.key()}, the path in upper case); the files are
 * named by {@code H}, the first 128 bits of SHA-256 of the key in hex, so any name of up to
 * {@code MAX_PATH} characters fits {@code sun_path} (108 bytes): the longest path is 95 bytes.
 * <ul>
 *   <li>{@code H}: the <b>lifetime token</b>, a {@code LinuxNamedObject} of kind {@code MAILSLOT}
 *       (core header, then {@link org.ipctoolkit.mailslot.linux.MailslotToken}'s body: maximum
 *       size, limit, server pid, instance number, key). Mode {@code 0600} and the sticky bit, as every
 *       object of the core.</li>
 *   <li>{@code H-I.s}: the server's socket ({@code I} a random 64-bit instance number, in the token).</li>
 *   <li>{@code H-I.w}: the server's wake socket (see "Senders").</li>
 * </ul>
 * Both sockets are {@code chmod 0600} after {@code bind} (which applies the umask).
 *
 * <h2>Lifetime: the token, held by the server alone</h2>
 * <ul>
 *   <li><b>Create.</b> The server binds both sockets under new instance names first, then creates
 *       the token with the core's protocol (initialised in an {@code O_TMPFILE}, named by
 *       {@code linkat}, held by a shared {@code flock}); the token's appearance is the mailslot's
 *       publication, atomic, and it names sockets that are already bound, so no client ever finds a
 *       half-made mailslot and there is no {@code unlink}/{@code rename} race on the socket's name. A
 *       live token refuses a second server ({@code IpcAlreadyExistsException}, naming the holder's
 *       pid). A token whose holder died is stale: the core removes it and the creation goes on;
 *       then the new server removes every {@code H-*} file but its own (the dead server's sockets).
 *       This is safe: only the token's holder publishes sockets of a name, and another creator's
 *       files are its own attempt, bound to fail.</li>
 *   <li><b>Open (client).</b> The client reads the token's body with
 *       {@code LinuxNamedObject.readBody}: {@code open(O_RDONLY)}, {@code pread}, {@code close},
 *       <b>no lock</b>, so clients never extend a mailslot's life (Win32 clients do not either). It
 *       then {@code connect}s a datagram socket to {@code H-I.s}: a missing token, or a socket
 *       nobody has bound any more ({@code ENOENT}, {@code ECONNREFUSED}: the server died), is
 *       {@code IpcNotFoundException}.</li>
 *   <li><b>Server gone.</b> The connection ties a client to one server's socket, as a Win32 client
 *       handle refers to the mailslot it opened: once that server has closed or died (SIGKILL
 *       included: the kernel closes its socket), a send fails with {@code ECONNREFUSED}, then
 *       {@code ENOTCONN}, both {@code IpcNotFoundException} ("the server is gone"), even if a new
 *       server of the same name exists by then.</li>
 *   <li><b>Close.</b> Wake and wait out blocked reads, stop the pump, unlink both sockets
 *       (while the token is still held, so the names are surely this server's), close, and last give
 *       up the token, which removes its name and the directory if it is empty.</li>
 * </ul>
 * <b>Limit:</b> a server killed with nobody creating its name again leaves its three files until the
 * next server of that name (the core's stale objects behave the same way); the files are inert and
 * tiny. {@code LinuxMailslotTest} checks that the next server removes them and that nothing stays
 * in {@code /dev/shm} after it closes.
 *
 * <h2>Reading: one lock, a FIFO in front of the kernel, no polling</h2>
 * Every dequeue from the kernel happens under the server's one lock, with
 * {@code recvmsg(MSG_DONTWAIT|MSG_TRUNC)} into a buffer of the server's limit; dequeued messages
 * that are not handed out at once go to a user-space FIFO, which is always older than the kernel's
 * queue, so a read takes the FIFO's head first, else the kernel's: arrival order is kept.
 * <ul>
 *   <li>{@code read}: take; if nothing, release the lock and sleep in {@code poll} on the socket
 *       and an eventfd ({@code readable}), with the remaining timeout; then take again. The eventfd
 *       is level-triggered on purpose: it is readable exactly while the FIFO is not empty, or
 *       reads are cancelled ({@code cancelReads}, how {@code MailslotReader} stops), or the server
 *       is closed; it is written only when that changes (under the lock), so a reader can never sleep
 *       while the FIFO holds a message, and the usual path (FIFO empty) costs no eventfd call.</li>
 *   <li>{@code info()} ({@code GetMailslotInfo}) moves everything the kernel holds into the FIFO
 *       ({@code MSG_DONTWAIT}, until {@code EAGAIN}) and counts it: the count and the next size
 *       are exact, and a 0-byte message (next size 0) is distinct from none (empty). No
 *       {@code MSG_PEEK} is needed: after the move, the kernel's queue is empty. (The kernel has no
 *       count of datagrams; {@code FIONREAD} gives only the next one's size, and 0 for both a 0-byte
 *       datagram and none; {@code MSG_PEEK|MSG_TRUNC} would tell them apart, but the move makes it
 *       unnecessary.)</li>
 *   <li>Each datagram carries its sender's credentials ({@code SO_PASSCRED},
 *       {@code SCM_CREDENTIALS}); one from another uid is dropped, counted and logged. The directory
 *       is {@code 0700}, so only root can send one; {@code LinuxMailslotTest} does (a Python child
 *       that connects as root, then {@code setuid(65534)}). A datagram above the server's limit
 *       (only something other than this library sends one) is dropped and counted too.</li>
 * </ul>
 *
 * <h2>Senders: never silently lost, normally never blocked</h2>
 * Windows never blocks a mailslot writer. An AF_UNIX datagram socket queues at most
 * {@code net.unix.max_dgram_qlen} datagrams (10 by default, a sysctl only root may change, not
 * settable per socket) and what the senders' send buffers hold; beyond that a sender blocks. The
 * choice here is both halves of the brief's alternative, each where it is cheap:
 * <ul>
 *   <li><b>A pump thread per server, woken only by full senders.</b> A client sends with
 *       {@code MSG_DONTWAIT}; on {@code EAGAIN} (or {@code ENOBUFS}) it sends an empty datagram to
 *       the server's wake socket {@code H-I.w} from a second socket of its own (its main socket's send
 *       buffer may be what is full), and sleeps in {@code poll(POLLOUT)} on its connected socket,
 *       which the kernel wakes when the server's queue has room (for a connected AF_UNIX datagram
 *       socket, {@code POLLOUT} follows the peer's queue). The pump sleeps in {@code poll} on the
 *       wake socket and a stop eventfd; woken, it moves the kernel's queue into the FIFO under the
 *       lock. So the pump costs nothing while readers keep up (it never runs: a reader takes
 *       datagrams straight from the kernel, one wake-up from the sender), and a server that does not
 *       read (one that calls {@code info()} on a timer, as the ChienIPC unit does) still takes every
 *       message at once. A pump that polled the data socket itself would put a second thread hop
 *       between every sender and reader.</li>
 *   <li><b>A documented memory limit, then a clear error.</b> The FIFO holds at most
 *       {@code ipctoolkit.mailslot.queueLimitBytes} (default 64 MiB; each message counts its length
 *       plus 64 bytes, so 0-byte messages are bounded too). At the limit the pump stops moving
 *       messages; senders then wait in {@code poll(POLLOUT)} for at most
 *       {@code ipctoolkit.mailslot.sendTimeoutMillis} (default 5000 ms) and fail with
 *       {@code IpcResourceExhaustedException} ("the mailslot is full ... Nothing was sent"). A read
 *       that brings the FIFO under half the limit moves the kernel's queue again. No message is
 *       ever lost silently: a send returns only once its datagram is in the server's socket queue,
 *       which the server drains before any later one.</li>
 * </ul>
 *
 * <h2>Sizes</h2>
 * The token carries the server's limit: its {@code maxMessageSize}, or for {@code ANY_SIZE} the
 * largest datagram this system carries, measured by the backend's probe at load (a datagram sent
 * between two sockets: the send buffer raised as far as {@code net.core.wmem_max} allows, less the
 * kernel's 32 bytes, at most 1 MiB, halved while refused, down to 64 KiB; 1 MiB on this machine,
 * 425,952 bytes with the default {@code wmem_max} of 212,992). A larger {@code maxMessageSize} is
 * refused at creation; a client refuses a larger message before sending
 * ({@code IpcInvalidArgumentException} naming both sizes) and raises its {@code SO_SNDBUF} to carry
 * the limit. {@code SO_RCVBUF} does not matter: AF_UNIX charges a queued datagram to its sender.
 *
 * <h2>Evidence (this machine: 2 shared cores, Debian 12, Linux 6.x, JDK 17)</h2>
 * <ul>
 *   <li>{@code MailslotOrderTest}: 10,000 messages (5 to 65 bytes) from 4 client JVMs, all whole,
 *       each client's in order, with {@code read} and with {@code listen}: 1.6 s for both, JVM
 *       start-ups included.</li>
 *   <li>{@code LinuxMailslotTest}: 3,000 datagrams from a child to a server that reads none all
 *       arrive (the pump took them past the 10-datagram kernel queue), {@code info()} counts 3,000
 *       exactly; with a 100,000-byte queue limit a child's sends of 1,000 bytes fail with "mailslot
 *       full" after 94 messages, and exactly those 94 are read.</li>
 *   <li>Throughput of 64-byte messages, one sender thread to {@code read()} in one JVM:
 *       196,000 to 236,000 messages/s, against 195,000 to 406,000 for the same loop in C
 *       (blocking {@code send}/{@code recv}, two threads) in the same minutes; listener round trip
 *       halved (one way): 5.5 to 6.3 us in Java (two mailslots, threads of one JVM), 3.2 to 8.2 us
 *       in C (two processes). The machine is shared and noisy; ipc-bench's twin is the reference.</li>
 * </ul>
 */
package org.ipctoolkit.mailslot.linux;
