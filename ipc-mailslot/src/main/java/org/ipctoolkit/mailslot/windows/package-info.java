/**
 * The Windows backend of ipc-mailslot: Win32 mailslots through JNA. Not exported.
 *
 * <h2>Calls</h2>
 * <ul>
 *   <li>Server: {@code CreateMailslotW}, {@code ReadFile}, {@code GetMailslotInfo},
 *       {@code SetMailslotInfo} (a per-call timeout is set just before the read that needs it),
 *       {@code CloseHandle}. A blocked read is woken by a 16-byte random wake-up message the server
 *       writes to its own mailslot and never delivers; {@code CancelSynchronousIo} is the fallback.</li>
 *   <li>Client: {@code CreateFileW(name, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
 *       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)}, {@code WriteFile}, {@code CloseHandle}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>{@code ERROR_ALREADY_EXISTS} (183) from {@code CreateMailslotW}: {@code IpcAlreadyExistsException}.</li>
 *   <li>{@code ERROR_FILE_NOT_FOUND} (2) from {@code CreateFileW} of a local name:
 *       {@code IpcNotFoundException}. A {@code WriteFile} that fails on a local client is followed by a
 *       second {@code CreateFileW}: if the name is gone the send fails with {@code IpcNotFoundException}
 *       (carrying {@code WriteFile}'s error), whatever code Windows gave.</li>
 *   <li>{@code ERROR_INVALID_PARAMETER} (87) from {@code WriteFile} of a local client whose server
 *       lives: the message is above the server's maximum ({@code IpcInvalidArgumentException}). The
 *       client cannot learn the maximum beforehand: {@code GetMailslotInfo} needs the server's handle.</li>
 *   <li>{@code ERROR_REMOTE_MAILSLOTS_DEPRECATED} (3025): Windows 11 24H2 and Windows Server 2025
 *       disable remote mailslots by default; the exception says so. Local mailslots are unaffected.</li>
 * </ul>
 *
 * <h2>Wine 8, measured (and what this backend does about it)</h2>
 * The probe ({@code SystemTraits.probe()}) finds these by behaviour, so real Windows takes the plain
 * path. Wine implements a mailslot as an AF_UNIX datagram socket pair in wineserver.
 * <ul>
 *   <li>{@code GetMailslotInfo} counts at most 1 message, and 0 for a 0-byte message (it peeks one
 *       datagram; Wine's own test marks the count {@code todo_wine}). Workaround: {@code info()} first
 *       moves every waiting message into the server's own queue (only the server can read a mailslot,
 *       so no one can tell), then counts exactly. A C peer's own {@code GetMailslotInfo} still sees
 *       Wine's count.</li>
 *   <li>{@code ReadFile} of a 0-byte message fails with {@code ERROR_BROKEN_PIPE} (109) and consumes
 *       it: read as an empty message.</li>
 *   <li>{@code ReadFile} with a buffer smaller than the message cuts it silently (Windows fails with
 *       {@code ERROR_INSUFFICIENT_BUFFER} and keeps it). Workaround: a read buffer of 256 KiB + 1, above
 *       the largest datagram Wine carries with Linux's default socket buffers: writes above about
 *       212,000 bytes fail there with {@code ERROR_GEN_FAILURE} (31).</li>
 *   <li>The maximum message size is not enforced: {@code WriteFile} of a larger message succeeds.
 *       Workaround: the server drops such a message (with a warning), so a reader never sees one, as on
 *       Windows; the sender is not told.</li>
 *   <li>Writers must share write access with each other ({@code ERROR_SHARING_VIOLATION}, 32, for a
 *       second writer otherwise; Windows since Vista does not check). Workaround: clients open with
 *       {@code FILE_SHARE_READ | FILE_SHARE_WRITE}. A foreign writer that opens with
 *       {@code FILE_SHARE_READ} alone, as Microsoft's sample does, works under Wine only while it is the
 *       only writer.</li>
 *   <li>A client handle keeps the mailslot alive after its server closed: its writes succeed into
 *       nothing, and {@code CreateMailslotW} of the name fails with 183 until every client closed.
 *       Workaround: a local client holds no handle between sends (open, write, close per send), so a
 *       send after the server closed fails with "not found" and the name can be created again.</li>
 *   <li>{@code CancelSynchronousIo} finds nothing ({@code ERROR_NOT_FOUND}); {@code CancelIoEx}
 *       returns TRUE but does not wake a synchronous read; {@code CloseHandle} does wake it (with
 *       {@code ERROR_INVALID_HANDLE}). Hence the wake-up message, which works on both.</li>
 *   <li>No remote mailslots: {@code CreateFileW} of {@code \\*\mailslot\...}, {@code \\HOST\...} (this
 *       computer's name too) or {@code \\DOMAIN\...} fails with {@code ERROR_PATH_NOT_FOUND} (3).
 *       Workaround: a broadcast ({@code *}) or a message to this computer's own name is delivered to
 *       the local server, as Windows delivers it too, with one warning that nothing went to the
 *       network; any other target is refused with an exception that says why.</li>
 *   <li>A full mailslot (about 212 KB waiting) blocks the writer until the server reads; Windows
 *       keeps messages in kernel memory instead.</li>
 * </ul>
 */
package org.ipctoolkit.mailslot.windows;
