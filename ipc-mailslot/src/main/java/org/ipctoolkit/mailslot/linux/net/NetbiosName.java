package org.ipctoolkit.mailslot.linux.net;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A NetBIOS name (RFC 1001 section 14, RFC 1002 section 4.1): 15 bytes of name, upper case and
 * padded with spaces, then one suffix byte that says which service owns it ({@code 0x00} the
 * workstation, or the domain's group name; {@code 0x1C} the domain controllers; {@code 0x1D} the
 * master browser; {@code 0x20} the server), with an optional scope.
 *
 * <p>On the wire (in a NetBIOS datagram) the name is "first-level encoded": each of its 16 bytes
 * becomes two letters, {@code 'A'} plus its high nibble and {@code 'A'} plus its low nibble, after
 * a length byte {@code 0x20}; scope labels follow, each with its length byte, and a zero byte ends
 * the name. {@code WORKGROUP<00>} becomes
 * <pre>
 *   20 'FHEPFCELEHFCEPFFFACACACACACACAAA' 00
 * </pre>
 * The name's bytes are the OEM code page's (Windows upper-cases the name, then converts it with
 * {@code RtlUpcaseUnicodeStringToOemString}); this class keeps the 16 raw bytes, so a decoded name
 * encodes back to exactly the same bytes.
 */
public final class NetbiosName {
    /** Bytes of the name proper, before the suffix byte. */
    public static final int NAME_LENGTH = 15;
    /** The suffix of a workstation name ({@code COMPUTER<00>}) and of a domain's group name ({@code DOMAIN<00>}). */
    public static final int WORKSTATION = 0x00;
    /** The suffix of the group name of a domain's controllers ({@code DOMAIN<1C>}). */
    public static final int DOMAIN_CONTROLLERS = 0x1C;
    /** The suffix of a domain's master browser ({@code DOMAIN<1D>}). */
    public static final int MASTER_BROWSER = 0x1D;
    /** The suffix of a file server ({@code COMPUTER<20>}). */
    public static final int SERVER = 0x20;

    private static final int ENCODED_LENGTH = 0x20;
    private static final int MAX_FIELD = 255;
    private static final int MAX_LABEL = 63;

    private final byte[] raw; // 16 bytes: name padded with spaces, suffix
    private final String scope; // "" when none

    private NetbiosName(byte[] raw, String scope) {
        this.raw = raw;
        this.scope = scope;
    }

