/*
 * shm_copy.c - the C baseline of SharedMemoryCopyBenchmark (ipc-bench).
 *
 * What it measures, with the same sizes and the same preparation as the JMH benchmark:
 *   copyIn   memcpy of a 64 MiB private source buffer into a 64 MiB MAP_SHARED mapping
 *            of /dev/shm/<name>            (Java: buffer.put(0, src))
 *   copyOut  memcpy of the whole mapping into a 64 MiB private destination buffer
 *                                          (Java: buffer.get(0, dst))
 *
 * Preparation (identical on the Java side): the source is filled with pseudo-random bytes, the
 * source is copied into the mapping once and the mapping into the destination once before any
 * timing, so every page of all three buffers is already faulted in; the timed copies never see a
 * first-touch page fault.
 *
 * Timing and output: bench_common.h (JMH AverageTime mode, one line per benchmark, mean first).
 *
 * Usage: shm_copy [-n NAME] [-s SIZE_BYTES] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS]
 *                 [-i ROUNDS] [-r ROUND_SECONDS]
 * Defaults: -n ipcbench-copy-c-<pid> -s 67108864 -W 3 -w 1 -i 5 -r 1.
 *
 * The name is unlinked and the mapping unmapped on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 * Any failing call prints its errno text on stderr and the program exits with status 1.
 *
 * Build: gcc -O2 -Wall -Wextra -o shm_copy shm_copy.c -lm
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SIZE (64L * 1024 * 1024)

/* Global so that the cleanup (and the signal handler) can reach them. */
static char shm_path[PATH_MAX];
static volatile sig_atomic_t shm_linked; /* 1 while /dev/shm/<name> is ours to unlink */
static void *shm_map = MAP_FAILED;
static size_t shm_size;
static int shm_fd = -1;

/* Sink for the values read back, so the final reads cannot be dropped either. */
static volatile unsigned char sink;

static void cleanup(void)
{
    if (shm_map != MAP_FAILED) {
        if (munmap(shm_map, shm_size) != 0)
            fprintf(stderr, "shm_copy: munmap: %s\n", strerror(errno));
        shm_map = MAP_FAILED;
    }
    if (shm_fd >= 0) {
        if (close(shm_fd) != 0)
            fprintf(stderr, "shm_copy: close: %s\n", strerror(errno));
        shm_fd = -1;
    }
    if (shm_linked) {
        shm_linked = 0;
        if (unlink(shm_path) != 0)
            fprintf(stderr, "shm_copy: unlink %s: %s\n", shm_path, strerror(errno));
    }
}

