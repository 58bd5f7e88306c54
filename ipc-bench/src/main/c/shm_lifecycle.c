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
    char prefix[NAME_MAX - 16];
    int warmup_rounds = 3, rounds = 5, opt, holder;
    double warmup_s = 1.0, round_s = 1.0;
    struct sigaction sa;

    bench_program = "shm_lifecycle";
    bench_cleanup = cleanup;
    snprintf(prefix, sizeof prefix, "ipcbench-life-c-%ld", (long)getpid());
    while ((opt = getopt(argc, argv, "n:W:w:i:r:")) != -1) {
        switch (opt) {
        case 'n':
            if (strlen(optarg) == 0 || strlen(optarg) >= sizeof prefix || strchr(optarg, '/')) {
                fprintf(stderr, "shm_lifecycle: bad name prefix\n");
                return 2;
            }
            strcpy(prefix, optarg);
            break;
        case 'W': warmup_rounds = (int)bench_parse_long("-W", optarg, 0, BENCH_MAX_ROUNDS); break;
        case 'w': warmup_s = bench_parse_seconds("-w", optarg); break;
        case 'i': rounds = (int)bench_parse_long("-i", optarg, 1, BENCH_MAX_ROUNDS); break;
        case 'r': round_s = bench_parse_seconds("-r", optarg); break;
        default:
            fprintf(stderr, "usage: %s [-n PREFIX] [-W N] [-w S] [-i N] [-r S]\n", argv[0]);
            return 2;
        }
    }
    snprintf(create_name, sizeof create_name, "/%s-create", prefix);
    snprintf(open_name, sizeof open_name, "/%s-open", prefix);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0
        || sigaction(SIGHUP, &sa, NULL) != 0)
        bench_die_errno("sigaction");

    holder = shm_open(open_name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (holder < 0)
        bench_die_errno("shm_open(holder)");
    open_linked = 1;
    if (ftruncate(holder, SIZE) != 0)
        bench_die_errno("ftruncate(holder)");

    bench_run("createMapClose", create_map_close, warmup_rounds, warmup_s, rounds, round_s);
    bench_run("openMapClose", open_map_close, warmup_rounds, warmup_s, rounds, round_s);

    close(holder);
    cleanup();
    return 0;
}
