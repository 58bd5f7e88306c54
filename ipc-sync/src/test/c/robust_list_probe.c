/*
 * Probe: can a library put its own futex words on the calling thread's existing glibc robust list
 * (set by glibc with set_robust_list at thread start), so that the kernel marks FUTEX_OWNER_DIED and
 * wakes a waiter when the owning thread or process dies?
 *
 * Layout of one of our mutexes in a shared file (x86-64 / aarch64, glibc 2.36):
 *   word  at W
 *   node  at W - futex_offset, a glibc-shaped __pthread_list_t { prev; next }; the list entry
 *         pointer is &node.next (glibc links robust mutexes by &__data.__list.__next and keeps a prev
 *         pointer 8 bytes before it, which its own DEQUEUE writes into neighbours).
 * Build: gcc -O2 -pthread robust_list_probe.c -o probe
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct head { void *list; long futex_offset; void *list_op_pending; };

static long futex_offset;
static int futex(void *w, int op, int val, struct timespec *ts) { return syscall(SYS_futex, w, op, val, ts, 0, 0); }
static __thread pid_t cached_tid;
static pid_t tid(void) { return cached_tid ? cached_tid : (cached_tid = syscall(SYS_gettid)); }

static __thread struct head *cached_head;
static struct head *my_head(void) {
    if (cached_head) return cached_head;
    struct head *h; size_t len;
    if (syscall(SYS_get_robust_list, 0, &h, &len)) { perror("get_robust_list"); exit(2); }
    return cached_head = h;
}

/* node "next" slot of the mutex whose word is at w */
static void **next_slot(uint32_t *w) { return (void **)((char *)w - futex_offset); }
static void **prev_of(void *entry) { return (void **)((char *)entry - sizeof(void *)); }

static void link_node(uint32_t *w) {            /* glibc's ENQUEUE_MUTEX_BOTH, insert at head */
    struct head *h = my_head();
    void **entry = next_slot(w);
    void *first = h->list;
    *prev_of(first) = entry;                    /* first->prev (head: glibc's robust_prev) */
    *entry = first;
    *prev_of(entry) = &h->list;
    __atomic_store_n(&h->list, (void *)entry, __ATOMIC_RELEASE);
}
static void unlink_node(uint32_t *w) {          /* glibc's DEQUEUE_MUTEX */
    void **entry = next_slot(w);
    void *next = *entry, *prev = *prev_of(entry);
    *prev_of(next) = prev;
    *(void **)prev = next;
}