/* Only async-signal-safe calls: unlink the name, then die of the same signal. */
static void on_signal(int sig)
{
    if (shm_linked) {
        shm_linked = 0;
        unlink(shm_path);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * One timed copy. The empty asm with a "memory" clobber tells the compiler that both buffers may
 * be read and written by unknown code right after the copy, so it can neither drop the memcpy nor
 * merge the identical copies of consecutive iterations.
 */
static inline void copy(void *dst, const void *src, size_t n)
{
    memcpy(dst, src, n);
    __asm__ __volatile__("" : : "r"(dst), "r"(src) : "memory");
}

/* The two timed operations, on the buffers main prepares. */
static unsigned char *src, *dst;

static void copy_in(void)
{
    copy(shm_map, src, shm_size);
}

static void copy_out(void)
{
    copy(dst, shm_map, shm_size);
}

/* The same kind of data as the Java side: pseudo-random bytes (xorshift64*, fixed seed). */
static void fill_random(unsigned char *p, size_t n)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    size_t i = 0;
    while (i < n) {
        uint64_t r;
        size_t k;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        r = x * 0x2545F4914F6CDD1DULL;
        for (k = 0; k < 8 && i < n; k++, i++) {
            p[i] = (unsigned char)r;
            r >>= 8;
        }
    }
}

int main(int argc, char **argv)
{
    char name[NAME_MAX + 1];
    long size = DEFAULT_SIZE;
    int warmup_rounds = 3, rounds = 5;
    double warmup_s = 1.0, round_s = 1.0;
    struct sigaction sa;
    const char *p;
    long page;
    size_t off;
    int opt;

    bench_program = "shm_copy";
    bench_cleanup = cleanup;
    snprintf(name, sizeof name, "ipcbench-copy-c-%ld", (long)getpid());
    while ((opt = getopt(argc, argv, "n:s:W:w:i:r:")) != -1) {
        switch (opt) {
        case 'n':
            if (strlen(optarg) == 0 || strlen(optarg) > NAME_MAX) {
                fprintf(stderr, "shm_copy: bad name length\n");
                return 2;
            }
            strcpy(name, optarg);
            break;
        case 's': size = bench_parse_long("-s", optarg, 1, 1L << 40); break;
        case 'W': warmup_rounds = (int)bench_parse_long("-W", optarg, 0, BENCH_MAX_ROUNDS); break;
        case 'w': warmup_s = bench_parse_seconds("-w", optarg); break;
        case 'i': rounds = (int)bench_parse_long("-i", optarg, 1, BENCH_MAX_ROUNDS); break;
        case 'r': round_s = bench_parse_seconds("-r", optarg); break;
        default:
            fprintf(stderr, "usage: %s [-n NAME] [-s SIZE] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS]"
                            " [-i ROUNDS] [-r ROUND_SECONDS]\n", argv[0]);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "shm_copy: unexpected argument: %s\n", argv[optind]);
        return 2;
    }
    for (p = name; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
              || *p == '_' || *p == '-' || *p == '.')) {
            fprintf(stderr, "shm_copy: bad name %s (letters, digits, _ - . only)\n", name);
            return 2;
        }
    }
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        fprintf(stderr, "shm_copy: bad name %s\n", name);
        return 2;
    }
    if ((unsigned long)snprintf(shm_path, sizeof shm_path, "/dev/shm/%s", name) >= sizeof shm_path) {
        fprintf(stderr, "shm_copy: name too long\n");
        return 2;
    }
    shm_size = (size_t)size;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    if (sigemptyset(&sa.sa_mask) != 0)
        bench_die_errno("sigemptyset");
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0
        || sigaction(SIGHUP, &sa, NULL) != 0)
        bench_die_errno("sigaction");

    src = malloc(shm_size);
    if (src == NULL)
        bench_die_errno("malloc(source)");
    dst = malloc(shm_size);
    if (dst == NULL)
        bench_die_errno("malloc(destination)");
    fill_random(src, shm_size);

    /* Block the signals across open+flag so a signal cannot leave an unflagged name behind. */
    {
        sigset_t block, old;
        int open_errno;
        if (sigemptyset(&block) != 0 || sigaddset(&block, SIGINT) != 0 || sigaddset(&block, SIGTERM) != 0
            || sigaddset(&block, SIGHUP) != 0)
            bench_die_errno("sigaddset");
        if (sigprocmask(SIG_BLOCK, &block, &old) != 0)
            bench_die_errno("sigprocmask");
        shm_fd = open(shm_path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
        open_errno = errno;
        if (shm_fd >= 0)
            shm_linked = 1;
        if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
            bench_die_errno("sigprocmask");
        if (shm_fd < 0) {
            fprintf(stderr, "shm_copy: open %s: %s\n", shm_path, strerror(open_errno));
            free(src);
            free(dst);
            return 1;
        }
    }
    if (ftruncate(shm_fd, (off_t)shm_size) != 0)
        bench_die_errno("ftruncate");
    shm_map = mmap(NULL, shm_size, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
    if (shm_map == MAP_FAILED)
        bench_die_errno("mmap");

    /*
     * Pre-fault, as the Java setup does: one copy of the source into the mapping (allocates and
     * maps every tmpfs page) and one copy of the mapping into the destination (faults in every
     * destination page), so no timed copy meets a first-touch page fault.
     */
    memcpy(shm_map, src, shm_size);
    memcpy(dst, shm_map, shm_size);
    __asm__ __volatile__("" : : "r"(dst), "r"(shm_map) : "memory");

    bench_run("copyIn", copy_in, warmup_rounds, warmup_s, rounds, round_s);
    bench_run("copyOut", copy_out, warmup_rounds, warmup_s, rounds, round_s);

    /* Use the data: the copies must have happened, and the reads below cannot be optimised away. */
    if (memcmp(shm_map, src, shm_size) != 0 || memcmp(dst, src, shm_size) != 0)
        bench_die("copied data does not match the source");
    page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        page = 4096;
    for (off = 0; off < shm_size; off += (size_t)page)
        sink ^= dst[off] ^ ((unsigned char *)shm_map)[off];

    free(src);
    free(dst);
    cleanup();
    return 0;
}
