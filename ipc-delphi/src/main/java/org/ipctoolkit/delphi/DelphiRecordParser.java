package org.ipctoolkit.delphi;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipctoolkit.delphi.DelphiType.ArrayType;
import org.ipctoolkit.delphi.DelphiType.Body;
import org.ipctoolkit.delphi.DelphiType.Branch;
import org.ipctoolkit.delphi.DelphiType.Decl;
import org.ipctoolkit.delphi.DelphiType.EnumType;
import org.ipctoolkit.delphi.DelphiType.RecordType;
import org.ipctoolkit.delphi.DelphiType.ScalarType;
import org.ipctoolkit.delphi.DelphiType.Variant;

/**
 * Reads Delphi type declarations into {@link DelphiRecord}s; see
 * {@link DelphiRecord#parse(String, Charset, DelphiRecord.Dialect)} for what is accepted. One instance
 * parses one source.
 */
final class DelphiRecordParser {

    private static final Set<String> RESERVED_WORDS = Set.of(
            "and", "array", "as", "asm", "begin", "case", "class", "const", "constructor", "destructor",
            "dispinterface", "div", "do", "downto", "else", "end", "except", "exports", "file",
            "finalization", "finally", "for", "function", "goto", "if", "implementation", "in",
            "inherited", "initialization", "inline", "interface", "is", "label", "library", "mod", "nil",
            "not", "object", "of", "or", "out", "packed", "procedure", "program", "property", "raise",
            "record", "repeat", "resourcestring", "set", "shl", "shr", "string", "then", "threadvar",
            "to", "try", "type", "unit", "until", "uses", "var", "while", "with", "xor");

    private static final Map<String, DelphiType> SIMPLE_TYPES = Map.ofEntries(
            Map.entry("ansichar", DelphiType.ANSI_CHAR),
            Map.entry("char", DelphiType.ANSI_CHAR),
            Map.entry("widechar", DelphiType.WIDE_CHAR),
            Map.entry("byte", DelphiType.BYTE),
            Map.entry("shortint", DelphiType.SHORT_INT),
            Map.entry("word", DelphiType.WORD),
            Map.entry("smallint", DelphiType.SMALL_INT),
            Map.entry("integer", DelphiType.INTEGER),
            Map.entry("longint", DelphiType.INTEGER),
            Map.entry("cardinal", DelphiType.CARDINAL),
            Map.entry("longword", DelphiType.CARDINAL),
            Map.entry("dword", DelphiType.CARDINAL),
            Map.entry("int64", DelphiType.INT64),
            Map.entry("uint64", DelphiType.UINT64),
            Map.entry("single", DelphiType.SINGLE),
            Map.entry("double", DelphiType.DOUBLE),
            Map.entry("extended", DelphiType.EXTENDED),
            Map.entry("currency", DelphiType.CURRENCY),
            Map.entry("tdatetime", DelphiType.DATE_TIME),
            Map.entry("tdate", DelphiType.DATE_TIME),
            Map.entry("ttime", DelphiType.DATE_TIME),
            Map.entry("boolean", DelphiType.BOOLEAN),
            Map.entry("bytebool", DelphiType.BYTE_BOOL),
            Map.entry("wordbool", DelphiType.WORD_BOOL),
            Map.entry("longbool", DelphiType.LONG_BOOL));

    private static final String KNOWN_TYPES = "string[N], ShortString, AnsiChar, Char (= AnsiChar), WideChar,"
            + " Byte, ShortInt, Word, SmallInt, Integer, LongInt, Cardinal, LongWord, DWORD, Int64, UInt64,"
            + " Single, Double, Extended, Currency, TDateTime, Boolean, ByteBool, WordBool, LongBool, arrays,"
            + " records, enumerations, subranges, sets, and types declared earlier in the source";

    private static final String LONG_STRING = "long strings are not supported: %s is a pointer to"
            + " heap memory of the writing process, so it cannot live in shared memory; declare string[N]"
            + " (a ShortString) or array[0..N-1] of AnsiChar instead";
    private static final String POINTER = "pointer fields are not supported: a pointer is an address inside"
            + " the writing process and means nothing to another process";

