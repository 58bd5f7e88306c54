package org.ipctoolkit.mailslot.linux.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the network protocol, read from system properties at each use (the names and
 * defaults are listed in the package description).
 */
public final class NetworkSettings {
    /** System property: the UDP port of the NetBIOS datagram service, where sends go. */
    public static final String PORT_PROPERTY = "ipctoolkit.mailslot.net.port";
    /** System property: the IPv4 address broadcasts go to. */
    public static final String BROADCAST_PROPERTY = "ipctoolkit.mailslot.net.broadcast";
    /** System property: this host's NetBIOS name. */
    public static final String NETBIOS_NAME_PROPERTY = "ipctoolkit.mailslot.net.netbiosName";
    /** System property: the primary domain or workgroup, the one {@code *} means. */
    public static final String WORKGROUP_PROPERTY = "ipctoolkit.mailslot.net.workgroup";
    /** System property: the OEM code page of NetBIOS names and mailslot names on the wire. */
    public static final String OEM_CHARSET_PROPERTY = "ipctoolkit.mailslot.net.oemCharset";

    /** The NetBIOS datagram service's port (RFC 1002). */
    public static final int DEFAULT_PORT = 138;
    /** The workgroup when none is configured, as on a fresh Windows installation. */
    public static final String DEFAULT_WORKGROUP = "WORKGROUP";
    /** The OEM code page when none is configured: that of US Windows. */
    public static final String DEFAULT_OEM_CHARSET = "IBM437";

    private static final Inet4Address LIMITED_BROADCAST = ipv4("255.255.255.255");
    private static final Inet4Address ANY = ipv4("0.0.0.0");

    private NetworkSettings() {
    }

    /**
     * @return the value of {@value #PORT_PROPERTY}, else {@value #DEFAULT_PORT}
     * @throws IllegalArgumentException if the property is not a port number
     */
    public static int port() {
        String value = System.getProperty(PORT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PORT_PROPERTY + " is \"" + value + "\", not a UDP port 1..65535");
    }

    /**
     * @return the value of {@value #OEM_CHARSET_PROPERTY}, else {@value #DEFAULT_OEM_CHARSET}
     *         (ISO-8859-1 if this JDK lacks it)
     */
    public static Charset oemCharset() {
        String name = System.getProperty(OEM_CHARSET_PROPERTY, DEFAULT_OEM_CHARSET);
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            if (System.getProperty(OEM_CHARSET_PROPERTY) != null) {
                throw new IllegalArgumentException(OEM_CHARSET_PROPERTY + " is \"" + name + "\", not a charset", e);
            }
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * @return the value of {@value #NETBIOS_NAME_PROPERTY}, else this host's name up to its first
     *         dot ({@code /proc/sys/kernel/hostname}, the UTS namespace's), upper case; at most 15
     *         bytes are used on the wire
     */
    public static String netbiosName() {
        String value = System.getProperty(NETBIOS_NAME_PROPERTY);
        if (value != null && !value.isBlank()) {
            return value.trim().toUpperCase(Locale.ROOT);
        }
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            host = "";
        }
        if (host.isEmpty()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "LOCALHOST";
            }
        }
        return firstLabel(host);
    }

    /** @return the value of {@value #WORKGROUP_PROPERTY}, else {@value #DEFAULT_WORKGROUP}, upper case */
    public static String workgroup() {
        String value = System.getProperty(WORKGROUP_PROPERTY);
        return (value == null || value.isBlank() ? DEFAULT_WORKGROUP : value.trim()).toUpperCase(Locale.ROOT);
    }

    /**
     * Where a broadcast goes, and the source address its header names.
     *
     * @param broadcast the destination: {@value #BROADCAST_PROPERTY}, else the broadcast address of
     *                  the interface that carries the default route, else 255.255.255.255
     * @param source    the IPv4 address of that interface (0.0.0.0 when none is known)
     */
    public record BroadcastRoute(Inet4Address broadcast, Inet4Address source) {
    }

    /**
     * @return where broadcasts go now
     * @throws IllegalArgumentException if {@value #BROADCAST_PROPERTY} is not an IPv4 address
     */
    public static BroadcastRoute broadcastRoute() {
        String configured = System.getProperty(BROADCAST_PROPERTY);
        InterfaceAddress route = defaultRouteAddress();
        Inet4Address source = route == null ? ANY : (Inet4Address) route.getAddress();
        if (configured != null && !configured.isBlank()) {
            return new BroadcastRoute(parseIpv4(configured.trim()), source);
        }
        if (route != null && route.getBroadcast() instanceof Inet4Address b) {
            return new BroadcastRoute(b, source);
        }
        return new BroadcastRoute(LIMITED_BROADCAST, source);
    }

    /** The first IPv4 address of the interface of the default route in /proc/net/route, or null. */
    private static InterfaceAddress defaultRouteAddress() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/route"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT, hex in host order
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                long metric = Long.parseLong(f[6]);
                if ((flags & 1) != 0 && metric < bestMetric) { // RTF_UP
                    best = f[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        if (best == null) {
            return null;
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(best);
            if (nif == null) {
                return null;
            }
            for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address) {
                    return a;
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    static String firstLabel(String host) {
        int dot = host.indexOf('.');
        String label = dot > 0 ? host.substring(0, dot) : host;
        return label.toUpperCase(Locale.ROOT);
    }

    private static Inet4Address parseIpv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(BROADCAST_PROPERTY + " is \"" + text + "\", not an IPv4 address");
        }
        return ipv4(text);
    }

    private static Inet4Address ipv4(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalArgumentException("\"" + literal + "\" is not an IPv4 address", e);
        }
    }
}
