package org.ipctoolkit.delphi;

import static org.ipctoolkit.testkit.Rejections.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipctoolkit.delphi.DelphiRecord.Alignment;
import org.ipctoolkit.delphi.DelphiRecord.Dialect;
import org.ipctoolkit.delphi.DelphiRecord.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Arrays, nested and variant records, enumerations, sets and the scalar types beyond integers and text. */
class StructuredTypesTest {

    private static final HexFormat HEX = HexFormat.of();

    private static List<Integer> offsets(DelphiRecord r) {
        return r.fields().stream().map(Field::offset).toList();
    }

    private static String hex(ByteBuffer b, int from, int to) {
        return HEX.formatHex(b.array(), from, to);
    }

    @Nested
    class Builder {

        private final DelphiRecord point = DelphiRecord.builder("TPoint").integer("x").integer("y").build();

        @Test
        void arraysOfRecordsAndNestedRecords() {
            DelphiRecord r = DelphiRecord.builder("TPath")
                    .byteValue("n")
                    .array("pts", 1, 3, DelphiType.record(point))
                    .record("origin", point)
                    .array("grid", 0, 1, DelphiType.array(0, 2, DelphiType.BYTE))
                    .build();
            assertEquals(List.of(0, 4, 28, 36), offsets(r));
            assertEquals(44, r.size());
            assertEquals("array[1..3] of TPoint", r.field("pts").type());
            assertEquals("TPoint", r.field("origin").type());
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
            assertEquals("""
                    {$A8}
                    TPoint = record
                      x: Integer;
                      y: Integer;
                    end;
                    {$A8}
                    TPath = record
                      n: Byte;
                      pts: array[1..3] of TPoint;
                      origin: TPoint;
                      grid: array[0..1] of array[0..2] of Byte;
                    end;
                    """, r.toDeclaration());
        }

        @Test
        void variantPartsMatchTheParsedDeclaration() {
            DelphiRecord built = DelphiRecord.builder("TShape")
                    .integer("id")
                    .variant("kind", DelphiType.BYTE)
                    .branch("0").doubleValue("radius")
                    .branch("1").integer("w").integer("h")
                    .branch("2, 3")
                    .variant(null, DelphiType.BOOLEAN)
                    .branch("False").byteValue("a")
                    .branch("True").word("b")
                    .endVariant()
                    .build();
            DelphiRecord parsed = DelphiRecord.parse("TShape = record id: Integer; case kind: Byte of"
                    + " 0: (radius: Double); 1: (w, h: Integer); 2, 3: (case Boolean of False: (a: Byte); True: (b: Word)); end;");
            assertEquals(parsed, built);
            assertEquals(List.of("id", "kind", "radius", "w", "h", "a", "b"),
                    built.fields().stream().map(Field::name).toList());
            assertEquals(List.of(0, 4, 8, 8, 12, 8, 8), offsets(built));
            assertEquals(16, built.size());
            assertEquals(parsed, DelphiRecord.parse(built.toDeclaration()));
        }

        @Test
        void variantMistakes() {
            rejects(() -> DelphiRecord.builder("T").variant("t", DelphiType.BYTE).integer("x"),
                    "record T: field x cannot follow a variant part", "branch(labels)");
            rejects(() -> DelphiRecord.builder("T").integer("a").branch("0"), "needs a variant part");
            rejects(() -> DelphiRecord.builder("T").variant("t", DelphiType.BYTE).build(), "has no branch");
            rejects(() -> DelphiRecord.builder("T").variant("t", DelphiType.DOUBLE), "ordinal type", "Double");
            rejects(() -> DelphiRecord.builder("T").variant("t", DelphiType.BYTE).branch(" "), "case labels");
            rejects(() -> DelphiRecord.builder("T").byteValue("t").variant("t", DelphiType.BYTE), "duplicate");
            rejects(() -> DelphiRecord.builder("T").variant(null, DelphiType.BYTE).branch("0").byteValue("a")
                    .branch("1").byteValue("A"), "already has a field a");
            rejects(() -> DelphiRecord.builder("T").endVariant(), "no variant part is open");
            rejects(() -> DelphiRecord.builder("T").variant(null, DelphiType.BYTE).branch("0")
                    .variant(null, DelphiType.BYTE).endVariant(), "has no branch");
        }

