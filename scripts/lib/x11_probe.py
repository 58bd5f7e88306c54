"""Exits 0 when the X server of display number N accepts a connection, as a client would see it.

usage: x11_probe.py N

Connects to the server's socket (/tmp/.X11-unix/XN) and sends the X11 connection set-up request with
no authorisation; the server's first reply byte is 1 (Success) when it accepts clients, 0 (Failed) or
2 (Authenticate) when it refuses them. Needs nothing but Python (no xdpyinfo, no Xlib).
"""
import socket
import struct
import sys

path = "/tmp/.X11-unix/X%d" % int(sys.argv[1])
try:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(path)
        # byte order 'l' (little-endian), pad, protocol 11.0, no authorisation name or data, pad
        s.sendall(struct.pack("<cxHHHHxx", b"l", 11, 0, 0, 0))
        reply = s.recv(1)
except OSError as e:
    print("x11_probe: %s: %s" % (path, e), file=sys.stderr)
    sys.exit(1)
if reply != b"\x01":
    print("x11_probe: %s refused the connection (reply %r)" % (path, reply), file=sys.stderr)
    sys.exit(1)
