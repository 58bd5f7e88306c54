package org.ipctoolkit.delphi;

import static org.ipctoolkit.testkit.Rejections.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.ipctoolkit.delphi.DelphiRecord.Field;
import org.junit.jupiter.api.Test;

/** {@link DelphiRecord.Field} handles: typed accessors, their checks, and paths to nested fields. */
class FieldHandleTest {

    private static final DelphiRecord SHARE_MEM = DelphiRecordTest.SHARE_MEM;

    private static final DelphiRecord SHAPES = DelphiRecord.parse("""
            type
              TColor = (Red, Green, Blue);
              TPoint = record x, y: Integer; end;
              TShape = record
                id: Word;
                color: TColor;
                pts: array[1..3] of TPoint;
                grid: array[0..1, 0..2] of Byte;
                counts: array[TColor] of Cardinal;
                flags: array[Boolean] of ShortInt;
                inner: record b: Byte; d: Double; end;
                name: string[7];
                wc: WideChar;
                ac: AnsiChar;
                f: Single;
                e: Extended;
                cur: Currency;
                dt: TDateTime;
                lb: LongBool;
                colors: set of TColor;
                small: -5..5;
              end;
            """);

    @Test
    void handleWritesWhatTheNameBasedApiWrites() {
        Field age = SHARE_MEM.field("age");
        ByteBuffer a = ByteBuffer.allocate(36);
        ByteBuffer b = ByteBuffer.allocate(36);
        age.putInt(a, 25);
        SHARE_MEM.putInt(b, "age", 25);
        assertArrayEquals(b.array(), a.array());
        assertEquals(25, a.get(32));
        assertEquals(25, age.getInt(a));
        assertEquals(25L, age.getLong(a));
        assertSame(age, SHARE_MEM.field("AGE"));
        assertEquals("age", age.name());
        assertEquals("age", age.path());
        assertEquals(DelphiType.INTEGER, age.delphiType());
        assertEquals(DelphiRecord.Kind.INTEGER, age.kind());
    }

    @Test
    void handlesLeaveTheBufferStateAlone() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
        buffer.position(5).limit(40);
        Field age = SHARE_MEM.field("age");
        age.putInt(buffer, 0x01020304);
        assertEquals(0x01020304, age.getInt(buffer));
        assertEquals(5, buffer.position());
        assertEquals(40, buffer.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
        assertEquals(0x04, buffer.get(32));
    }

    @Test
    void everyAccessorChecksTheBufferSize() {
        ByteBuffer small = ByteBuffer.allocate(SHAPES.size() - 1);
        String size = Integer.toString(SHAPES.size());
        rejects(() -> SHAPES.field("id").getInt(small), "TShape", size, "limit is " + (SHAPES.size() - 1));
        rejects(() -> SHAPES.field("id").putInt(small, 1), size);
        rejects(() -> SHAPES.field("name").getString(small), size);
        rejects(() -> SHAPES.field("f").getFloat(small), size);
        rejects(() -> SHAPES.field("cur").getCurrency(small), size);
        rejects(() -> SHAPES.field("colors").getOrdinals(small), size);
        rejects(() -> SHAPES.field("pts").get(small), size);
        assertArrayEquals(new byte[small.capacity()], small.array());
    }

    @Test
    void readOnlyBuffersRefuseEveryWrite() {
        ByteBuffer ro = ByteBuffer.allocate(SHAPES.size()).asReadOnlyBuffer();
        List<Consumer<ByteBuffer>> writes = List.of(
                b -> SHAPES.field("id").putInt(b, 1),
                b -> SHAPES.field("color").putEnum(b, "Red"),
                b -> SHAPES.field("small").putByte(b, (byte) 1),
                b -> SHAPES.field("counts[Red]").putLong(b, 1),
                b -> SHAPES.field("f").putFloat(b, 1),
                b -> SHAPES.field("e").putDouble(b, 1),
                b -> SHAPES.field("lb").putBoolean(b, true),
                b -> SHAPES.field("name").putString(b, "x"),
                b -> SHAPES.field("wc").putChar(b, 'x'),
                b -> SHAPES.field("ac").putChar(b, 'x'),
                b -> SHAPES.field("cur").putCurrency(b, BigDecimal.ONE),
                b -> SHAPES.field("dt").putDateTime(b, LocalDateTime.of(2000, 1, 1, 0, 0)),
                b -> SHAPES.field("colors").putOrdinals(b, new BitSet()),
                b -> SHAPES.field("pts[1]").set(b, java.util.Map.of("x", 1)));
        for (Consumer<ByteBuffer> write : writes) {
            assertThrows(ReadOnlyBufferException.class, () -> write.accept(ro));
        }
        assertEquals(0, SHAPES.field("id").getInt(ro));
    }

