"""A Python peer that holds a shared memory object made by Java, as a real user program would.

  python3 python_holding_peer.py INTEROP_PYTHON_DIR hold NAME LENGTH
      attach NAME, print "READY <hex of its first LENGTH bytes>", then obey lines on stdin:
      "read OFFSET LENGTH" (answers "DATA <hex>"), "write OFFSET HEX" (answers "WROTE"),
      "exit" (lets go of the object and ends). It holds the object as
      interop/python/ipctoolkit_shm.py tells Python programs to.
"""
import sys

sys.path.insert(0, sys.argv[1])
import ipctoolkit_shm  # noqa: E402  (interop/python)


def main():
    command, name, length = sys.argv[2], sys.argv[3], int(sys.argv[4])
    if command != "hold":
        raise SystemExit("unknown command " + command)
    shm = ipctoolkit_shm.attach(name)
    print("READY " + bytes(shm.buf[:length]).hex(), flush=True)
    for line in sys.stdin:
        words = line.split()
        if words[0] == "read":
            offset, count = int(words[1]), int(words[2])
            print("DATA " + bytes(shm.buf[offset:offset + count]).hex(), flush=True)
        elif words[0] == "write":
            offset, data = int(words[1]), bytes.fromhex(words[2])
            shm.buf[offset:offset + len(data)] = data
            print("WROTE", flush=True)
        elif words[0] == "exit":
            break
    ipctoolkit_shm.detach(shm)


if __name__ == "__main__":
    main()