        @Test
        void nestedRecordsMustShareTheDialect() {
            DelphiRecord fpcPoint = DelphiRecord.builder("TPoint").integer("x").dialect(Dialect.FREE_PASCAL).build();
            rejects(() -> DelphiRecord.builder("T").record("p", fpcPoint).build(), "record T", "field p is TPoint",
                    "FREE_PASCAL", "not DELPHI");
            assertEquals(Dialect.FREE_PASCAL,
                    DelphiRecord.builder("T").record("p", fpcPoint).dialect(Dialect.FREE_PASCAL).build().dialect());
        }

        @Test
        void typeFactoriesCheckTheirArguments() {
            rejects(() -> DelphiType.array(3, 2, DelphiType.BYTE), "upper bound below");
            rejects(() -> DelphiType.array(0, Integer.MAX_VALUE - 1, DelphiType.INTEGER), "larger than 2 GB");
            rejects(() -> DelphiType.shortString(0), "1 to 255");
            rejects(() -> DelphiType.enumeration("TE"), "has no values");
            rejects(() -> DelphiType.enumeration("TE", 3, "A"), "1, 2 or 4");
            rejects(() -> DelphiType.enumeration("TE", "A", "a"), "declared twice");
            rejects(() -> DelphiType.enumeration("TE", "end"), "reserved word");
            rejects(() -> DelphiType.setOf(DelphiType.INTEGER), "0..255");
            rejects(() -> DelphiType.setOf(DelphiType.SINGLE), "ordinal type");
            rejects(() -> DelphiType.subrange(5, 4), "upper bound below");
            assertEquals("set of (A, B)", DelphiType.setOf(DelphiType.enumeration(null, "A", "B")).toString());
            assertEquals(1, DelphiType.subrange(0, 255).size());
            assertEquals(2, DelphiType.subrange(-129, 0).size());
            assertEquals(4, DelphiType.subrange(0, 65536).size());
            assertEquals(8, DelphiType.subrange(0, 1L << 32).size());
        }
    }

    @Nested
    class Layout {

        @Test
        void nestedRecordsKeepTheirOwnAlignment() {
            DelphiRecord r = DelphiRecord.parse("""
                    {$A4} TD4 = record a: Byte; d: Double; end;
                    {$A8} TD8 = record a: Byte; d: Double; end;
                    TPk = packed record a: Byte; d: Double; end;
                    T = record c: Byte; d4: TD4; e: Byte; d8: TD8; f: Byte; pk: TPk; g: Byte; end;
                    """);
            assertEquals(List.of(0, 4, 16, 24, 40, 41, 50), offsets(r));
            assertEquals(56, r.size());
            assertEquals(12, r.field("d4").size());
            assertEquals(9, r.field("pk").size());
        }

        @Test
        void inlineRecordsInPackedRecordsArePacked() {
            DelphiRecord r = DelphiRecord.parse("T = packed record a: Byte; r: record b: Byte; i: Integer; end; end;");
            assertEquals(1, r.offset("r"));
            assertEquals(2, r.offset("r.i"));
            assertEquals(6, r.size());
            DelphiRecord aligned = DelphiRecord.parse("T = record a: Byte; r: record b: Byte; i: Integer; end; end;");
            assertEquals(4, aligned.offset("r"));
            assertEquals(8, aligned.offset("r.i"));
            assertEquals(12, aligned.size());
        }

        @Test
        void extendedIsTenBytesAlignedToEight() {
            DelphiRecord r = DelphiRecord.parse("T = record a: Byte; e: Extended; b: Byte; es: array[0..1] of Extended; end;");
            assertEquals(List.of(0, 8, 18, 24), offsets(r));
            assertEquals(48, r.size());
            assertEquals(10, r.field("e").size());
            assertEquals(20, r.field("es").size());
            assertEquals(34, r.field("es[1]").offset());
            DelphiRecord a4 = DelphiRecord.parse("{$A4} T = record a: Byte; e: Extended; end;");
            assertEquals(4, a4.offset("e"));
            assertEquals(16, a4.size());
        }

