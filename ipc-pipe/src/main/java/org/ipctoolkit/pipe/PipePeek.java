package org.ipctoolkit.pipe;

/**
 * What {@link PipeConnection#peek()} sees without reading ({@code PeekNamedPipe}).
 *
 * @param bytesAvailable   bytes waiting to be read ({@code lpTotalBytesAvail})
 * @param nextMessageBytes the size of the next message in message mode ({@code lpBytesLeftThisMessage}
 *                         before any read), 0 in byte mode or when nothing waits
 */
public record PipePeek(int bytesAvailable, int nextMessageBytes) {
}
