package org.ipctoolkit.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.core.IpcAccessDeniedException;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.delphi.CorruptRecordException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ipc} command-line tool: work with named IPC objects by hand, and run the demos of the
 * source documents' scenarios. {@code ipc --help} lists the commands.
 *
 * <p>Failures are reported as one line, {@code ipc: ...}, with exit code {@value #FAILED}; a bad
 * argument as {@code ipc: ...} and a hint to the failing command's help, with exit code
 * {@value #USAGE}. Every argument is checked before any object is created or opened. Names are shown
 * quoted, with anything a terminal would act on escaped ({@link CliText#quote}). {@code --verbose}
 * adds the Java stack trace to a failure; an unexpected exception (a bug) always shows it.
 */
@Command(name = "ipc", mixinStandardHelpOptions = true, version = "ipc-toolkit 0.1.0",
        description = "Work with Win32-style named IPC objects, on Windows and on Linux.",
        subcommands = {ShmCommand.class, MutexCommand.class, EventCommand.class, SemaphoreCommand.class,
                MailslotCommand.class, CopyDataCommand.class, MessageCommand.class, ClipboardCommand.class, PipeCommand.class, DemoCommand.class})
public final class IpcCommand {
    /** Exit code of a command whose operation failed. */
    static final int FAILED = 1;
    /** Exit code of a command given bad arguments (picocli's, too). */
    static final int USAGE = 2;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "On a failure, also print the Java stack trace.")
    boolean verbose;

    private IpcCommand() {
    }

    /**
     * Runs the tool. Arguments that lost characters before {@code main} saw them (a locale or an ANSI
     * code page without them) are refused first: see {@link CommandLineCheck}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        CommandLine cli = commandLine();
        String lost = CommandLineCheck.problem(args);
        if (lost != null) {
            cli.getErr().println("ipc: " + CliText.sanitize(lost));
            cli.getErr().flush();
            System.exit(USAGE);
        }
        System.exit(cli.execute(args));
    }

    /** @return the tool's command line, with failures reported as one clear line */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new IpcCommand());
        cli.setExecutionExceptionHandler(IpcCommand::failed);
        cli.setParameterExceptionHandler(IpcCommand::badArguments);
        return cli;
    }

    /** A bad argument: the message, then where to read about the failing (sub)command. */
    private static int badArguments(ParameterException e, String[] args) {
        CommandLine failing = e.getCommandLine();
        PrintWriter err = failing.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        err.println("ipc: " + CliText.sanitize(message));
        err.println("Try '" + failing.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** An exception from a command: one line if it is an expected failure, the stack trace if it is a bug. */
    private static int failed(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (!isExpected(e)) {
            err.println("ipc: internal error (please report it): " + CliText.sanitize(String.valueOf(e)));
            e.printStackTrace(err);
            err.flush();
            return FAILED;
        }
        String message = CliText.relay(message(e), names(parseResult)) + hint(e, parseResult);
        err.println("ipc: " + message);
        if (isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    /**
     * The library's refusals that an option of the tool overrides name the option: an object of another
     * user (Linux), and a removal that needs force.
     */
    private static String hint(Exception e, ParseResult parseResult) {
        if (!(e instanceof IpcException ipc) || ipc.nativeError().isPresent()) {
            return "";
        }
        if (ipc instanceof IpcAccessDeniedException && Platform.current() == Platform.LINUX
                && offers(parseResult, "--allow-other-owner")) {
            return " (the tool's option for that is --allow-other-owner)";
        }
        if ("removeName".equals(ipc.operation()) && offers(parseResult, "--force")) {
            return " (the tool's option for that is --force)";
        }
        return "";
    }

    /** @return whether {@code e} is a failure the tool expects (the system, the data, a file), not a bug */
    private static boolean isExpected(Exception e) {
        return e instanceof IpcException || e instanceof CorruptRecordException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException || e instanceof IOException
                || e instanceof UncheckedIOException;
    }

    private static String message(Exception e) {
        if (e instanceof IOException io) {
            return InputFiles.describe(io);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** @return the object names the command was given (its NAME parameter and --name), decoded */
    private static List<String> names(ParseResult parseResult) {
        List<String> names = new ArrayList<>();
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            for (ArgSpec arg : pr.matchedArgs()) {
                boolean isName = arg instanceof PositionalParamSpec p ? "NAME".equals(p.paramLabel())
                        : arg.isOption() && "--name".equals(((CommandLine.Model.OptionSpec) arg).longestName());
                if (isName && arg.getValue() instanceof String raw) {
                    names.add(raw);
                    names.add(CliText.decodeEscapes(raw));
                }
            }
        }
        return names;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the command that ran has the option and it was not given */
    private static boolean offers(ParseResult parseResult, String option) {
        ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        return last.commandSpec().findOption(option) != null && !last.hasMatchedOption(option);
    }
}
