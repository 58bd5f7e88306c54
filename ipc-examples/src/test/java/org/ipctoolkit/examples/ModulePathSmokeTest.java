package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * The library as named modules: the tests run on the class path, where {@code module-info} is never
 * in force, so this one starts a JVM with every library module of this test's class path (each entry
 * with a {@code module-info} whose name starts with {@code org.ipctoolkit.}) and what they require
 * (JNA, jna-platform, SLF4J) on {@code --module-path}, and checks that shared memory works there and
 * is shared with this class-path JVM. On every backend.
 */
class ModulePathSmokeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void sharedMemoryWorksOnTheModulePath() throws URISyntaxException {
        Map<String, Path> modules = libraryModulePath();
        assertTrue(modules.containsKey("org.ipctoolkit.core") && modules.containsKey("org.ipctoolkit.sharedmem"),
                "library modules found on the class path: " + modules);
        Path mainClasses = Path.of(ModulePathSmokeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> command = ChildProcess.javaCommand();
        command.add("--module-path");
        command.add(modules.values().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add("--add-modules");
        command.add("ALL-MODULE-PATH");
        command.add("-cp");
        command.add(mainClasses.toString());
        command.add(ModulePathSmokeMain.class.getName());
        String name = TestNames.unique("modpath");
        command.add(name);

        try (ChildProcess child = ChildProcess.start("ModulePathSmokeMain", command)) {
            String loaded = child.awaitLine("modules ", TIMEOUT);
            for (String module : modules.keySet()) {
                assertTrue((loaded + " ").contains(" " + module + " "), module + " is not in the child's boot layer: " + loaded);
            }
            child.awaitLine("created ", TIMEOUT);
            try (SharedMemory shm = SharedMemory.open(name)) {
                assertEquals(ModulePathSmokeMain.CHILD_WORD, shm.buffer().getLong(0), "what the child wrote");
                shm.buffer().putLong(8, ModulePathSmokeMain.PARENT_WORD);
                child.send("written");
                assertEquals("read " + Long.toHexString(ModulePathSmokeMain.PARENT_WORD), child.awaitLine("read ", TIMEOUT));
                assertEquals(0, child.waitFor(TIMEOUT), child.transcript());
            }
            assertFalse(child.transcript().contains("FAILED"), child.transcript());
        }
    }

    /**
     * The module path for the library: every explicit module on this JVM's class path whose name starts
     * with {@code org.ipctoolkit.}, then, transitively, the modules they require that are on the class
     * path too (those not found there must be the JDK's own).
     *
     * @return module name to its jar or classes directory, in the order found
     */
    static Map<String, Path> libraryModulePath() {
        Map<String, ModuleReference> onClassPath = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            boolean jar = Files.isRegularFile(path) && entry.endsWith(".jar");
            if (!jar && !Files.isRegularFile(path.resolve("module-info.class"))) {
                continue; // a directory of classes that is not a module (test classes, the examples)
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                    onClassPath.putIfAbsent(ref.descriptor().name(), ref);
                }
            } catch (FindException e) {
                // not usable as a module (e.g. a jar whose name gives no valid automatic module name)
            }
        }
        Deque<String> toVisit = onClassPath.values().stream().map(ModuleReference::descriptor)
                .filter(d -> !d.isAutomatic() && d.name().startsWith("org.ipctoolkit."))
                .map(ModuleDescriptor::name).collect(Collectors.toCollection(ArrayDeque::new));
        Map<String, Path> modulePath = new LinkedHashMap<>();
        while (!toVisit.isEmpty()) {
            String name = toVisit.remove();
            ModuleReference ref = onClassPath.get(name);
            if (ref == null) {
                assertTrue(ModuleFinder.ofSystem().find(name).isPresent(),
                        "module " + name + " is required but neither on the class path nor in the JDK");
                continue;
            }
            if (modulePath.putIfAbsent(name, Path.of(ref.location().orElseThrow())) != null) {
                continue;
            }
            for (ModuleDescriptor.Requires requires : ref.descriptor().requires()) {
                if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    toVisit.add(requires.name());
                }
            }
        }
        return modulePath;
    }
}
