package org.ipctoolkit.delphi;

import static org.ipctoolkit.testkit.Rejections.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DelphiRecordParserTest {

    private static final Charset GBK = DelphiRecordTest.GBK;
    private static final DelphiRecord SHARE_MEM = DelphiRecordTest.SHARE_MEM;

    private static final String SEED = "TShareMem = Record\n"
            + "  id:string[10];\n"
            + "  name:string[20];\n"
            + "  age:Integer;  end;";

    private static void assertError(String source, String... parts) {
        rejects(() -> DelphiRecord.parse(source), parts);
    }

    private static List<Integer> offsets(DelphiRecord record) {
        return record.fields().stream().map(DelphiRecord.Field::offset).toList();
    }

    private static List<String> types(DelphiRecord record) {
        return record.fields().stream().map(DelphiRecord.Field::type).toList();
    }

    @Nested
    class Accepted {

        @Test
        void seedDeclaration() {
            DelphiRecord r = DelphiRecord.parse(SEED);
            assertEquals(SHARE_MEM, r);
            assertEquals(36, r.size());
            assertEquals(List.of(0, 11, 32), offsets(r));
        }

        @Test
        void oneLine() {
            assertEquals(SHARE_MEM, DelphiRecord.parse(
                    "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;"));
        }

        @Test
        void typeSectionWithPointerAlias() {
            assertEquals(SHARE_MEM, DelphiRecord.parse("type\n"
                    + "  PShareMem = ^TShareMem;\n"
                    + "  TShareMem = record\n"
                    + "    id: string[10];\n"
                    + "    name: string[20];\n"
                    + "    age: Integer;\n"
                    + "  end;\n"));
        }

        @Test
        void otherSimpleDeclarationsAreSkipped() {
            DelphiRecord r = DelphiRecord.parse("type TId = string[10]; TBuf = array[0..3] of Byte;"
                    + " TProc = procedure(a: Integer; b: Byte); PRec = ^TRec; TRec = record a: Byte; end;");
            assertEquals("TRec", r.name());
            assertEquals(1, r.size());
        }

        @Test
        void firstRecordIsTaken() {
            DelphiRecord r = DelphiRecord.parse("A = record x: Byte; end; B = record y: Integer; end;");
            assertEquals("A", r.name());
            assertEquals(List.of("x"), r.fields().stream().map(DelphiRecord.Field::name).toList());
        }

        @Test
        void packedRecordWithSharedDeclaration() {
            DelphiRecord r = DelphiRecord.parse("TFoo = packed record a, b: Byte; c: Integer end");
            assertEquals(DelphiRecord.Alignment.PACKED, r.alignment());
            assertEquals(List.of(0, 1, 2), offsets(r));
            assertEquals(6, r.size());
            assertEquals(List.of("Byte", "Byte", "Integer"), types(r));
        }

        @Test
        void multipleNamesAligned() {
            DelphiRecord r = DelphiRecord.parse("TFoo = record a, b: Byte; c, d , e: Integer; end");
            assertEquals(List.of(0, 1, 4, 8, 12), offsets(r));
            assertEquals(16, r.size());
        }

        @Test
        void semicolonsAreOptionalAtTheEnd() {
            DelphiRecord expected = DelphiRecord.builder("T").byteValue("a").build();
            assertEquals(expected, DelphiRecord.parse("T = record a: Byte end"));
            assertEquals(expected, DelphiRecord.parse("T = record a: Byte; end"));
            assertEquals(expected, DelphiRecord.parse("T = record a: Byte; end;"));
            assertEquals(expected, DelphiRecord.parse("T=record a:Byte;end;"));
        }

        @Test
        void comments() {
            assertEquals(SHARE_MEM, DelphiRecord.parse("// shared with the Delphi side\n"
                    + "TShareMem = record { the user record }\n"
                    + "  id: string[10];   // user id; end;\n"
                    + "  (* name: string[99]; is commented out *)\n"
                    + "  name: string[20]; { end; }\n"
                    + "  age: {inline} Integer (* { *)\n"
                    + "end // done\n"));
        }

        @Test
        void caseInsensitiveKeywordsAndTypes() {
            DelphiRecord r = DelphiRecord.parse("t = RECORD A: INTEGER; B: STRING[5]; C: char; D: WIDECHAR;"
                    + " E: array[0..1] OF CHAR END");
            assertEquals(List.of("Integer", "string[5]", "AnsiChar", "WideChar", "array[0..1] of AnsiChar"), types(r));
            assertEquals("t", r.name());
            assertEquals(List.of("A", "B", "C", "D", "E"), r.fields().stream().map(DelphiRecord.Field::name).toList());
        }

        @Test
        void everyTypeAndAlias() {
            DelphiRecord r = DelphiRecord.parse("TAll = record\n"
                    + "  s: ShortString; ac: AnsiChar; c: Char; wc: WideChar;\n"
                    + "  b: Byte; si: ShortInt; w: Word; sm: SmallInt;\n"
                    + "  i: Integer; li: LongInt; ca: Cardinal; lw: LongWord; dw: DWORD;\n"
                    + "  i64: Int64; u64: UInt64; f: Single; d: Double; bo: Boolean; bb: ByteBool;\n"
                    + "end;");
            assertEquals(List.of("string[255]", "AnsiChar", "AnsiChar", "WideChar", "Byte", "ShortInt", "Word",
                    "SmallInt", "Integer", "Integer", "Cardinal", "Cardinal", "Cardinal", "Int64", "UInt64",
                    "Single", "Double", "Boolean", "ByteBool"), types(r));
        }

        @Test
        void arrays() {
            DelphiRecord r = DelphiRecord.parse("T = record\n"
                    + "  a: array[0..9] of AnsiChar;\n"
                    + "  w: array [1..10] of WideChar;\n"
                    + "  b: packed array[0..$F] of Byte;\n"
                    + "  c: array[-1..+1] of Char;\n"
                    + "end;");
            assertEquals(List.of("array[0..9] of AnsiChar", "array[1..10] of WideChar", "array[0..15] of Byte",
                    "array[-1..1] of AnsiChar"), types(r));
            assertEquals(List.of(0, 10, 30, 46), offsets(r));
            assertEquals(List.of(10, 20, 16, 3), r.fields().stream().map(DelphiRecord.Field::size).toList());
            assertEquals(50, r.size());
            ByteBuffer buffer = ByteBuffer.allocate(r.size());
            r.putString(buffer, "w", "0123456789");
            assertEquals("0123456789", r.getString(buffer, "w"));
        }

        @Test
        void charsetIsPassedOn() {
            DelphiRecord r = DelphiRecord.parse(SEED, GBK);
            assertEquals(GBK, r.charset());
            ByteBuffer buffer = ByteBuffer.allocate(36);
            r.putString(buffer, "name", "张三");
            assertEquals(4, buffer.get(11));
            assertEquals(Charset.forName("windows-1252"), DelphiRecord.parse(SEED).charset());
        }

        @Test
        void crLfLineEndsAndTabs() {
            assertEquals(SHARE_MEM, DelphiRecord.parse(SEED.replace("\n", "\r\n").replace("  ", "\t")));
        }
    }

    @Nested
    class Directives {

        private static final String BODY = " T = record a: Byte; b: Int64; end";

        @ParameterizedTest
        @CsvSource({
                "'', A8",
                "{$A8}, A8",
                "{$A16}, A8",
                "{$A+}, A8",
                "{$ALIGN ON}, A8",
                "{$A4}, A4",
                "{$a4}, A4",
                "{$ALIGN 4}, A4",
                "{$A2}, A2",
                "(*$A2*), A2",
                "{$A1}, PACKED",
                "{$A-}, PACKED",
                "{$ALIGN OFF}, PACKED",
                "'{$A4,H+}', A4",
                "'{$H+,A2}', A2",
                "{$H+}{$APPTYPE CONSOLE}{$ASSERTIONS ON}, A8",
                "{$A4} type P = ^T; {$A2}, A2",
                "type {$A4}, A4",
        })
        void alignmentDirective(String prefix, DelphiRecord.Alignment expected) {
            assertEquals(expected, DelphiRecord.parse(prefix + BODY).alignment());
        }

        @Test
        void layoutFollowsTheDirective() {
            DelphiRecord r = DelphiRecord.parse("{$A4}" + BODY);
            assertEquals(4, r.offset("b"));
            assertEquals(12, r.size());
        }

        @Test
        void packedOverridesTheDirective() {
            assertEquals(DelphiRecord.Alignment.PACKED,
                    DelphiRecord.parse("{$A8} T = packed record a: Byte; end").alignment());
        }

        @Test
        void directivesAfterTheRecordAreIgnored() {
            assertEquals(DelphiRecord.Alignment.A8, DelphiRecord.parse(BODY + "; {$A1}").alignment());
        }

        @Test
        void otherDirectivesInsideTheRecordAreIgnored() {
            assertEquals(DelphiRecord.Alignment.A8,
                    DelphiRecord.parse("T = record {$IFDEF X} a: Byte; {$ENDIF} b: Int64; end").alignment());
        }

        @Test
        void alignmentDirectiveInsideTheRecordIsRejected() {
            assertError("T = record\n  a: Byte;\n  {$A4}\n  b: Int64;\nend", "line 3, column 3",
                    "alignment directives inside a record are not supported");
        }

        @Test
        void invalidAlignment() {
            assertError("{$A3}" + BODY, "line 1, column 1", "invalid alignment directive {$A3}");
            assertError("{$ALIGN MAYBE}" + BODY, "invalid alignment directive");
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownTypeWithPosition() {
            assertError("TShareMem = Record\n  id:Strin[10];\n  end;",
                    "line 2, column 6: unknown type 'Strin' for field id; known types: ", "Integer", "string[N]");
            assertError("T = record a, b: Foo; end", "line 1, column 18", "for fields a, b");
        }

        @Test
        void positionsCountCrLfAsOneLineEnd() {
            assertError("T = record\r\n  a: Byte;\r\n  b: Strin;\r\nend", "line 3, column 6");
        }

        @Test
        void missingColon() {
            assertError("T = record\n  a Byte;\nend", "line 2, column 5", "expected ':' after field name a",
                    "found 'Byte'");
        }

        @Test
        void missingSemicolon() {
            assertError("T = record a: Byte b: Byte end", "line 1, column 20",
                    "expected ';' or 'end' after the type of field a, found 'b'");
        }

        @Test
        void missingEnd() {
            assertError("T = record\n  a: Byte;\n", "line 3, column 1",
                    "expected 'end' to close record T (opened at line 1, column 5), found end of input");
        }

        @Test
        void missingTypeName() {
            assertError("record a: Byte; end", "line 1, column 1", "type name");
            assertError("= record a: Byte; end", "line 1, column 1", "expected a type declaration");
        }

        @Test
        void noRecordAtAll() {
            assertError("type PFoo = ^TFoo;", "no record declaration found");
            assertError("", "line 1, column 1", "no record declaration found");
            assertError("type P = ^T", "expected ';' to end the declaration of P");
        }

        @Test
        void classBeforeTheRecord() {
            assertError("type TFoo = class a: Integer; end; T = record a: Byte; end",
                    "line 1, column 13", "TFoo is not a record type");
        }

        @Test
        void unclosedCommentAndString() {
            assertError("T = record\n  { a: Byte;\nend", "line 2, column 3", "comment is not closed");
            assertError("T = record (* a: Byte; end", "line 1, column 12", "'*)'");
            assertError("type S = 'abc; T = record a: Byte; end", "line 1, column 10", "string literal is not closed");
        }

        @Test
        void duplicateAndReservedFieldNames() {
            assertError("T = record\n  Age: Byte;\n  age: Integer;\nend", "line 3, column 3",
                    "duplicate field age", "line 2, column 3");
            assertError("T = record a, A: Byte; end", "line 1, column 15", "duplicate field A");
            assertError("T = record type: Byte; end", "line 1, column 12", "reserved word 'type'");
            assertError("T = record begin: Byte; end", "reserved word 'begin'");
        }

        @Test
        void emptyRecord() {
            assertError("T = record end", "line 1, column 5", "record T has no fields");
        }

        @Test
        void shortStringLength() {
            assertError("T = record s: string[0]; end", "line 1, column 22", "string[0]", "1 to 255");
            assertError("T = record s: string[256]; end", "string[256]", "1 to 255");
            assertError("T = record s: string[N]; end", "line 1, column 22", "integer literal", "'N'");
            assertError("T = record s: string[10; end", "line 1, column 24", "expected ']'");
        }

        @Test
        void arrayBounds() {
            assertError("T = record a: array[5..1] of Byte; end", "line 1, column 21", "upper bound below");
            assertError("T = record a: array[0..MAX] of Byte; end", "line 1, column 24",
                    "must be an integer literal", "'MAX'");
            assertError("T = record a: array[0..9] Byte; end", "line 1, column 27", "expected 'of'");
            assertError("T = record a: array[0..9999999999] of Byte; end", "too large");
        }
    }

    @Nested
    class Unsupported {

        @Test
        void longStrings() {
            assertError("T = record\n  s: string;\nend", "line 2, column 6", "long strings are not supported",
                    "pointer", "cannot live in shared memory", "string[N]");
            assertError("T = record s: AnsiString; end", "AnsiString", "pointer");
            assertError("T = record s: WideString; end", "WideString", "pointer");
            assertError("T = record s: UnicodeString; end", "UnicodeString", "pointer");
        }

        @Test
        void pointers() {
            assertError("T = record p: ^Integer; end", "line 1, column 15", "pointer fields are not supported");
            assertError("T = record p: PChar; end", "pointer fields are not supported");
            assertError("T = record p: Pointer; end", "pointer fields are not supported");
            assertError("T = record p: procedure(x: Integer); end", "procedural types are not supported");
            assertError("T = record o: class; end", "references");
        }

        @Test
        void characterSubranges() {
            assertError("T = record c: 'a'..'z'; end", "line 1, column 15", "character subranges are not supported");
        }

        @Test
        void dynamicArrays() {
            assertError("T = record a: array of Byte; end", "line 1, column 21", "dynamic arrays");
        }

        @Test
        void platformDependentTypes() {
            assertError("T = record x: NativeInt; end", "NativeInt is not supported");
            assertError("T = record x: Real; end", "Real is not supported", "Double");
        }

        @Test
        void setsOfLargeTypes() {
            assertError("T = record s: set of Integer; end", "line 1, column 22", "0..255");
            assertError("T = record s: set of Double; end", "line 1, column 22", "ordinal type");
        }

        @Test
        void methodsAndProperties() {
            assertError("T = record a: Byte; procedure Foo; end", "line 1, column 21", "methods");
            assertError("T = record private a: Byte; end", "line 1, column 12", "not supported");
        }
    }

    @Nested
    class ToDeclaration {

        @Test
        void shareMemText() {
            assertEquals("{$A8}\n"
                    + "TShareMem = record\n"
                    + "  id: string[10];\n"
                    + "  name: string[20];\n"
                    + "  age: Integer;\n"
                    + "end;\n", SHARE_MEM.toDeclaration());
        }

        @Test
        void packedText() {
            DelphiRecord r = DelphiRecord.builder("TFoo").byteValue("a").integer("c")
                    .alignment(DelphiRecord.Alignment.PACKED).build();
            assertEquals("TFoo = packed record\n  a: Byte;\n  c: Integer;\nend;\n", r.toDeclaration());
        }

        @ParameterizedTest
        @EnumSource(DelphiRecord.Alignment.class)
        void roundTripsEveryTypeAndAlignment(DelphiRecord.Alignment alignment) {
            DelphiRecord r = DelphiRecord.builder("TAll")
                    .byteValue("b").shortString("s", 7).ansiChar("ac").wideChar("wc").ansiCharArray("aa", 3)
                    .int64("i64").wideCharArray("wa", 2).byteArray("ba", 5).shortInt("si").word("w")
                    .smallInt("sm").integer("i").cardinal("c").uint64("u64").single("f").doubleValue("d")
                    .booleanValue("bool")
                    .alignment(alignment)
                    .charset(GBK)
                    .build();
            DelphiRecord back = DelphiRecord.parse(r.toDeclaration(), GBK);
            assertEquals(r, back);
            assertEquals(r.size(), back.size());
            assertEquals(r.toDeclaration(), back.toDeclaration());
        }

        @Test
        void roundTripKeepsArrayBounds() {
            DelphiRecord r = DelphiRecord.parse("{$A4} T = record a: array[1..10] of WideChar; b: array[-2..2] of Byte; end");
            assertTrue(r.toDeclaration().contains("a: array[1..10] of WideChar;"), r.toDeclaration());
            assertEquals(r, DelphiRecord.parse(r.toDeclaration()));
            assertEquals(DelphiRecord.Alignment.A4, DelphiRecord.parse(r.toDeclaration()).alignment());
        }
    }
}
