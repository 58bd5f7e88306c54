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
 * Timing follows JMH's AverageTime mode: for each benchmark, WARMUP rounds (discarded) and then
 * ROUNDS measurement rounds, each running the copy back to back for about ROUND seconds on
 * CLOCK_MONOTONIC; a round's score is its elapsed time divided by the number of copies, and the
 * result is the mean of the round scores. One line per benchmark on stdout, the mean first, then the
 * standard deviation, the number of rounds and copies, and each round's score:
 *
 *   copyIn 3236.908 us/op stdev 166.097 rounds 5 ops 1550 scores 3101.2,3350.0,3190.4,3455.1,3087.8
 *
 * Usage: shm_copy [-n NAME] [-s SIZE_BYTES] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS]
 *                 [-i ROUNDS] [-r ROUND_SECONDS]
 * Defaults: -n ipcbench-copy-c-<pid> -s 67108864 -W 3 -w 1 -i 5 -r 1.
 *
 * The name is unlinked and the mapping unmapped on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 * Any failing call prints its errno text on stderr and the program exits with status 1.
 *
 * Build: gcc -O2 -Wall -Wextra -o shm_copy shm_copy.c
 */
#define _GNU_SOURCE
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
#define MAX_ROUNDS 1000

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

/* Prints "shm_copy: WHAT: <errno text>", cleans up, exits 1. */
static void die_errno(const char *what)
{
    int e = errno;
    fprintf(stderr, "shm_copy: %s: %s\n", what, strerror(e));
    cleanup();
    exit(1);
}

static void die(const char *msg)
{
    fprintf(stderr, "shm_copy: %s\n", msg);
    cleanup();
    exit(1);
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

static double now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        die_errno("clock_gettime(CLOCK_MONOTONIC)");
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
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

/* Runs copies back to back for at least seconds; returns ns per copy and the count. */
static double round_ns_per_op(void *dst, const void *src, size_t n, double seconds, long *ops_out)
{
    double budget = seconds * 1e9;
    long ops = 0;
    double start = now_ns(), elapsed;
    do {
        copy(dst, src, n);
        ops++;
        elapsed = now_ns() - start;
    } while (elapsed < budget);
    *ops_out = ops;
    return elapsed / (double)ops;
}

static void run(const char *label, void *dst, const void *src, size_t n,
                int warmup_rounds, double warmup_s, int rounds, double round_s)
{
    double scores[MAX_ROUNDS];
    long ops, total_ops = 0;
    double mean = 0, var = 0;
    int i;

    for (i = 0; i < warmup_rounds; i++)
        round_ns_per_op(dst, src, n, warmup_s, &ops);
    for (i = 0; i < rounds; i++) {
        scores[i] = round_ns_per_op(dst, src, n, round_s, &ops) / 1e3; /* us/op */
        total_ops += ops;
        mean += scores[i];
    }
    mean /= rounds;
    for (i = 0; i < rounds; i++)
        var += (scores[i] - mean) * (scores[i] - mean);
    var = rounds > 1 ? var / (rounds - 1) : 0;
    printf("%s %.3f us/op stdev %.3f rounds %d ops %ld scores", label, mean, sqrt(var), rounds, total_ops);
    for (i = 0; i < rounds; i++)
        printf("%c%.3f", i == 0 ? ' ' : ',', scores[i]);
    printf("\n");
    if (fflush(stdout) != 0)
        die_errno("fflush(stdout)");
}

static long parse_long(const char *opt, const char *s, long min, long max)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "shm_copy: bad value for %s: %s (%ld to %ld)\n", opt, s, min, max);
        exit(2);
    }
    return v;
}

static double parse_seconds(const char *opt, const char *s)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v > 0) || v > 3600) {
        fprintf(stderr, "shm_copy: bad value for %s: %s (seconds, > 0)\n", opt, s);
        exit(2);
    }
    return v;
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
    unsigned char *src, *dst;
    struct sigaction sa;
    const char *p;
    long page;
    size_t off;
    int opt;

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
        case 's': size = parse_long("-s", optarg, 1, 1L << 40); break;
        case 'W': warmup_rounds = (int)parse_long("-W", optarg, 0, MAX_ROUNDS); break;
        case 'w': warmup_s = parse_seconds("-w", optarg); break;
        case 'i': rounds = (int)parse_long("-i", optarg, 1, MAX_ROUNDS); break;
        case 'r': round_s = parse_seconds("-r", optarg); break;
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
        die_errno("sigemptyset");
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0
        || sigaction(SIGHUP, &sa, NULL) != 0)
        die_errno("sigaction");

    src = malloc(shm_size);
    if (src == NULL)
        die_errno("malloc(source)");
    dst = malloc(shm_size);
    if (dst == NULL)
        die_errno("malloc(destination)");
    fill_random(src, shm_size);

    /* Block the signals across open+flag so a signal cannot leave an unflagged name behind. */
    {
        sigset_t block, old;
        int open_errno;
        if (sigemptyset(&block) != 0 || sigaddset(&block, SIGINT) != 0 || sigaddset(&block, SIGTERM) != 0
            || sigaddset(&block, SIGHUP) != 0)
            die_errno("sigaddset");
        if (sigprocmask(SIG_BLOCK, &block, &old) != 0)
            die_errno("sigprocmask");
        shm_fd = open(shm_path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
        open_errno = errno;
        if (shm_fd >= 0)
            shm_linked = 1;
        if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
            die_errno("sigprocmask");
        if (shm_fd < 0) {
            fprintf(stderr, "shm_copy: open %s: %s\n", shm_path, strerror(open_errno));
            free(src);
            free(dst);
            return 1;
        }
    }
    if (ftruncate(shm_fd, (off_t)shm_size) != 0)
        die_errno("ftruncate");
    shm_map = mmap(NULL, shm_size, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
    if (shm_map == MAP_FAILED)
        die_errno("mmap");

    /*
     * Pre-fault, as the Java setup does: one copy of the source into the mapping (allocates and
     * maps every tmpfs page) and one copy of the mapping into the destination (faults in every
     * destination page), so no timed copy meets a first-touch page fault.
     */
    memcpy(shm_map, src, shm_size);
    memcpy(dst, shm_map, shm_size);
    __asm__ __volatile__("" : : "r"(dst), "r"(shm_map) : "memory");

    run("copyIn", shm_map, src, shm_size, warmup_rounds, warmup_s, rounds, round_s);
    run("copyOut", dst, shm_map, shm_size, warmup_rounds, warmup_s, rounds, round_s);

    /* Use the data: the copies must have happened, and the reads below cannot be optimised away. */
    if (memcmp(shm_map, src, shm_size) != 0 || memcmp(dst, src, shm_size) != 0)
        die("copied data does not match the source");
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
