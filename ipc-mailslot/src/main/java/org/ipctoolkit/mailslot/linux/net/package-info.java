/**
 * The Linux mailslot network protocol: NetBIOS datagrams (RFC 1002) carrying SMB mailslot writes
 * (MS-MAIL). Not exported.
 */
package org.ipctoolkit.mailslot.linux.net;
