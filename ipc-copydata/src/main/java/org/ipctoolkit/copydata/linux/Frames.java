package org.ipctoolkit.copydata.linux;

import java.nio.ByteBuffer;

/**
 * The frames on a window's socket, little-endian.
 *
 * <pre>
 * request (32 bytes, then LENGTH bytes of payload)
 *   offset  0  u32 MAGIC    "IPCW"
 *   offset  4  u16 VERSION  1
 *   offset  6  u16 KIND     1 WM_COPYDATA, 2 a sent message, 3 a posted message
 *   offset  8  u32 MESSAGE  0x004A (WM_COPYDATA) or a registered message's id (0xC000..0xFFFF)
 *   offset 12  u32 LENGTH   the payload's length (WM_COPYDATA only; 0 otherwise)
 *   offset 16  i64 WPARAM   for WM_COPYDATA: the sender's window
 *   offset 24  i64 LPARAM   for WM_COPYDATA: dwData
 * reply (16 bytes; none for a posted message)
 *   offset  0  u32 MAGIC    "IPCR"
 *   offset  4  u32 STATUS   0
 *   offset  8  i64 RESULT   the LRESULT
 * </pre>
 * A window answers its senders in the order their requests arrive, one at a time, on its thread; a
 * frame that breaks these rules ends its connection (the window keeps working).
 */
final class Frames {
    static final int REQUEST_MAGIC = 0x57435049;
    static final int REPLY_MAGIC = 0x52435049;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 32;
    static final int REPLY_BYTES = 16;
    static final int KIND_COPYDATA = 1;
    static final int KIND_SEND = 2;
    static final int KIND_POST = 3;
    static final int WM_COPYDATA = 0x004A;
    static final int FIRST_REGISTERED = 0xC000;
    static final int LAST_REGISTERED = 0xFFFF;

    private Frames() {
    }

    /** Fills {@code b} (little-endian, position 0) with a request header and flips it. */
    static void putRequest(ByteBuffer b, int kind, int message, int length, long wParam, long lParam) {
        b.clear();
        b.putInt(REQUEST_MAGIC).putShort((short) VERSION).putShort((short) kind).putInt(message).putInt(length)
                .putLong(wParam).putLong(lParam).flip();
    }

    /** Fills {@code b} (little-endian) with a reply and flips it. */
    static void putReply(ByteBuffer b, long result) {
        b.clear();
        b.putInt(REPLY_MAGIC).putInt(0).putLong(result).flip();
    }

    /**
     * @param h a full request header (little-endian, absolute reads)
     * @param maximumPayload the largest payload accepted
     * @return null if it is well-formed, else what is wrong with it
     */
    static String checkRequest(ByteBuffer h, int maximumPayload) {
        if (h.getInt(0) != REQUEST_MAGIC) {
            return "not a request of this library (magic 0x" + Integer.toHexString(h.getInt(0)) + ")";
        }
        if (h.getShort(4) != VERSION) {
            return "frame version " + h.getShort(4) + ", not " + VERSION;
        }
        int kind = h.getShort(6);
        int message = h.getInt(8);
        long length = Integer.toUnsignedLong(h.getInt(12));
        if (kind == KIND_COPYDATA) {
            if (message != WM_COPYDATA) {
                return "a WM_COPYDATA frame with message 0x" + Integer.toHexString(message);
            }
            if (length > maximumPayload) {
                return "a payload of " + length + " bytes, more than " + maximumPayload;
            }
            return null;
        }
        if (kind != KIND_SEND && kind != KIND_POST) {
            return "unknown frame kind " + kind;
        }
        if (message < FIRST_REGISTERED || message > LAST_REGISTERED) {
            return "message 0x" + Integer.toHexString(message) + " is not a registered message";
        }
        return length == 0 ? null : "a registered message with a payload";
    }
}
