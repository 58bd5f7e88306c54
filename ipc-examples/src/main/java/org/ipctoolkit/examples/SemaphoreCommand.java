package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import org.ipctoolkit.sync.NamedSemaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc semaphore}: named semaphores by hand ({@code CreateSemaphoreW}, {@code OpenSemaphoreW},
 * {@code ReleaseSemaphore}, {@code WaitForSingleObject}). {@code create} holds the semaphore open,
 * since it lives only while a holder has it; {@code release} and {@code acquire} open an existing one.
 * A semaphore has no owner: a count taken by {@code acquire} stays taken after the command ends.
 */
@Command(name = "semaphore", mixinStandardHelpOptions = true,
        description = "Named semaphores: CreateSemaphore/ReleaseSemaphore/WaitForSingleObject on Windows,"
                + " a futex word on Linux.")
final class SemaphoreCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a semaphore and hold it open (it lives only while a holder has it open).")
    int create(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument,
               @Option(names = "--initial", paramLabel = "N", required = true, description = "Its count now.") int initial,
               @Option(names = "--maximum", paramLabel = "M", required = true, description = "Its largest count.") int maximum,
               @Option(names = "--hold", paramLabel = "DURATION", converter = DurationConverter.class,
                       description = "How long to hold it (500ms, 30s, 5m, 1h); default: until interrupted.")
               Duration hold) throws InterruptedException {
        String name = SyncCommands.name("semaphore", nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (NamedSemaphore semaphore = NamedSemaphore.create(name, initial, maximum)) {
            out.printf("Created semaphore %s (count %d, maximum %d)%n", CliText.quote(name), initial, maximum);
            String lives = "it lives only while a holder has it open.";
            Holding.hold(out, "it", hold, lives, lives);
        }
        out.printf("Closed semaphore %s%n", CliText.quote(name));
        return 0;
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Open a semaphore and add to its count (ReleaseSemaphore).")
    int release(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument,
                @Option(names = "--count", paramLabel = "N", defaultValue = "1",
                        description = "How many units (default: ${DEFAULT-VALUE}).") int count) {
        String name = SyncCommands.name("semaphore", nameArgument);
        try (NamedSemaphore semaphore = NamedSemaphore.open(name)) {
            int before = semaphore.release(count);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Released semaphore %s by %d: its count was %d, now %d%n", CliText.quote(name), count,
                    before, before + count);
            out.flush();
        }
        return 0;
    }

    @Command(name = "acquire", mixinStandardHelpOptions = true,
            description = {"Open a semaphore and take one unit of its count (WaitForSingleObject).",
                    "Exit code 1 if --timeout passes first. The unit stays taken: 'ipc semaphore release' gives it back."})
    int acquire(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument,
                @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                        description = "How long to wait (500ms, 30s, ...); default: as long as it takes.")
                Duration timeout) {
        String name = SyncCommands.name("semaphore", nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (NamedSemaphore semaphore = NamedSemaphore.open(name)) {
            if (timeout == null) {
                semaphore.acquire();
            } else if (!semaphore.tryAcquire(timeout)) {
                throw new IllegalStateException("semaphore " + CliText.quote(name) + " stayed at count 0 for "
                        + Holding.describe(timeout));
            }
            out.printf("Acquired one unit of semaphore %s%n", CliText.quote(name));
            out.flush();
        }
        return 0;
    }
}
