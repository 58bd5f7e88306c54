/*
 * copydata_twins.c - the C twin of CopyDataBenchmark (ipc-bench).
 *
 *   roundTrip64  a client thread writes a request (a 24-byte header: type, sender, dwData, length;
 *                then 64 bytes) on an AF_UNIX stream socket; a server thread reads it whole and writes
 *                an 8-byte answer (the byte count); the client reads the answer
 *                (Java: CopyDataSender.send of 64 bytes to a CopyDataWindow of the same JVM)
 *
 * The socket lives at /dev/shm/PREFIX-copydata.sock (default prefix ipcbench-copydata-c-<pid>),
 * removed on every exit path, also on SIGINT/SIGTERM/SIGHUP.
 *
 * Build: gcc -O2 -Wall -Wextra -o copydata_twins copydata_twins.c -lm -lpthread
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define PAYLOAD 64
#define HEADER 24

static struct sockaddr_un address;
static volatile sig_atomic_t bound;
static int client = -1;

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

static void *server(void *listening)
{
    int fd = accept(*(int *)listening, NULL, NULL);
    unsigned char request[HEADER + PAYLOAD];
    if (fd < 0)
        bench_die_errno("accept");
    for (;;) {
        uint64_t answer = PAYLOAD;
        if (bench_read_full(fd, request, sizeof request) != 0)
            break;
        bench_write_full(fd, &answer, sizeof answer);
    }
    close(fd);
    return NULL;
}

static void round_trip(void)
{
    unsigned char request[HEADER + PAYLOAD];
    uint64_t answer;
    memset(request, 1, sizeof request);
    bench_write_full(client, request, sizeof request);
    if (bench_read_full(client, &answer, sizeof answer) != 0 || answer != PAYLOAD)
        bench_die("bad answer");
}

int main(int argc, char **argv)
{
    struct bench_options o;
    pthread_t thread;
    int listening;

    bench_program = "copydata_twins";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-copydata-c", &o);
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (snprintf(address.sun_path, sizeof address.sun_path, "/dev/shm/%s-copydata.sock", o.prefix)
        >= (int)sizeof address.sun_path)
        bench_die("the socket path is too long for sun_path");
    bench_on_signals(on_signal);

    listening = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listening < 0 || client < 0)
        bench_die_errno("socket");
    if (bind(listening, (struct sockaddr *)&address, sizeof address) != 0)
        bench_die_errno("bind");
    bound = 1;
    if (listen(listening, 8) != 0)
        bench_die_errno("listen");
    if (pthread_create(&thread, NULL, server, &listening) != 0)
        bench_die("pthread_create");
    if (connect(client, (struct sockaddr *)&address, sizeof address) != 0)
        bench_die_errno("connect");

    bench_run("roundTrip64", round_trip, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);

    close(client);
    pthread_join(thread, NULL);
    close(listening);
    cleanup();
    return 0;
}
