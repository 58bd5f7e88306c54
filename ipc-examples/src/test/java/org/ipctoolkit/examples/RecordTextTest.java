package org.ipctoolkit.examples;

import static org.ipctoolkit.testkit.Rejections.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.Set;
import org.ipctoolkit.delphi.CorruptRecordException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.testkit.SeedRecords;
import org.junit.jupiter.api.Test;

/** Values of Delphi records as text: what {@code ipc shm write --set} accepts and {@code ipc shm read} prints. */
class RecordTextTest {

    private static final DelphiRecord SHARE_MEM = DelphiRecord.parse(SeedRecords.TSHAREMEM_DECLARATION);

    /** One field of every scalar type. */
    private static final DelphiRecord ALL = DelphiRecord.parse(SeedRecords.TALL_DECLARATION);

    private static final DelphiRecord RICH = DelphiRecord.parse("type\n"
            + "  TColor = (Red, Green, Blue);\n"
            + "  TPoint = record x, y: Integer; end;\n"
            + "  TShape = record\n"
            + "    color: TColor;\n"
            + "    colors: set of TColor;\n"
            + "    bits: set of 0..15;\n"
            + "    pts: array[1..2] of TPoint;\n"
            + "    when: TDateTime;\n"
            + "    price: Currency;\n"
            + "    e: Extended;\n"
            + "  end;\n");

    @Test
    void shareMemIsPrintedAsTheToolShowsIt() {
        ByteBuffer buffer = ByteBuffer.allocate(36);
        RecordText.set(SHARE_MEM, buffer, "id", "8888");
        RecordText.set(SHARE_MEM, buffer, "name", "Terry");
        RecordText.set(SHARE_MEM, buffer, "age", "25");
        assertEquals("id = \"8888\"\nname = \"Terry\"\nage = 25", RecordText.format(SHARE_MEM, buffer));
    }

    @Test
    void parsesEveryScalarKind() {
        ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
        RecordText.set(ALL, buffer, "i", " -25 ");
        assertEquals(-25, ALL.getInt(buffer, "i"));
        RecordText.set(ALL, buffer, "i", "0x19");
        assertEquals(25, ALL.getInt(buffer, "i"));
        RecordText.set(ALL, buffer, "w", "$FFff");
        assertEquals(65535, ALL.getInt(buffer, "w"));
        RecordText.set(ALL, buffer, "si", "-0x80");
        assertEquals(-128, ALL.getInt(buffer, "si"));
        RecordText.set(ALL, buffer, "c", "4294967295");
        assertEquals(4294967295L, ALL.getLong(buffer, "c"));
        RecordText.set(ALL, buffer, "d", "1.25e2");
        assertEquals(125.0, ALL.getDouble(buffer, "d"));
        RecordText.set(ALL, buffer, "f", "-0.5");
        assertEquals(-0.5, ALL.getDouble(buffer, "f"));
        RecordText.set(ALL, buffer, "bool", "TRUE");
        assertTrue(ALL.getBoolean(buffer, "bool"));
        RecordText.set(ALL, buffer, "bool", "false");
        assertFalse(ALL.getBoolean(buffer, "bool"));
        RecordText.set(ALL, buffer, "s", " a b ");
        assertEquals(" a b ", ALL.getString(buffer, "s"));
        RecordText.set(ALL, buffer, "wa", "xy");
        assertEquals("xy", ALL.getString(buffer, "wa"));
        RecordText.set(ALL, buffer, "ba", "0a 0B ff");
        assertArrayEquals(new byte[] {0x0a, 0x0b, (byte) 0xff}, ALL.getBytes(buffer, "ba"));
        RecordText.set(ALL, buffer, "u64", "18446744073709551615");
        assertEquals(-1L, ALL.getLong(buffer, "u64"));
        RecordText.set(ALL, buffer, "u64", "9223372036854775808");
        assertEquals(Long.MIN_VALUE, ALL.getLong(buffer, "u64"));
    }

    @Test
    void rejectsBadTextAndWritesNothing() {
        ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
        rejects(() -> RecordText.set(ALL, buffer, "i", "abc"), "TAll.i", "'abc'", "Integer");
        rejects(() -> RecordText.set(ALL, buffer, "i", "1.5"), "'1.5'");
        rejects(() -> RecordText.set(ALL, buffer, "i", "2147483648"), "-2147483648..2147483647");
        rejects(() -> RecordText.set(ALL, buffer, "b", "0x100"), "0..255");
        rejects(() -> RecordText.set(ALL, buffer, "d", "one"), "TAll.d", "'one'");
        rejects(() -> RecordText.set(ALL, buffer, "d", "1.5d"), "TAll.d", "'1.5d'");
        rejects(() -> RecordText.set(ALL, buffer, "bool", "yes"), "TAll.bool", "true or false");
        rejects(() -> RecordText.set(ALL, buffer, "ba", "0a0"), "TAll.ba", "hexadecimal");
        rejects(() -> RecordText.set(ALL, buffer, "ba", "0a0g"), "hexadecimal");
        rejects(() -> RecordText.set(ALL, buffer, "ba", "0a0b"), "2 bytes");
        rejects(() -> RecordText.set(ALL, buffer, "s", "toolong"), "value needs 7 bytes");
        rejects(() -> RecordText.set(ALL, buffer, "u64", "18446744073709551616"), "0..18446744073709551615");
        rejects(() -> RecordText.set(ALL, buffer, "u64", "-1"), "u64", "0..18446744073709551615");
        rejects(() -> RecordText.set(ALL, buffer, "x", "1"), "TAll", "'x'");
        assertArrayEquals(new byte[ALL.size()], buffer.array());
    }

