/*
 * bench_common.h - what the C twins of ipc-bench share: errors, the clock, option parsing, and the
 * timing loop that mirrors JMH's AverageTime mode.
 *
 * A twin sets bench_program (for messages) and bench_cleanup (run before exiting on an error), then
 * calls bench_run once per benchmark: WARMUP rounds (discarded), then ROUNDS measurement rounds, each
 * running the operation back to back for about ROUND seconds on CLOCK_MONOTONIC; a round's score is
 * its elapsed time divided by its operations (microseconds, six decimals: nanosecond operations keep
 * three digits). One line per benchmark on stdout, the mean first:
 *
 *   copyIn 3236.908 us/op stdev 166.097 rounds 5 ops 1550 scores 3101.2,3350.0,3190.4,3455.1,3087.8
 *
 * scripts/bench reads these lines (ipc-bench/src/main/python/bench_table.py).
 */
#ifndef IPC_BENCH_COMMON_H
#define IPC_BENCH_COMMON_H

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_MAX_ROUNDS 1000

static const char *bench_program = "bench";
static void (*bench_cleanup)(void);

/* Prints "PROGRAM: WHAT: <errno text>", runs the twin's cleanup, exits 1. */
static inline void bench_die_errno(const char *what)
{
    int e = errno;
    fprintf(stderr, "%s: %s: %s\n", bench_program, what, strerror(e));
    if (bench_cleanup)
        bench_cleanup();
    exit(1);
}

/* Prints "PROGRAM: MSG", runs the twin's cleanup, exits 1. */
static inline void bench_die(const char *msg)
{
    fprintf(stderr, "%s: %s\n", bench_program, msg);
    if (bench_cleanup)
        bench_cleanup();
    exit(1);
}

/* Reads exactly n bytes from a stream socket; 0, or -1 at the end of the stream or on an error. */
static inline int bench_read_full(int fd, void *buffer, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, (char *)buffer + done, n - done);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            return -1;
        }
        done += (size_t)r;
    }
    return 0;
}

/* Writes all n bytes to a stream socket, or dies. */
static inline void bench_write_full(int fd, const void *buffer, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, (const char *)buffer + done, n - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            bench_die_errno("write");
        }
        done += (size_t)w;
    }
}

static inline double bench_now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        bench_die_errno("clock_gettime(CLOCK_MONOTONIC)");
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Parses a whole number option in [min, max], or exits 2 with a message. */
static inline long bench_parse_long(const char *opt, const char *s, long min, long max)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "%s: bad value for %s: %s (%ld to %ld)\n", bench_program, opt, s, min, max);
        exit(2);
    }
    return v;
}

/* Parses a positive number of seconds (at most an hour), or exits 2 with a message. */
static inline double bench_parse_seconds(const char *opt, const char *s)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v > 0) || v > 3600) {
        fprintf(stderr, "%s: bad value for %s: %s (seconds, > 0)\n", bench_program, opt, s);
        exit(2);
    }
    return v;
}

/*
 * Runs op back to back for at least seconds, reading the clock after every batch ops; returns
 * microseconds per op and the count. A clock read costs about 20 ns (vDSO, TSC), so an operation of
 * a few nanoseconds needs a batch of many, as JMH reads the clock only around its whole loop.
 */
static inline double bench_round_us_per_op(void (*op)(void), long batch, double seconds, long *ops_out)
{
    double budget = seconds * 1e9, start = bench_now_ns(), elapsed;
    long ops = 0, i;
    do {
        for (i = 0; i < batch; i++)
            op();
        ops += batch;
        elapsed = bench_now_ns() - start;
    } while (elapsed < budget);
    *ops_out = ops;
    return elapsed / (double)ops / 1e3;
}

/* bench_run with the clock read once per batch ops (for operations far shorter than a microsecond). */
static inline void bench_run_batched(const char *label, void (*op)(void), long batch, int warmup_rounds,
                                     double warmup_s, int rounds, double round_s)
{
    double scores[BENCH_MAX_ROUNDS], mean = 0, var = 0;
    long ops, total = 0;
    int i;
    for (i = 0; i < warmup_rounds; i++)
        bench_round_us_per_op(op, batch, warmup_s, &ops);
    for (i = 0; i < rounds; i++) {
        scores[i] = bench_round_us_per_op(op, batch, round_s, &ops);
        total += ops;
        mean += scores[i];
    }
    mean /= rounds;
    for (i = 0; i < rounds; i++)
        var += (scores[i] - mean) * (scores[i] - mean);
    var = rounds > 1 ? var / (rounds - 1) : 0;
    printf("%s %.6f us/op stdev %.6f rounds %d ops %ld scores", label, mean, sqrt(var), rounds, total);
    for (i = 0; i < rounds; i++)
        printf("%c%.6f", i == 0 ? ' ' : ',', scores[i]);
    printf("\n");
    if (fflush(stdout) != 0)
        bench_die_errno("fflush(stdout)");
}

/* Warm-up rounds, measurement rounds, and the result line (see the top of this file). */
static inline void bench_run(const char *label, void (*op)(void), int warmup_rounds, double warmup_s,
                      int rounds, double round_s)
{
    bench_run_batched(label, op, 1, warmup_rounds, warmup_s, rounds, round_s);
}

/* The options of a twin that names its objects by a prefix: -n PREFIX -W N -w S -i N -r S. */
struct bench_options {
    char prefix[200];
    int warmup_rounds, rounds;
    double warmup_s, round_s;
};

/*
 * Parses the options above into o, with defaults of 3 warm-up and 5 measurement rounds of 1 s and the
 * prefix DEFAULT_STEM-<pid>; exits 2 with a message on a bad option.
 */
static inline void bench_parse_options(int argc, char **argv, const char *default_stem, struct bench_options *o)
{
    int opt;
    o->warmup_rounds = 3;
    o->rounds = 5;
    o->warmup_s = 1.0;
    o->round_s = 1.0;
    snprintf(o->prefix, sizeof o->prefix, "%s-%ld", default_stem, (long)getpid());
    while ((opt = getopt(argc, argv, "n:W:w:i:r:")) != -1) {
        switch (opt) {
        case 'n':
            if (strlen(optarg) == 0 || strlen(optarg) >= sizeof o->prefix || strchr(optarg, '/')) {
                fprintf(stderr, "%s: bad name prefix\n", bench_program);
                exit(2);
            }
            strcpy(o->prefix, optarg);
            break;
        case 'W': o->warmup_rounds = (int)bench_parse_long("-W", optarg, 0, BENCH_MAX_ROUNDS); break;
        case 'w': o->warmup_s = bench_parse_seconds("-w", optarg); break;
        case 'i': o->rounds = (int)bench_parse_long("-i", optarg, 1, BENCH_MAX_ROUNDS); break;
        case 'r': o->round_s = bench_parse_seconds("-r", optarg); break;
        default:
            fprintf(stderr, "usage: %s [-n PREFIX] [-W N] [-w S] [-i N] [-r S]\n", argv[0]);
            exit(2);
        }
    }
}

/* Runs handler on SIGINT, SIGTERM and SIGHUP (it removes the twin's names, then dies of the signal). */
static inline void bench_on_signals(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0
        || sigaction(SIGHUP, &sa, NULL) != 0)
        bench_die_errno("sigaction");
}

#endif
