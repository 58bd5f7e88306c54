/*
 * sync_twins.c - the C twin of SyncBenchmark (ipc-bench).
 *
 * What it measures, per operation, one line each under the Java method's name:
 *   mutexUncontended  pthread_mutex_lock + pthread_mutex_unlock of a robust process-shared mutex
 *                     (PTHREAD_MUTEX_ROBUST, PTHREAD_PROCESS_SHARED) nobody else uses
 *                     (Java: NamedMutex.acquire() + release())
 *   eventPingPong     one round trip between this process and a forked child through two futex words
 *                     with auto-reset semantics: set = store 1 + FUTEX_WAKE(1); wait = CAS 1 -> 0,
 *                     else FUTEX_WAIT while 0. Parent: set(ping), wait(pong); child: wait(ping),
 *                     set(pong). (Java: two auto-reset NamedEvents and a partner JVM)
 *   mutexHandoff      lock, increment a shared counter, unlock, while a forked child loops on the same
 *                     robust process-shared mutex (Java: NamedMutex and a partner JVM)
 *
 * Everything lives in one MAP_SHARED mapping of a file in /dev/shm (as the Java objects do), so the
 * futexes are shared ones (no FUTEX_PRIVATE_FLAG), keyed by inode and offset as in Java.
 *
 * Timing and output: bench_common.h (JMH AverageTime mode, one line per benchmark, mean first);
 * the two mutex benchmarks with bench_run_batched (see BATCH).
 *
 * Usage: sync_twins [-n NAME_PREFIX] [-W WARMUP_ROUNDS] [-w WARMUP_SECONDS] [-i ROUNDS] [-r ROUND_SECONDS]
 * File: /dev/shm/NAME_PREFIX-sync (default prefix ipcbench-sync-c-<pid>), removed on every exit path,
 * also on SIGINT/SIGTERM/SIGHUP; a child is killed with its parent (PR_SET_PDEATHSIG) and by cleanup.
 *
 * Build: gcc -O2 -Wall -Wextra -o sync_twins sync_twins.c -lm
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * The two mutex benchmarks read the clock once per BATCH operations: a clock read (about 20 ns)
 * after each one would double the uncontended figure. The ping-pong (microseconds) reads it each time.
 */
#define BATCH 1000

struct shared {
    pthread_mutex_t uncontended;
    pthread_mutex_t handoff;
    int counter;
    int stop;
    uint32_t ping;
    uint32_t pong;
};

static char path[PATH_MAX];
static volatile sig_atomic_t linked;
static volatile pid_t child;
static struct shared *sh;

static void cleanup(void)
{
    if (child > 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        child = 0;
    }
    if (linked) {
        linked = 0;
        unlink(path);
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void init_robust(pthread_mutex_t *m)
{
    pthread_mutexattr_t a;
    if (pthread_mutexattr_init(&a) != 0 || pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) != 0
        || pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) != 0 || pthread_mutex_init(m, &a) != 0)
        bench_die("pthread_mutex_init(robust, process-shared)");
    pthread_mutexattr_destroy(&a);
}

static void lock(pthread_mutex_t *m)
{
    int e = pthread_mutex_lock(m);
    if (e != 0) {
        errno = e;
        bench_die_errno("pthread_mutex_lock");
    }
}

static void unlock(pthread_mutex_t *m)
{
    int e = pthread_mutex_unlock(m);
    if (e != 0) {
        errno = e;
        bench_die_errno("pthread_mutex_unlock");
    }
}

static long futex(uint32_t *word, int op, uint32_t val)
{
    return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

/* Auto-reset event: set = store 1 + FUTEX_WAKE(1). */
static void event_set(uint32_t *w)
{
    __atomic_store_n(w, 1, __ATOMIC_RELEASE);
    if (futex(w, FUTEX_WAKE, 1) < 0)
        bench_die_errno("FUTEX_WAKE");
}

/* Auto-reset event: wait = CAS 1 -> 0 to consume, FUTEX_WAIT while 0. */
static void event_wait(uint32_t *w)
{
    for (;;) {
        uint32_t one = 1;
        if (__atomic_compare_exchange_n(w, &one, 0, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
        if (futex(w, FUTEX_WAIT, 0) < 0 && errno != EAGAIN && errno != EINTR)
            bench_die_errno("FUTEX_WAIT");
    }
}

static void mutex_uncontended(void)
{
    lock(&sh->uncontended);
    unlock(&sh->uncontended);
}

static void event_ping_pong(void)
{
    event_set(&sh->ping);
    event_wait(&sh->pong);
}

static void mutex_handoff(void)
{
    lock(&sh->handoff);
    sh->counter++;
    unlock(&sh->handoff);
}

/* Forks the partner: it runs body until stop is set, then exits. */
static void start_partner(void (*body)(void))
{
    pid_t parent = getpid(), pid;
    __atomic_store_n(&sh->stop, 0, __ATOMIC_RELEASE);
    fflush(stdout);
    pid = fork();
    if (pid < 0)
        bench_die_errno("fork");
    if (pid == 0) {
        bench_cleanup = NULL;
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(1);
        while (!__atomic_load_n(&sh->stop, __ATOMIC_ACQUIRE))
            body();
        _exit(0);
    }
    child = pid;
}

static void stop_partner(void)
{
    int status;
    __atomic_store_n(&sh->stop, 1, __ATOMIC_RELEASE);
    event_set(&sh->ping); /* a ping-pong partner may sleep on ping */
    if (waitpid(child, &status, 0) != child)
        bench_die_errno("waitpid");
    child = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        bench_die("the partner process failed");
}

static void partner_ping_pong(void)
{
    event_wait(&sh->ping);
    if (!__atomic_load_n(&sh->stop, __ATOMIC_ACQUIRE))
        event_set(&sh->pong);
}

int main(int argc, char **argv)
{
    struct bench_options o;
    int fd;
    void *p;

    bench_program = "sync_twins";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-sync-c", &o);
    snprintf(path, sizeof path, "/dev/shm/%s-sync", o.prefix);

    bench_on_signals(on_signal);

    fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
        bench_die_errno("open(/dev/shm/...)");
    linked = 1;
    if (ftruncate(fd, 4096) != 0)
        bench_die_errno("ftruncate");
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        bench_die_errno("mmap");
    close(fd);
    sh = p;
    init_robust(&sh->uncontended);
    init_robust(&sh->handoff);

    bench_run_batched("mutexUncontended", mutex_uncontended, BATCH, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);

    start_partner(partner_ping_pong);
    bench_run("eventPingPong", event_ping_pong, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);
    stop_partner();

    start_partner(mutex_handoff);
    bench_run_batched("mutexHandoff", mutex_handoff, BATCH, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);
    stop_partner();

    munmap(p, 4096);
    cleanup();
    return 0;
}