    private static final Map<String, String> UNSUPPORTED_TYPES = Map.ofEntries(
            Map.entry("ansistring", String.format(LONG_STRING, "an AnsiString field")),
            Map.entry("widestring", String.format(LONG_STRING, "a WideString field")),
            Map.entry("unicodestring", String.format(LONG_STRING, "a UnicodeString field")),
            Map.entry("utf8string", String.format(LONG_STRING, "a UTF8String field")),
            Map.entry("rawbytestring", String.format(LONG_STRING, "a RawByteString field")),
            Map.entry("pointer", POINTER),
            Map.entry("pchar", POINTER),
            Map.entry("pansichar", POINTER),
            Map.entry("pwidechar", POINTER),
            Map.entry("variant", "Variant fields are not supported: a Variant can hold pointers to memory"
                    + " of the writing process"),
            Map.entry("olevariant", "OleVariant fields are not supported: an OleVariant can hold pointers"
                    + " to memory of the writing process"),
            Map.entry("real", "Real is not supported: it is a Double unless {$REALCOMPATIBILITY ON} makes it"
                    + " the 6-byte Real48; declare Double"),
            Map.entry("nativeint", "NativeInt is not supported: its size differs between 32-bit and 64-bit"
                    + " Delphi; declare Integer or Int64"),
            Map.entry("nativeuint", "NativeUInt is not supported: its size differs between 32-bit and 64-bit"
                    + " Delphi; declare Cardinal or UInt64"));

    private static final Set<String> MEMBER_KEYWORDS = Set.of("procedure", "function", "property",
            "constructor", "destructor", "class", "operator", "const", "var", "type", "private", "public",
            "protected", "published", "strict");

    private static final Pattern ALIGN_SWITCH = Pattern.compile("A(\\d+|[+-])");
    private static final Pattern ALIGN_LONG = Pattern.compile("ALIGN\\s+(\\S+)");
    private static final Pattern ENUM_SWITCH = Pattern.compile("Z(\\d+|[+-])");
    private static final Pattern ENUM_LONG = Pattern.compile("MINENUMSIZE\\s+(\\S+)");

    private enum Kind { IDENT, NUMBER, STRING, SYMBOL, DIRECTIVE, EOF }

    private record Token(Kind kind, String text, int line, int column) {
        boolean is(String word) {
            return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }

        String shown() {
            return kind == Kind.EOF ? "end of input" : "'" + text + "'";
        }
    }

    private final List<Token> tokens;
    private final Charset charset;
    private final DelphiRecord.Dialect dialect;
    private int next;
    private DelphiRecord.Alignment alignment = DelphiRecord.Alignment.A8;
    private int minEnumSize = 1;
    private int recordDepth;
    /** Whether the record being read is packed: records declared inline in it are packed too. */
    private boolean insidePacked;
    /** Named types declared so far, by lower-case name. */
    private final Map<String, DelphiType> types = new HashMap<>();
    /** Why declared types that cannot be fields are refused, by lower-case name. */
    private final Map<String, String> refused = new HashMap<>();
    private final Map<String, RecordType> records = new LinkedHashMap<>();
    /** Lower-case names of record types used by another record. */
    private final Set<String> used = new HashSet<>();

    DelphiRecordParser(String source, Charset charset, DelphiRecord.Dialect dialect) {
        this.tokens = new Lexer(source).tokens();
        this.charset = charset;
        this.dialect = dialect;
    }

    static boolean isIdentifier(String name) {
        if (name.isEmpty() || !isIdentifierStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> isIdentifierPart((char) c));
    }

