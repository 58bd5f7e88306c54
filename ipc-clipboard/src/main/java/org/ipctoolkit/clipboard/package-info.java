/**
 * The system clipboard ({@link org.ipctoolkit.clipboard.Clipboard}): text, standard and registered
 * formats ({@link org.ipctoolkit.clipboard.ClipboardFormat}), several formats in one write
 * ({@link org.ipctoolkit.clipboard.ClipboardContent}), Delphi records in registered formats, a change
 * counter and change listeners. Win32 clipboard on Windows; the X11 {@code CLIPBOARD} selection on Linux.
 */
package org.ipctoolkit.clipboard;
