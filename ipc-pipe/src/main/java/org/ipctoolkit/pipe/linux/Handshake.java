package org.ipctoolkit.pipe.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The first bytes on a Linux pipe connection. The client writes a hello (16 bytes, little-endian:
 * magic "IPCP", version 1, flags: 1 = reads in message mode, 2 = wants to read, 4 = wants to write;
 * its process id); the server answers with a welcome (12 bytes: magic "IPCW", its process id) when
 * {@code accept} takes the connection: that is the moment an instance is given, as
 * {@code ConnectNamedPipe} gives one on Windows. A client that wants a direction the pipe does not
 * have gets a refusal at once instead (magic "IPCN", then the Win32 error, ERROR_ACCESS_DENIED, as a
 * long), as {@code CreateFileW} fails on Windows. A client waits for the welcome until its timeout
 * ({@code WaitNamedPipe}); a connection the server takes after its client gave up is dropped.
 */
final class Handshake {
    static final int HELLO_MAGIC = 0x50435049;
    static final int WELCOME_MAGIC = 0x57435049;
    static final int REFUSAL_MAGIC = 0x4e435049;
    static final int MESSAGE_READ = 1;
    static final int WANTS_READ = 2;
    static final int WANTS_WRITE = 4;
    static final long ERROR_ACCESS_DENIED = 5;
    static final int HELLO_BYTES = 16;
    static final int WELCOME_BYTES = 12;
    static final int VERSION = 1;

    private Handshake() {
    }

    static ByteBuffer hello(boolean messageRead, boolean read, boolean write, long pid) {
        int flags = (messageRead ? MESSAGE_READ : 0) | (read ? WANTS_READ : 0) | (write ? WANTS_WRITE : 0);
        ByteBuffer b = ByteBuffer.allocate(HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HELLO_MAGIC).putShort((short) VERSION).putShort((short) flags).putLong(pid).flip();
        return b;
    }

    /** @return the flags of a whole hello */
    static int flags(ByteBuffer hello) {
        return hello.getShort(6);
    }

    static ByteBuffer welcome(long pid) {
        return answer(WELCOME_MAGIC, pid);
    }

    static ByteBuffer refusal(long win32Error) {
        return answer(REFUSAL_MAGIC, win32Error);
    }

    private static ByteBuffer answer(int magic, long value) {
        ByteBuffer b = ByteBuffer.allocate(WELCOME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putLong(value).flip();
        return b;
    }
}
