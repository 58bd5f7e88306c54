package org.ipctoolkit.pipe;

/** How a pipe carries data ({@code PIPE_TYPE_*} / {@code PIPE_READMODE_*}). */
public enum PipeMode {
    /** {@code PIPE_TYPE_BYTE}: a stream of bytes; write boundaries are not kept. */
    BYTE,
    /** {@code PIPE_TYPE_MESSAGE}: each write is a message, read whole by {@link PipeConnection#readMessage()}. */
    MESSAGE
}
