package org.ipctoolkit.examples;

import java.io.PrintWriter;
import org.ipctoolkit.copydata.RegisteredMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipc message}: registered window messages by hand ({@code RegisterWindowMessageW}, broadcast). */
@Command(name = "message", mixinStandardHelpOptions = true,
        description = "Registered window messages: RegisterWindowMessage and PostMessage(HWND_BROADCAST).")
final class MessageCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "broadcast", mixinStandardHelpOptions = true,
            description = "Register NAME and post it to every top-level window (hidden ones included; message-only ones"
                    + " are not reached).")
    int broadcast(@Parameters(paramLabel = "NAME", description = "The message's name. \\uXXXX escapes are decoded.")
                  String nameArgument,
                  @Option(names = "--wparam", paramLabel = "N", defaultValue = "0", description = "WPARAM (default: 0).") long wParam,
                  @Option(names = "--lparam", paramLabel = "N", defaultValue = "0", description = "LPARAM (default: 0).") long lParam) {
        RegisteredMessage message = RegisteredMessage.register(CliText.decodeEscapes(nameArgument));
        message.broadcast(wParam, lParam);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Broadcast %s (id 0x%x) with wParam %d, lParam %d%n", CliText.quote(message.name()), message.id(),
                wParam, lParam);
        out.flush();
        return 0;
    }
}
