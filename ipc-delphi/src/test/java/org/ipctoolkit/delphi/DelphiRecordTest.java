package org.ipctoolkit.delphi;

import static org.ipctoolkit.testkit.Rejections.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ipctoolkit.testkit.SeedRecords;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DelphiRecordTest {

    static final Charset GBK = Charset.forName("GBK");

    /** The source documents' record, built field by field. */
    static final DelphiRecord SHARE_MEM = DelphiRecord.builder("TShareMem")
            .shortString("id", 10)
            .shortString("name", 20)
            .integer("age")
            .build();

    /** One field of every type, in an order that needs padding under A8. */
    private static final DelphiRecord ALL = DelphiRecord.builder("TAll")
            .shortString("s", 5)
            .ansiChar("ac")
            .wideChar("wc")
            .ansiCharArray("aa", 5)
            .wideCharArray("wa", 3)
            .byteArray("ba", 3)
            .byteValue("b")
            .shortInt("si")
            .word("w")
            .smallInt("sm")
            .integer("i")
            .cardinal("c")
            .int64("i64")
            .uint64("u64")
            .single("f")
            .doubleValue("d")
            .booleanValue("bool")
            .build();

    private static byte[] hex(String text) {
        String digits = text.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.get(0, bytes);
        return bytes;
    }

    private static ByteBuffer filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return ByteBuffer.wrap(bytes);
    }

    @Nested
    class ShareMem {

        @Test
        void layoutMatchesDelphi() {
            assertEquals(36, SHARE_MEM.size());
            assertEquals(0, SHARE_MEM.offset("id"));
            assertEquals(11, SHARE_MEM.offset("name"));
            assertEquals(32, SHARE_MEM.offset("age"));
            assertEquals("TShareMem", SHARE_MEM.name());
            assertEquals(DelphiRecord.Alignment.A8, SHARE_MEM.alignment());
            assertEquals(Charset.forName("windows-1252"), SHARE_MEM.charset());
            List<DelphiRecord.Field> fields = SHARE_MEM.fields();
            assertEquals(List.of("id", "name", "age"), fields.stream().map(DelphiRecord.Field::name).toList());
            assertEquals(List.of("string[10]", "string[20]", "Integer"),
                    fields.stream().map(DelphiRecord.Field::type).toList());
            assertEquals(List.of(11, 21, 4), fields.stream().map(DelphiRecord.Field::size).toList());
        }

        @Test
        void writesTheBytesDelphiWrites() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putString(buffer, "id", "8888");
            SHARE_MEM.putString(buffer, "name", "Terry");
            SHARE_MEM.putLong(buffer, "age", 25);

            byte[] expected = hex("04 38 38 38 38 00 00 00 00 00 00"
                    + " 05 54 65 72 72 79 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " 19 00 00 00");
            assertEquals(36, expected.length);
            assertArrayEquals(expected, buffer.array());

            assertEquals("8888", SHARE_MEM.getString(buffer, "id"));
            assertEquals("Terry", SHARE_MEM.getString(buffer, "name"));
            assertEquals(25, SHARE_MEM.getInt(buffer, "age"));
            assertEquals(25L, SHARE_MEM.getLong(buffer, "age"));
            assertEquals(Map.of("id", "8888", "name", "Terry", "age", 25L), SHARE_MEM.read(buffer));
            assertEquals(List.of("id", "name", "age"), List.copyOf(SHARE_MEM.read(buffer).keySet()));
        }

        @Test
        void shorterStringZeroesTheOldTail() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putString(buffer, "name", "Terry");
            SHARE_MEM.putString(buffer, "name", "Al");
            assertArrayEquals(hex("02 41 6c 00 00 00 00"), Arrays.copyOfRange(buffer.array(), 11, 18));
            assertEquals("Al", SHARE_MEM.getString(buffer, "name"));
        }

        @Test
        void fieldNamesAreCaseInsensitive() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putLong(buffer, "AGE", 7);
            assertEquals(7, SHARE_MEM.getInt(buffer, "Age"));
            assertEquals("age", SHARE_MEM.field("aGe").name());
        }

        @Test
        void stringFillingTheFieldExactly() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putString(buffer, "id", "0123456789");
            assertEquals(10, buffer.get(0));
            assertEquals("0123456789", SHARE_MEM.getString(buffer, "id"));
            assertEquals(0, buffer.get(11));
            assertEquals(0, SHARE_MEM.getInt(buffer, "age"));
        }
    }

    @Nested
    class Layout {

        private DelphiRecord mixed(DelphiRecord.Alignment alignment) {
            return DelphiRecord.builder("TMixed")
                    .byteValue("a")
                    .int64("b")
                    .word("c")
                    .doubleValue("d")
                    .booleanValue("e")
                    .wideCharArray("f", 3)
                    .alignment(alignment)
                    .build();
        }

        private List<Integer> offsets(DelphiRecord record) {
            return record.fields().stream().map(DelphiRecord.Field::offset).toList();
        }

        private void assertMixedLayout(DelphiRecord.Alignment alignment, List<Integer> offsets, int size) {
            DelphiRecord r = mixed(alignment);
            assertEquals(offsets, offsets(r));
            assertEquals(size, r.size());
        }

        @Test
        void packedHasNoPadding() {
            assertMixedLayout(DelphiRecord.Alignment.PACKED, List.of(0, 1, 9, 11, 19, 20), 26);
        }

        @Test
        void a2AlignsToTwo() {
            assertMixedLayout(DelphiRecord.Alignment.A2, List.of(0, 2, 10, 12, 20, 22), 28);
        }

        @Test
        void a4AlignsToFour() {
            assertMixedLayout(DelphiRecord.Alignment.A4, List.of(0, 4, 12, 16, 24, 26), 32);
        }

        @Test
        void a8AlignsToEight() {
            assertMixedLayout(DelphiRecord.Alignment.A8, List.of(0, 8, 16, 24, 32, 34), 40);
        }

        @Test
        void defaultIsA8() {
            DelphiRecord r = DelphiRecord.builder("TMixed").byteValue("a").int64("b").word("c")
                    .doubleValue("d").booleanValue("e").wideCharArray("f", 3).build();
            assertEquals(mixed(DelphiRecord.Alignment.A8), r);
        }

        @Test
        void sizeIsRoundedToTheLargestFieldAlignment() {
            DelphiRecord.Builder b = DelphiRecord.builder("T").int64("a").byteValue("b");
            assertEquals(16, b.alignment(DelphiRecord.Alignment.A8).build().size());
            assertEquals(12, b.alignment(DelphiRecord.Alignment.A4).build().size());
            assertEquals(10, b.alignment(DelphiRecord.Alignment.A2).build().size());
            assertEquals(9, b.alignment(DelphiRecord.Alignment.PACKED).build().size());

            assertEquals(8, DelphiRecord.builder("T").integer("a").byteValue("b").build().size());
            assertEquals(4, DelphiRecord.builder("T").word("a").byteValue("b").build().size());
            assertEquals(3, DelphiRecord.builder("T").byteValue("a").byteValue("b").byteValue("c").build().size());
            // a ShortString aligns like its bytes: no padding at all
            assertEquals(11, DelphiRecord.builder("T").shortString("s", 10).build().size());
            // a WideChar array aligns to 2, also after an odd ShortString
            DelphiRecord w = DelphiRecord.builder("T").shortString("s", 2).wideCharArray("w", 2).build();
            assertEquals(4, w.offset("w"));
            assertEquals(8, w.size());
        }

        @Test
        void singleAndCardinalAlignToFour() {
            DelphiRecord r = DelphiRecord.builder("T").byteValue("a").single("f").byteValue("b")
                    .cardinal("c").smallInt("s").byteValue("x").build();
            assertEquals(List.of(0, 4, 8, 12, 16, 18), offsets(r));
            assertEquals(20, r.size());
        }

        @Test
        void everyTypeHasItsDelphiSizeAndName() {
            assertEquals(List.of("string[5]", "AnsiChar", "WideChar", "array[0..4] of AnsiChar",
                            "array[0..2] of WideChar", "array[0..2] of Byte", "Byte", "ShortInt", "Word",
                            "SmallInt", "Integer", "Cardinal", "Int64", "UInt64", "Single", "Double", "Boolean"),
                    ALL.fields().stream().map(DelphiRecord.Field::type).toList());
            assertEquals(List.of(6, 1, 2, 5, 6, 3, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 1),
                    ALL.fields().stream().map(DelphiRecord.Field::size).toList());
            assertEquals(List.of(0, 6, 8, 10, 16, 22, 25, 26, 28, 30, 32, 36, 40, 48, 56, 64, 72),
                    offsets(ALL));
            assertEquals(80, ALL.size());
        }

        @Test
        void theSharedDeclarationIsTheRecordTheBuilderBuilds() {
            assertEquals(ALL, DelphiRecord.parse(SeedRecords.TALL_DECLARATION));
        }
    }

    @Nested
    class Integers {

        private void assertRange(String field, long min, long max, String range) {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putLong(buffer, field, min);
            assertEquals(min, ALL.getLong(buffer, field));
            ALL.putLong(buffer, field, max);
            assertEquals(max, ALL.getLong(buffer, field));
            byte[] before = bytesOf(buffer);
            rejects(() -> ALL.putLong(buffer, field, min - 1), "TAll", field, range);
            rejects(() -> ALL.putLong(buffer, field, max + 1), "TAll", field, range);
            assertArrayEquals(before, bytesOf(buffer));
        }

        @Test
        void rangesAreChecked() {
            assertRange("b", 0, 255, "0..255");
            assertRange("si", -128, 127, "-128..127");
            assertRange("w", 0, 65535, "0..65535");
            assertRange("sm", -32768, 32767, "-32768..32767");
            assertRange("i", Integer.MIN_VALUE, Integer.MAX_VALUE, "-2147483648..2147483647");
            assertRange("c", 0, 4294967295L, "0..4294967295");
        }

        @Test
        void int64TakesEveryLong() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putLong(buffer, "i64", Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, ALL.getLong(buffer, "i64"));
            ALL.putLong(buffer, "i64", Long.MAX_VALUE);
            assertEquals(Long.MAX_VALUE, ALL.getLong(buffer, "i64"));
        }

        @Test
        void uint64IsTwosComplement() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putLong(buffer, "u64", -1);
            assertArrayEquals(hex("ff ff ff ff ff ff ff ff"), Arrays.copyOfRange(buffer.array(), 48, 56));
            assertEquals(-1L, ALL.getLong(buffer, "u64"));
            ALL.set(buffer, "u64", new BigInteger("9223372036854775808"));
            assertEquals(Long.MIN_VALUE, ALL.getLong(buffer, "u64"));
            ALL.set(buffer, "u64", new BigInteger("18446744073709551614"));
            assertEquals(-2L, ALL.getLong(buffer, "u64"));
            rejects(() -> ALL.set(buffer, "u64", new BigInteger("18446744073709551616")), "0..18446744073709551615");
            rejects(() -> ALL.set(buffer, "u64", BigInteger.ONE.negate()), "u64", "0..18446744073709551615");
        }

        @Test
        void signednessFollowsTheType() {
            ByteBuffer buffer = filled(ALL.size(), 0xFF);
            assertEquals(255, ALL.getInt(buffer, "b"));
            assertEquals(-1, ALL.getInt(buffer, "si"));
            assertEquals(65535, ALL.getInt(buffer, "w"));
            assertEquals(-1, ALL.getInt(buffer, "sm"));
            assertEquals(-1, ALL.getInt(buffer, "i"));
            assertEquals(4294967295L, ALL.getLong(buffer, "c"));
            assertEquals(-1L, ALL.getLong(buffer, "i64"));
        }

        @Test
        void littleEndianWhateverTheBufferOrder() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size()).order(ByteOrder.BIG_ENDIAN);
            ALL.putLong(buffer, "i", 0x01020304);
            ALL.putLong(buffer, "w", 0xA1B2);
            ALL.putLong(buffer, "i64", 0x0102030405060708L);
            assertArrayEquals(hex("04 03 02 01"), Arrays.copyOfRange(buffer.array(), 32, 36));
            assertArrayEquals(hex("b2 a1"), Arrays.copyOfRange(buffer.array(), 28, 30));
            assertArrayEquals(hex("08 07 06 05 04 03 02 01"), Arrays.copyOfRange(buffer.array(), 40, 48));
            assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
            assertEquals(0x01020304, ALL.getInt(buffer, "i"));
        }

        @Test
        void getIntRefusesTypesThatDoNotFitAnInt() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            rejects(() -> ALL.getInt(buffer, "c"), "TAll.c", "Cardinal", "getLong");
            rejects(() -> ALL.getInt(buffer, "i64"), "Int64", "getLong");
            rejects(() -> ALL.getInt(buffer, "u64"), "UInt64", "getLong");
        }

        @Test
        void putIntWritesLikePutLong() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putInt(buffer, "w", 65535);
            assertEquals(65535, ALL.getInt(buffer, "w"));
            rejects(() -> ALL.putInt(buffer, "w", -1), "0..65535");
        }
    }

    @Nested
    class Text {

        @Test
        void tooLongStringIsAnErrorAndLeavesTheBufferAlone() {
            ByteBuffer buffer = filled(36, 0x5A);
            rejects(() -> SHARE_MEM.putString(buffer, "id", "12345678901"),
                    "TShareMem", "value needs 11 bytes, field id is string[10] (at most 10)");
            assertArrayEquals(filled(36, 0x5A).array(), buffer.array());
        }

        @Test
        void unmappableCharacterIsAnError() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            rejects(() -> SHARE_MEM.putString(buffer, "name", "Li 中"),
                    "TShareMem.name", "'中'", "U+4E2D", "index 3", "windows-1252");
            assertArrayEquals(new byte[36], buffer.array());
            rejects(() -> SHARE_MEM.putString(buffer, "name", "x\uD800"), "unpaired surrogate", "U+D800");
        }

        @Test
        void windows1252EncodesWesternText() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putString(buffer, "name", "Zoë 5€");
            assertArrayEquals(hex("06 5a 6f eb 20 35 80"), Arrays.copyOfRange(buffer.array(), 11, 18));
            assertEquals("Zoë 5€", SHARE_MEM.getString(buffer, "name"));
        }

        @Test
        void gbkRoundTrip() {
            DelphiRecord gbk = SHARE_MEM.withCharset(GBK);
            ByteBuffer buffer = ByteBuffer.allocate(36);
            gbk.putString(buffer, "name", "张三");
            assertArrayEquals(hex("04 d5 c5 c8 fd 00"), Arrays.copyOfRange(buffer.array(), 11, 17));
            assertEquals("张三", gbk.getString(buffer, "name"));
            // ten bytes hold five Chinese characters, not six
            gbk.putString(buffer, "id", "一二三四五");
            assertEquals("一二三四五", gbk.getString(buffer, "id"));
            rejects(() -> gbk.putString(buffer, "id", "一二三四五六"), "value needs 12 bytes", "(at most 10)");
        }

        @Test
        void corruptLengthByte() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            buffer.put(11, (byte) 21);
            CorruptRecordException e = assertThrows(CorruptRecordException.class,
                    () -> SHARE_MEM.getString(buffer, "name"));
            assertEquals("TShareMem", e.recordName());
            assertEquals("name", e.fieldName());
            assertEquals(11, e.offset());
            assertTrue(e.getMessage().contains("TShareMem"), e.getMessage());
            assertTrue(e.getMessage().contains("name"), e.getMessage());
            assertTrue(e.getMessage().contains("offset 11"), e.getMessage());
            assertTrue(e.getMessage().contains("21"), e.getMessage());
            assertThrows(CorruptRecordException.class, () -> SHARE_MEM.read(buffer));
            assertThrows(CorruptRecordException.class, () -> SHARE_MEM.get(buffer, "name"));
            buffer.put(11, (byte) 20);
            assertEquals(20, SHARE_MEM.getString(buffer, "name").length());
        }

        @Test
        void undecodableBytesBecomeReplacementCharacters() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            buffer.put(0, (byte) 1).put(1, (byte) 0x81);
            assertEquals("\uFFFD", SHARE_MEM.getString(buffer, "id"));
        }

        @Test
        void shortString255() {
            DelphiRecord r = DelphiRecord.builder("T").shortString("s", 255).byteValue("b").build();
            assertEquals(256, r.offset("b"));
            ByteBuffer buffer = ByteBuffer.allocate(r.size());
            String text = "x".repeat(255);
            r.putString(buffer, "s", text);
            assertEquals((byte) 255, buffer.get(0));
            assertEquals(text, r.getString(buffer, "s"));
        }

        @Test
        void ansiCharArray() {
            DelphiRecord r = DelphiRecord.builder("T").ansiCharArray("a", 5).build();
            ByteBuffer buffer = filled(5, 0x5A);
            r.putString(buffer, "a", "abc");
            assertArrayEquals(hex("61 62 63 00 00"), buffer.array());
            assertEquals("abc", r.getString(buffer, "a"));
            r.putString(buffer, "a", "abcde");
            assertArrayEquals(hex("61 62 63 64 65"), buffer.array());
            assertEquals("abcde", r.getString(buffer, "a"));
            rejects(() -> r.putString(buffer, "a", "abcdef"),
                    "value needs 6 bytes, field a is array[0..4] of AnsiChar (at most 5)");
            rejects(() -> r.putString(buffer, "a", "a\0b"), "T.a", "#0", "index 1");
            assertArrayEquals(hex("61 62 63 64 65"), buffer.array());
            buffer.put(2, (byte) 0);
            assertEquals("ab", r.getString(buffer, "a"));
            r.putString(buffer, "a", "");
            assertArrayEquals(new byte[5], buffer.array());
        }

        @Test
        void ansiCharArrayWithGbk() {
            DelphiRecord r = DelphiRecord.builder("T").ansiCharArray("a", 5).charset(GBK).build();
            ByteBuffer buffer = ByteBuffer.allocate(5);
            r.putString(buffer, "a", "张三");
            assertArrayEquals(hex("d5 c5 c8 fd 00"), buffer.array());
            assertEquals("张三", r.getString(buffer, "a"));
            rejects(() -> r.putString(buffer, "a", "张三李"), "value needs 6 bytes");
        }

        @Test
        void wideCharArray() {
            DelphiRecord r = DelphiRecord.builder("T").wideCharArray("w", 3).build();
            ByteBuffer buffer = filled(6, 0x5A);
            r.putString(buffer, "w", "张三");
            assertArrayEquals(hex("20 5f 09 4e 00 00"), buffer.array());
            assertEquals("张三", r.getString(buffer, "w"));
            r.putString(buffer, "w", "a€c");
            assertArrayEquals(hex("61 00 ac 20 63 00"), buffer.array());
            assertEquals("a€c", r.getString(buffer, "w"));
            rejects(() -> r.putString(buffer, "w", "abcd"),
                    "value needs 4 UTF-16 code units, field w is array[0..2] of WideChar (at most 3)");
            // a supplementary character takes two code units
            rejects(() -> r.putString(buffer, "w", "ab\uD83D\uDE00"), "value needs 4 UTF-16 code units");
            r.putString(buffer, "w", "\uD83D\uDE00");
            assertEquals("\uD83D\uDE00", r.getString(buffer, "w"));
        }

        @Test
        void singleCharacters() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putString(buffer, "ac", "A");
            assertEquals(0x41, buffer.get(6));
            assertEquals("A", ALL.getString(buffer, "ac"));
            ALL.putString(buffer, "ac", "");
            assertEquals(0, buffer.get(6));
            assertEquals("", ALL.getString(buffer, "ac"));
            rejects(() -> ALL.putString(buffer, "ac", "AB"), "value needs 2 bytes", "AnsiChar (at most 1)");
            rejects(() -> ALL.putString(buffer, "ac", "中"), "cannot be encoded");

            ALL.putString(buffer, "wc", "中");
            assertArrayEquals(hex("2d 4e"), Arrays.copyOfRange(buffer.array(), 8, 10));
            assertEquals("中", ALL.getString(buffer, "wc"));
            rejects(() -> ALL.putString(buffer, "wc", "ab"), "value needs 2 UTF-16 code units", "(at most 1)");
        }
    }

    @Nested
    class OtherTypes {

        @Test
        void floats() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putDouble(buffer, "f", 1.5);
            assertArrayEquals(hex("00 00 c0 3f"), Arrays.copyOfRange(buffer.array(), 56, 60));
            assertEquals(1.5, ALL.getDouble(buffer, "f"));
            ALL.putDouble(buffer, "d", -2.5);
            assertArrayEquals(hex("00 00 00 00 00 00 04 c0"), Arrays.copyOfRange(buffer.array(), 64, 72));
            assertEquals(-2.5, ALL.getDouble(buffer, "d"));
            rejects(() -> ALL.putDouble(buffer, "f", 1e39), "TAll.f", "out of range for Single");
            ALL.putDouble(buffer, "f", Double.POSITIVE_INFINITY);
            assertEquals(Double.POSITIVE_INFINITY, ALL.getDouble(buffer, "f"));
            ALL.putDouble(buffer, "f", 0.1);
            assertEquals((double) 0.1f, ALL.getDouble(buffer, "f"));
        }

        @Test
        void booleans() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putBoolean(buffer, "bool", true);
            assertEquals(1, buffer.get(72));
            assertTrue(ALL.getBoolean(buffer, "bool"));
            ALL.putBoolean(buffer, "bool", false);
            assertEquals(0, buffer.get(72));
            assertFalse(ALL.getBoolean(buffer, "bool"));
            buffer.put(72, (byte) 0xFF);
            assertTrue(ALL.getBoolean(buffer, "bool"));
        }

        @Test
        void byteArrays() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putBytes(buffer, "ba", new byte[] {1, 2, (byte) 0xFF});
            assertArrayEquals(hex("01 02 ff"), Arrays.copyOfRange(buffer.array(), 22, 25));
            assertArrayEquals(hex("01 02 ff"), ALL.getBytes(buffer, "ba"));
            rejects(() -> ALL.putBytes(buffer, "ba", new byte[2]), "TAll.ba", "2 bytes", "array[0..2] of Byte");
            rejects(() -> ALL.putBytes(buffer, "ba", new byte[4]), "4 bytes");
        }
    }

    @Nested
    class GenericAccess {

        @Test
        void getReturnsJavaValues() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.putString(buffer, "s", "hi");
            ALL.putLong(buffer, "c", 4294967295L);
            ALL.putDouble(buffer, "f", 0.5);
            ALL.putBoolean(buffer, "bool", true);
            ALL.putBytes(buffer, "ba", new byte[] {9, 8, 7});
            assertEquals("hi", ALL.get(buffer, "s"));
            assertEquals(4294967295L, ALL.get(buffer, "c"));
            assertEquals(0.5, ALL.get(buffer, "f"));
            assertEquals(Boolean.TRUE, ALL.get(buffer, "bool"));
            assertArrayEquals(new byte[] {9, 8, 7}, (byte[]) ALL.get(buffer, "ba"));
            Map<String, Object> values = ALL.read(buffer);
            assertEquals(ALL.fields().stream().map(DelphiRecord.Field::name).toList(), List.copyOf(values.keySet()));
            assertEquals(0L, values.get("i"));
            assertEquals("", values.get("aa"));
        }

        @Test
        void setAcceptsMatchingClasses() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            ALL.set(buffer, "s", "abc");
            ALL.set(buffer, "ac", 'x');
            ALL.set(buffer, "i", 5);
            ALL.set(buffer, "i64", 6L);
            ALL.set(buffer, "sm", (short) -7);
            ALL.set(buffer, "b", (byte) 8);
            ALL.set(buffer, "c", BigInteger.valueOf(4294967295L));
            ALL.set(buffer, "d", 2.25);
            ALL.set(buffer, "f", 3);
            ALL.set(buffer, "bool", true);
            ALL.set(buffer, "ba", new byte[3]);
            assertEquals("abc", ALL.getString(buffer, "s"));
            assertEquals("x", ALL.getString(buffer, "ac"));
            assertEquals(5, ALL.getInt(buffer, "i"));
            assertEquals(6L, ALL.getLong(buffer, "i64"));
            assertEquals(-7, ALL.getInt(buffer, "sm"));
            assertEquals(8, ALL.getInt(buffer, "b"));
            assertEquals(4294967295L, ALL.getLong(buffer, "c"));
            assertEquals(2.25, ALL.getDouble(buffer, "d"));
            assertEquals(3.0, ALL.getDouble(buffer, "f"));
            assertTrue(ALL.getBoolean(buffer, "bool"));
        }

        @Test
        void setRejectsOtherClassesAndBadValues() {
            ByteBuffer buffer = ByteBuffer.allocate(ALL.size());
            rejects(() -> ALL.set(buffer, "i", "5"), "TAll.i", "Integer", "String");
            rejects(() -> ALL.set(buffer, "i", 5.0), "TAll.i", "Double");
            rejects(() -> ALL.set(buffer, "s", 5), "TAll.s", "string[5]", "Integer");
            rejects(() -> ALL.set(buffer, "bool", 1), "Boolean");
            rejects(() -> ALL.set(buffer, "ba", "0102"), "array[0..2] of Byte");
            rejects(() -> ALL.set(buffer, "b", 256), "0..255");
            rejects(() -> ALL.set(buffer, "c", BigInteger.ONE.negate()), "0..4294967295");
            assertThrows(NullPointerException.class, () -> ALL.set(buffer, "i", null));
            assertArrayEquals(new byte[ALL.size()], buffer.array());
        }

    }

    @Nested
    class Errors {

        @Test
        void unknownFieldListsTheKnownOnes() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            rejects(() -> SHARE_MEM.getString(buffer, "nmae"), "TShareMem", "'nmae'", "id, name, age");
            rejects(() -> SHARE_MEM.offset("x"), "id, name, age");
            rejects(() -> SHARE_MEM.set(buffer, "x", 1), "id, name, age");
        }

        @Test
        void wrongAccessorNamesFieldAndType() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            rejects(() -> SHARE_MEM.getString(buffer, "age"), "TShareMem.age", "getString", "Integer");
            rejects(() -> SHARE_MEM.putString(buffer, "age", "1"), "TShareMem.age", "putString", "Integer");
            rejects(() -> SHARE_MEM.getLong(buffer, "id"), "TShareMem.id", "getLong", "string[10]");
            rejects(() -> SHARE_MEM.putLong(buffer, "id", 1), "putLong", "string[10]");
            rejects(() -> SHARE_MEM.getDouble(buffer, "age"), "getDouble", "Integer");
            rejects(() -> SHARE_MEM.putDouble(buffer, "age", 1), "putDouble", "Integer");
            rejects(() -> SHARE_MEM.getBoolean(buffer, "age"), "getBoolean", "Integer");
            rejects(() -> SHARE_MEM.putBoolean(buffer, "age", true), "putBoolean", "Integer");
            rejects(() -> SHARE_MEM.getBytes(buffer, "id"), "getBytes", "string[10]");
            rejects(() -> SHARE_MEM.putBytes(buffer, "id", new byte[11]), "putBytes", "string[10]");
            rejects(() -> ALL.getInt(ByteBuffer.allocate(ALL.size()), "d"), "getInt", "Double");
            assertArrayEquals(new byte[36], buffer.array());
        }

        @Test
        void bufferTooSmallIsCheckedFirst() {
            ByteBuffer small = ByteBuffer.allocate(35);
            rejects(() -> SHARE_MEM.putString(small, "id", "1"), "TShareMem", "36", "35");
            rejects(() -> SHARE_MEM.getString(small, "id"), "36");
            rejects(() -> SHARE_MEM.read(small), "36");
            assertArrayEquals(new byte[35], small.array());

            ByteBuffer limited = ByteBuffer.allocate(100).limit(20);
            rejects(() -> SHARE_MEM.putLong(limited, "age", 1), "limit is 20");
            assertArrayEquals(new byte[100], limited.array());
        }

        @Test
        void bufferStateIsUntouched() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
            buffer.position(5).limit(40).mark();
            buffer.position(7);
            SHARE_MEM.putString(buffer, "id", "8888");
            SHARE_MEM.putLong(buffer, "age", 0x01020304);
            SHARE_MEM.read(buffer);
            assertEquals(7, buffer.position());
            assertEquals(40, buffer.limit());
            assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
            buffer.reset();
            assertEquals(5, buffer.position());
            assertEquals(4, buffer.get(0));
            assertEquals(0x04, buffer.get(32));
            assertEquals(0x01, buffer.get(35));
        }

        @Test
        void offsetsAreAbsoluteNotFromThePosition() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            buffer.position(10);
            SHARE_MEM.putLong(buffer, "age", 25);
            assertEquals(25, buffer.get(32));
        }

        @Test
        void readOnlyBufferCanBeReadButNotWritten() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            SHARE_MEM.putLong(buffer, "age", 3);
            ByteBuffer readOnly = buffer.asReadOnlyBuffer();
            assertEquals(3, SHARE_MEM.getInt(readOnly, "age"));
            assertThrows(ReadOnlyBufferException.class, () -> SHARE_MEM.putLong(readOnly, "age", 4));
            assertThrows(ReadOnlyBufferException.class, () -> SHARE_MEM.putString(readOnly, "id", "x"));
        }

        @Test
        void nullArguments() {
            ByteBuffer buffer = ByteBuffer.allocate(36);
            assertThrows(NullPointerException.class, () -> SHARE_MEM.getString(null, "id"));
            assertThrows(NullPointerException.class, () -> SHARE_MEM.putString(buffer, "id", null));
            assertThrows(NullPointerException.class, () -> SHARE_MEM.getString(buffer, null));
        }
    }

    @Nested
    class Building {

        @Test
        void duplicateNamesAreRejectedCaseInsensitively() {
            DelphiRecord.Builder b = DelphiRecord.builder("T").integer("Age");
            rejects(() -> b.byteValue("age"), "record T", "Age", "age");
        }

        @Test
        void namesMustBeDelphiIdentifiers() {
            rejects(() -> DelphiRecord.builder("T").integer("1a"), "'1a'");
            rejects(() -> DelphiRecord.builder("T").integer("a-b"), "'a-b'");
            rejects(() -> DelphiRecord.builder("T").integer(""), "''");
            rejects(() -> DelphiRecord.builder("T").integer("end"), "'end'", "reserved word");
            rejects(() -> DelphiRecord.builder("my record"), "'my record'");
            DelphiRecord r = DelphiRecord.builder("_T1").integer("_x9").integer("名字").build();
            assertEquals(8, r.size());
        }

        @Test
        void sizesMustBeValid() {
            DelphiRecord.Builder b = DelphiRecord.builder("T");
            rejects(() -> b.shortString("s", 0), "T.s", "1 to 255", "0");
            rejects(() -> b.shortString("s", 256), "256");
            rejects(() -> b.ansiCharArray("a", 0), "T.a", "at least one");
            rejects(() -> b.wideCharArray("a", -1), "at least one");
            rejects(() -> b.byteArray("a", 0), "at least one");
            rejects(b::build, "record T has no fields");
            rejects(() -> DelphiRecord.builder("T").byteArray("a", Integer.MAX_VALUE).integer("b").build(),
                    "larger than 2 GB");
        }

        @Test
        void charsetMustBeAnAnsiCodePage() {
            rejects(() -> DelphiRecord.builder("T").charset(StandardCharsets.UTF_16LE), "UTF-16LE");
            rejects(() -> SHARE_MEM.withCharset(StandardCharsets.UTF_16), "UTF-16");
            assertEquals(GBK, DelphiRecord.builder("T").integer("a").charset(GBK).build().charset());
        }

        @Test
        void withCharsetKeepsTheLayout() {
            DelphiRecord gbk = SHARE_MEM.withCharset(GBK);
            assertEquals(GBK, gbk.charset());
            assertEquals(SHARE_MEM.fields(), gbk.fields());
            assertEquals(SHARE_MEM.size(), gbk.size());
            assertNotEquals(SHARE_MEM, gbk);
            assertEquals(SHARE_MEM, gbk.withCharset(Charset.forName("windows-1252")));
            assertEquals(SHARE_MEM.hashCode(), gbk.withCharset(Charset.forName("windows-1252")).hashCode());
        }

        @Test
        void fieldsListIsUnmodifiable() {
            assertThrows(UnsupportedOperationException.class, () -> SHARE_MEM.fields().clear());
            assertSame(SHARE_MEM.fields().get(2), SHARE_MEM.field("age"));
            assertEquals("age: Integer @32 (4 bytes)", SHARE_MEM.field("age").toString());
            assertEquals("TShareMem (36 bytes, A8, windows-1252)", SHARE_MEM.toString());
        }

        @Test
        void builderCanBuildAgainAfterChanges() {
            DelphiRecord.Builder b = DelphiRecord.builder("T").byteValue("a").integer("b");
            DelphiRecord first = b.build();
            DelphiRecord packed = b.alignment(DelphiRecord.Alignment.PACKED).build();
            assertEquals(8, first.size());
            assertEquals(5, packed.size());
            assertEquals(DelphiRecord.Alignment.PACKED, packed.alignment());
        }

        @Test
        void alignmentBytes() {
            assertEquals(List.of(1, 2, 4, 8), Arrays.stream(DelphiRecord.Alignment.values())
                    .map(DelphiRecord.Alignment::bytes).toList());
        }
    }
}