static int lock(uint32_t *w, int timeout_ms) {  /* 0, EOWNERDEAD, ETIMEDOUT */
    struct head *h = my_head();
    uint32_t me = tid();
    h->list_op_pending = next_slot(w);
    for (;;) {
        uint32_t v = 0;
        if (__atomic_compare_exchange_n(w, &v, me, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) break;
        if (v & FUTEX_OWNER_DIED) {
            if ((v & FUTEX_TID_MASK) == 0 || 1) {
                /* take it over keeping WAITERS */
                if (__atomic_compare_exchange_n(w, &v, me | (v & FUTEX_WAITERS), 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
                    link_node(w); h->list_op_pending = 0; return EOWNERDEAD;
                }
                continue;
            }
        }
        if (!(v & FUTEX_WAITERS) && !__atomic_compare_exchange_n(w, &v, v | FUTEX_WAITERS, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) continue;
        struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
        if (futex(w, FUTEX_WAIT, v | FUTEX_WAITERS, &ts) && errno == ETIMEDOUT) { h->list_op_pending = 0; return ETIMEDOUT; }
        /* after a wake we must keep WAITERS set on acquire: others may be waiting */
        v = __atomic_load_n(w, __ATOMIC_RELAXED);
        while ((v & FUTEX_TID_MASK) == 0 && !(v & FUTEX_OWNER_DIED)) {
            if (__atomic_compare_exchange_n(w, &v, me | FUTEX_WAITERS, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) goto got;
        }
    }
got:
    link_node(w);
    h->list_op_pending = 0;
    return 0;
}
static void unlock(uint32_t *w) {
    struct head *h = my_head();
    h->list_op_pending = next_slot(w);
    unlink_node(w);
    uint32_t v = __atomic_exchange_n(w, 0, __ATOMIC_RELEASE);
    if (v & FUTEX_WAITERS) futex(w, FUTEX_WAKE, 1, 0);
    h->list_op_pending = 0;
}

static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }

static void *thread_dies_holding(void *arg) {
    pthread_mutex_t *gm = ((void **)arg)[1];
    uint32_t *w = ((void **)arg)[0];
    pthread_mutex_lock(gm);          /* a glibc robust mutex first on the list ... */
    lock(w, 1000);                   /* ... ours in front of it ... */
    pthread_mutex_t g2; pthread_mutexattr_t a; pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST); pthread_mutex_init(&g2, &a);
    pthread_mutex_lock(&g2); pthread_mutex_unlock(&g2);   /* glibc enqueues/dequeues next to ours */
    return 0;                        /* exits holding w and gm */
}

int main(void) {
    futex_offset = my_head()->futex_offset;
    printf("glibc futex_offset = %ld, head=%p, head->list=%p (empty list points at itself)\n",
           futex_offset, (void *)my_head(), my_head()->list);
    int fd = open("/dev/shm", O_TMPFILE | O_RDWR, 0600);
    ftruncate(fd, 4096);
    char *mem = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint32_t *w = (uint32_t *)(mem + 64);
    pthread_mutex_t *gm = (pthread_mutex_t *)(mem + 1024);  /* robust, process-shared glibc mutex */
    pthread_mutexattr_t a; pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(gm, &a);
    int fails = 0;

    /* 1. process killed with SIGKILL while holding; a waiter in another process blocked in FUTEX_WAIT */
    int p[2]; pipe(p);
    pid_t owner = fork();
    if (owner == 0) {
        pthread_mutex_lock(gm);
        lock(w, 1000);
        write(p[1], "x", 1);
        pause();
    }
    char c; read(p[0], &c, 1);
    int q[2]; pipe(q);
    pid_t waiter = fork();
    if (waiter == 0) {
        write(q[1], "x", 1);
        double t0 = now_ms();
        int r = lock(w, 5000);
        uint32_t v = *w;
        printf("  waiter: lock -> %s after %.2f ms, word now 0x%08x (tid %d)\n",
               r == EOWNERDEAD ? "EOWNERDEAD" : r == 0 ? "0" : "ETIMEDOUT", now_ms() - t0, v, tid());
        int g = pthread_mutex_lock(gm);
        printf("  waiter: glibc robust mutex -> %s\n", g == EOWNERDEAD ? "EOWNERDEAD" : strerror(g));
        fflush(stdout);
        _exit(r == EOWNERDEAD && g == EOWNERDEAD ? 0 : 1);
    }
    read(q[0], &c, 1);
    usleep(100000);   /* only so that the waiter is really in FUTEX_WAIT for this probe */
    fflush(stdout);
    printf("case 1: word before kill 0x%08x (owner pid %d)\n", *w, owner);
    kill(owner, SIGKILL);
    int st; waitpid(owner, &st, 0); waitpid(waiter, &st, 0);
    printf("case 1 (process SIGKILLed holding): %s\n", WEXITSTATUS(st) == 0 ? "OK" : "FAILED"); fails += WEXITSTATUS(st) != 0;

    /* 2. thread exits holding (with glibc robust mutexes linked around ours) */
    *w = 0; pthread_mutex_init(gm, &a);
    pthread_t t; void *args[2] = { w, gm };
    pthread_create(&t, 0, thread_dies_holding, args);
    pthread_join(t, 0);
    double t0 = now_ms();
    int r = lock(w, 1000);
    int g = pthread_mutex_lock(gm);
    printf("case 2 (thread ended holding): lock -> %s in %.3f ms, glibc -> %s: %s\n",
           r == EOWNERDEAD ? "EOWNERDEAD" : "other", now_ms() - t0, g == EOWNERDEAD ? "EOWNERDEAD" : strerror(g),
           r == EOWNERDEAD && g == EOWNERDEAD ? "OK" : "FAILED");
    fails += !(r == EOWNERDEAD && g == EOWNERDEAD);
    unlock(w); pthread_mutex_consistent(gm); pthread_mutex_unlock(gm);
    printf("list after unlocks: head->list=%p head=%p\n", my_head()->list, (void *)my_head());
    fails += my_head()->list != (void *)my_head();

    /* 3. uncontended timing: ours (with list linkage) vs glibc robust pshared */
    const long N = 20000000;
    t0 = now_ms();
    for (long i = 0; i < N; i++) { lock(w, 1000); unlock(w); }
    double ours = (now_ms() - t0) * 1e6 / N;
    t0 = now_ms();
    for (long i = 0; i < N; i++) { pthread_mutex_lock(gm); pthread_mutex_unlock(gm); }
    double glibc = (now_ms() - t0) * 1e6 / N;
    printf("uncontended lock+unlock: ours %.1f ns/op, glibc robust pshared %.1f ns/op\n", ours, glibc);
    return fails;
}
