package org.ipctoolkit.clipboard;

/** What {@link Clipboard#addListener} calls once per change of the clipboard, on its own thread. */
@FunctionalInterface
public interface ClipboardListener {
    /**
     * @param sequenceNumber the clipboard's {@link Clipboard#sequenceNumber()} after the change
     * @throws Exception anything: it is logged and the listener keeps listening
     */
    void onChange(long sequenceNumber) throws Exception;
}
