package org.ipctoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import org.ipctoolkit.sync.NamedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc event}: named events by hand ({@code CreateEventW}, {@code OpenEventW}, {@code SetEvent},
 * {@code ResetEvent}, {@code PulseEvent}, {@code WaitForSingleObject}). {@code wait} creates the
 * event if needed; {@code set}, {@code reset} and {@code pulse} open an existing one, since an event
 * they created would go away with them.
 */
@Command(name = "event", mixinStandardHelpOptions = true,
        description = "Named events: CreateEvent/SetEvent/ResetEvent/PulseEvent/WaitForSingleObject on Windows,"
                + " futex words on Linux.")
final class EventCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = {"Create (or open) an event and wait until it is set.",
                    "Exit code 0 when it is signaled, 1 if --timeout passes first."})
    int await(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument,
              @Option(names = "--manual", description = "If the event is created: manual-reset (stays set until"
                      + " reset) instead of auto-reset (one waiter takes each set).") boolean manual,
              @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "How long to wait (500ms, 30s, ...); default: as long as it takes.")
              Duration timeout) {
        String name = SyncCommands.name("event", nameArgument);
        PrintWriter out = spec.commandLine().getOut();
        try (NamedEvent event = NamedEvent.createOrOpen(name, manual, false)) {
            out.printf("%s event %s; waiting for it%s%n", event.created() ? (manual ? "Created manual-reset" : "Created auto-reset")
                    : "Opened", CliText.quote(name), timeout == null ? "" : " for up to " + Holding.describe(timeout));
            out.flush();
            if (timeout == null) {
                event.await();
            } else if (!event.await(timeout)) {
                throw new IllegalStateException("event " + CliText.quote(name) + " was not set within "
                        + Holding.describe(timeout));
            }
            out.printf("Event %s is signaled%n", CliText.quote(name));
        }
        return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Open an event and set it (SetEvent): an auto-reset event releases one waiter, a manual-reset one all.")
    int set(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument) {
        return change(nameArgument, "set", NamedEvent::set);
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Open an event and reset it (ResetEvent).")
    int reset(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument) {
        return change(nameArgument, "reset", NamedEvent::reset);
    }

    @Command(name = "pulse", mixinStandardHelpOptions = true,
            description = "Open an event and pulse it (PulseEvent): release the waiters of this moment, then reset.")
    int pulse(@Parameters(paramLabel = "NAME", description = MutexCommand.NAME_HELP) String nameArgument) {
        return change(nameArgument, "pulsed", NamedEvent::pulse);
    }

    private int change(String nameArgument, String done, java.util.function.Consumer<NamedEvent> action) {
        String name = SyncCommands.name("event", nameArgument);
        try (NamedEvent event = NamedEvent.open(name)) {
            action.accept(event);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Event %s %s%n", CliText.quote(name), done);
            out.flush();
        }
        return 0;
    }
}
