package org.ipctoolkit.mailslot.linux.net;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipctoolkit.testkit.ChildProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts on one wire: two network namespaces joined by a veth pair (made here, removed after,
 * names unique per run), a Java process in each. Host A sends a message to {@code \\HOSTB\mailslot\Net\Test}
 * (resolved through the system resolver: a hosts file of A's namespace) and a broadcast to
 * {@code \\*\mailslot\Net\Test}, each through a {@code MailslotClient}; host B's {@code MailslotServer},
 * receiving from the network on UDP port 138, delivers both to its reader thread. Wireshark's
 * {@code tshark} captures the wire on B's side and must dissect both datagrams as mailslot writes
 * with the right name and data; the dissection is printed.
 *
 * <p>Linux only: it needs {@code ip netns} and root (it creates namespaces and interfaces). Not
 * being root fails the test with the reason, unless the system property
 * {@value #SKIP_PROPERTY}{@code =true} asks to skip it. It also needs {@code tshark}
 * ({@code scripts/setup-linux} installs it).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class NetnsMailslotTest {
    /** System property: set to {@code true} to skip this test where it cannot run (not root). */
    static final String SKIP_PROPERTY = "ipctoolkit.test.skipNetworkNamespaces";
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void unicastAndBroadcastCrossTheWireAndDissectAsMailslotWrites() throws Exception {
        if (!isRoot()) {
            String why = "the network namespace test needs root (it runs `ip netns add` and `ip link add`);"
                    + " run the tests as root, or set -D" + SKIP_PROPERTY + "=true to skip it";
            if (Boolean.getBoolean(SKIP_PROPERTY)) {
                Assumptions.abort("skipped by " + SKIP_PROPERTY + ": " + why);
            }
            fail(why);
        }
        if (run(List.of("sh", "-c", "command -v tshark"), false).code != 0) {
            fail("tshark (Debian package tshark) is missing: run scripts/setup-linux");
        }
        String id = Long.toHexString(ProcessHandle.current().pid()) + "x" + RUN.incrementAndGet();
        String nsA = "ipcms-a-" + id;
        String nsB = "ipcms-b-" + id;
        String tag = id.length() > 10 ? id.substring(id.length() - 10) : id;
        String vethA = "ma" + tag;
        String vethB = "mb" + tag;
        Path etcA = Path.of("/etc/netns", nsA);
        Path capture = dir.resolve("wire.pcapng");
        List<ChildProcess> children = new ArrayList<>();
        try {
            run(List.of("ip", "netns", "add", nsA), true);
            run(List.of("ip", "netns", "add", nsB), true);
            run(List.of("ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB), true);
            run(List.of("ip", "-n", nsA, "addr", "add", "10.77.0.1/24", "brd", "+", "dev", vethA), true);
            run(List.of("ip", "-n", nsB, "addr", "add", "10.77.0.2/24", "brd", "+", "dev", vethB), true);
            for (String[] ns : new String[][] {{nsA, vethA}, {nsB, vethB}}) {
                run(List.of("ip", "-n", ns[0], "link", "set", "lo", "up"), true);
                run(List.of("ip", "-n", ns[0], "link", "set", ns[1], "up"), true);
            }
            run(List.of("ip", "-n", nsA, "route", "add", "default", "via", "10.77.0.2"), true);
            run(List.of("ip", "-n", nsB, "route", "add", "default", "via", "10.77.0.1"), true);
            Files.createDirectories(etcA); // `ip netns exec` mounts it over /etc: A's resolver knows HOSTB
            Files.writeString(etcA.resolve("hosts"), "127.0.0.1 localhost\n10.77.0.2 hostb\n");

            ChildProcess tshark = ChildProcess.start("tshark", List.of("ip", "netns", "exec", nsB,
                    "tshark", "-i", vethB, "-w", capture.toString(), "-f", "udp port 138", "-c", "2"));
            children.add(tshark);
            tshark.awaitLine("Capturing on");

            ChildProcess receiver = startJava(nsB, "HOSTB", "receive", "138", "Net\\Test");
            children.add(receiver);
            receiver.awaitLine("READY");

            byte[] unicast = "unicast to HOSTB, from A".getBytes(StandardCharsets.UTF_16LE);
            byte[] broadcast = "broadcast to *".getBytes(StandardCharsets.US_ASCII);
            String unicastHex = HexFormat.of().formatHex(unicast);
            String broadcastHex = HexFormat.of().formatHex(broadcast);
            ChildProcess sender = startJava(nsA, "HOSTA", "send", "\\\\hostb\\mailslot\\Net\\Test", unicastHex,
                    "\\\\*\\mailslot\\Net\\Test", broadcastHex);
            children.add(sender);
            sender.assertSucceeds();

            assertEquals("GOT " + unicastHex, receiver.awaitLine("GOT "));
            assertEquals("GOT " + broadcastHex, receiver.awaitLine("GOT "));
            receiver.send("quit");
            assertEquals("CLOSED malformed=0", receiver.awaitLine("CLOSED"));
            receiver.assertSucceeds();
            tshark.assertSucceeds(); // it stops by itself after the two datagrams (-c 2)

            Result fields = run(List.of("tshark", "-r", capture.toString(), "-Y", "mailslot", "-T", "fields",
                    "-e", "ip.src", "-e", "ip.dst", "-e", "nbdgm.type", "-e", "nbdgm.source_name", "-e", "nbdgm.destination_name",
                    "-e", "smb.trans_name", "-e", "mailslot.opcode", "-e", "mailslot.class", "-e", "data.data"), true);
            Result verbose = run(List.of("tshark", "-r", capture.toString(), "-V", "-Y", "mailslot"), true);
            System.out.println("tshark -T fields (ip.src ip.dst nbdgm.type nbdgm.source_name nbdgm.destination_name"
                    + " smb.trans_name mailslot.opcode mailslot.class data.data):\n" + fields.output);
            System.out.println("tshark -V:\n" + verbose.output);

            List<String> lines = fields.output.lines().filter(l -> !l.isBlank() && !l.startsWith("Running as"))
                    .toList();
            assertEquals(2, lines.size(), "two mailslot datagrams on the wire:\n" + fields.output);
            String[] u = lines.get(0).split("\t", -1);
            String[] b = lines.get(1).split("\t", -1);
            assertEquals(List.of("10.77.0.1", "10.77.0.2", "16", "HOSTA<00>", "HOSTB<00>", "\\MAILSLOT\\Net\\Test", "1", "2",
                    unicastHex), List.of(u), "the unicast datagram");
            assertEquals(List.of("10.77.0.1", "10.77.0.255", "17", "HOSTA<00>", "WORKGROUP<00>", "\\MAILSLOT\\Net\\Test", "1",
                    "2", broadcastHex), List.of(b), "the broadcast datagram");
            assertTrue(verbose.output.contains("SMB MailSlot Protocol"), verbose.output);
            assertTrue(verbose.output.contains("Mailslot Name: \\MAILSLOT\\Net\\Test"), verbose.output);
            assertFalse(verbose.output.contains("Malformed"), verbose.output);
        } finally {
            for (ChildProcess c : children) {
                c.close();
            }
            run(List.of("ip", "netns", "del", nsA), false);
            run(List.of("ip", "netns", "del", nsB), false);
            Files.deleteIfExists(etcA.resolve("hosts"));
            Files.deleteIfExists(etcA);
            try {
                Files.deleteIfExists(etcA.getParent()); // /etc/netns, when no other namespace has files there
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // another namespace's configuration: leave it
            }
        }
        assertFalse(run(List.of("ip", "netns", "list"), true).output.contains(id), "namespaces removed");
    }

    private static ChildProcess startJava(String ns, String netbiosName, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(ChildProcess.javaCommand());
        command.add("-D" + NetworkSettings.NETBIOS_NAME_PROPERTY + "=" + netbiosName);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NetnsPeer.class.getName());
        command.addAll(List.of(args));
        return ChildProcess.start(netbiosName, command);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return run(List.of("id", "-u"), true).output.trim().equals("0");
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + COMMAND_TIMEOUT);
        }
        if (mustSucceed && p.exitValue() != 0) {
            throw new AssertionError(command + " failed with exit code " + p.exitValue() + ":\n" + out);
        }
        return new Result(p.exitValue(), out);
    }
}
