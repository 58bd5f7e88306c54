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
 * Timing and output as in shm_copy.c (JMH AverageTime: warm-up rounds, then measurement rounds of
 * about ROUND seconds each; one line per benchmark):
 *
 *   createMapClose 21.345 us/op stdev 0.5 rounds 5 ops 234000 scores 21.1,21.3,...
 *
 * Usage: shm_lifecycle [-n NAME_PREFIX] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS] [-i ROUNDS] [-r ROUND_SECONDS]
 * Names: NAME_PREFIX-create and NAME_PREFIX-open (default prefix ipcbench-life-c-<pid>); both are
 * removed on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 *
 * Build: gcc -O2 -Wall -Wextra -o shm_lifecycle shm_lifecycle.c -lm
 */
#define _GNU_SOURCE
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
#define MAX_ROUNDS 1000

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

static void die_errno(const char *what)
{
    int e = errno;
    fprintf(stderr, "shm_lifecycle: %s: %s\n", what, strerror(e));
    cleanup();
    exit(1);
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static double now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        die_errno("clock_gettime");
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void create_map_close(void)
{
    int fd = shm_open(create_name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    void *p;
    if (fd < 0)
        die_errno("shm_open(O_CREAT|O_EXCL)");
    create_linked = 1;
    if (ftruncate(fd, SIZE) != 0)
        die_errno("ftruncate");
    p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        die_errno("mmap");
    sink ^= *(volatile unsigned char *)p;
    if (munmap(p, SIZE) != 0)
        die_errno("munmap");
    if (close(fd) != 0)
        die_errno("close");
    if (shm_unlink(create_name) != 0)
        die_errno("shm_unlink");
    create_linked = 0;
}

static void open_map_close(void)
{
    struct stat st;
    void *p;
    int fd = shm_open(open_name, O_RDWR | O_CLOEXEC, 0);
    if (fd < 0)
        die_errno("shm_open");
    if (fstat(fd, &st) != 0)
        die_errno("fstat");
    p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        die_errno("mmap");
    sink ^= *(volatile unsigned char *)p;
    if (munmap(p, (size_t)st.st_size) != 0)
        die_errno("munmap");
    if (close(fd) != 0)
        die_errno("close");
}

static double round_us_per_op(void (*op)(void), double seconds, long *ops_out)
{
    double budget = seconds * 1e9, start = now_ns(), elapsed;
    long ops = 0;
    do {
        op();
        ops++;
        elapsed = now_ns() - start;
    } while (elapsed < budget);
    *ops_out = ops;
    return elapsed / (double)ops / 1e3;
}

static void run(const char *label, void (*op)(void), int warmup_rounds, double warmup_s, int rounds, double round_s)
{
    double scores[MAX_ROUNDS], mean = 0, var = 0;
    long ops, total = 0;
    int i;
    for (i = 0; i < warmup_rounds; i++)
        round_us_per_op(op, warmup_s, &ops);
    for (i = 0; i < rounds; i++) {
        scores[i] = round_us_per_op(op, round_s, &ops);
        total += ops;
        mean += scores[i];
    }
    mean /= rounds;
    for (i = 0; i < rounds; i++)
        var += (scores[i] - mean) * (scores[i] - mean);
    var = rounds > 1 ? var / (rounds - 1) : 0;
    printf("%s %.3f us/op stdev %.3f rounds %d ops %ld scores", label, mean, sqrt(var), rounds, total);
    for (i = 0; i < rounds; i++)
        printf("%c%.3f", i == 0 ? ' ' : ',', scores[i]);
    printf("\n");
    fflush(stdout);
}

static long parse_long(const char *opt, const char *s, long min, long max)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "shm_lifecycle: bad value for %s: %s (%ld to %ld)\n", opt, s, min, max);
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
        fprintf(stderr, "shm_lifecycle: bad value for %s: %s (seconds, > 0)\n", opt, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    char prefix[NAME_MAX - 16];
    int warmup_rounds = 3, rounds = 5, opt, holder;
    double warmup_s = 1.0, round_s = 1.0;
    struct sigaction sa;

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
        case 'W': warmup_rounds = (int)parse_long("-W", optarg, 0, MAX_ROUNDS); break;
        case 'w': warmup_s = parse_seconds("-w", optarg); break;
        case 'i': rounds = (int)parse_long("-i", optarg, 1, MAX_ROUNDS); break;
        case 'r': round_s = parse_seconds("-r", optarg); break;
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
        die_errno("sigaction");

    holder = shm_open(open_name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (holder < 0)
        die_errno("shm_open(holder)");
    open_linked = 1;
    if (ftruncate(holder, SIZE) != 0)
        die_errno("ftruncate(holder)");

    run("createMapClose", create_map_close, warmup_rounds, warmup_s, rounds, round_s);
    run("openMapClose", open_map_close, warmup_rounds, warmup_s, rounds, round_s);

    close(holder);
    cleanup();
    return 0;
}
