/* ipctoolkit_shm.h: hold an ipc-toolkit shared memory object from C on Linux, as a holder Java counts.
 *
 * ipc-toolkit gives named shared memory the lifetime it has on Windows: the object lives while any
 * process holds it and its name goes with the last holder. On Linux a holder is a process that keeps
 * a *shared flock* on a descriptor of the object's file, /dev/shm/NAME; the last holder to close takes
 * the lock exclusively and removes the name. A C program that only calls shm_open and mmap holds no
 * lock, so it does not count: when the last Java holder closes, the name is removed under the live C
 * process, and the next Java createOrOpen makes a new, different object. The one line that makes a C
 * process a holder, right after shm_open:
 *
 *     flock(fd, LOCK_SH);                      // #include <sys/file.h>
 *
 * (keep the descriptor open while the object is in use; closing it, or exiting, lets go). This header
 * does that and the rest of the protocol, header-only, glibc and Linux only:
 *
 *     size_t size;
 *     int fd = ipctoolkit_shm_attach("ShareMem", O_RDWR, 5000, &size);
 *     if (fd < 0) { perror("ipctoolkit_shm_attach"); ... }
 *     char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
 *     ...
 *     munmap(p, size);
 *     ipctoolkit_shm_detach(fd, "ShareMem");   // the last holder removes the name, as Java does
 *
 * flock, lstat and nanosleep need _DEFAULT_SOURCE (or _GNU_SOURCE) under a strict -std=c11, defined
 * before the first #include; gcc's default gnu11/gnu17 modes have it.
 *
 * NAME is the name in /dev/shm without a slash: a plain name (letters, digits, '_', '-', '.') is the
 * Win32 name itself; for others see Java's org.ipctoolkit.core.ObjectName (every other UTF-8 byte is
 * written %XX, a leading Local\ is dropped). Only ipc-toolkit's objects (mode -rw------T, the sticky
 * bit) are ever removed; objects other programs made are opened and left alone.
 */
#ifndef IPCTOOLKIT_SHM_H
#define IPCTOOLKIT_SHM_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IPCTOOLKIT_SHM_DIR "/dev/shm/"

static inline int ipctoolkit_shm_path_(const char *name, char *path, size_t size) {
    int n = snprintf(path, size, IPCTOOLKIT_SHM_DIR "%s", name);
    if (n < 0 || (size_t) n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

static inline int ipctoolkit_shm_is_ours_(const struct stat *st) {
    return (st->st_mode & S_ISVTX) != 0 && st->st_uid == geteuid();
}

/* 1 if path names the file st describes. */
static inline int ipctoolkit_shm_same_file_(const char *path, const struct stat *st) {
    struct stat named;
    return lstat(path, &named) == 0 && named.st_dev == st->st_dev && named.st_ino == st->st_ino;
}

/* Takes LOCK_SH, retrying with LOCK_NB and growing pauses for at most timeout_ms milliseconds. */
static inline int ipctoolkit_shm_lock_shared_(int fd, int timeout_ms) {
    struct timespec start, now, pause = {0, 10000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            return -1;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long elapsed_ms = (now.tv_sec - start.tv_sec) * 1000LL + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed_ms >= timeout_ms) {
            errno = EWOULDBLOCK; /* busy: another process holds it exclusively */
            return -1;
        }
        nanosleep(&pause, NULL);
        if (pause.tv_nsec < 10000000) {
            pause.tv_nsec *= 2;
        }
    }
}

/*
 * Opens /dev/shm/NAME (oflag O_RDWR or O_RDONLY) and holds it with a shared flock. Never blocks in
 * open; waits at most timeout_ms for a process that holds the object exclusively. Returns the
 * descriptor, and the object's size in *size if size is not NULL; or -1 with errno: ENOENT (no live
 * object; a stale ipc-toolkit object, whose last holder died, is removed and reported so), EINVAL
 * (not a regular file), ELOOP (a symbolic link), EWOULDBLOCK (busy), or what open/fstat set.
 */
static inline int ipctoolkit_shm_attach(const char *name, int oflag, int timeout_ms, size_t *size) {
    char path[4096];
    if (ipctoolkit_shm_path_(name, path, sizeof path) != 0) {
        return -1;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(path, oflag | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            return -1;
        }
        struct stat st;
        if (fstat(fd, &st) != 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (!S_ISREG(st.st_mode)) {
            close(fd);
            errno = EINVAL;
            return -1;
        }
        if (ipctoolkit_shm_is_ours_(&st) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
            /* Nobody holds it: its last holder died. Remove it, as the next Java user would. */
            if (ipctoolkit_shm_same_file_(path, &st)) {
                unlink(path);
            }
            close(fd);
            errno = ENOENT;
            return -1;
        }
        if (ipctoolkit_shm_lock_shared_(fd, timeout_ms) != 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        struct stat named;
        if (lstat(path, &named) == 0 && named.st_dev == st.st_dev && named.st_ino == st.st_ino) {
            if (size != NULL) {
                *size = (size_t) named.st_size;
            }
            return fd;
        }
        /* The last holder removed the name after we opened the file: start over. */
        close(fd);
    }
    errno = EAGAIN;
    return -1;
}

/*
 * Lets go of an object attached with ipctoolkit_shm_attach: the last holder removes the name (if
 * ipc-toolkit made the object), then the lock is released explicitly (a mapping keeps the open file,
 * and its lock, alive after close) and the descriptor closed. Returns 0, or -1 with errno.
 */
static inline int ipctoolkit_shm_detach(int fd, const char *name) {
    char path[4096];
    struct stat st;
    if (ipctoolkit_shm_path_(name, path, sizeof path) == 0 && fstat(fd, &st) == 0
            && ipctoolkit_shm_is_ours_(&st) && flock(fd, LOCK_EX | LOCK_NB) == 0
            && ipctoolkit_shm_same_file_(path, &st)) {
        unlink(path);
    }
    flock(fd, LOCK_UN);
    return close(fd);
}

#endif /* IPCTOOLKIT_SHM_H */
