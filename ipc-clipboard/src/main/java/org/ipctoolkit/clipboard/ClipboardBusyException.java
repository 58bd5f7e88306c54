package org.ipctoolkit.clipboard;

import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.NativeError;

/**
 * The clipboard could not be had within the timeout: another program held it open
 * ({@code OpenClipboard} kept failing; the message names the holder from
 * {@code GetOpenClipboardWindow}), or, on Linux, the program that owns the X11 selection did not
 * answer. Nothing was changed on the clipboard.
 */
public class ClipboardBusyException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * @param operation what was being done
     * @param error     the system's error, or null
     * @param detail    who holds the clipboard and for how long it was tried
     */
    public ClipboardBusyException(String operation, NativeError error, String detail) {
        super(Clipboard.KIND, Clipboard.NAME, operation, error, detail);
    }
}