    @Test
    void integerAccessorsFollowTheRange() {
        ByteBuffer buffer = ByteBuffer.allocate(SHAPES.size());
        Field small = SHAPES.field("small");
        assertEquals(DelphiRecord.Kind.INTEGER, small.kind());
        assertEquals("-5..5", small.type());
        assertEquals(1, small.size());
        small.putByte(buffer, (byte) -5);
        assertEquals(-5, small.getByte(buffer));
        assertEquals(-5, small.getShort(buffer));
        assertEquals(-5, small.getInt(buffer));
        rejects(() -> small.putInt(buffer, 6), "TShape.small", "6", "-5..5");
        rejects(() -> small.putShort(buffer, (short) -6), "-6", "-5..5");
        assertEquals(-5, small.getLong(buffer));

        Field id = SHAPES.field("id");
        rejects(() -> id.getByte(buffer), "TShape.id is Word", "fit in a byte", "use getInt");
        rejects(() -> id.getShort(buffer), "fit in a short", "use getInt");
        id.putShort(buffer, Short.MAX_VALUE);
        rejects(() -> id.putShort(buffer, (short) -1), "-1", "0..65535");
        assertEquals(Short.MAX_VALUE, id.getInt(buffer));

        Field count = SHAPES.field("counts[Green]");
        rejects(() -> count.getInt(buffer), "TShape.counts[1] is Cardinal", "use getLong");
        count.putLong(buffer, 4_000_000_000L);
        assertEquals(4_000_000_000L, count.getLong(buffer));
        rejects(() -> count.putLong(buffer, -1), "0..4294967295");
        assertEquals(4_000_000_000L, count.getLong(buffer));
    }

    @Test
    void wrongAccessorsNameTheFieldAndItsType() {
        ByteBuffer buffer = ByteBuffer.allocate(SHAPES.size());
        rejects(() -> SHAPES.field("name").getInt(buffer), "TShape.name: getInt works on integer", "string[7]");
        rejects(() -> SHAPES.field("id").putDouble(buffer, 1), "TShape.id: putDouble", "floating-point", "Word");
        rejects(() -> SHAPES.field("e").getFloat(buffer), "getFloat works on Single fields", "Extended");
        rejects(() -> SHAPES.field("id").getBoolean(buffer), "getBoolean", "Boolean fields", "Word");
        rejects(() -> SHAPES.field("name").getChar(buffer), "getChar", "AnsiChar and WideChar", "string[7]");
        rejects(() -> SHAPES.field("grid").getBytes(buffer), "getBytes", "array[0..1] of array[0..2] of Byte");
        rejects(() -> SHAPES.field("id").getEnum(buffer), "getEnum works on enumerations", "Word");
        rejects(() -> SHAPES.field("color").getSet(buffer), "getSet", "TColor");
        rejects(() -> SHAPES.field("id").getOrdinals(buffer), "getOrdinals works on sets", "Word");
        rejects(() -> SHAPES.field("f").getDateTime(buffer), "getDateTime", "Single");
        rejects(() -> SHAPES.field("dt").getCurrency(buffer), "getCurrency", "TDateTime");
        rejects(() -> SHAPES.field("cur").getLong(buffer), "getLong", "Currency");
        rejects(() -> SHAPES.field("pts").getString(buffer), "getString", "array[1..3] of TPoint");
        rejects(() -> SHAPES.field("inner").putInt(buffer, 1), "TShape.inner: putInt", "record b: Byte; d: Double; end");
        assertArrayEquals(new byte[SHAPES.size()], buffer.array());
    }