    /** Regression (issue 7, defect 8): {@code --set d=1e400} wrote Infinity to a Double. */
    @Test
    void numbersThatOverflowToInfinityAreRefused() {
        ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
        rejects(() -> RecordText.set(ALL, buffer, "d", "1e400"), "TAll.d", "1e400", "Double", "Infinity");
        rejects(() -> RecordText.set(ALL, buffer, "d", "-1e400"), "-1e400", "Infinity");
        rejects(() -> RecordText.set(ALL, buffer, "f", "1e39"), "TAll.f", "1e39", "Single", "Infinity");
        rejects(() -> RecordText.set(ALL, buffer, "d", "1e-400"), "1e-400", "rounds to 0");
        rejects(() -> RecordText.set(ALL, buffer, "f", "1e-50"), "1e-50", "rounds to 0");
        assertArrayEquals(new byte[ALL.size()], buffer.array());
        RecordText.set(ALL, buffer, "d", "1.7976931348623157e308");
        assertEquals(Double.MAX_VALUE, ALL.getDouble(buffer, "d"));
        RecordText.set(ALL, buffer, "d", "-0.0");
        assertEquals(-0.0, ALL.getDouble(buffer, "d"));
    }

    @Test
    void nanAndInfinityAreRefusedUnlessAllowed() {
        ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
        for (String text : new String[] {"NaN", "nan", "Infinity", "-Infinity", "+inf"}) {
            rejects(() -> RecordText.set(ALL, buffer, "d", text), "TAll.d", text, "not a finite number");
        }
        assertArrayEquals(new byte[ALL.size()], buffer.array());
        RecordText.set(ALL, buffer, "d", "NaN", true);
        assertTrue(Double.isNaN(ALL.getDouble(buffer, "d")));
        RecordText.set(ALL, buffer, "d", "-Infinity", true);
        assertEquals(Double.NEGATIVE_INFINITY, ALL.getDouble(buffer, "d"));
        rejects(() -> RecordText.set(ALL, buffer, "d", "1e400", true), "overflows to Infinity");
    }

    @Test
    void formatShowsEveryKind() {
        ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
        ALL.putLong(buffer, "u64", -1);
        ALL.putDouble(buffer, "f", 0.1);
        ALL.putBytes(buffer, "ba", new byte[] {1, 2, (byte) 0xFF});
        String text = RecordText.format(ALL, buffer);
        assertTrue(text.contains("u64 = 18446744073709551615"), text);
        assertTrue(text.contains("\nf = 0.1\n"), text);
        assertTrue(text.contains("ba = 0102ff"), text);
        assertTrue(text.contains("ac = \"\""), text);
    }

    @Test
    void formatQuotesAndEscapesText() {
        DelphiRecord r = DelphiRecord.builder("T").shortString("s", 20).ansiChar("c").build();
        ByteBuffer buffer = ByteBuffer.allocate(r.size());
        r.putString(buffer, "s", "say \"hi\"\\\t");
        assertEquals("s = \"say \\\"hi\\\"\\\\\\t\"\nc = \"\"", RecordText.format(r, buffer));
    }

    @Test
    void corruptDataIsReportedNotPrinted() {
        ByteBuffer buffer = ByteBuffer.allocate(36);
        buffer.put(11, (byte) 21);
        assertThrows(CorruptRecordException.class, () -> RecordText.format(SHARE_MEM, buffer));
    }

    @Test
    void nestedFieldsEnumsSetsDatesAndCurrency() {
        ByteBuffer buffer = ByteBuffer.allocate(RICH.size());
        RecordText.set(RICH, buffer, "color", "blue");
        RecordText.set(RICH, buffer, "colors", "[Red, Blue]");
        RecordText.set(RICH, buffer, "bits", "0, 15");
        RecordText.set(RICH, buffer, "pts[2].y", "-7");
        RecordText.set(RICH, buffer, "when", "2024-05-01 12:30:15.250");
        RecordText.set(RICH, buffer, "price", "19.99");
        RecordText.set(RICH, buffer, "e", "2.5");
        assertEquals("Blue", RICH.field("color").getEnum(buffer));
        assertEquals(Set.of("Red", "Blue"), RICH.field("colors").getSet(buffer));
        assertEquals(-7, RICH.getInt(buffer, "pts[2].y"));
        assertEquals(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000), RICH.field("when").getDateTime(buffer));
        assertEquals(new BigDecimal("19.9900"), RICH.field("price").getCurrency(buffer));
        assertEquals("color = Blue\n"
                + "colors = [Red, Blue]\n"
                + "bits = [0, 15]\n"
                + "pts[1].x = 0\n"
                + "pts[1].y = 0\n"
                + "pts[2].x = 0\n"
                + "pts[2].y = -7\n"
                + "when = 2024-05-01T12:30:15.250\n"
                + "price = 19.9900\n"
                + "e = 2.5", RecordText.format(RICH, buffer));
        RecordText.set(RICH, buffer, "color", "0");
        assertEquals("Red", RICH.field("color").getEnum(buffer));
        RecordText.set(RICH, buffer, "colors", "[]");
        assertEquals(Set.of(), RICH.field("colors").getSet(buffer));
        rejects(() -> RecordText.set(RICH, buffer, "color", "Purple"), "Purple", "(Red, Green, Blue)");
        rejects(() -> RecordText.set(RICH, buffer, "price", "0.00001"), "more than 4 decimal places");
        rejects(() -> RecordText.set(RICH, buffer, "when", "yesterday"), "TShape.when", "2024-05-01");
        rejects(() -> RecordText.set(RICH, buffer, "pts", "1"), "TShape.pts", "one by one", "pts[1]=");
        rejects(() -> RecordText.set(RICH, buffer, "pts[1]", "1"), "TShape.pts[1]", "one by one", "pts[1].x=");
    }
}
