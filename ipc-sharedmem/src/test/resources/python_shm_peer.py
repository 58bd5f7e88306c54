"""A Python peer for the interop tests: multiprocessing.shared_memory, the standard library's
POSIX shared memory (shm_open("/NAME"), i.e. /dev/shm/NAME).

  read NAME LENGTH   open an existing object, print "DATA <hex>" of its first LENGTH bytes
  create NAME HEX    create an object holding HEX, print "READY", wait for a line on stdin,
                     print "DATA <hex>" of it again, then unlink it
"""
import sys
from multiprocessing import resource_tracker, shared_memory


def main():
    command, name = sys.argv[1], sys.argv[2]
    if command == "read":
        shm = shared_memory.SharedMemory(name=name, create=False)
        # Python < 3.13 registers opened objects too, and its tracker would unlink the Java
        # program's object when this process exits.
        resource_tracker.unregister(shm._name, "shared_memory")
        length = int(sys.argv[3])
        print("DATA " + bytes(shm.buf[:length]).hex(), flush=True)
        shm.close()
    elif command == "create":
        data = bytes.fromhex(sys.argv[3])
        shm = shared_memory.SharedMemory(name=name, create=True, size=len(data))
        shm.buf[:len(data)] = data
        print("READY", flush=True)
        sys.stdin.readline()
        print("DATA " + bytes(shm.buf[:len(data)]).hex(), flush=True)
        shm.close()
        shm.unlink()
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main()