    static boolean isReservedWord(String name) {
        return RESERVED_WORDS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    // ---------------------------------------------------------------- results

    /** The first record type that no other record type uses. */
    DelphiRecord mainRecord() {
        for (RecordType r : records.values()) {
            if (!used.contains(key(r.name))) {
                return new DelphiRecord(r, charset);
            }
        }
        throw new IllegalStateException("every record is used by another");
    }

    Map<String, DelphiRecord> records() {
        Map<String, DelphiRecord> result = new LinkedHashMap<>();
        records.values().forEach(r -> result.put(r.name, new DelphiRecord(r, charset)));
        return Collections.unmodifiableMap(result);
    }

    // ---------------------------------------------------------------- declarations

    void parse() {
        boolean declared = false;
        while (true) {
            Token token = peek();
            if (token.is("type") || token.is("interface")) {
                advance();
                continue;
            }
            if (!declared && (token.is("unit") || token.is("program") || token.is("library") || token.is("uses"))) {
                skipDeclaration(advance()); // unit Shared; uses Windows, SysUtils;
                continue;
            }
            if (token.kind == Kind.EOF) {
                break;
            }
            if (token.kind == Kind.IDENT && !isReservedWord(token.text) && peekAfter().is("=")) {
                advance();
                if (!declaration(token)) {
                    break;
                }
                declared = true;
                continue;
            }
            if (!declared) {
                if (token.is("record") || token.is("packed")) {
                    throw error(token, "expected the record's type name before " + token.shown()
                            + ", as in 'TShareMem = record ... end;'");
                }
                expectIdentifier(advance(), "a type declaration such as 'TShareMem = record'");
                expect("=", "after type name " + token.text);
            }
            break; // the end of the type declarations: var, begin, implementation, ...
        }
        if (records.isEmpty()) {
            throw error(peek(), "no record declaration found; expected e.g. 'TShareMem = record ... end;'");
        }
    }

    /** Reads {@code Name = ...;}; returns false if the declarations end after it. */
    private boolean declaration(Token typeName) {
        expect("=", "after type name " + typeName.text);
        String name = typeName.text;
        if (types.containsKey(key(name)) || refused.containsKey(key(name))) {
            throw error(typeName, "type " + name + " is declared twice");
        }
        if (peek().is("type") && !peekAfter().is("=")) {
            advance(); // "TAge = type Integer" declares a distinct type of the same layout
        }
        Token body = peek();
        boolean packed = body.is("packed") && peekAfter().is("record");
        if (packed || body.is("record")) {
            if (packed) {
                advance();
            }
            Token recordKeyword = advance();
            RecordType record = parseRecord(name, recordKeyword, packed);
            types.put(key(name), record);
            records.put(key(name), record);
            if (peek().is(";")) {
                advance();
                return true;
            }
            return false;
        }
        if (body.is("class") || body.is("object") || body.is("interface") || body.is("dispinterface")) {
            throw error(body, name + " is not a record type ('" + body.text + "' in its declaration); class, object"
                    + " and interface types are not supported");
        }
        int start = next;
        try {
            if (body.is("(")) {
                advance();
                types.put(key(name), parseEnum(name));
            } else {
                types.put(key(name), parseType(List.of(typeName), true));
            }
        } catch (IllegalArgumentException e) {
            // a type that cannot be a field (a pointer, a procedure, a long string): fine unless used
            next = start;
            skipDeclaration(typeName);
            refused.put(key(name), e.getMessage().replaceFirst("^line \\d+, column \\d+: ", ""));
            return true;
        }
        expect(";", "to end the declaration of " + name);
        return true;
    }

    /** Skips to the semicolon that ends a declaration, such as {@code PShareMem = ^TShareMem;}. */
    private void skipDeclaration(Token typeName) {
        int depth = 0;
        Token token = advance();
        while (!(depth == 0 && token.is(";"))) {
            if (token.kind == Kind.EOF) {
                throw error(token, "expected ';' to end the declaration of " + typeName.text + ", found end of input");
            }
            if (token.is("(") || token.is("[")) {
                depth++;
            } else if (token.is(")") || token.is("]")) {
                depth--;
            }
            token = advance();
        }
    }

    // ---------------------------------------------------------------- records

    private RecordType parseRecord(String name, Token recordKeyword, boolean packedKeyword) {
        // a record declared inline in a packed record is packed as well (Free Pascal checks this)
        boolean packed = packedKeyword || name == null && insidePacked;
        boolean outerPacked = insidePacked;
        insidePacked = packed;
        recordDepth++;
        Map<String, Token> declared = new HashMap<>();
        Body body = parseFieldList(name, recordKeyword, declared, false);
        Token end = advance(); // 'end'
        if (declared.isEmpty()) {
            throw error(recordKeyword, "record " + (name == null ? "" : name + " ") + "has no fields");
        }
        recordDepth--;
        insidePacked = outerPacked;
        DelphiRecord.Alignment setting = packed ? DelphiRecord.Alignment.PACKED : alignment;
        try {
            DelphiRecord.requireDialect(name == null ? "record" : name, body, dialect);
            return new RecordType(name, setting, dialect, body);
        } catch (IllegalArgumentException e) {
            throw error(end, e.getMessage());
        }
    }

    /**
     * Reads fields up to {@code end} (a record) or {@code )} (a variant branch), without consuming it; a
     * variant part may come last.
     */
    private Body parseFieldList(String recordName, Token opener, Map<String, Token> declared, boolean branch) {
        List<Decl> fields = new ArrayList<>();
        Variant variant = null;
        String closer = branch ? ")" : "end";
        while (true) {
            Token token = peek();
            if (token.is(closer)) {
                break;
            }
            if (token.kind == Kind.EOF) {
                throw error(token, branch
                        ? "expected ')' to close the variant branch opened at line " + opener.line + ", column "
                                + opener.column + ", found end of input"
                        : "expected 'end' to close record " + (recordName == null ? "" : recordName + " ")
                                + "(opened at line " + opener.line + ", column " + opener.column + "), found end of input");
            }
            advance();
            if (token.is("case")) {
                variant = parseVariant(recordName, declared, closer);
                break;
            }
            if (token.kind == Kind.IDENT && MEMBER_KEYWORDS.contains(key(token.text))
                    && !peek().is(":") && !peek().is(",")) {
                throw error(token, "'" + token.text + "' sections, methods and properties in records are"
                        + " not supported; declare only fields");
            }
            List<Token> names = new ArrayList<>();
            names.add(fieldName(token, declared));
            while (peek().is(",")) {
                advance();
                names.add(fieldName(advance(), declared));
            }
            expect(":", "after field name " + names.get(names.size() - 1).text);
            DelphiType type = parseType(names, false);
            for (Token n : names) {
                fields.add(new Decl(n.text, type));
            }
            Token after = peek();
            if (after.is(";")) {
                advance();
            } else if (!after.is(closer)) {
                throw error(after, "expected ';' or '" + closer + "' after the type of " + describe(names)
                        + ", found " + after.shown());
            }
        }
        return new Body(fields, variant);
    }

    /** Reads a variant part after {@code case}, up to (not including) the record's {@code end} or the branch's {@code )}. */
    private Variant parseVariant(String recordName, Map<String, Token> declared, String closer) {
        String tagName = null;
        Token first = peek();
        if (first.kind == Kind.IDENT && peekAfter().is(":")) {
            tagName = fieldName(advance(), declared).text;
            advance(); // ':'
        }
        Token typeToken = peek();
        DelphiType tagType = parseType(List.of(tagName != null ? first : typeToken), false);
        if (!tagType.isOrdinal()) {
            throw error(typeToken, "the tag of a variant part must be of an ordinal type, not " + tagType);
        }
        expect("of", "after the type of the variant part's tag");
        List<Branch> branches = new ArrayList<>();
        while (!peek().is(closer)) {
            Token labelStart = peek();
            StringBuilder labels = new StringBuilder();
            while (!peek().is(":")) {
                Token t = advance();
                if (t.kind == Kind.EOF || t.is("(") || t.is(";") || t.is(closer)) {
                    throw error(t, "expected case labels and ':' for a branch of the variant part, found " + t.shown());
                }
                labels.append(t.is(",") ? ", " : t.text);
            }
            if (labels.length() == 0) {
                throw error(labelStart, "expected case labels before ':' in the variant part");
            }
            advance(); // ':'
            Token open = peek();
            if (!open.is("(") && isIdentifier(labels.toString())) {
                throw error(labelStart, "field " + labels + " cannot follow the variant part: a variant part must"
                        + " come last in a record");
            }
            expect("(", "to open the fields of the branch " + labels);
            Body body = parseFieldList(recordName, open, declared, true);
            advance(); // ')'
            branches.add(new Branch(labels.toString(), body));
            if (peek().is(";")) {
                advance();
            } else if (!peek().is(closer)) {
                throw error(peek(), "expected ';' or '" + closer + "' after a branch of the variant part, found "
                        + peek().shown() + " (the variant part must come last)");
            }
        }
        if (branches.isEmpty()) {
            throw error(peek(), "the variant part has no branches");
        }
        return new Variant(tagName, tagType, branches);
    }

    private Token fieldName(Token token, Map<String, Token> declared) {
        Token name = expectIdentifier(token, "a field name or 'end'");
        Token previous = declared.putIfAbsent(key(name.text), name);
        if (previous != null) {
            throw error(name, "duplicate field " + name.text + "; field " + previous.text + " was declared at"
                    + " line " + previous.line + ", column " + previous.column + " (names are case-insensitive)");
        }
        return name;
    }

    // ---------------------------------------------------------------- types

    /** Reads a type; {@code names} are the fields (or the type) being declared, for messages. */
    private DelphiType parseType(List<Token> names, boolean typeDeclaration) {
        Token token = advance();
        String word = key(token.text);
        if (token.is("^")) {
            throw error(token, POINTER);
        }
        if (token.is("(")) {
            return parseEnum(null);
        }
        if (token.kind == Kind.NUMBER || token.is("-") || token.is("+")) {
            next--;
            long low = integerLiteral("the subrange's lower bound");
            expect("..", "in the subrange");
            long high = integerLiteral("the subrange's upper bound");
            return wrap(token, () -> DelphiType.subrange(low, high));
        }
        if (token.kind == Kind.STRING) {
            throw error(token, "character subranges are not supported; declare the field as AnsiChar or Byte");
        }
        if (token.kind != Kind.IDENT) {
            throw error(token, "expected the type of " + describe(names) + ", found " + token.shown());
        }
        switch (word) {
            case "string" -> {
                if (!peek().is("[")) {
                    throw error(token, String.format(LONG_STRING, "a string field without [N]"));
                }
                advance();
                Token lengthToken = peek();
                long length = integerLiteral("the length of string[N]");
                if (length < 1 || length > 255) {
                    throw error(lengthToken, "string[" + length + "]: a ShortString holds 1 to 255 characters");
                }
                expect("]", "after the length of string[" + length + "]");
                return DelphiType.shortString((int) length);
            }
            case "shortstring" -> {
                return DelphiType.shortString(255);
            }
            case "packed" -> {
                Token what = advance();
                if (what.is("array")) {
                    return parseArray(names);
                }
                if (what.is("record")) {
                    return parseRecord(null, what, true);
                }
                throw error(what, "expected 'array' or 'record' after 'packed', found " + what.shown());
            }
            case "array" -> {
                return parseArray(names);
            }
            case "record" -> {
                return parseRecord(null, token, false);
            }
            case "set" -> {
                expect("of", "after 'set'");
                Token baseToken = peek();
                DelphiType base = parseType(names, false);
                return wrap(baseToken, () -> DelphiType.setOf(base));
            }
            case "file" -> throw error(token, "file types are not supported: a file variable holds handles of"
                    + " the writing process");
            case "procedure", "function", "reference" -> throw error(token, "procedural types are not supported: "
                    + POINTER);
            case "class", "object", "interface" -> throw error(token, "class, object and interface fields are not"
                    + " supported: they are references, that is pointers; " + POINTER);
            default -> {
                DelphiType type = SIMPLE_TYPES.get(word);
                if (type != null) {
                    return type;
                }
                type = types.get(word);
                if (type != null) {
                    if (type instanceof RecordType r && !typeDeclaration) {
                        used.add(key(r.name));
                    }
                    return type;
                }
                String reason = refused.get(word);
                if (reason != null) {
                    throw error(token, token.text + " cannot be the type of " + describe(names) + ": " + reason);
                }
                reason = UNSUPPORTED_TYPES.get(word);
                if (reason != null) {
                    throw error(token, reason);
                }
                throw error(token, "unknown type '" + token.text + "' for " + describe(names)
                        + "; known types: " + KNOWN_TYPES);
            }
        }
    }

    /** Reads an enumeration after its {@code (}. */
    private EnumType parseEnum(String name) {
        Token open = tokens.get(next - 1);
        List<String> values = new ArrayList<>();
        List<Long> ordinals = new ArrayList<>();
        long ordinal = 0;
        while (true) {
            Token value = advance();
            if (value.kind == Kind.NUMBER) {
                throw error(value, "subrange types are not supported in parentheses; expected an enumeration value name");
            }
            expectIdentifier(value, "an enumeration value name");
            if (peek().is("=")) {
                advance();
                ordinal = integerLiteral("the ordinal of " + value.text);
            }
            values.add(value.text);
            ordinals.add(ordinal);
            ordinal++;
            Token after = advance();
            if (after.is(")")) {
                break;
            }
            if (!after.is(",")) {
                throw error(after, "expected ',' or ')' in the enumeration, found " + after.shown());
            }
        }
        long[] array = ordinals.stream().mapToLong(Long::longValue).toArray();
        return wrap(open, () -> new EnumType(name, values, array, minEnumSize));
    }

    /** Reads an array type after {@code array}. */
    private DelphiType parseArray(List<Token> names) {
        if (peek().is("of")) {
            throw error(peek(), "dynamic arrays ('array of') are not supported: " + POINTER
                    + "; declare bounds, e.g. array[0..9] of Byte");
        }
        expect("[", "after 'array'");
        List<long[]> bounds = new ArrayList<>();
        List<DelphiType> indexTypes = new ArrayList<>();
        List<Token> starts = new ArrayList<>();
        do {
            Token lowToken = peek();
            starts.add(lowToken);
            if (lowToken.kind == Kind.IDENT && !peekAfter().is("..")) {
                advance();
                DelphiType index = SIMPLE_TYPES.get(key(lowToken.text));
                if (index == null) {
                    index = types.get(key(lowToken.text));
                }
                if (index == null || !index.isOrdinal() || index.high() - index.low() >= Integer.MAX_VALUE) {
                    throw error(lowToken, "array bounds must be integer literals or an ordinal type such as an"
                            + " enumeration, a subrange, Byte, AnsiChar or Boolean; '" + lowToken.text + "' is not");
                }
                bounds.add(new long[] {index.low(), index.high()});
                indexTypes.add(index);
            } else {
                long low = integerLiteral("the array's lower bound");
                expect("..", "between the array bounds");
                long high = integerLiteral("the array's upper bound");
                if (high < low) {
                    throw error(lowToken, "array[" + low + ".." + high + "] has an upper bound below its lower bound");
                }
                if (low < Integer.MIN_VALUE || high > Integer.MAX_VALUE || high - low + 1 > Integer.MAX_VALUE / 2) {
                    throw error(lowToken, "array[" + low + ".." + high + "] is too large");
                }
                bounds.add(new long[] {low, high});
                indexTypes.add(null);
            }
        } while (peek().is(",") && advance() != null);
        expect("]", "after the array bounds");
        expect("of", "after the array bounds");
        DelphiType element = parseType(names, false);
        for (int i = bounds.size() - 1; i >= 0; i--) {
            long[] b = bounds.get(i);
            DelphiType inner = element;
            DelphiType index = indexTypes.get(i);
            element = wrap(starts.get(i), () -> new ArrayType(b[0], b[1], inner, index));
        }
        return element;
    }

    private interface TypeMaker<T> {
        T make();
    }

    /** Makes a type, turning the type's own complaint into an error at a position. */
    private <T> T wrap(Token at, TypeMaker<T> maker) {
        try {
            return maker.make();
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    /** Reads an optionally signed decimal or {@code $}-hexadecimal literal. */
    private long integerLiteral(String what) {
        Token token = advance();
        boolean negative = false;
        if (token.is("-") || token.is("+")) {
            negative = token.is("-");
            token = advance();
        }
        if (token.kind == Kind.IDENT) {
            throw error(token, what + " must be an integer literal; constants such as '" + token.text
                    + "' are not supported");
        }
        if (token.kind != Kind.NUMBER) {
            throw error(token, "expected an integer literal for " + what + ", found " + token.shown());
        }
        BigInteger value = token.text.startsWith("$")
                ? new BigInteger(token.text.substring(1), 16) : new BigInteger(token.text);
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() > 40) {
            throw error(token, what + " " + value + " is too large");
        }
        return value.longValue();
    }

    private Token expectIdentifier(Token token, String expected) {
        if (token.kind != Kind.IDENT) {
            throw error(token, "expected " + expected + ", found " + token.shown());
        }
        if (isReservedWord(token.text)) {
            throw error(token, "expected " + expected + ", found reserved word '" + token.text + "'");
        }
        return token;
    }

    private void expect(String symbol, String context) {
        Token token = advance();
        if (!token.is(symbol)) {
            throw error(token, "expected '" + symbol + "' " + context + ", found " + token.shown());
        }
    }

    private static String describe(List<Token> names) {
        StringBuilder out = new StringBuilder(names.size() == 1 ? "field " : "fields ");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(names.get(i).text);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- tokens and directives

    private Token advance() {
        Token token = tokens.get(next);
        while (token.kind == Kind.DIRECTIVE) {
            applyDirective(token);
            token = tokens.get(++next);
        }
        if (token.kind != Kind.EOF) {
            next++;
        }
        return token;
    }

    private Token peek() {
        int at = next;
        while (tokens.get(at).kind == Kind.DIRECTIVE) {
            at++;
        }
        return tokens.get(at);
    }

    /** The token after {@link #peek()}. */
    private Token peekAfter() {
        int at = next;
        while (tokens.get(at).kind == Kind.DIRECTIVE) {
            at++;
        }
        if (tokens.get(at).kind == Kind.EOF) {
            return tokens.get(at);
        }
        at++;
        while (tokens.get(at).kind == Kind.DIRECTIVE) {
            at++;
        }
        return tokens.get(at);
    }

    /**
     * Applies {$A...}, {$ALIGN ...}, {$Z...} and {$MINENUMSIZE ...}; other directives do not affect the
     * layout and are ignored.
     */
    private void applyDirective(Token token) {
        String text = token.text.strip().toUpperCase(Locale.ROOT);
        List<String> aligns = new ArrayList<>();
        List<String> enumSizes = new ArrayList<>();
        Matcher longAlign = ALIGN_LONG.matcher(text);
        Matcher longEnum = ENUM_LONG.matcher(text);
        if (longAlign.matches()) {
            aligns.add(longAlign.group(1));
        } else if (longEnum.matches()) {
            enumSizes.add(longEnum.group(1));
        } else {
            for (String item : text.split(",")) {
                Matcher a = ALIGN_SWITCH.matcher(item.strip());
                Matcher z = ENUM_SWITCH.matcher(item.strip());
                if (a.matches()) {
                    aligns.add(a.group(1));
                } else if (z.matches()) {
                    enumSizes.add(z.group(1));
                }
            }
        }
        for (String setting : aligns) {
            if (recordDepth > 0) {
                throw error(token, "alignment directives inside a record are not supported; put {$" + token.text.strip()
                        + "} before the record declaration");
            }
            alignment = switch (setting) {
                case "1", "-", "OFF" -> DelphiRecord.Alignment.PACKED;
                case "2" -> DelphiRecord.Alignment.A2;
                case "4" -> DelphiRecord.Alignment.A4;
                case "8", "+", "ON" -> DelphiRecord.Alignment.A8;
                // {$A16} only differs from {$A8} for types larger than 8 bytes under Delphi's rules, none of
                // which is supported; Free Pascal would also align variant parts to 16
                case "16" -> {
                    if (dialect == DelphiRecord.Dialect.FREE_PASCAL) {
                        throw error(token, "{$" + token.text.strip() + "} is not supported under Free Pascal's"
                                + " rules (it aligns variant parts to 16); use {$A8} or less");
                    }
                    yield DelphiRecord.Alignment.A8;
                }
                default -> throw error(token, "invalid alignment directive {$" + token.text.strip()
                        + "}; expected {$A1}, {$A2}, {$A4}, {$A8}, {$A16}, {$A+}, {$A-} or {$ALIGN ON|OFF|1|2|4|8|16}");
            };
        }
        for (String setting : enumSizes) {
            minEnumSize = switch (setting) {
                case "1", "-" -> 1;
                case "2" -> 2;
                case "4", "+" -> 4;
                default -> throw error(token, "invalid enumeration size directive {$" + token.text.strip()
                        + "}; expected {$Z1}, {$Z2}, {$Z4}, {$Z+}, {$Z-} or {$MINENUMSIZE 1|2|4}");
            };
        }
    }

    private static IllegalArgumentException error(Token at, String message) {
        return new IllegalArgumentException("line " + at.line + ", column " + at.column + ": " + message);
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Splits Delphi source into tokens, dropping comments and keeping compiler directives. */
    private static final class Lexer {
        private final String source;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int column = 1;

        Lexer(String source) {
            this.source = source;
        }

        List<Token> tokens() {
            while (true) {
                skipWhitespace();
                if (pos >= source.length()) {
                    tokens.add(new Token(Kind.EOF, "", line, column));
                    return tokens;
                }
                int startLine = line;
                int startColumn = column;
                char c = source.charAt(pos);
                if (c == '{') {
                    comment(startLine, startColumn, 1, "}");
                } else if (source.startsWith("(*", pos)) {
                    comment(startLine, startColumn, 2, "*)");
                } else if (source.startsWith("//", pos)) {
                    while (pos < source.length() && source.charAt(pos) != '\n' && source.charAt(pos) != '\r') {
                        step();
                    }
                } else if (isIdentifierStart(c)) {
                    int start = pos;
                    while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
                        step();
                    }
                    tokens.add(new Token(Kind.IDENT, source.substring(start, pos), startLine, startColumn));
                } else if (c >= '0' && c <= '9' || c == '$' && pos + 1 < source.length()
                        && Character.digit(source.charAt(pos + 1), 16) >= 0) {
                    int start = pos;
                    step();
                    while (pos < source.length() && Character.digit(source.charAt(pos), c == '$' ? 16 : 10) >= 0
                            && source.charAt(pos) < 128) {
                        step();
                    }
                    tokens.add(new Token(Kind.NUMBER, source.substring(start, pos), startLine, startColumn));
                } else if (c == '\'') {
                    quoted(startLine, startColumn);
                } else if (source.startsWith("..", pos)) {
                    step();
                    step();
                    tokens.add(new Token(Kind.SYMBOL, "..", startLine, startColumn));
                } else {
                    step();
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), startLine, startColumn));
                }
            }
        }

        private void comment(int startLine, int startColumn, int openLength, String close) {
            int end = source.indexOf(close, pos + openLength);
            if (end < 0) {
                throw new IllegalArgumentException("line " + startLine + ", column " + startColumn
                        + ": comment is not closed; expected '" + close + "'");
            }
            String body = source.substring(pos + openLength, end);
            while (pos < end + close.length()) {
                step();
            }
            if (body.startsWith("$")) {
                tokens.add(new Token(Kind.DIRECTIVE, body.substring(1), startLine, startColumn));
            }
        }

        private void quoted(int startLine, int startColumn) {
            int start = pos;
            step();
            while (true) {
                if (pos >= source.length() || source.charAt(pos) == '\n' || source.charAt(pos) == '\r') {
                    throw new IllegalArgumentException("line " + startLine + ", column " + startColumn
                            + ": string literal is not closed");
                }
                if (source.startsWith("''", pos)) {
                    step();
                    step();
                } else if (source.charAt(pos) == '\'') {
                    step();
                    break;
                } else {
                    step();
                }
            }
            tokens.add(new Token(Kind.STRING, source.substring(start, pos), startLine, startColumn));
        }

        private void skipWhitespace() {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                step();
            }
        }

        /** Moves one character on; CR LF, LF and a lone CR each end a line. */
        private void step() {
            char c = source.charAt(pos++);
            if (c == '\n' || c == '\r' && (pos >= source.length() || source.charAt(pos) != '\n')) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }
}
