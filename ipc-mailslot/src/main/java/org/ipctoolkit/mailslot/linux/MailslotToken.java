package org.ipctoolkit.mailslot.linux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.core.linux.ObjectType;

/**
 * The body of a mailslot's lifetime token ({@link ObjectType#MAILSLOT}, body version 1, 1024 bytes
 * after the core's 64-byte header), and the names of the files of one mailslot. All words are in
 * the native byte order.
 *
 * <pre>
 *   offset  size  word               written by                       read by
 *    0      4     MAX_MESSAGE_SIZE   the server, before the name       clients ({@code info()} too)
 *                                    appears (the core's Initializer)
 *    4      4     LIMIT              the server: the largest message   clients, before every send
 *                                    it takes (MAX_MESSAGE_SIZE, or
 *                                    the Linux limit for ANY_SIZE)
 *    8      4     SERVER_PID         the server (informative)          messages
 *   12      4     KEY_LENGTH         the server: bytes of KEY          clients
 *   16      8     INSTANCE           the server: the random number     clients: the socket's file name
 *                                    in its sockets' file names
 *   24     40     reserved, 0
 *   64    960     KEY                the server: MailslotName.key()    clients: a hash collision check
 *                                    in UTF-8
 * </pre>
 * Nobody writes the body after the token is named ({@code linkat}), and the core's header makes
 * clients of another layout refuse it; so clients read it with {@code pread}, without any lock and
 * without holding the token ({@code LinuxNamedObject.readBody}).
 *
 * <h2>Files of a mailslot (in {@link Namespace#MAILSLOT}'s directory)</h2>
 * {@code H} is the first 128 bits of SHA-256 of the key, in 32 lower-case hex digits, and {@code I}
 * the instance in 16: the token is {@code H}, the server's socket {@code H-I.s}, its pump's wake
 * socket {@code H-I.w}. The longest socket path,
 * {@code /dev/shm/ipc-toolkit-mailslots-4294967295/H-I.s}, has 95 bytes, within {@code sun_path}'s 107.
 */
final class MailslotToken {
    static final int MAX_MESSAGE_SIZE_OFFSET = 0;
    static final int LIMIT_OFFSET = 4;
    static final int SERVER_PID_OFFSET = 8;
    static final int KEY_LENGTH_OFFSET = 12;
    static final int INSTANCE_OFFSET = 16;
    static final int KEY_OFFSET = 64;
    static final int MAX_KEY_BYTES = ObjectType.MAILSLOT.bodySize() - KEY_OFFSET;

    private MailslotToken() {
    }

    /** @return {@code H}: the first 128 bits of SHA-256 of the key's UTF-8 bytes, in hex */
    static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                b.append(Character.forDigit((d[i] >> 4) & 15, 16)).append(Character.forDigit(d[i] & 15, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** @return the token's object name ({@code H}) */
    static ObjectName objectName(String hash) {
        return ObjectName.of("mailslot", hash);
    }

    /** @return the path of the server's socket ({@code DIR/H-I.s}) */
    static String socketPath(String hash, long instance) {
        return Namespace.MAILSLOT.directory() + "/" + hash + "-" + String.format("%016x", instance) + ".s";
    }

    /** @return the path of the server's wake socket ({@code DIR/H-I.w}) */
    static String wakePath(String hash, long instance) {
        return Namespace.MAILSLOT.directory() + "/" + hash + "-" + String.format("%016x", instance) + ".w";
    }

    /** Writes a new token's body (the core's Initializer). */
    static void write(ByteBuffer body, int maxMessageSize, int limit, long instance, byte[] key) {
        body.putInt(MAX_MESSAGE_SIZE_OFFSET, maxMessageSize);
        body.putInt(LIMIT_OFFSET, limit);
        body.putInt(SERVER_PID_OFFSET, (int) ProcessHandle.current().pid());
        body.putInt(KEY_LENGTH_OFFSET, key.length);
        body.putLong(INSTANCE_OFFSET, instance);
        body.put(KEY_OFFSET, key);
    }

    /** @return the key a token's body holds, or null if its length word is out of range */
    static String key(ByteBuffer body) {
        int length = body.getInt(KEY_LENGTH_OFFSET);
        if (length < 0 || length > MAX_KEY_BYTES) {
            return null;
        }
        byte[] key = new byte[length];
        body.get(KEY_OFFSET, key);
        return new String(key, StandardCharsets.UTF_8);
    }
}
