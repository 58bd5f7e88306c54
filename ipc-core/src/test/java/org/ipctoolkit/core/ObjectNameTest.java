package org.ipctoolkit.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name rules and the documented POSIX mapping; the same on every platform. */
class ObjectNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ShareMem|ShareMem",
        "Local\\ShareMem|ShareMem",
        "Global\\ShareMem|Global%5CShareMem",
        "a-b_c.d|a-b_c.d",
        "my name|my%20name",
        "100%|100%25",
        "a/b|a%2Fb",
        "共享|%E5%85%B1%E4%BA%AB",
        ".|%2E",
        "..|%2E%2E",
        "Local\\..|%2E%2E",
        "...|...",
    })
    void posixFormIsDocumentedAndReversible(String name, String posix) {
        ObjectName n = ObjectName.of("test object", name);
        assertEquals(name, n.win32Name());
        assertEquals(posix, n.posixName());
        String back = name.startsWith("Local\\") ? name.substring(6) : name;
        assertEquals(back, ObjectName.fromPosixName(posix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Local\\", "Global\\", "a\\b", "Global\\a\\b", "x\u0000y"})
    void invalidNamesSayWhatIsAllowed(String name) {
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> ObjectName.of("test object", name));
        assertEquals("test object", e.objectKind());
        assertTrue(e.getMessage().contains("A name has 1 to 260 characters"), e.getMessage());
        assertTrue(e.nativeError().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "\uDFFF", "a\uD83Db", "a\uDE00", "Global\\\uDBFF", "x\uDC00\uD800"})
    void unpairedSurrogatesAreRefusedSoThatNoTwoNamesShareAnObject(String name) {
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> ObjectName.of("test object", name));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertTrue(e.getMessage().contains("valid Unicode"), e.getMessage());
    }

    @Test
    void theLoneSurrogatesThatUtf8WouldTurnIntoAQuestionMarkNoLongerNameItsObject() {
        String question = ObjectName.of("test object", "?").posixName();
        assertEquals("%3F", question);
        for (String lone : new String[] {"\uD800", "\uDFFF"}) {
            assertThrows(IpcInvalidArgumentException.class, () -> ObjectName.of("test object", lone),
                    "a lone surrogate would be encoded as \"?\" and open the object named \"?\"");
        }
    }

    @Test
    void pairedSurrogatesAndTheReplacementCharacterAreOrdinaryCharacters() {
        ObjectName emoji = ObjectName.of("test object", "a\uD83D\uDE00b");
        assertEquals("a%F0%9F%98%80b", emoji.posixName());
        assertEquals("a\uD83D\uDE00b", ObjectName.fromPosixName(emoji.posixName()));
        ObjectName replacement = ObjectName.of("test object", "\uFFFD");
        assertEquals("%EF%BF%BD", replacement.posixName());
        assertEquals("\uFFFD", ObjectName.fromPosixName(replacement.posixName()));
    }

    @Test
    void lengthIsLimitedToMaxPath() {
        assertEquals(250, ObjectName.of("x", "n".repeat(250)).posixName().length());
        assertThrows(IpcInvalidArgumentException.class, () -> ObjectName.of("x", "n".repeat(261)));
        assertThrows(NullPointerException.class, () -> ObjectName.of("x", null));
    }

    @Test
    void aNameWhosePosixFormExceedsNameMaxIsRefusedOnlyOffWindows() {
        String name = "n".repeat(258);
        if (Platform.current().isWindows()) {
            assertEquals(name, ObjectName.of("x", name).win32Name());
        } else {
            IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                    () -> ObjectName.of("x", name));
            assertTrue(e.getMessage().contains("NAME_MAX"), e.getMessage());
        }
    }

    @Test
    void malformedEscapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ObjectName.fromPosixName("a%2"));
        assertThrows(IllegalArgumentException.class, () -> ObjectName.fromPosixName("a%zz"));
    }

    @Test
    void messagesNameObjectOperationAndNativeError() {
        IpcException e = new IpcNotFoundException("shared memory", "ShareMem", "OpenFileMappingW",
                new NativeError(NativeError.Source.WIN32, 2, "The system cannot find the file specified."), null);
        assertEquals("OpenFileMappingW failed for shared memory \"ShareMem\": error 2 "
                + "(The system cannot find the file specified.)", e.getMessage());
        IpcException posix = new IpcAccessDeniedException("shared memory", "ShareMem", "open",
                new NativeError(NativeError.Source.ERRNO, 13, "Permission denied"), "it belongs to another user");
        assertEquals("open failed for shared memory \"ShareMem\": errno 13 (Permission denied). "
                + "it belongs to another user", posix.getMessage());
    }

    @Test
    void internalNamesCannotBeUserNames() {
        ObjectName internal = ObjectName.internal("wait-all");
        assertEquals("%%wait-all", internal.posixName());
        assertEquals("<ipc-toolkit wait-all>", internal.win32Name());
        assertThrows(IllegalArgumentException.class, () -> ObjectName.fromPosixName(internal.posixName()),
                "no user name maps to it");
        assertEquals("%25%25wait-all", ObjectName.of("mutex", "%%wait-all").posixName());
        assertThrows(IllegalArgumentException.class, () -> ObjectName.internal("a/b"));
        assertThrows(IllegalArgumentException.class, () -> ObjectName.internal(""));
    }
}
