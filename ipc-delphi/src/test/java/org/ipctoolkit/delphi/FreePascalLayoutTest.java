package org.ipctoolkit.delphi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.delphi.DelphiRecord.Dialect;
import org.ipctoolkit.delphi.DelphiRecord.Field;
import org.ipctoolkit.delphi.DelphiType.ArrayType;
import org.ipctoolkit.delphi.DelphiType.EnumType;
import org.ipctoolkit.delphi.DelphiType.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout oracle: Free Pascal in Delphi mode ({@code fpc -Mdelphi}) compiles probe programs made from
 * the very declarations the codec parses, and prints {@code SizeOf} and the offset of every field (nested
 * fields and array elements included) under {@code {$A1}}, {@code {$A2}}, {@code {$A4}}, {@code {$A8}} and
 * {@code packed}; every number must equal the codec's. A second program writes known values into records
 * and prints their bytes, which the codec must read back and reproduce byte for byte.
 *
 * <p>Tagged {@code linux-only}: the compiler here is Debian's {@code fpc} for x86-64 Linux; the Windows run
 * under Wine has no Free Pascal. The compiler agrees with 32-bit Delphi on every type used here (Extended
 * is 10 bytes, as in Win32 Delphi; 64-bit Delphi's Extended is a Double). Where Free Pascal's rules differ
 * from Delphi's (variant parts, sets of 3 or more than 4 bytes), the codec is compared under
 * {@link Dialect#FREE_PASCAL}, and {@link #delphiAndFreePascalDifferOnlyWhereDocumented} checks that the
 * {@link Dialect#DELPHI} layout differs in those records alone. If {@code fpc} is missing the tests fail:
 * install it with {@code scripts/setup-linux}.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class FreePascalLayoutTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final HexFormat HEX = HexFormat.of();

    /** The test types; %ALIGN% is replaced by the alignment directive. */
    static final String DECLARATIONS = """
            %ALIGN%
            {$Z1}
            type
              TColor = (Red, Green, Blue);
              TBig = (B00, B01, B02, B03, B04, B05, B06, B07, B08, B09, B10, B11, B12, B13, B14, B15, B16, B17,
                      B18, B19, B20, B21, B22, B23, B24, B25, B26, B27, B28, B29, B30, B31, B32, B33, B34, B35,
                      B36, B37, B38, B39);
              TWideEnum = (W0, W1 = 300);
              TNeg = (NegA = -5, NegB = 5);
              {$Z4} TColor4 = (C4Red, C4Green); {$Z2} TColor2 = (C2Red, C2Green); {$Z1}
              TColors = set of TColor;
              TBigs = set of TBig;
              TMid = set of 3..20;
              TWordSet = set of 0..15;
              TSet8 = set of 0..63;
              TSet7 = set of 0..55;
              TSet17 = set of 0..135;
              TCharSet = set of AnsiChar;
              TShareMem = record
                id: string[10];
                name: string[20];
                age: Integer;
              end;
              TScalars = record
                b: Byte; si: ShortInt; w: Word; sm: SmallInt; i: Integer; c: Cardinal; i64: Int64; u64: UInt64;
                f: Single; d: Double; e: Extended; cur: Currency; dt: TDateTime; bo: Boolean; bb: ByteBool;
                wb: WordBool; lb: LongBool; ac: AnsiChar; wc: WideChar;
              end;
              TPadded = record
                a: Byte; w: Word; b: Byte; i: Integer; c: Byte; i64: Int64; d2: Byte; d: Double; e1: Byte;
                e: Extended; f1: Byte; cur: Currency; g: Byte; dt: TDateTime; h: Byte; wb: WordBool; j: Byte;
                lb: LongBool; k: Byte; wc: WideChar; l: Byte; f: Single; m: Byte; u64: UInt64; n: Byte;
              end;
              TStrings = record
                a: Byte; s1: string[1]; s2: string[2]; s3: string[3]; s7: string[7]; n: Integer;
                s255: ShortString; s10: string[10]; w: Word; ac: array[0..4] of AnsiChar;
                wa: array[1..3] of WideChar; ba: array[0..2] of Byte; z: Byte;
              end;
              TPoint = record x, y: Integer; end;
              TDPoint = record x: Byte; d: Double; end;
              TExtRec = record e: Extended; b: Byte; end;
              TArrays = record
                a: Byte; ints: array[0..9] of Integer; b: Byte; pts: array[1..3] of TPoint; c: Byte;
                grid: array[0..1, 0..2] of Byte; d: Byte; dpts: array[0..1] of TDPoint; e: Byte;
                counts: array[TColor] of Word; f: Byte; flags: array[Boolean] of Byte; g: Byte;
                exts: array[0..2] of Extended; h: Byte; words: array[0..1] of array[0..1] of Word;
                i: Byte; neg: array[-2..2] of SmallInt; j: Byte; erecs: array[0..1] of TExtRec; k: Byte;
              end;
              TNested = record
                a: Byte; p: TPoint; b: Byte; dp: TDPoint; c: Byte;
                inner: record x: Byte; d: Double; s: string[3]; end;
                d: Byte;
                pk: packed record x: Byte; i: Integer; end;
                e: Byte; sm: TShareMem; f: Byte;
              end;
              TVariant1 = record a: Byte; case Integer of 0: (x: Byte); 1: (d: Double; q: Byte); end;
              TVariant2 = record a: Byte; case tag: Byte of 0: (x: Byte); 1: (w: Word); 2: (s: string[5]); end;
              TVariant3 = record
                a: Word;
                case kind: TColor of
                  Red: (i: Integer);
                  Green, Blue: (b: Byte; case Boolean of False: (c: Byte); True: (e: Extended));
              end;
              TVariant4 = record case Integer of 0: (lo, hi: Cardinal); 1: (all: Int64); end;
              TVariantBytes = record a: Byte; case t: Byte of 0: (x: Byte); 1: (y, z: Byte); end;
              TVariantAligned = record a: Int64; case t: Integer of 0: (x: Byte); 1: (d: Double); end;
              TEnums = record
                a: Byte; c: TColor; b: Byte; we: TWideEnum; n: TNeg; c4: TColor4; d: Byte; c2: TColor2;
                inl: (InlA, InlB, InlC); z: Byte;
              end;
              TSets = record
                a: Byte; cs: TColors; b: Byte; big: TBigs; c: Byte; mid: TMid; d: Byte; ws: TWordSet; e: Byte;
                s8: TSet8; f: Byte; s7: TSet7; g: Byte; s17: TSet17; h: Byte; chars: TCharSet; i: Byte;
                sub: set of 8..23; j: Byte; bools: set of Boolean;
              end;
              TSmallSets = record a: Byte; cs: TColors; mid: TMid; ws: TWordSet; sub: set of 8..23; end;
              TSubranges = record a: Byte; r1: 0..9; r2: -1..1; r3: 0..300; r4: -200..200; r5: 0..100000; end;
            """;

    /** Records whose layout Delphi's rules give differently (variant parts not already aligned, large sets). */
    private static final Set<String> DIALECT_SENSITIVE = Set.of("TVariant2", "TVariantBytes", "TSets");

    private static String fpc;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireFreePascal() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("fpc", "-iV").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("fpc -iV failed: " + version);
            }
            fpc = version;
        } catch (IOException e) {
            fail("Free Pascal (fpc) is not installed, so the record layouts cannot be checked against a compiler."
                    + " Install it with scripts/setup-linux (Debian package fpc). " + e.getMessage());
        }
    }

    static String declarations(String variant) {
        return switch (variant) {
            case "packed" -> DECLARATIONS.replace("%ALIGN%", "{$A8}").replaceAll("=\\s*record", "= packed record");
            default -> DECLARATIONS.replace("%ALIGN%", "{$" + variant + "}");
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"A1", "A2", "A4", "A8", "packed"})
    void everySizeAndOffsetMatchesTheCompiler(String variant) throws Exception {
        String source = declarations(variant);
        Map<String, DelphiRecord> records = DelphiRecord.parseAll(source, CP1252, Dialect.FREE_PASCAL);
        assertTrue(records.size() >= 17, records.keySet().toString());

        StringBuilder program = new StringBuilder("program LayoutProbe;\n{$mode delphi}\n").append(source).append("var\n");
        List<String> names = new ArrayList<>(records.keySet());
        for (int i = 0; i < names.size(); i++) {
            program.append("  Probe").append(i).append(": ").append(names.get(i)).append(";\n");
        }
        program.append("begin\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DelphiRecord r = records.get(names.get(i));
            String var = "Probe" + i;
            program.append("  writeln('").append(r.name()).append("||0|', SizeOf(").append(r.name()).append("));\n");
            expected.add(r.name() + "||0|" + r.size());
            for (Field f : r.fields()) {
                probe(program, expected, r.name(), var, f, var + "." + f.name());
            }
        }
        program.append("end.\n");

        List<String> actual = run(program.toString(), "LayoutProbe");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(nothing)";
            String a = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!e.equals(a)) {
                mismatches.add("codec " + e + "  fpc " + a);
            }
        }
        assertTrue(mismatches.isEmpty(), () -> "fpc " + fpc + " under " + variant + " disagrees (record|path|offset|size) in "
                + mismatches.size() + " of " + expected.size() + " lines:\n" + String.join("\n", mismatches));
        assertTrue(expected.size() > 250, "probed " + expected.size() + " fields");
    }

    /** Adds lines printing a field's offset and size, then those of its fields or a sample of its elements. */
    private static void probe(StringBuilder program, List<String> expected, String record, String var, Field f, String expr) {
        program.append("  writeln('").append(record).append('|').append(f.path()).append("|', PtrUInt(@")
                .append(expr).append(") - PtrUInt(@").append(var).append("), '|', SizeOf(").append(expr).append("));\n");
        expected.add(record + "|" + f.path() + "|" + f.offset() + "|" + f.size());
        if (f.kind() == DelphiRecord.Kind.RECORD) {
            for (Field child : f.fields()) {
                probe(program, expected, record, var, child, expr + "." + child.name());
            }
        } else if (f.delphiType() instanceof ArrayType array) {
            List<Integer> sample = new ArrayList<>();
            if (array.count <= 4) {
                for (int i = f.low(); i <= f.high(); i++) {
                    sample.add(i);
                }
            } else {
                sample.addAll(List.of(f.low(), f.low() + 1, f.high()));
            }
            for (int i : sample) {
                probe(program, expected, record, var, f.element(i), expr + "[" + indexExpression(array, i) + "]");
            }
        }
    }

    private static String indexExpression(ArrayType array, int index) {
        if (array.indexType instanceof EnumType e) {
            return e.name + "(" + index + ")";
        }
        if (array.indexType instanceof ScalarType s) {
            return s.scalar.delphiName + "(" + index + ")";
        }
        return Integer.toString(index);
    }

    @Test
    void delphiAndFreePascalDifferOnlyWhereDocumented() {
        for (String variant : List.of("A1", "A2", "A4", "A8", "packed")) {
            String source = declarations(variant);
            Map<String, DelphiRecord> fpcRules = DelphiRecord.parseAll(source, CP1252, Dialect.FREE_PASCAL);
            Map<String, DelphiRecord> delphiRules = DelphiRecord.parseAll(source, CP1252, Dialect.DELPHI);
            for (String name : fpcRules.keySet()) {
                List<String> f = layout(fpcRules.get(name));
                List<String> d = layout(delphiRules.get(name));
                if (!DIALECT_SENSITIVE.contains(name) || variant.equals("A1") || variant.equals("packed")) {
                    assertEquals(f, d, variant + " " + name);
                }
            }
            if (variant.equals("A8")) {
                for (String name : DIALECT_SENSITIVE) {
                    assertNotEquals(layout(fpcRules.get(name)), layout(delphiRules.get(name)), name);
                }
            }
        }
    }

    private static List<String> layout(DelphiRecord r) {
        List<String> lines = new ArrayList<>();
        lines.add(Integer.toString(r.size()));
        for (Field f : r.fields()) {
            lines.add(f.path() + "@" + f.offset());
        }
        return lines;
    }

    // ---------------------------------------------------------------- values

    private static final String ASSIGNMENTS = """
              FillChar(S, SizeOf(S), 0);
              S.b := 200; S.si := -100; S.w := 60000; S.sm := -30000; S.i := -123456789; S.c := 4000000000;
              S.i64 := -1234567890123; S.u64 := 18446744073709551614; S.f := 1.5; S.d := -2.25; S.e := 2.5;
              S.cur := 19.99; S.dt := 45413.5; S.bo := True; S.bb := True; S.wb := True; S.lb := True;
              S.ac := 'A'; S.wc := 'z';
              Dump('TScalars', @S, SizeOf(S));
              FillChar(T, SizeOf(T), 0);
              T.a := 1; T.s1 := 'x'; T.s2 := 'ab'; T.s3 := ''; T.s7 := 'Terry'; T.n := 25;
              T.s255 := 'The quick brown fox'; T.s10 := '8888'; T.w := 513;
              T.ac[0] := 'a'; T.ac[1] := 'b'; T.wa[1] := 'c'; T.wa[2] := 'd'; T.wa[3] := 'e';
              T.ba[0] := 1; T.ba[2] := 255; T.z := 9;
              Dump('TStrings', @T, SizeOf(T));
              FillChar(A, SizeOf(A), 0);
              A.ints[0] := 7; A.ints[9] := -7; A.pts[3].y := 9; A.grid[1, 2] := 6; A.dpts[1].d := 1.25;
              A.counts[Blue] := 500; A.flags[True] := 1; A.exts[2] := -0.5; A.words[1][0] := 65535;
              A.neg[-2] := -1; A.erecs[1].e := 1024.75; A.erecs[1].b := 3; A.k := 11;
              Dump('TArrays', @A, SizeOf(A));
              FillChar(N, SizeOf(N), 0);
              N.p.x := 1; N.p.y := -2; N.dp.x := 3; N.dp.d := 0.5; N.inner.x := 4; N.inner.d := 8;
              N.inner.s := 'abc'; N.pk.x := 5; N.pk.i := $01020304; N.sm.id := '8888'; N.sm.name := 'Terry';
              N.sm.age := 25; N.f := 6;
              Dump('TNested', @N, SizeOf(N));
              FillChar(V, SizeOf(V), 0);
              V.a := 9; V.kind := Green; V.b := 7; V.e := 3.0;
              Dump('TVariant3', @V, SizeOf(V));
              FillChar(E, SizeOf(E), 0);
              E.c := Blue; E.we := W1; E.n := NegA; E.c4 := C4Green; E.c2 := C2Green; E.inl := InlC;
              Dump('TEnums', @E, SizeOf(E));
              FillChar(X, SizeOf(X), 0);
              X.cs := [Red, Blue]; X.big := [B00, B17, B39]; X.mid := [3, 10, 20]; X.ws := [0, 15];
              X.s8 := [0, 63]; X.s7 := [55]; X.s17 := [0, 135]; X.chars := ['A', 'z']; X.sub := [8, 23];
              X.bools := [True];
              Dump('TSets', @X, SizeOf(X));
              FillChar(R, SizeOf(R), 0);
              R.r1 := 9; R.r2 := -1; R.r3 := 300; R.r4 := -200; R.r5 := 100000;
              Dump('TSubranges', @R, SizeOf(R));
            """;

    /** TDateTime values that Free Pascal's SysUtils formats, to check the codec's conversion. */
    private static final double[] DATE_TIMES = {0, 1.5, -1.25, -0.5, 45413.5, 45413.999999, 45413.0000001,
        -693593.0, 2958465.5, 36526.123456};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"A8", "A1"})
    void valuesWrittenByFreePascalReadBackAndMatchByteForByte(String variant) throws Exception {
        String source = declarations(variant);
        Map<String, DelphiRecord> records = DelphiRecord.parseAll(source, CP1252, Dialect.FREE_PASCAL);
        StringBuilder program = new StringBuilder("program ValueProbe;\n{$mode delphi}\nuses SysUtils;\n").append(source)
                .append("""
                        var S: TScalars; T: TStrings; A: TArrays; N: TNested; V: TVariant3; E: TEnums; X: TSets;
                          R: TSubranges; Days: Double;
                        procedure Dump(const name: string; p: PByte; n: Integer);
                        var i: Integer;
                        begin
                          write(name, '|');
                          for i := 0 to n - 1 do write(HexStr(p[i], 2));
                          writeln;
                        end;
                        begin
                        """).append(ASSIGNMENTS);
        for (double d : DATE_TIMES) {
            program.append("  Days := ").append(d).append(";\n")
                    .append("  writeln('date|', FormatDateTime('yyyy-mm-dd\"T\"hh:nn:ss.zzz', Days));\n");
        }
        program.append("end.\n");
        Map<String, byte[]> dumps = new LinkedHashMap<>();
        List<String> dates = new ArrayList<>();
        for (String line : run(program.toString(), "ValueProbe")) {
            String[] parts = line.split("\\|", 2);
            if (parts[0].equals("date")) {
                dates.add(parts[1]);
            } else {
                dumps.put(parts[0], HEX.parseHex(parts[1].toLowerCase()));
            }
        }

        Map<String, ByteBuffer> mine = new LinkedHashMap<>();
        for (String name : dumps.keySet()) {
            assertEquals(records.get(name).size(), dumps.get(name).length, name + " size");
            mine.put(name, ByteBuffer.allocate(records.get(name).size()));
        }
        writeTheSameValues(records, mine);
        for (String name : dumps.keySet()) {
            assertEquals(HEX.formatHex(dumps.get(name)), HEX.formatHex(mine.get(name).array()),
                    name + " under " + variant + ": the codec's bytes (right) differ from Free Pascal's (left)");
        }
        readTheValuesBack(records, dumps);

        assertEquals(DATE_TIMES.length, dates.size());
        DelphiRecord holder = DelphiRecord.builder("T").dateTime("dt").build();
        for (int i = 0; i < DATE_TIMES.length; i++) {
            ByteBuffer b = ByteBuffer.allocate(8);
            holder.putDouble(b, "dt", DATE_TIMES[i]);
            LocalDateTime read = holder.field("dt").getDateTime(b);
            assertEquals(dates.get(i), String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", read.getYear(),
                    read.getMonthValue(), read.getDayOfMonth(), read.getHour(), read.getMinute(), read.getSecond(),
                    read.getNano() / 1_000_000), "TDateTime " + DATE_TIMES[i]);
        }
    }

    private static void writeTheSameValues(Map<String, DelphiRecord> records, Map<String, ByteBuffer> mine) {
        DelphiRecord s = records.get("TScalars");
        ByteBuffer b = mine.get("TScalars");
        s.putInt(b, "b", 200);
        s.field("si").putByte(b, (byte) -100);
        s.putInt(b, "w", 60000);
        s.field("sm").putShort(b, (short) -30000);
        s.putInt(b, "i", -123456789);
        s.putLong(b, "c", 4000000000L);
        s.putLong(b, "i64", -1234567890123L);
        s.putLong(b, "u64", -2L);
        s.field("f").putFloat(b, 1.5f);
        s.putDouble(b, "d", -2.25);
        s.putDouble(b, "e", 2.5);
        s.field("cur").putCurrency(b, new BigDecimal("19.99"));
        s.field("dt").putDateTime(b, LocalDateTime.of(2024, 5, 1, 12, 0));
        for (String bool : List.of("bo", "bb", "wb", "lb")) {
            s.putBoolean(b, bool, true);
        }
        s.field("ac").putChar(b, 'A');
        s.field("wc").putChar(b, 'z');

        DelphiRecord t = records.get("TStrings");
        b = mine.get("TStrings");
        t.putInt(b, "a", 1);
        t.putString(b, "s1", "x");
        t.putString(b, "s2", "ab");
        t.putString(b, "s3", "");
        t.putString(b, "s7", "Terry");
        t.putInt(b, "n", 25);
        t.putString(b, "s255", "The quick brown fox");
        t.putString(b, "s10", "8888");
        t.putInt(b, "w", 513);
        t.putString(b, "ac", "ab");
        t.putString(b, "wa", "cde");
        t.putBytes(b, "ba", new byte[] {1, 0, (byte) 255});
        t.putInt(b, "z", 9);

        DelphiRecord a = records.get("TArrays");
        b = mine.get("TArrays");
        a.putInt(b, "ints[0]", 7);
        a.field("ints").element(9).putInt(b, -7);
        a.putInt(b, "pts[3].y", 9);
        a.putInt(b, "grid[1, 2]", 6);
        a.putDouble(b, "dpts[1].d", 1.25);
        a.putInt(b, "counts[Blue]", 500);
        a.putInt(b, "flags[True]", 1);
        a.putDouble(b, "exts[2]", -0.5);
        a.putInt(b, "words[1][0]", 65535);
        a.putInt(b, "neg[-2]", -1);
        a.putDouble(b, "erecs[1].e", 1024.75);
        a.putInt(b, "erecs[1].b", 3);
        a.putInt(b, "k", 11);

        DelphiRecord n = records.get("TNested");
        b = mine.get("TNested");
        n.putInt(b, "p.x", 1);
        n.putInt(b, "p.y", -2);
        n.putInt(b, "dp.x", 3);
        n.putDouble(b, "dp.d", 0.5);
        n.putInt(b, "inner.x", 4);
        n.putDouble(b, "inner.d", 8);
        n.putString(b, "inner.s", "abc");
        n.putInt(b, "pk.x", 5);
        n.putInt(b, "pk.i", 0x01020304);
        n.field("sm").set(b, Map.of("id", "8888", "name", "Terry", "age", 25));
        n.putInt(b, "f", 6);

        DelphiRecord v = records.get("TVariant3");
        b = mine.get("TVariant3");
        v.putInt(b, "a", 9);
        v.field("kind").putEnum(b, "Green");
        v.putInt(b, "b", 7);
        v.putDouble(b, "e", 3.0);

        DelphiRecord e = records.get("TEnums");
        b = mine.get("TEnums");
        e.field("c").putEnum(b, "Blue");
        e.field("we").putEnum(b, "W1");
        e.field("n").putEnum(b, "NegA");
        e.field("c4").putEnum(b, "C4Green");
        e.field("c2").putEnum(b, "c2green");
        e.field("inl").putEnum(b, "InlC");

        DelphiRecord x = records.get("TSets");
        b = mine.get("TSets");
        x.field("cs").putSet(b, List.of("Red", "Blue"));
        x.field("big").putSet(b, List.of("B00", "B17", "B39"));
        x.field("mid").putOrdinals(b, bits(3, 10, 20));
        x.field("ws").putOrdinals(b, bits(0, 15));
        x.field("s8").putOrdinals(b, bits(0, 63));
        x.field("s7").putOrdinals(b, bits(55));
        x.field("s17").putOrdinals(b, bits(0, 135));
        x.field("chars").putOrdinals(b, bits('A', 'z'));
        x.set(b, "sub", List.of(8, 23));
        x.field("bools").putOrdinals(b, bits(1));

        DelphiRecord r = records.get("TSubranges");
        b = mine.get("TSubranges");
        r.putInt(b, "r1", 9);
        r.putInt(b, "r2", -1);
        r.putInt(b, "r3", 300);
        r.putInt(b, "r4", -200);
        r.putInt(b, "r5", 100000);
    }

    private static void readTheValuesBack(Map<String, DelphiRecord> records, Map<String, byte[]> dumps) {
        DelphiRecord s = records.get("TScalars");
        ByteBuffer b = ByteBuffer.wrap(dumps.get("TScalars"));
        Map<String, Object> values = s.read(b);
        assertEquals(200L, values.get("b"));
        assertEquals(-100L, values.get("si"));
        assertEquals(60000L, values.get("w"));
        assertEquals(-30000L, values.get("sm"));
        assertEquals(-123456789L, values.get("i"));
        assertEquals(4000000000L, values.get("c"));
        assertEquals(-1234567890123L, values.get("i64"));
        assertEquals(-2L, values.get("u64"));
        assertEquals(1.5, values.get("f"));
        assertEquals(-2.25, values.get("d"));
        assertEquals(2.5, values.get("e"));
        assertEquals(new BigDecimal("19.9900"), values.get("cur"));
        assertEquals(LocalDateTime.of(2024, 5, 1, 12, 0), values.get("dt"));
        assertEquals(List.of(true, true, true, true),
                List.of(values.get("bo"), values.get("bb"), values.get("wb"), values.get("lb")));
        assertEquals("A", values.get("ac"));
        assertEquals('z', s.field("wc").getChar(b));
        // Free Pascal, like Delphi, stores True as -1 in ByteBool, WordBool and LongBool, 1 in Boolean
        assertEquals((byte) 1, b.get(s.offset("bo")));
        assertEquals((byte) 0xFF, b.get(s.offset("bb")));
        assertEquals((short) -1, b.getShort(s.offset("wb")));
        assertEquals(-1, b.getInt(s.offset("lb")));

        DelphiRecord t = records.get("TStrings");
        b = ByteBuffer.wrap(dumps.get("TStrings"));
        assertEquals("Terry", t.getString(b, "s7"));
        assertEquals("", t.getString(b, "s3"));
        assertEquals("The quick brown fox", t.getString(b, "s255"));
        assertEquals("ab", t.getString(b, "ac"));
        assertEquals("cde", t.getString(b, "wa"));
        assertArrayEquals(new byte[] {1, 0, (byte) 255}, t.getBytes(b, "ba"));

        DelphiRecord a = records.get("TArrays");
        b = ByteBuffer.wrap(dumps.get("TArrays"));
        assertEquals(-7, a.getInt(b, "ints[9]"));
        assertEquals(9, a.getInt(b, "pts[3].y"));
        assertEquals(6, a.getInt(b, "grid[1][2]"));
        assertEquals(500, a.getInt(b, "counts[2]"));
        assertEquals(-0.5, a.getDouble(b, "exts[2]"));
        assertEquals(1024.75, a.getDouble(b, "erecs[1].e"));
        assertEquals(List.of(List.of(0L, 0L), List.of(65535L, 0L)), a.get(b, "words"));

        DelphiRecord n = records.get("TNested");
        b = ByteBuffer.wrap(dumps.get("TNested"));
        assertEquals(Map.of("id", "8888", "name", "Terry", "age", 25L), n.get(b, "sm"));
        assertEquals("abc", n.getString(b, "inner.s"));
        assertEquals(0x01020304, n.getInt(b, "pk.i"));

        DelphiRecord v = records.get("TVariant3");
        b = ByteBuffer.wrap(dumps.get("TVariant3"));
        assertEquals("Green", v.field("kind").getEnum(b));
        assertEquals(3.0, v.getDouble(b, "e"));

        DelphiRecord e = records.get("TEnums");
        b = ByteBuffer.wrap(dumps.get("TEnums"));
        assertEquals(List.of("Blue", "W1", "NegA", "C4Green", "C2Green", "InlC"),
                List.of(e.get(b, "c"), e.get(b, "we"), e.get(b, "n"), e.get(b, "c4"), e.get(b, "c2"), e.get(b, "inl")));
        assertEquals(-5, e.getInt(b, "n"));

        DelphiRecord x = records.get("TSets");
        b = ByteBuffer.wrap(dumps.get("TSets"));
        assertEquals(Set.of("Red", "Blue"), x.field("cs").getSet(b));
        assertEquals(List.of("B00", "B17", "B39"), List.copyOf(x.field("big").getSet(b)));
        assertEquals(bits(3, 10, 20), x.field("mid").getOrdinals(b));
        assertEquals(bits(0, 135), x.field("s17").getOrdinals(b));
        assertEquals(Set.of(65, 122), x.get(b, "chars"));
        assertEquals(Set.of(8, 23), x.get(b, "sub"));

        DelphiRecord r = records.get("TSubranges");
        b = ByteBuffer.wrap(dumps.get("TSubranges"));
        assertEquals(List.of(9L, -1L, 300L, -200L, 100000L),
                List.of(r.get(b, "r1"), r.get(b, "r2"), r.get(b, "r3"), r.get(b, "r4"), r.get(b, "r5")));
    }

    private static BitSet bits(int... ordinals) {
        BitSet bits = new BitSet();
        for (int o : ordinals) {
            bits.set(o);
        }
        return bits;
    }

    // ---------------------------------------------------------------- running the compiler

    /** Compiles a program with {@code fpc -Mdelphi} in the temporary directory, runs it, returns its lines. */
    private List<String> run(String program, String name) throws IOException, InterruptedException {
        Path source = dir.resolve(name + ".pas");
        Files.writeString(source, program, StandardCharsets.UTF_8);
        Process compile = new ProcessBuilder("fpc", "-Mdelphi", "-O-", "-FE" + dir, "-FU" + dir, source.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(120, TimeUnit.SECONDS), "fpc did not finish");
        if (compile.exitValue() != 0) {
            fail("fpc could not compile the probe program (exit " + compile.exitValue() + "):\n" + log
                    + "\n--- " + source + " ---\n" + numbered(program));
        }
        Process probe = new ProcessBuilder(dir.resolve(name).toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe program did not finish");
        assertEquals(0, probe.exitValue(), "the probe program failed:\n" + out);
        return out.lines().toList();
    }

    private static String numbered(String program) {
        StringBuilder out = new StringBuilder();
        List<String> lines = program.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines.get(i)));
        }
        return out.toString();
    }
}