        /**
         * Delphi's documented rules where Free Pascal differs: a variant part is aligned like a nested record
         * (the largest alignment of its fields), and a set of 3 or more than 4 bytes is aligned to 1. Free
         * Pascal (checked by FreePascalLayoutTest) aligns the variant part to {$A n} and such sets to 8.
         */
        @Test
        void delphiAndFreePascalDiffer() {
            String variant = "T = record case directmode: Boolean of True: (data: array[0..9] of Byte);"
                    + " False: (name: array[0..3] of AnsiChar; w: Word); end;";
            DelphiRecord delphi = DelphiRecord.parse(variant);
            assertEquals(List.of(0, 2, 2, 6), offsets(delphi));
            assertEquals(12, delphi.size());
            DelphiRecord fpc = DelphiRecord.parse(variant, DelphiRecord.DEFAULT_CHARSET, Dialect.FREE_PASCAL);
            assertEquals(List.of(0, 8, 8, 12), offsets(fpc));
            assertEquals(18, fpc.size());
            assertEquals("T (18 bytes, A8, windows-1252, FREE_PASCAL)", fpc.toString());

            String sets = "T = record a: Byte; s: set of 0..39; b: Byte; m: set of 0..23; end;";
            assertEquals(List.of(0, 1, 6, 8), offsets(DelphiRecord.parse(sets)));
            assertEquals(List.of(0, 8, 13, 16),
                    offsets(DelphiRecord.parse(sets, DelphiRecord.DEFAULT_CHARSET, Dialect.FREE_PASCAL)));
            assertEquals(List.of(0, 4, 9, 12),
                    offsets(DelphiRecord.parse("{$A4}" + sets, DelphiRecord.DEFAULT_CHARSET, Dialect.FREE_PASCAL)));
        }

        @Test
        void enumerationSizes() {
            DelphiRecord r = DelphiRecord.parse("""
                    TSmall = (A0, A1, A2);
                    TWide = (W0, W1 = 256);
                    TNeg = (N0 = -129, N1);
                    TBig = (G0, G1 = 70000);
                    {$Z2} TZ2 = (Z2a); {$MINENUMSIZE 4} TZ4 = (Z4a); {$Z-}
                    T = record a: TSmall; b: TWide; c: TNeg; d: TBig; e: TZ2; f: TZ4; g: (I0, I1); end;
                    """);
            assertEquals(List.of(1, 2, 2, 4, 2, 4, 1), r.fields().stream().map(Field::size).toList());
            assertEquals(List.of(0, 2, 4, 8, 12, 16, 20), offsets(r));
            ByteBuffer b = ByteBuffer.allocate(r.size());
            r.field("c").putEnum(b, "N0");
            assertEquals(-129, r.getInt(b, "c"));
            assertEquals("N0", r.get(b, "c"));
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
        }
    }

    @Nested
    class Enumerations {

        private final DelphiRecord r = DelphiRecord.parse("TColor = (Red, Green = 5, Blue); T = record c: TColor; end;");

