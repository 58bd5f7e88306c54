package org.ipctoolkit.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.examples.DemoCommand.Role;
import org.ipctoolkit.mailslot.MailslotClient;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotReader;
import org.ipctoolkit.mailslot.MailslotServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc demo mailslot}: the source documents' mailslot, as real processes. This process is the
 * server ({@code TMailSlotServer}: {@code CreateMailslot} and a reader thread firing
 * {@code OnMessage}); three client processes ({@code TMailSlotClient}) each send {@value #NOTES}
 * notes, the Delphi record {@link #TMAILNOTE}: clients 1 and 2 to {@code \\.\mailslot\NAME} on this
 * machine, client 3 as a broadcast to {@code \\*\mailslot\NAME}, every machine of the primary domain,
 * which this machine's server receives too. The server prints who sent what, then closes, and the
 * demo checks that the mailslot is gone.
 *
 * <p>On Linux a broadcast travels as a NetBIOS datagram on UDP, so the server receives from the
 * network on {@code --network-port} (an unprivileged port instead of 138) and client 3 sends to it.
 */
@Command(name = "mailslot", mixinStandardHelpOptions = true,
        description = {"The mailslot demo: a server and three client processes; two write to \\\\.\\mailslot\\NAME,"
                + " one broadcasts to \\\\*\\mailslot\\NAME; the server prints who sent what.",
                "The mailslot is checked to be free before and gone after."})
final class MailslotDemo implements Callable<Integer> {
    /** A note, as a Delphi declaration: short strings keep it under the 424 bytes of a broadcast. */
    static final String TMAILNOTE = "TMailNote = record\n  sender: string[31];\n  pid: Integer;\n  seq: Integer;\n"
            + "  text: string[127];\nend;";
    /** How many client processes. */
    static final int CLIENTS = 3;
    /** How many notes each client sends. */
    static final int NOTES = 3;
    /** The longest the server waits for all notes. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Linux: the system property that names the UDP port of network sends (see ipc-mailslot's linux.net). */
    static final String PORT_PROPERTY = "ipctoolkit.mailslot.net.port";

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "DemoMailSlot",
            description = "The mailslot's path (default: ${DEFAULT-VALUE}); it must be free. \\uXXXX escapes are decoded.")
    String nameArgument;

    @Option(names = "--network-port", paramLabel = "UDP_PORT", defaultValue = "13800",
            description = "Linux: the UDP port the broadcast travels on (default: ${DEFAULT-VALUE}; Windows uses 138).")
    int networkPort;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String path = CliText.decodeEscapes(nameArgument);
        MailslotName name = MailslotName.of(MailslotName.LOCAL, path);
        DelphiRecord note = DelphiRecord.parse(TMAILNOTE);
        MailslotServer.Options options = Platform.current().isWindows() ? MailslotServer.Options.DEFAULT
                : MailslotServer.Options.receiveFromNetwork(networkPort);
        CountDownLatch all = new CountDownLatch(CLIENTS * NOTES);
        List<Role> clients = new ArrayList<>();
        try (MailslotServer server = MailslotServer.create(name.win32Name(), note.size(), MailslotServer.WAIT_FOREVER, options)) {
            LOG.info("CreateMailslot {}: the server, maximum message {} bytes (one {}){}", CliText.quote(name.win32Name()),
                    note.size(), TMAILNOTE.replace("\n", " "), options.networkPort().isPresent()
                            ? "; receiving broadcasts on UDP port " + networkPort : "");
            try (MailslotReader reader = server.listen(message -> {
                ByteBuffer b = ByteBuffer.wrap(message);
                if (message.length != note.size()) {
                    LOG.warn("OnMessage: {} bytes, not a TMailNote ({} bytes); ignored", message.length, note.size());
                    return;
                }
                LOG.info("OnMessage: from {} (pid {}), note {}: {}", note.getString(b, "sender"), note.getInt(b, "pid"),
                        note.getInt(b, "seq"), CliText.quote(note.getString(b, "text")));
                all.countDown();
            })) {
                for (int i = 1; i <= CLIENTS; i++) {
                    // A word, not "*": the Windows java launcher would expand a bare * into file names.
                    String target = i == CLIENTS ? "broadcast" : "local";
                    clients.add(Role.start("client " + i, "mailslot", "client", CliText.escapeNonAscii(path),
                            Integer.toString(i), target, Integer.toString(networkPort)));
                }
                String failed = Role.relayAllToEnd(clients);
                if (failed != null) {
                    LOG.error("{} failed", failed);
                    return IpcCommand.FAILED;
                }
                if (!all.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("the server received {} of the {} notes in {}", CLIENTS * NOTES - all.getCount(),
                            CLIENTS * NOTES, Holding.describe(TIMEOUT));
                    return IpcCommand.FAILED;
                }
            }
            LOG.info("All {} notes received, {} of them by broadcast; closing the server", CLIENTS * NOTES, NOTES);
        } finally {
            for (Role client : clients) {
                client.close();
            }
        }
        try (MailslotClient late = MailslotClient.open(name.win32Name())) {
            LOG.error("{} still has a server after the demo closed it", CliText.quote(name.win32Name()));
            return IpcCommand.FAILED;
        } catch (IpcNotFoundException gone) {
            LOG.info("CloseHandle: the mailslot is gone (a client's CreateFile now fails: not found). Demo finished.");
        }
        return 0;
    }

    /**
     * One client, started by {@link #call()}: sends its notes to the mailslot and exits.
     *
     * @param pathArgument the mailslot's path, with <code>&#92;uXXXX</code> escapes
     * @param index        this client's number
     * @param target       {@code local} ({@code .}) or {@code broadcast} ({@code *})
     * @param port         Linux: the UDP port of a broadcast
     * @return the exit code
     */
    @Command(name = "client", hidden = true)
    int client(@Parameters(index = "0") String pathArgument, @Parameters(index = "1") int index,
               @Parameters(index = "2") String target, @Parameters(index = "3") int port) {
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        DelphiRecord note = DelphiRecord.parse(TMAILNOTE);
        String me = "client " + index;
        long pid = ProcessHandle.current().pid();
        String where = target.equals("broadcast") ? MailslotName.PRIMARY_DOMAIN : MailslotName.LOCAL;
        try (MailslotClient client = MailslotClient.open(where, CliText.decodeEscapes(pathArgument))) {
            LOG.info("CreateFile {}: {}", CliText.quote(client.name().win32Name()),
                    client.name().isLocal() ? "the server on this machine" : "a broadcast to every machine of the primary domain");
            for (int k = 1; k <= NOTES; k++) {
                ByteBuffer b = ByteBuffer.allocate(note.size());
                note.putString(b, "sender", me);
                note.putInt(b, "pid", (int) pid);
                note.putInt(b, "seq", k);
                note.putString(b, "text", "hello from " + me + ", note " + k + " of " + NOTES);
                client.send(note, b);
                LOG.info("WriteFile: note {} ({} bytes)", k, note.size());
            }
        }
        return 0;
    }
}
