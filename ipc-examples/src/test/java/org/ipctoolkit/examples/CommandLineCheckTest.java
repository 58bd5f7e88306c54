package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the tool finds arguments that lost characters before {@code main} saw them: the rules alone, with
 * the charsets and the Windows command line given, so that they run on every platform. The real thing
 * runs in {@code CliLinuxTest} (a {@code LANG=C} child) and {@code CliWindowsCommandLineTest} (Wine).
 */
class CommandLineCheckTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Test
    void replacementCharactersFromACharsetThatCannotHoldThemMeanUndecodableBytes() {
        String[] args = {"shm", "write", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", "--hex", "00"};
        String problem = CommandLineCheck.undecodable(args, StandardCharsets.US_ASCII);
        assertNotNull(problem);
        assertTrue(problem.contains("argument 3"), problem);
        assertTrue(problem.contains("US-ASCII"), problem);
        assertTrue(problem.contains("UTF-8"), problem);
        assertTrue(problem.contains("\\u"), problem);
        assertNull(CommandLineCheck.undecodable(args, StandardCharsets.UTF_8), "U+FFFD typed under UTF-8 is a character");
        assertNull(CommandLineCheck.undecodable(new String[] {"shm", "dump", "ShareMem"}, StandardCharsets.US_ASCII));
    }

    @Test
    void charactersTheAnsiCodePageLacksAreFoundByComparingWithTheWideCommandLine() {
        String[] args = {"shm", "write", "N", "--set", "name=??", "--hold", "1s"};
        List<String> wide = List.of("C:\\java\\bin\\java.exe", "-Dfile.encoding=UTF-8", "-jar", "ipc.jar",
                "shm", "write", "N", "--set", "name=张三", "--hold", "1s");
        String problem = CommandLineCheck.lost(args, wide, CP1252);
        assertNotNull(problem);
        assertTrue(problem.contains("argument 5"), problem);
        assertTrue(problem.contains("--set"), problem);
        assertTrue(problem.contains("U+5F20") && problem.contains("U+4E09"), problem);
        assertTrue(problem.contains("windows-1252"), problem);
        assertTrue(problem.contains("name=\\u5f20\\u4e09"), "it shows the escaped form to type instead: " + problem);
        assertTrue(problem.contains("--values"), problem);
    }

    @Test
    void bestFitSubstitutesAreLossesToo() {
        String problem = CommandLineCheck.lost(new String[] {"shm", "dump", "a"},
                List.of("java", "X", "shm", "dump", "\u0101"), CP1252);
        assertNotNull(problem);
        assertTrue(problem.contains("argument 3") && problem.contains("U+0101"), problem);
    }

    @Test
    void nothingIsReportedWhenNothingWasLost() {
        String[] args = {"shm", "write", "张三", "--set", "name=é"};
        assertNull(CommandLineCheck.lost(args, List.of("java", "X", "shm", "write", "张三", "--set", "name=é"),
                Charset.forName("GBK")), "the code page has them");
        assertNull(CommandLineCheck.lost(new String[] {"shm", "write", "a\"b"},
                List.of("java", "X", "shm", "write", "a\\\"b"), CP1252),
                "a difference in quoting rules loses no character");
        assertNull(CommandLineCheck.lost(new String[] {"a", "b", "c"}, List.of("java", "X", "*"), CP1252),
                "the launcher expanded a wildcard: nothing to align, and nothing was lost");
    }

    @Test
    void whenArgumentsCannotBeAlignedAnyLostCharacterIsStillReported() {
        String problem = CommandLineCheck.lost(new String[] {"a", "b", "c", "d", "??"},
                List.of("java", "X", "*", "张三"), CP1252);
        assertNotNull(problem);
        assertTrue(problem.contains("U+5F20"), problem);
    }
}
