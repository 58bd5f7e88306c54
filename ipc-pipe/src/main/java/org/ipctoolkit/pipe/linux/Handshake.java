package org.ipctoolkit.pipe.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The first bytes on a Linux pipe connection. The client writes a hello (16 bytes: magic "IPCP",
 * version 1, its read mode, its process id); the server answers with a welcome (12 bytes: magic
 * "IPCW", its process id) when {@code accept} takes the connection: that is the moment an instance is
 * given, as {@code ConnectNamedPipe} gives one on Windows. A client waits for the welcome until its
 * timeout ({@code WaitNamedPipe}); a connection the server takes after its client gave up is dropped.
 */
final class Handshake {
    static final int HELLO_MAGIC = 0x50435049;
    static final int WELCOME_MAGIC = 0x57435049;
    static final int HELLO_BYTES = 16;
    static final int WELCOME_BYTES = 12;
    static final int VERSION = 1;

    private Handshake() {
    }

    static ByteBuffer hello(boolean messageRead, long pid) {
        ByteBuffer b = ByteBuffer.allocate(HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HELLO_MAGIC).putShort((short) VERSION).putShort((short) (messageRead ? 1 : 0)).putLong(pid).flip();
        return b;
    }

    static ByteBuffer welcome(long pid) {
        ByteBuffer b = ByteBuffer.allocate(WELCOME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(WELCOME_MAGIC).putLong(pid).flip();
        return b;
    }
}
