/*
 * mailslot_twins.c - the C twin of MailslotBenchmark (ipc-bench).
 *
 * What it measures, per operation, one line each under the Java method's name:
 *   send64Read   one 64-byte datagram sent on an AF_UNIX SOCK_DGRAM socket to a bound one (sendto) and
 *                received there (recv into a fresh malloc'd buffer, freed), on one thread
 *                (Java: MailslotClient.send(64 bytes) + MailslotServer.read())
 *   listenerLatency  one 64-byte datagram sent by this thread and received by a reader thread blocked
 *                in poll() + recv(), which then wakes this thread through a futex word; the time from
 *                the send to the wake (Java: send + a MailslotReader delivering to a listener that
 *                unparks the sender)
 *
 * The socket lives at /dev/shm/PREFIX-mailslot.sock (default prefix ipcbench-mailslot-c-<pid>),
 * removed on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 *
 * Build: gcc -O2 -Wall -Wextra -o mailslot_twins mailslot_twins.c -lm -lpthread
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#define MESSAGE 64

static struct sockaddr_un address;
static volatile sig_atomic_t bound;
static int server = -1, client = -1;
static char message[MESSAGE];
static uint32_t delivered;
static volatile int stopping;

static void cleanup(void)
{
    if (bound) {
        bound = 0;
        unlink(address.sun_path);
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static long futex(uint32_t *word, int op, uint32_t val)
{
    return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

static void send_one(void)
{
    if (sendto(client, message, MESSAGE, 0, (struct sockaddr *)&address, sizeof address) != MESSAGE)
        bench_die_errno("sendto");
}

static void send64_read(void)
{
    char *copy;
    ssize_t n;
    send_one();
    copy = malloc(MESSAGE);
    if (copy == NULL)
        bench_die("malloc");
    n = recv(server, copy, MESSAGE, 0);
    if (n != MESSAGE)
        bench_die_errno("recv");
    free(copy);
}

static void *reader(void *unused)
{
    char buffer[MESSAGE];
    (void)unused;
    for (;;) {
        struct pollfd p = { .fd = server, .events = POLLIN };
        if (poll(&p, 1, -1) < 0 && errno != EINTR)
            bench_die_errno("poll");
        if (stopping)
            return NULL;
        if (recv(server, buffer, sizeof buffer, MSG_DONTWAIT) < 0) {
            if (errno == EAGAIN)
                continue;
            bench_die_errno("recv");
        }
        __atomic_store_n(&delivered, 1, __ATOMIC_RELEASE);
        futex(&delivered, FUTEX_WAKE, 1);
    }
}

static void listener_latency(void)
{
    send_one();
    for (;;) {
        uint32_t one = 1;
        if (__atomic_compare_exchange_n(&delivered, &one, 0, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
        if (futex(&delivered, FUTEX_WAIT, 0) < 0 && errno != EAGAIN && errno != EINTR)
            bench_die_errno("FUTEX_WAIT");
    }
}

int main(int argc, char **argv)
{
    struct bench_options o;
    pthread_t thread;

    bench_program = "mailslot_twins";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-mailslot-c", &o);
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (snprintf(address.sun_path, sizeof address.sun_path, "/dev/shm/%s-mailslot.sock", o.prefix)
        >= (int)sizeof address.sun_path)
        bench_die("the socket path is too long for sun_path");
    bench_on_signals(on_signal);
    memset(message, 'm', sizeof message);

    server = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    client = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (server < 0 || client < 0)
        bench_die_errno("socket");
    if (bind(server, (struct sockaddr *)&address, sizeof address) != 0)
        bench_die_errno("bind");
    bound = 1;

    bench_run("send64Read", send64_read, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);

    if (pthread_create(&thread, NULL, reader, NULL) != 0)
        bench_die("pthread_create");
    bench_run("listenerLatency", listener_latency, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);
    stopping = 1;
    send_one();
    pthread_join(thread, NULL);

    close(server);
    close(client);
    cleanup();
    return 0;
}
