/**
 * The Windows backend of ipc-copydata: Win32 windows and window messages through JNA ({@code WindowApi}:
 * user32 loaded with {@code UNICODE_OPTIONS}). Not exported.
 *
 * <h2>Calls</h2>
 * <ul>
 *   <li>Window: {@code RegisterClassExW} once per class name in the process (one window procedure for
 *       every class, held by a static field), {@code CreateWindowExW} on the window's own thread with
 *       {@code HWND_MESSAGE} ({@code (HWND) -3}, built from a long) as parent for a message-only
 *       window, or no parent and no {@code WS_VISIBLE} for a hidden top-level one;
 *       {@code ChangeWindowMessageFilterEx(MSGFLT_ALLOW)} for {@code WM_COPYDATA} and
 *       {@code WM_COPYGLOBALDATA} when asked; {@code GetMessageW} / {@code TranslateMessage} /
 *       {@code DispatchMessageW}; {@code DefWindowProcW} for every other message.</li>
 *   <li>{@code WM_COPYDATA}: the procedure copies {@code cbData} bytes from {@code lpData} before it
 *       returns; {@code dwData}, WPARAM (the sender's window) and the bytes go to the handler, whose
 *       result is the {@code LRESULT}. Ids {@code 0xC000}..{@code 0xFFFF} go to the registered-message
 *       listeners.</li>
 *   <li>Close: {@code PostMessageW} of a private message ({@code WM_APP + 0x1CD}, obeyed only after
 *       {@code close()}), {@code DestroyWindow} on the loop thread, {@code PostQuitMessage} on
 *       {@code WM_DESTROY}; the thread is joined unless {@code close()} runs on it;
 *       {@code UnregisterClassW} when the class's last window is gone.</li>
 *   <li>Find: {@code FindWindowExW(HWND_MESSAGE, NULL, class, title)}, then
 *       {@code FindWindowExW(NULL, NULL, class, title)}.</li>
 *   <li>Send: {@code SendMessageTimeoutW(SMTO_ABORTIFHUNG | SMTO_ERRORONEXIT)} with a
 *       {@code COPYDATASTRUCT} and the bytes in native memory freed after the call; post:
 *       {@code PostMessageW}; broadcast: {@code PostMessageW(HWND_BROADCAST)};
 *       {@code RegisterWindowMessageW}.</li>
 *   <li>Probe: {@code RegisterWindowMessageW} of a fixed name (no X server needed under Wine).</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>A send that fails to a window that {@code IsWindow} no longer knows, or with
 *       {@code ERROR_INVALID_WINDOW_HANDLE} (1400): {@code IpcNotFoundException}.</li>
 *   <li>{@code ERROR_TIMEOUT} (1460), or a failure with no error code while the window exists (a hung
 *       receiver abandoned by {@code SMTO_ABORTIFHUNG}): {@code CopyDataTimeoutException}. The receiver
 *       may still handle the message later.</li>
 *   <li>{@code RegisterClassExW} with {@code ERROR_CLASS_ALREADY_EXISTS} (1410): the class belongs to
 *       other code of this process with its own window procedure.</li>
 *   <li>{@code GetMessageW} returning -1: logged and the loop goes on (a message is lost); after 100
 *       failures in a row the window is destroyed.</li>
 * </ul>
 *
 * <h2>Wine 8, measured</h2>
 * <ul>
 *   <li>A message-only window works with no X server; a hidden top-level window (needed to receive
 *       {@code HWND_BROADCAST}) needs one (the tests run Xvfb). Broadcasts reach hidden top-level
 *       windows of other processes, Java and C alike.</li>
 *   <li>Wine 8 hands a message sent from another process to the window procedure on the receiving
 *       thread's stack, so a cross-process {@code WM_COPYDATA} larger than that stack is lost (the
 *       sender gets error 5, the receiver's {@code GetMessageW} fails once). Measured C to C, with
 *       MinGW's 2 MB main-thread stack: 1,900,000 bytes pass, 2,097,000 fail; to a Java window on a
 *       thread with the JVM's default 1 MiB stack, 500,000 bytes passed and 1,000,000 failed. So a
 *       window's loop thread here has a stack of {@code MAXIMUM_PAYLOAD} + 16 MiB (only reserved), and
 *       16 MiB now crosses from C and from Java to a Java window under Wine. A native program's window
 *       under Wine still receives no more than its own stack holds. Windows itself is not limited so.</li>
 * </ul>
 */
package org.ipctoolkit.copydata.windows;
