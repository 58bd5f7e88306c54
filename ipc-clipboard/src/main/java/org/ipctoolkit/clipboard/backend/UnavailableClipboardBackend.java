package org.ipctoolkit.clipboard.backend;

import java.util.Map;
import java.util.function.LongConsumer;
import org.ipctoolkit.core.Availability;

/** The backend of a platform without a clipboard: every call fails with the reason. */
public final class UnavailableClipboardBackend implements ClipboardBackend {
    private final Availability availability;

    /** @param availability an unavailable outcome, with its cause */
    public UnavailableClipboardBackend(Availability availability) {
        this.availability = availability;
    }

    private <T> T fail(String operation) {
        availability.ensureAvailable("clipboard", "CLIPBOARD", operation);
        throw new IllegalStateException("unreachable");
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public int registerFormat(String name) {
        return this.<Integer>fail("RegisterClipboardFormatW");
    }

    @Override
    public String formatName(int format) {
        return fail("GetClipboardFormatNameW");
    }

    @Override
    public void write(Map<Integer, byte[]> formats, long timeoutMillis) {
        fail("write");
    }

    @Override
    public byte[] read(int format, long timeoutMillis) {
        return fail("read");
    }

    @Override
    public int[] formats(long timeoutMillis) {
        return fail("EnumClipboardFormats");
    }

    @Override
    public void clear(long timeoutMillis) {
        fail("EmptyClipboard");
    }

    @Override
    public long sequenceNumber() {
        return this.<Long>fail("GetClipboardSequenceNumber");
    }

    @Override
    public AutoCloseable watch(LongConsumer onChange, String threadName) {
        return fail("AddClipboardFormatListener");
    }

    @Override
    public String holder() {
        return fail("GetOpenClipboardWindow");
    }
}
