/*
 * shm_lifecycle.c - the C twin of SharedMemoryLifecycleBenchmark (ipc-bench).
 *
 * What it measures, per operation, with the same object size as the JMH benchmark (4096 bytes):
 *   createMapClose  shm_open(O_CREAT|O_EXCL), ftruncate, mmap(MAP_SHARED), munmap, close, shm_unlink
 *                   (Java: SharedMemory.create(name, 4096) then close())
 *   openMapClose    shm_open of an existing object held by this process, fstat (for its size),
 *                   mmap(MAP_SHARED), munmap, close
 *                   (Java: SharedMemory.open(name) then close(), while a holder keeps it alive)
 *
 * This is what a C program does with no lifetime protocol at all: no lock, no check that the name
 * still names the same file, no reserved memory. The Java side does all of that, so the ratio says
 * what the library's Win32 semantics cost on top of the bare system calls.
 *
 * Timing and output: bench_common.h (JMH AverageTime mode, one line per benchmark, mean first).
 *
 * Usage: shm_lifecycle [-n NAME_PREFIX] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS] [-i ROUNDS] [-r ROUND_SECONDS]
 * Names: NAME_PREFIX-create and NAME_PREFIX-open (default prefix ipcbench-life-c-<pid>); both are
 * removed on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 *
 * Build: gcc -O2 -Wall -Wextra -o shm_lifecycle shm_lifecycle.c -lm
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIZE 4096

static char create_name[NAME_MAX + 1];
static char open_name[NAME_MAX + 1];
static volatile sig_atomic_t open_linked;
static volatile sig_atomic_t create_linked;
static volatile unsigned char sink;

static void cleanup(void)
{
    if (open_linked) {
        open_linked = 0;
        shm_unlink(open_name);
    }
    if (create_linked) {
        create_linked = 0;
        shm_unlink(create_name);
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void create_map_close(void)
{
    int fd = shm_open(create_name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    void *p;
    if (fd < 0)
        bench_die_errno("shm_open(O_CREAT|O_EXCL)");
    create_linked = 1;
    if (ftruncate(fd, SIZE) != 0)
        bench_die_errno("ftruncate");
    p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        bench_die_errno("mmap");
    sink ^= *(volatile unsigned char *)p;
    if (munmap(p, SIZE) != 0)
        bench_die_errno("munmap");
    if (close(fd) != 0)
        bench_die_errno("close");
    if (shm_unlink(create_name) != 0)
        bench_die_errno("shm_unlink");
    create_linked = 0;
}

static void open_map_close(void)
{
    struct stat st;
    void *p;
    int fd = shm_open(open_name, O_RDWR | O_CLOEXEC, 0);
    if (fd < 0)
        bench_die_errno("shm_open");
    if (fstat(fd, &st) != 0)
        bench_die_errno("fstat");
    p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        bench_die_errno("mmap");
    sink ^= *(volatile unsigned char *)p;
    if (munmap(p, (size_t)st.st_size) != 0)
        bench_die_errno("munmap");
    if (close(fd) != 0)
        bench_die_errno("close");
}

int main(int argc, char **argv)
{
    struct bench_options o;
    int holder;

    bench_program = "shm_lifecycle";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-life-c", &o);
    snprintf(create_name, sizeof create_name, "/%s-create", o.prefix);
    snprintf(open_name, sizeof open_name, "/%s-open", o.prefix);

    bench_on_signals(on_signal);

    holder = shm_open(open_name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (holder < 0)
        bench_die_errno("shm_open(holder)");
    open_linked = 1;
    if (ftruncate(holder, SIZE) != 0)
        bench_die_errno("ftruncate(holder)");

    bench_run("createMapClose", create_map_close, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);
    bench_run("openMapClose", open_map_close, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);

    close(holder);
    cleanup();
    return 0;
}