    /**
     * Makes a name the way Windows does: upper case (root locale), converted to {@code oem},
     * cut to {@value #NAME_LENGTH} bytes, padded with spaces, then the suffix.
     *
     * @param name   the name ({@code WORKGROUP}, {@code HOSTB})
     * @param suffix the suffix byte, 0 to 255
     * @param oem    the OEM code page the name's bytes are in
     * @return the name, without scope
     * @throws IllegalArgumentException if the name is empty or the suffix out of range
     */
    public static NetbiosName of(String name, int suffix, Charset oem) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a NetBIOS name is not empty");
        }
        if (suffix < 0 || suffix > 0xFF) {
            throw new IllegalArgumentException("a NetBIOS suffix is a byte, not " + suffix);
        }
        byte[] bytes = name.toUpperCase(Locale.ROOT).getBytes(oem);
        byte[] raw = new byte[NAME_LENGTH + 1];
        Arrays.fill(raw, 0, NAME_LENGTH, (byte) ' ');
        System.arraycopy(bytes, 0, raw, 0, Math.min(NAME_LENGTH, bytes.length));
        raw[NAME_LENGTH] = (byte) suffix;
        return new NetbiosName(raw, "");
    }

    /**
     * Reads a first-level encoded name at the buffer's position and moves past it.
     *
     * @param in the datagram, positioned at the name's length byte
     * @return the name
     * @throws MalformedDatagramException if the name is truncated, its first label is not 32
     *                                    letters {@code A}..{@code P}, a scope label is longer
     *                                    than 63 bytes or is a compression pointer, or the whole
     *                                    field is longer than 255 bytes
     */
    public static NetbiosName decode(ByteBuffer in) throws MalformedDatagramException {
        int start = in.position();
        if (!in.hasRemaining()) {
            throw new MalformedDatagramException("a NetBIOS name is missing");
        }
        int length = in.get() & 0xFF;
        if (length != ENCODED_LENGTH) {
            throw new MalformedDatagramException("a NetBIOS name's first label has length " + length + ", not 32");
        }
        if (in.remaining() < ENCODED_LENGTH) {
            throw new MalformedDatagramException("a NetBIOS name is truncated");
        }
        byte[] raw = new byte[NAME_LENGTH + 1];
        for (int i = 0; i < raw.length; i++) {
            int hi = in.get() - 'A';
            int lo = in.get() - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                throw new MalformedDatagramException("a NetBIOS name holds a character outside A..P");
            }
            raw[i] = (byte) (hi << 4 | lo);
        }
        StringBuilder scope = new StringBuilder();
        while (true) {
            if (!in.hasRemaining()) {
                throw new MalformedDatagramException("a NetBIOS name has no terminating zero byte");
            }
            int label = in.get() & 0xFF;
            if (label == 0) {
                break;
            }
            if (label > MAX_LABEL) {
                throw new MalformedDatagramException("a NetBIOS scope label has length " + label
                        + " (a compression pointer or more than 63)");
            }
            if (in.remaining() < label) {
                throw new MalformedDatagramException("a NetBIOS scope label is truncated");
            }
            byte[] text = new byte[label];
            in.get(text);
            if (scope.length() > 0) {
                scope.append('.');
            }
            scope.append(new String(text, StandardCharsets.ISO_8859_1));
            if (in.position() - start > MAX_FIELD) {
                throw new MalformedDatagramException("a NetBIOS name is longer than 255 bytes");
            }
        }
        return new NetbiosName(raw, scope.toString());
    }

    /**
     * Writes the name first-level encoded, with its scope, at the buffer's position.
     *
     * @param out where to write; {@link #encodedLength()} bytes are written
     */
    public void encode(ByteBuffer out) {
        out.put((byte) ENCODED_LENGTH);
        for (byte b : raw) {
            out.put((byte) ('A' + ((b >> 4) & 0x0F)));
            out.put((byte) ('A' + (b & 0x0F)));
        }
        if (!scope.isEmpty()) {
            for (String label : scope.split("\\.")) {
                byte[] text = label.getBytes(StandardCharsets.ISO_8859_1);
                out.put((byte) text.length);
                out.put(text);
            }
        }
        out.put((byte) 0);
    }

    /** @return how many bytes {@link #encode} writes: 34 without scope */
    public int encodedLength() {
        int n = 1 + 2 * raw.length + 1;
        if (!scope.isEmpty()) {
            n += scope.getBytes(StandardCharsets.ISO_8859_1).length + 1;
        }
        return n;
    }

    /**
     * The name proper, decoded from {@code oem}, without the padding spaces.
     *
     * @param oem the OEM code page
     * @return the name ({@code WORKGROUP})
     */
    public String name(Charset oem) {
        int end = NAME_LENGTH;
        while (end > 0 && raw[end - 1] == ' ') {
            end--;
        }
        return new String(raw, 0, end, oem);
    }

    /** @return the suffix byte, 0 to 255 */
    public int suffix() {
        return raw[NAME_LENGTH] & 0xFF;
    }

    /** @return the scope ({@code ""} when there is none) */
    public String scope() {
        return scope;
    }

    /**
     * Compares the 16 bytes and the scope (without regard to case), as NetBIOS does.
     *
     * @param other another name
     * @return true if both name the same NetBIOS name
     */
    public boolean sameAs(NetbiosName other) {
        return Arrays.equals(raw, other.raw) && scope.equalsIgnoreCase(other.scope);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetbiosName other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw) * 31 + scope.toUpperCase(Locale.ROOT).hashCode();
    }

    /** @return the name as Windows tools print it: {@code WORKGROUP<00>} */
    @Override
    public String toString() {
        return name(StandardCharsets.ISO_8859_1) + String.format("<%02X>", suffix())
                + (scope.isEmpty() ? "" : "." + scope);
    }
}
