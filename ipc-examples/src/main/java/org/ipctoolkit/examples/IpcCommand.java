package org.ipctoolkit.examples;

import org.ipctoolkit.core.IpcException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ipc} command-line tool: work with named IPC objects by hand, and run the demos of the
 * source documents' scenarios. {@code ipc --help} lists the commands.
 */
@Command(name = "ipc", mixinStandardHelpOptions = true, version = "ipc-toolkit 0.1.0",
        description = "Work with Win32-style named IPC objects, on Windows and on Linux.",
        subcommands = {ShmCommand.class, DemoCommand.class})
public final class IpcCommand {
    /** Exit code of a command whose IPC operation failed. */
    static final int FAILED = 1;

    private IpcCommand() {
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the tool's command line, with IPC failures reported as one clear line */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new IpcCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IpcException || e instanceof IllegalArgumentException
                    || e instanceof UnsupportedOperationException) {
                commandLine.getErr().println("ipc: " + e.getMessage());
                return FAILED;
            }
            throw e;
        });
        return cli;
    }
}
