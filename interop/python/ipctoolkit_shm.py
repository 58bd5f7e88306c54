"""Hold an ipc-toolkit shared memory object from Python on Linux, as a holder Java counts.

ipc-toolkit gives named shared memory the lifetime it has on Windows: the object lives while any
process holds it and its name goes with the last holder. On Linux a holder is a process that keeps a
*shared flock* on a descriptor of the object's file, /dev/shm/NAME; the last holder to close takes the
lock exclusively and removes the name. A Python program that only maps the object with
multiprocessing.shared_memory holds no lock, so it does not count: when the last Java holder closes,
the name is removed under the live Python process, and the next Java createOrOpen makes a new,
different object. The one line that makes a Python process a holder is:

    fcntl.flock(shm._fd, fcntl.LOCK_SH)     # shm = multiprocessing.shared_memory.SharedMemory(name)

This module does that and the rest of the protocol (Python 3.8 or later, standard library only):

    import ipctoolkit_shm
    shm = ipctoolkit_shm.attach("ShareMem")     # a multiprocessing.shared_memory.SharedMemory
    shm.buf[32] = 26
    ipctoolkit_shm.detach(shm)                  # the last holder removes the name, as Java does

attach() refuses a name that is not a regular file, removes a stale object of ipc-toolkit's (one
whose last holder died) as Java does and reports it as missing, waits at most `timeout` seconds for a
process that holds the object exclusively, and unregisters the object from multiprocessing's
resource_tracker: before Python 3.13 the tracker unlinks every object a process attached to when it
exits, which would remove the name under the Java holders. It opens objects made by ipc-toolkit and
by other programs alike; only ipc-toolkit's (mode -rw------T, the sticky bit) are ever removed.
"""
import errno
import fcntl
import os
import stat
import time
from multiprocessing import resource_tracker, shared_memory

SHM_DIR = "/dev/shm"
_PLAIN = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")


def posix_name(name):
    """The name of an object in /dev/shm, as ipc-toolkit maps a Win32 name (see Java's ObjectName).

    A leading Local\\ is dropped; letters, digits, '_', '-' and '.' stay; every other byte of the
    UTF-8 form is written %XX. So "ShareMem" stays "ShareMem" and "Global\\X" is "Global%5CX".
    """
    if name.startswith("Local\\"):
        name = name[len("Local\\"):]
    if name in (".", ".."):
        return "%2E" * len(name)
    return "".join(chr(b) if b in _PLAIN else "%%%02X" % b for b in name.encode("utf-8"))


def attach(name, timeout=5.0):
    """Open the shared memory object NAME (its Win32 name) and hold it with a shared flock.

    Returns a multiprocessing.shared_memory.SharedMemory; let go of it with detach(). Raises
    FileNotFoundError if no live object has the name, OSError(EINVAL) if the name is not a regular
    file, BlockingIOError if another process holds it exclusively for more than `timeout` seconds.
    """
    posix = posix_name(name)
    path = os.path.join(SHM_DIR, posix)
    for _ in range(100):
        _refuse_non_regular(path)
        shm = shared_memory.SharedMemory(name=posix, create=False)
        _untrack(shm)
        try:
            mine = os.fstat(shm._fd)
            if _is_ours(mine) and _try_lock(shm._fd, fcntl.LOCK_EX):
                # Nobody holds it: its last holder died. Remove it, as the next Java user would.
                _unlink_if_same(path, mine)
                raise FileNotFoundError(errno.ENOENT, "stale object removed", path)
            _lock_shared(shm._fd, path, timeout)
            if _same_file(path, mine):
                return shm
            # The last holder removed the name after we opened the file: start over.
        except BaseException:
            shm.close()
            raise
        shm.close()
    raise OSError(errno.EAGAIN, "the object kept disappearing while being attached", path)


def detach(shm):
    """Let go of an object attached with attach(): the last holder removes the name (if ipc-toolkit
    made the object), then the lock is released and the mapping closed. Release every memoryview of
    shm.buf first, or closing the mapping fails (the name is gone all the same)."""
    fd = shm._fd
    if fd < 0:
        return
    path = os.path.join(SHM_DIR, shm.name.lstrip("/"))
    try:
        mine = os.fstat(fd)
        if _is_ours(mine) and _try_lock(fd, fcntl.LOCK_EX):
            _unlink_if_same(path, mine)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        shm.close()


def _refuse_non_regular(path):
    # Never block: a FIFO opened read-write would not, but a mapping of it fails obscurely.
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a shared memory object (not a regular file)", path)


def _untrack(shm):
    # Before Python 3.13 an attached object is registered too, and unlinked when this process exits.
    try:
        resource_tracker.unregister(shm._name, "shared_memory")
    except Exception:
        pass


def _is_ours(st):
    return bool(st.st_mode & stat.S_ISVTX) and st.st_uid == os.geteuid()


def _try_lock(fd, operation):
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _lock_shared(fd, path, timeout):
    deadline = time.monotonic() + timeout
    pause = 0.00001
    while not _try_lock(fd, fcntl.LOCK_SH):
        if time.monotonic() >= deadline:
            raise BlockingIOError(errno.EWOULDBLOCK,
                                  "busy: another process holds it exclusively (flock LOCK_EX)", path)
        time.sleep(pause)
        pause = min(pause * 2, 0.01)


def _same_file(path, st):
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    return (named.st_dev, named.st_ino) == (st.st_dev, st.st_ino)


def _unlink_if_same(path, st):
    if _same_file(path, st):
        os.unlink(path)
