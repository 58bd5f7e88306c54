package org.ipctoolkit.delphi;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Delphi record type declaration into a {@link DelphiRecord}; see
 * {@link DelphiRecord#parse(String, Charset)} for what is accepted. One instance parses one source.
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
            Map.entry("boolean", DelphiType.BOOLEAN),
            Map.entry("bytebool", DelphiType.BOOLEAN));

    private static final String KNOWN_TYPES = "string[N], ShortString, AnsiChar, Char (= AnsiChar), WideChar,"
            + " Byte, ShortInt, Word, SmallInt, Integer, LongInt, Cardinal, LongWord, DWORD, Int64, UInt64,"
            + " Single, Double, Boolean, ByteBool, array[lo..hi] of AnsiChar, Char, WideChar or Byte";

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
            Map.entry("extended", "Extended is not supported: it is 10 bytes in 32-bit and 8 bytes in"
                    + " 64-bit Delphi; declare Double in both programs"),
            Map.entry("real", "Real is not supported: it is a Double unless {$REALCOMPATIBILITY ON} makes it"
                    + " the 6-byte Real48; declare Double"),
            Map.entry("nativeint", "NativeInt is not supported: its size differs between 32-bit and 64-bit"
                    + " Delphi; declare Integer or Int64"),
            Map.entry("nativeuint", "NativeUInt is not supported: its size differs between 32-bit and 64-bit"
                    + " Delphi; declare Cardinal or UInt64"),
            Map.entry("currency", "Currency is not supported; declare the field as Int64, which holds the"
                    + " amount times 10000"));

    private static final Set<String> MEMBER_KEYWORDS = Set.of("procedure", "function", "property",
            "constructor", "destructor", "class", "operator", "const", "var", "type", "private", "public",
            "protected", "published", "strict");

    private static final Pattern ALIGN_SWITCH = Pattern.compile("A(\\d+|[+-])");
    private static final Pattern ALIGN_LONG = Pattern.compile("ALIGN\\s+(\\S+)");

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
    private int next;
    private DelphiRecord.Alignment alignment = DelphiRecord.Alignment.A8;
    private boolean inRecordBody;

    DelphiRecordParser(String source, Charset charset) {
        this.tokens = new Lexer(source).tokens();
        this.charset = charset;
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

    DelphiRecord parse() {
        Token token = advance();
        while (true) {
            if (token.is("type")) {
                token = advance();
                continue;
            }
            if (token.kind == Kind.EOF) {
                throw error(token, "no record declaration found; expected e.g. 'TShareMem = record ... end;'");
            }
            if (token.is("record") || token.is("packed")) {
                throw error(token, "expected the record's type name before " + token.shown()
                        + ", as in 'TShareMem = record ... end;'");
            }
            Token typeName = expectIdentifier(token, "a type declaration such as 'TShareMem = record'");
            expect("=", "after type name " + typeName.text);
            Token body = advance();
            boolean packed = false;
            if (body.is("packed") && peek().is("record")) {
                packed = true;
                body = advance();
            }
            if (body.is("record")) {
                return parseRecord(typeName, body, packed);
            }
            skipDeclaration(typeName, body);
            token = advance();
        }
    }

    /** Skips a declaration that is not a record, such as {@code PShareMem = ^TShareMem;}. */
    private void skipDeclaration(Token typeName, Token first) {
        int depth = 0;
        Token token = first;
        while (!(depth == 0 && token.is(";"))) {
            if (token.kind == Kind.EOF) {
                throw error(token, "expected ';' to end the declaration of " + typeName.text + ", found end of input");
            }
            if (token.is("record") || token.is("class") || token.is("object") || token.is("interface")
                    || token.is("dispinterface")) {
                throw error(token, typeName.text + " is not a record type ('" + token.text + "' in its"
                        + " declaration); only plain record declarations and simple declarations ending at"
                        + " the first ';' may appear before the record");
            }
            if (token.is("(") || token.is("[")) {
                depth++;
            } else if (token.is(")") || token.is("]")) {
                depth--;
            }
            token = advance();
        }
    }

    private DelphiRecord parseRecord(Token typeName, Token recordKeyword, boolean packed) {
        inRecordBody = true;
        DelphiRecord.Builder builder = DelphiRecord.builder(typeName.text)
                .alignment(packed ? DelphiRecord.Alignment.PACKED : alignment)
                .charset(charset);
        Map<String, Token> declared = new HashMap<>();
        while (true) {
            Token token = advance();
            if (token.is("end")) {
                break;
            }
            if (token.kind == Kind.EOF) {
                throw error(token, "expected 'end' to close record " + typeName.text + " (opened at line "
                        + recordKeyword.line + ", column " + recordKeyword.column + "), found end of input");
            }
            if (token.is("case")) {
                throw error(token, "variant records ('case ... of') are not supported: the variants overlap"
                        + " in memory; declare one record per variant instead");
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
            parseType(builder, names);
            Token after = peek();
            if (after.is(";")) {
                advance();
            } else if (!after.is("end")) {
                throw error(after, "expected ';' or 'end' after the type of " + describe(names)
                        + ", found " + after.shown());
            }
        }
        if (declared.isEmpty()) {
            throw error(recordKeyword, "record " + typeName.text + " has no fields");
        }
        inRecordBody = false;
        return builder.build();
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

    private void parseType(DelphiRecord.Builder builder, List<Token> names) {
        Token token = advance();
        String word = key(token.text);
        if (token.is("^")) {
            throw error(token, POINTER);
        }
        if (token.is("(")) {
            throw error(token, "enumerated types are not supported: their size depends on {$MINENUMSIZE};"
                    + " declare the field as Byte, Word or Integer");
        }
        if (token.kind == Kind.NUMBER || token.is("-") || token.is("+") || token.kind == Kind.STRING) {
            throw error(token, "subrange types are not supported; declare the field as an integer type");
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
                addAll(builder, names, DelphiType.SHORT_STRING, (int) length, 0);
            }
            case "shortstring" -> addAll(builder, names, DelphiType.SHORT_STRING, 255, 0);
            case "packed", "array" -> parseArray(builder, names, token);
            case "record" -> throw error(token, "nested records are not supported; declare the inner record"
                    + " as a separate type and its fields in the outer record, minding the alignment");
            case "set" -> throw error(token, "set types are not supported: their size and bit layout depend on"
                    + " the element type; declare the field as an integer or array of Byte");
            case "file" -> throw error(token, "file types are not supported: a file variable holds handles of"
                    + " the writing process");
            case "procedure", "function", "reference" -> throw error(token, "procedural types are not supported: "
                    + POINTER);
            case "class", "object", "interface" -> throw error(token, "class, object and interface fields are not"
                    + " supported: they are references, that is pointers; " + POINTER);
            default -> {
                DelphiType type = SIMPLE_TYPES.get(word);
                if (type == null) {
                    String reason = UNSUPPORTED_TYPES.get(word);
                    if (reason != null) {
                        throw error(token, reason);
                    }
                    throw error(token, "unknown type '" + token.text + "' for " + describe(names)
                            + "; known types: " + KNOWN_TYPES);
                }
                addAll(builder, names, type, 1, 0);
            }
        }
    }

    private void parseArray(DelphiRecord.Builder builder, List<Token> names, Token first) {
        if (first.is("packed")) {
            Token array = advance();
            if (!array.is("array")) {
                if (array.is("record")) {
                    throw error(array, "nested records are not supported; declare the inner record as a separate"
                            + " type and its fields in the outer record");
                }
                throw error(array, "expected 'array' or 'record' after 'packed', found " + array.shown());
            }
        }
        if (peek().is("of")) {
            throw error(peek(), "dynamic arrays ('array of') are not supported: " + POINTER
                    + "; declare bounds, e.g. array[0..9] of Byte");
        }
        expect("[", "after 'array'");
        Token lowToken = peek();
        long low = integerLiteral("the array's lower bound");
        expect("..", "between the array bounds");
        long high = integerLiteral("the array's upper bound");
        if (peek().is(",")) {
            throw error(peek(), "multi-dimensional arrays are not supported; use a one-dimensional array with"
                    + " the same number of elements");
        }
        expect("]", "after the array bounds");
        if (high < low) {
            throw error(lowToken, "array[" + low + ".." + high + "] has an upper bound below its lower bound");
        }
        long count = high - low + 1;
        if (low < Integer.MIN_VALUE || high > Integer.MAX_VALUE || count > Integer.MAX_VALUE / 2) {
            throw error(lowToken, "array[" + low + ".." + high + "] is too large");
        }
        expect("of", "after the array bounds");
        Token element = advance();
        DelphiType type = switch (key(element.text)) {
            case "ansichar", "char" -> DelphiType.ANSI_CHAR_ARRAY;
            case "widechar" -> DelphiType.WIDE_CHAR_ARRAY;
            case "byte" -> DelphiType.BYTE_ARRAY;
            default -> null;
        };
        if (type == null || element.kind != Kind.IDENT) {
            throw error(element, "arrays of " + (element.kind == Kind.EOF ? "nothing" : element.text)
                    + " are not supported; only arrays of AnsiChar, Char, WideChar and Byte are");
        }
        addAll(builder, names, type, (int) count, (int) low);
    }

    private void addAll(DelphiRecord.Builder builder, List<Token> names, DelphiType type, int count, int low) {
        for (Token name : names) {
            builder.add(name.text, type, count, low);
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

    /** Applies {$A...} and {$ALIGN ...}; other directives do not affect the layout and are ignored. */
    private void applyDirective(Token token) {
        String text = token.text.strip().toUpperCase(Locale.ROOT);
        Matcher longForm = ALIGN_LONG.matcher(text);
        List<String> settings = new ArrayList<>();
        if (longForm.matches()) {
            settings.add(longForm.group(1));
        } else {
            for (String item : text.split(",")) {
                Matcher m = ALIGN_SWITCH.matcher(item.strip());
                if (m.matches()) {
                    settings.add(m.group(1));
                }
            }
        }
        for (String setting : settings) {
            if (inRecordBody) {
                throw error(token, "alignment directives inside a record are not supported; put {$" + token.text.strip()
                        + "} before the record declaration");
            }
            alignment = switch (setting) {
                case "1", "-", "OFF" -> DelphiRecord.Alignment.PACKED;
                case "2" -> DelphiRecord.Alignment.A2;
                case "4" -> DelphiRecord.Alignment.A4;
                // {$A16} only differs from {$A8} for types larger than 8 bytes, none of which is supported
                case "8", "16", "+", "ON" -> DelphiRecord.Alignment.A8;
                default -> throw error(token, "invalid alignment directive {$" + token.text.strip()
                        + "}; expected {$A1}, {$A2}, {$A4}, {$A8}, {$A16}, {$A+}, {$A-} or {$ALIGN ON|OFF|1|2|4|8|16}");
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
