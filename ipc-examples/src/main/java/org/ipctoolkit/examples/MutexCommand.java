package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import org.ipctoolkit.sync.AbandonedMutexException;
import org.ipctoolkit.sync.NamedMutex;
import org.ipctoolkit.sync.WaitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc mutex}: named mutexes by hand ({@code CreateMutexW}, {@code WaitForSingleObject},
 * {@code ReleaseMutex}). Names are checked before anything is created; a timeout is a failure
 * (exit code {@value IpcCommand#FAILED}, one {@code ipc:} line).
 */
@Command(name = "mutex", mixinStandardHelpOptions = true,
        description = "Named mutexes: CreateMutex/WaitForSingleObject/ReleaseMutex on Windows, a robust futex word on Linux.")
final class MutexCommand {
    static final String NAME_HELP = "The object's name (\\uXXXX escapes are decoded).";

    @Spec
    CommandSpec spec;

    @Command(name = "hold", mixinStandardHelpOptions = true,
            description = "Create (or open) a mutex, acquire it, hold it, then release it.")
    int hold(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
             @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                     description = "How long to hold it (500ms, 30s, 5m, 1h); default: until interrupted.")
             Duration hold) throws InterruptedException {
        String name = SyncCommands.name("mutex", nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (NamedMutex mutex = NamedMutex.createOrOpen(name, false)) {
            out.printf("%s mutex %s; waiting for it%n", mutex.created() ? "Created" : "Opened", CliText.quote(name));
            out.flush();
            try {
                mutex.acquire();
                out.printf("Acquired mutex %s%n", CliText.quote(name));
            } catch (AbandonedMutexException e) {
                out.printf("Acquired mutex %s, abandoned by its previous owner (it ended without releasing it)%n",
                        CliText.quote(name));
            }
            Holding.hold(out, "it", hold, "others then get it abandoned.", null);
            mutex.release();
            out.printf("Released mutex %s%n", CliText.quote(name));
        }
        return 0;
    }

    @Command(name = "try", mixinStandardHelpOptions = true,
            description = {"Create (or open) a mutex and try to acquire it: at once, or within --timeout.",
                    "Exit code 0 if it was acquired (it is released at once), 1 if another thread holds it."})
    int tryAcquire(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
                   @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                           description = "How long to wait (500ms, 30s, ...); default: do not wait.")
                   Duration timeout) {
        String name = SyncCommands.name("mutex", nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (NamedMutex mutex = NamedMutex.createOrOpen(name, false)) {
            WaitResult r = mutex.tryAcquire(timeout == null ? Duration.ZERO : timeout);
            if (r.isTimeout()) {
                throw new IllegalStateException("mutex " + CliText.quote(name) + " is held by another thread or process"
                        + (timeout == null ? "" : "; still held after " + Holding.describe(timeout)));
            }
            out.printf("Acquired mutex %s%s; released it%n", CliText.quote(name),
                    r.isAbandoned() ? ", abandoned by its previous owner (it ended without releasing it)" : "");
            mutex.release();
        }
        return 0;
    }
}
