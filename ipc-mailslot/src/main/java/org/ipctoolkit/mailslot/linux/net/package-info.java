/**
 * The Linux mailslot network protocol: NetBIOS datagrams (RFC 1002) carrying SMB mailslot writes
 * (MS-MAIL), byte-compatible with what Windows sends and receives on UDP port 138. Not exported.
 *
 * <ul>
 *   <li>{@link org.ipctoolkit.mailslot.linux.net.NetbiosName}: first-level encoded NetBIOS names
 *       with their suffix byte;</li>
 *   <li>{@link org.ipctoolkit.mailslot.linux.net.NetbiosDatagram}: the datagram service packet
 *       (DIRECT_UNIQUE, DIRECT_GROUP, BROADCAST);</li>
 *   <li>{@link org.ipctoolkit.mailslot.linux.net.SmbMailslotWrite}: the
 *       {@code SMB_COM_TRANSACTION} to {@code \MAILSLOT\PATH} that the datagram carries;</li>
 *   <li>{@link org.ipctoolkit.mailslot.linux.net.NetworkMailslots}: sending, and receiving through
 *       one socket and thread per port.</li>
 * </ul>
 *
 * <h2>Configuration (system properties, read at each send and when a port's receiver starts)</h2>
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code ipctoolkit.mailslot.net.port}</td><td>the UDP port sends go to (a server passes
 *       its own port to {@code receive})</td><td>138, the NetBIOS datagram service</td></tr>
 *   <tr><td>{@code ipctoolkit.mailslot.net.broadcast}</td><td>the IPv4 address broadcasts go to
 *       ({@code \\*\mailslot\...} and domains)</td><td>the broadcast address of the interface that
 *       carries the default route ({@code /proc/net/route}), else 255.255.255.255</td></tr>
 *   <tr><td>{@code ipctoolkit.mailslot.net.netbiosName}</td><td>this host's NetBIOS name, the
 *       datagrams' source name</td><td>the host name ({@code /proc/sys/kernel/hostname}) up to its
 *       first dot, upper case; 15 bytes at most are sent</td></tr>
 *   <tr><td>{@code ipctoolkit.mailslot.net.workgroup}</td><td>the primary domain or workgroup:
 *       where {@code \\*\mailslot\...} goes, and the only group name whose datagrams are
 *       received</td><td>{@code WORKGROUP}</td></tr>
 *   <tr><td>{@code ipctoolkit.mailslot.net.oemCharset}</td><td>the OEM code page of names on the
 *       wire</td><td>{@code IBM437}, that of US Windows</td></tr>
 * </table>
 *
 * <h2>Limits</h2>
 * No NetBIOS name service: machine names are resolved by the system resolver (hosts file, DNS),
 * not by NetBIOS name queries or WINS, and this host registers no NetBIOS name (a Windows sender
 * that resolves names by NetBIOS broadcast queries finds a Linux receiver only if Samba's
 * {@code nmbd}, or an {@code lmhosts} entry, answers for it). IPv4 only, as NetBIOS over TCP/IP.
 * The protocol has no authentication: any host of the network can write to a server that
 * receives from it.
 */
package org.ipctoolkit.mailslot.linux.net;
