package org.ipctoolkit.pipe;

/** Which way data flows, from the server's side ({@code PIPE_ACCESS_*}). */
public enum PipeDirection {
    /** {@code PIPE_ACCESS_INBOUND}: clients write, the server reads. */
    INBOUND,
    /** {@code PIPE_ACCESS_OUTBOUND}: the server writes, clients read. */
    OUTBOUND,
    /** {@code PIPE_ACCESS_DUPLEX}: both ways. */
    DUPLEX
}