        @Test
        void namesOrdinalsAndGaps() {
            ByteBuffer b = ByteBuffer.allocate(r.size());
            Field c = r.field("c");
            assertEquals(DelphiRecord.Kind.ENUM, c.kind());
            c.putEnum(b, "blue");
            assertEquals(6, b.get(0));
            assertEquals("Blue", c.getEnum(b));
            assertEquals(6, c.getInt(b));
            c.putInt(b, 3);
            assertEquals(3L, c.get(b), "an ordinal without a name reads as a number");
            CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> c.getEnum(b));
            assertTrue(e.getMessage().contains("ordinal 3 is not a value of TColor (Red = 0, Green = 5, Blue = 6)"),
                    e.getMessage());
            rejects(() -> c.putInt(b, 7), "7", "0..6");
            rejects(() -> c.putEnum(b, "Purple"), "'Purple' is not a value of TColor", "(Red = 0, Green = 5, Blue = 6)");
            c.set(b, "Green");
            assertEquals("Green", r.read(b).get("c"));
            c.set(b, 0);
            assertEquals("Red", c.getEnum(b));
        }
    }

    @Nested
    class Sets {

        private final DelphiRecord r = DelphiRecord.parse("""
                TColor = (Red, Green, Blue);
                T = record cs: set of TColor; sub: set of 8..23; chars: set of AnsiChar; end;
                """);

        @Test
        void bitsStartAtTheByteOfTheLowestElement() {
            ByteBuffer b = ByteBuffer.allocate(r.size());
            assertEquals(List.of(1, 2, 32), r.fields().stream().map(Field::size).toList());
            assertEquals(List.of(0, 2, 4), offsets(r));
            r.set(b, "sub", List.of(8, 9, 23));
            assertEquals("0380", hex(b, 2, 4));
            assertEquals(Set.of(8, 9, 23), r.get(b, "sub"));
            r.field("cs").putSet(b, List.of("Blue", "red"));
            assertEquals((byte) 0b101, b.get(0));
            assertEquals(List.of("Red", "Blue"), List.copyOf(r.field("cs").getSet(b)));
            BitSet chars = new BitSet();
            chars.set('A');
            r.field("chars").putOrdinals(b, chars);
            assertEquals(2, b.get(4 + 8));
            assertEquals(chars, r.field("chars").getOrdinals(b));
        }

        @Test
        void strayBitsAndOutOfRangeElements() {
            ByteBuffer b = ByteBuffer.allocate(r.size());
            b.put(0, (byte) 0b1000);
            CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> r.field("cs").getSet(b));
            assertTrue(e.getMessage().contains("ordinal 3"), e.getMessage());
            b.put(0, (byte) 0);
            BitSet seven = new BitSet();
            seven.set(7);
            rejects(() -> r.field("sub").putOrdinals(b, seven), "ordinal 7 is out of range", "8..23");
            rejects(() -> r.field("sub").getSet(b), "getSet works on sets of an enumeration", "use getOrdinals");
            rejects(() -> r.set(b, "cs", List.of("Red", 2.5)), "cannot hold the element 2.5");
            assertArrayEquals(new byte[r.size()], b.array());
        }
    }

    @Nested
    class Scalars {

        private final DelphiRecord r = DelphiRecord.builder("T")
                .byteBool("bb").wordBool("wb").longBool("lb").booleanValue("bo")
                .extended("e").currency("cur").dateTime("dt")
                .build();

        @Test
        void booleansAreWrittenAsDelphiWritesThem() {
            ByteBuffer b = ByteBuffer.allocate(r.size());
            for (String f : List.of("bb", "wb", "lb", "bo")) {
                r.putBoolean(b, f, true);
            }
            assertEquals("ff" + "00" + "ffff" + "ffffffff" + "01", hex(b, 0, 9));
            b.put(r.offset("wb") + 1, (byte) 0).put(r.offset("wb"), (byte) 2);
            assertTrue(r.getBoolean(b, "wb"));
            r.putBoolean(b, "lb", false);
            assertFalse(r.getBoolean(b, "lb"));
            assertEquals("00000000", hex(b, 4, 8));
            assertEquals(List.of("ByteBool", "WordBool", "LongBool", "Boolean"),
                    r.fields().subList(0, 4).stream().map(Field::type).toList());
        }

        @Test
        void extendedHoldsEveryDoubleExactly() {
            ByteBuffer b = ByteBuffer.allocate(r.size());
            Field e = r.field("e");
            e.putDouble(b, 1.0);
            assertEquals("0000000000000080ff3f", hex(b, e.offset(), e.offset() + 10));
            e.putDouble(b, -2.5);
            assertEquals("00000000000000a000c0", hex(b, e.offset(), e.offset() + 10));
            for (double d : new double[] {0.0, -0.0, Math.PI, -1e-300, Double.MIN_VALUE, Double.MIN_NORMAL,
                    Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4.9e-322}) {
                e.putDouble(b, d);
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(e.getDouble(b)), "value " + d);
            }
            e.putDouble(b, Double.NaN);
            assertTrue(Double.isNaN(e.getDouble(b)));
        }

        @Test
        void extendedBeyondDoubleIsRounded() {
            ByteBuffer b = ByteBuffer.allocate(r.size()).order(ByteOrder.LITTLE_ENDIAN);
            int at = r.offset("e");
            b.putLong(at, Long.MIN_VALUE).putShort(at + 8, (short) 0x7000); // 2^(0x7000 - 16383): too large
            assertEquals(Double.POSITIVE_INFINITY, r.getDouble(b, "e"));
            b.putShort(at + 8, (short) 0x8100); // far below the smallest double
            assertEquals(-0.0, r.getDouble(b, "e"));
            b.putLong(at, 0x4000_0000_0000_0000L).putShort(at + 8, (short) 0x3FFF); // an unnormal
            assertTrue(Double.isNaN(r.getDouble(b, "e")));
            b.putLong(at, -1L).putShort(at + 8, (short) 0x3FFF); // 2 - 2^-63 rounds to 2
            assertEquals(2.0, r.getDouble(b, "e"));
        }

        @Test
        void currencyIsAnInt64OfTenThousandths() {
            ByteBuffer b = ByteBuffer.allocate(r.size()).order(ByteOrder.LITTLE_ENDIAN);
            Field cur = r.field("cur");
            cur.putCurrency(b, new BigDecimal("-19.99"));
            assertEquals(-199_900L, b.getLong(cur.offset()));
            assertEquals(new BigDecimal("-19.9900"), cur.getCurrency(b));
            cur.putCurrency(b, new BigDecimal("922337203685477.5807"));
            assertEquals(Long.MAX_VALUE, b.getLong(cur.offset()));
            rejects(() -> cur.putCurrency(b, new BigDecimal("922337203685477.5808")), "out of range for Currency");
            rejects(() -> cur.putCurrency(b, new BigDecimal("0.00001")), "more than 4 decimal places");
            cur.putCurrency(b, new BigDecimal("1.50000"));
            assertEquals(15_000L, b.getLong(cur.offset()));
            cur.set(b, 7);
            assertEquals(new BigDecimal("7.0000"), cur.get(b));
        }

        @Test
        void dateTimeCountsDaysFrom1899() {
            ByteBuffer b = ByteBuffer.allocate(r.size()).order(ByteOrder.LITTLE_ENDIAN);
            Field dt = r.field("dt");
            dt.putDateTime(b, LocalDateTime.of(2024, 5, 1, 18, 0));
            assertEquals(45413.75, b.getDouble(dt.offset()));
            assertEquals(45413.75, dt.getDouble(b));
            assertEquals(LocalDateTime.of(2024, 5, 1, 18, 0), dt.getDateTime(b));
            dt.putDateTime(b, LocalDateTime.of(1899, 12, 29, 6, 0));
            assertEquals(-1.25, b.getDouble(dt.offset()), "before 1899-12-30 the time still counts forward");
            dt.putDouble(b, -0.5);
            assertEquals(LocalDateTime.of(1899, 12, 30, 12, 0), dt.getDateTime(b));
            LocalDateTime ms = LocalDateTime.of(2001, 2, 3, 4, 5, 6, 789_000_000);
            dt.putDateTime(b, ms);
            assertEquals(ms, dt.getDateTime(b));
            dt.putDateTime(b, LocalDateTime.of(1, 1, 1, 0, 0));
            assertEquals(-693593.0, dt.getDouble(b));
            rejects(() -> dt.putDateTime(b, LocalDateTime.of(0, 12, 31, 0, 0)), "out of range for TDateTime");
            dt.putDouble(b, Double.NaN);
            assertThrows(CorruptRecordException.class, () -> dt.getDateTime(b));
            dt.putDouble(b, 3e6);
            assertThrows(CorruptRecordException.class, () -> dt.get(b));
        }
    }

    @Nested
    class Parsing {

        @Test
        void theMainRecordIsTheOneNoOtherUses() {
            String source = "type TPoint = record x, y: Integer; end; TLine = record a, b: TPoint; end;"
                    + " TFree = record z: Byte; end;";
            assertEquals("TLine", DelphiRecord.parse(source).name());
            Map<String, DelphiRecord> all = DelphiRecord.parseAll(source, DelphiRecord.DEFAULT_CHARSET, Dialect.DELPHI);
            assertEquals(List.of("TPoint", "TLine", "TFree"), List.copyOf(all.keySet()));
            assertEquals(16, all.get("TLine").size());
        }

        @Test
        void typeDeclarationsOfEveryKind() {
            DelphiRecord r = DelphiRecord.parse("""
                    unit Shared; interface
                    type
                      TAge = type Integer;
                      TName = string[20];
                      TIndex = 1..4;
                      TDigits = set of 0..9;
                      TBuf = packed array[TIndex] of Byte;
                      PRec = ^TRec;
                      TProc = procedure(x: Integer);
                      TRec = record
                        age: TAge; name: TName; idx: TIndex; digits: TDigits; buf: TBuf;
                        when: TDate; at: TTime;
                      end;
                    var Shared: PRec;
                    implementation
                    end.
                    """);
            assertEquals(List.of("Integer", "string[20]", "1..4", "set of 0..9", "array[1..4] of Byte",
                    "TDateTime", "TDateTime"), r.fields().stream().map(Field::type).toList());
            assertEquals(List.of(0, 4, 25, 26, 28, 32, 40), offsets(r));
        }

        @Test
        void refusedTypesAreExplainedWhereTheyAreUsed() {
            rejects(() -> DelphiRecord.parse("PRec = ^TRec; T = record p: PRec; end;"), "line 1, column 29",
                    "PRec cannot be the type of field p", "pointer");
            rejects(() -> DelphiRecord.parse("TS = AnsiString; T = record s: TS; end;"), "TS cannot be the type",
                    "long strings");
        }

        @Test
        void variantSyntax() {
            DelphiRecord r = DelphiRecord.parse("T = record case Integer of 0, 1: (); 2..5: (a: Byte); -1: (b: Word;); end");
            assertEquals(List.of("a", "b"), r.fields().stream().map(Field::name).toList());
            assertEquals(2, r.size());
            assertTrue(r.toDeclaration().contains("  case Integer of\n    0, 1: ();\n    2..5: (a: Byte);\n    -1: (b: Word);\nend;"),
                    r.toDeclaration());
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
            rejects(() -> DelphiRecord.parse("T = record case Byte of 0: (a: Byte); b: Byte; end"), "line 1, column 39",
                    "field b cannot follow the variant part");
            rejects(() -> DelphiRecord.parse("T = record case Byte of 0: a: Byte; end"), "expected '('");
            rejects(() -> DelphiRecord.parse("T = record case Byte of 0: (a: Byte) 1: (b: Byte); end"),
                    "expected ';' or 'end' after a branch", "must come last");
            rejects(() -> DelphiRecord.parse("T = record case Byte of end"), "no branches");
            rejects(() -> DelphiRecord.parse("T = record case x: Single of 0: (a: Byte); end"), "ordinal type", "Single");
            rejects(() -> DelphiRecord.parse("T = record case t: Byte of 0: (t: Byte); end"), "duplicate field t");
            rejects(() -> DelphiRecord.parse("T = record case Byte of 0: (a: Byte;"), "expected ')' to close");
        }

        @Test
        void arrayBoundsByType() {
            DelphiRecord r = DelphiRecord.parse("TColor = (Red, Green); T = record a: array[TColor] of Word;"
                    + " b: array[Boolean, Byte] of Byte; c: array[AnsiChar] of Byte; end;");
            assertEquals("array[TColor] of Word", r.field("a").type());
            assertEquals("array[Boolean] of array[Byte] of Byte", r.field("b").type());
            assertEquals(512, r.field("b").size());
            assertEquals(256, r.field("c").size());
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
            rejects(() -> DelphiRecord.parse("T = record a: array[Integer] of Byte; end"), "line 1, column 21",
                    "'Integer' is not");
            rejects(() -> DelphiRecord.parse("T = record a: array[TFoo] of Byte; end"), "'TFoo' is not");
        }

        @Test
        void enumerationDirectives() {
            rejects(() -> DelphiRecord.parse("{$Z3} T = record a: Byte; end"), "invalid enumeration size directive {$Z3}");
            rejects(() -> DelphiRecord.parse("{$A16} T = record a: Byte; end", DelphiRecord.DEFAULT_CHARSET,
                    Dialect.FREE_PASCAL), "{$A16} is not supported under Free Pascal");
            assertEquals(Alignment.A8, DelphiRecord.parse("{$A16} T = record a: Byte; end").alignment());
        }

        @Test
        void inlineEnumerationsKeepTheirSizeInTheDeclaration() {
            DelphiRecord r = DelphiRecord.parse("T = record a: Byte; {$Z4} e: (A, B); {$Z1} f: (C, D); end;");
            assertEquals(List.of(0, 4, 8), offsets(r));
            assertEquals("{$Z4} (A, B) {$Z1}", r.field("e").type());
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
        }

        @Test
        void duplicateTypes() {
            rejects(() -> DelphiRecord.parse("T = record a: Byte; end; t = (x, y);"), "line 1, column 26",
                    "type t is declared twice");
        }

        @Test
        void richRecordRoundTripsThroughItsDeclaration() {
            DelphiRecord r = DelphiRecord.parse("""
                    {$A4}
                    TPoint = record x, y: Integer; end;
                    {$Z2}
                    TColor = (Red, Green = 3, Blue);
                    {$Z1}
                    {$A8}
                    TShape = record
                      color: TColor;
                      colors: set of TColor;
                      pts: array[TColor] of TPoint;
                      inner: record e: Extended; c: Currency; end;
                      case kind: TColor of
                        Red: (dt: TDateTime);
                        Green, Blue: (lb: LongBool; case Boolean of False: (w: WordBool); True: (b: ByteBool));
                    end;
                    """);
            String text = r.toDeclaration();
            assertEquals(r, DelphiRecord.parse(text), text);
            assertTrue(text.startsWith("{$Z2}\nTColor = (Red = 0, Green = 3, Blue = 4);\n{$Z1}\n{$A4}\nTPoint = record\n"),
                    text);
        }
    }
}