    @Test
    void pathsReachNestedFieldsAndElements() {
        Field pts = SHAPES.field("pts");
        assertEquals(DelphiRecord.Kind.ARRAY, pts.kind());
        assertEquals(1, pts.low());
        assertEquals(3, pts.high());
        assertEquals(3, pts.length());
        Field y2 = SHAPES.field("pts[2].y");
        assertEquals(pts.element(2).field("y"), y2);
        assertEquals("pts[2].y", y2.path());
        assertEquals("y", y2.name());
        assertEquals(pts.offset() + 8 + 4, y2.offset());
        assertEquals("pts[2].y: Integer @" + y2.offset() + " (4 bytes)", y2.toString());
        assertEquals(SHAPES.field("grid[1][2]"), SHAPES.field("grid[1, 2]"));
        assertEquals(SHAPES.field("grid").offset() + 5, SHAPES.field("grid[1,2]").offset());
        assertEquals(SHAPES.field("counts[2]"), SHAPES.field("counts[blue]"));
        assertEquals(SHAPES.field("flags[1]"), SHAPES.field("flags[True]"));
        assertEquals(SHAPES.field("inner").field("d"), SHAPES.field("INNER.D"));
        assertEquals(List.of("b", "d"), SHAPES.field("inner").fields().stream().map(Field::name).toList());

        ByteBuffer buffer = ByteBuffer.allocate(SHAPES.size());
        y2.putInt(buffer, -9);
        assertEquals(-9, SHAPES.getInt(buffer, "pts[2].y"));
        assertEquals(-9, buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(y2.offset()));
    }

    @Test
    void badPathsAreExplained() {
        rejects(() -> SHAPES.field("pts[4]"), "TShape.pts: index 4 is out of bounds", "array[1..3] of TPoint", "1..3");
        rejects(() -> SHAPES.field("pts[0].x"), "index 0");
        rejects(() -> SHAPES.field("pts[1].z"), "TShape.pts[1] (TPoint) has no field 'z'", "x, y");
        rejects(() -> SHAPES.field("id.x"), "TShape.id is Word, not a record");
        rejects(() -> SHAPES.field("id[0]"), "TShape.id is Word, not an array");
        rejects(() -> SHAPES.field("pts[1"), "invalid field path 'pts[1'", "expected ']'");
        rejects(() -> SHAPES.field("pts[].x"), "expected an index");
        rejects(() -> SHAPES.field("counts[Purple]"), "'Purple' is not an index of array[TColor] of Cardinal");
        rejects(() -> SHAPES.field("nope[1]"), "record TShape has no field 'nope'", "id, color, pts");
        rejects(() -> SHAPES.field("pts.x"), "TShape.pts is array[1..3] of TPoint, not a record");
        rejects(() -> SHAPES.field("inner..b"), "expected a field name");
        rejects(() -> SHAPES.field("inner b"), "expected '.' or '['");
    }

    @Test
    void charactersAndText() {
        ByteBuffer buffer = ByteBuffer.allocate(SHAPES.size());
        SHAPES.field("wc").putChar(buffer, '中');
        assertEquals('中', SHAPES.field("wc").getChar(buffer));
        assertEquals("中", SHAPES.field("wc").getString(buffer));
        SHAPES.field("ac").putChar(buffer, 'é');
        assertEquals((byte) 0xE9, buffer.get(SHAPES.offset("ac")));
        assertEquals('é', SHAPES.field("ac").getChar(buffer));
        rejects(() -> SHAPES.field("ac").putChar(buffer, '中'), "cannot be encoded in windows-1252");
        SHAPES.field("ac").putChar(buffer, '\0');
        assertEquals('\0', SHAPES.field("ac").getChar(buffer));
        assertEquals("", SHAPES.field("ac").getString(buffer));
    }

    @Test
    void genericSetOfARecordOrArrayWritesAllOrNothing() {
        ByteBuffer buffer = ByteBuffer.allocate(SHAPES.size());
        SHAPES.set(buffer, "pts", List.of(java.util.Map.of("x", 1, "y", 2), java.util.Map.of("x", 3),
                java.util.Map.of("y", 6)));
        assertEquals(List.of(java.util.Map.of("x", 1L, "y", 2L), java.util.Map.of("x", 3L, "y", 0L),
                java.util.Map.of("x", 0L, "y", 6L)), SHAPES.get(buffer, "pts"));
        byte[] before = buffer.array().clone();
        rejects(() -> SHAPES.set(buffer, "pts", List.of(java.util.Map.of("x", 9), java.util.Map.of("x", 9),
                java.util.Map.of("x", "nine"))), "TShape.pts[3].x", "String");
        rejects(() -> SHAPES.set(buffer, "pts", List.of(java.util.Map.of("x", 9))), "1 elements", "exactly 3");
        rejects(() -> SHAPES.set(buffer, "inner", java.util.Map.of("b", 1, "q", 2)), "has no field 'q'");
        rejects(() -> SHAPES.set(buffer, "inner", 5), "cannot set it from a Integer", "a Map from field names");
        assertArrayEquals(before, buffer.array());
        SHAPES.set(buffer, "grid", List.of(new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, java.util.Arrays.copyOfRange(buffer.array(),
                SHAPES.offset("grid"), SHAPES.offset("grid") + 6));
    }
}
