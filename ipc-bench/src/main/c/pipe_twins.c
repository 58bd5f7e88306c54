/*
 * pipe_twins.c - the C twins of PipeBenchmark (ipc-bench), on one AF_UNIX stream socket between two
 * threads, as the Linux backend of ipc-pipe uses.
 *
 *   pipeWrite64K     the client writes 64 KiB; a server thread reads and discards everything
 *                    (Java: a 64 KiB write to a byte pipe drained by its server)
 *   pipeRoundTrip64  the client writes a 64-byte message framed by its 4-byte length; the server
 *                    thread reads the frame and writes it back; the client reads the whole reply
 *                    (Java: PipeConnection.transact of 64 bytes to an echoing server)
 *
 * The sockets live at /dev/shm/PREFIX-pipe-*.sock (default prefix ipcbench-pipe-c-<pid>), removed on
 * every exit path, also on SIGINT/SIGTERM/SIGHUP.
 *
 * Build: gcc -O2 -Wall -Wextra -o pipe_twins pipe_twins.c -lm -lpthread
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

#define CHUNK (64 * 1024)
#define MESSAGE 64

static struct sockaddr_un addresses[2];
static volatile sig_atomic_t bound[2];
static int client = -1;

static void cleanup(void)
{
    for (int i = 0; i < 2; i++) {
        if (bound[i]) {
            bound[i] = 0;
            unlink(addresses[i].sun_path);
        }
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void *drain(void *listening)
{
    static unsigned char buffer[CHUNK];
    int fd = accept(*(int *)listening, NULL, NULL);
    if (fd < 0)
        bench_die_errno("accept");
    while (read(fd, buffer, sizeof buffer) > 0) {
    }
    close(fd);
    return NULL;
}

static void *echo(void *listening)
{
    unsigned char frame[4 + MESSAGE];
    int fd = accept(*(int *)listening, NULL, NULL);
    if (fd < 0)
        bench_die_errno("accept");
    for (;;) {
        uint32_t length;
        if (bench_read_full(fd, &length, 4) != 0 || length != MESSAGE || bench_read_full(fd, frame + 4, length) != 0)
            break;
        memcpy(frame, &length, 4);
        bench_write_full(fd, frame, 4 + length);
    }
    close(fd);
    return NULL;
}

static void write_chunk(void)
{
    static unsigned char chunk[CHUNK];
    bench_write_full(client, chunk, sizeof chunk);
}

static void round_trip(void)
{
    unsigned char frame[4 + MESSAGE];
    uint32_t length = MESSAGE;
    memset(frame + 4, 1, MESSAGE);
    memcpy(frame, &length, 4);
    bench_write_full(client, frame, sizeof frame);
    if (bench_read_full(client, &length, 4) != 0 || length != MESSAGE || bench_read_full(client, frame + 4, length) != 0)
        bench_die("bad reply");
}

static void run(int index, const char *label, void *(*server)(void *), void (*op)(void), const struct bench_options *o)
{
    pthread_t thread;
    int listening = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listening < 0 || client < 0)
        bench_die_errno("socket");
    if (bind(listening, (struct sockaddr *)&addresses[index], sizeof addresses[index]) != 0)
        bench_die_errno("bind");
    bound[index] = 1;
    if (listen(listening, 8) != 0)
        bench_die_errno("listen");
    if (pthread_create(&thread, NULL, server, &listening) != 0)
        bench_die("pthread_create");
    if (connect(client, (struct sockaddr *)&addresses[index], sizeof addresses[index]) != 0)
        bench_die_errno("connect");

    bench_run(label, op, o->warmup_rounds, o->warmup_s, o->rounds, o->round_s);

    close(client);
    pthread_join(thread, NULL);
    close(listening);
}

int main(int argc, char **argv)
{
    struct bench_options o;
    const char *kinds[2] = {"drain", "echo"};

    bench_program = "pipe_twins";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-pipe-c", &o);
    for (int i = 0; i < 2; i++) {
        memset(&addresses[i], 0, sizeof addresses[i]);
        addresses[i].sun_family = AF_UNIX;
        if (snprintf(addresses[i].sun_path, sizeof addresses[i].sun_path, "/dev/shm/%s-pipe-%s.sock", o.prefix, kinds[i])
            >= (int)sizeof addresses[i].sun_path)
            bench_die("the socket path is too long for sun_path");
    }
    bench_on_signals(on_signal);

    run(0, "pipeWrite64K", drain, write_chunk, &o);
    run(1, "pipeRoundTrip64", echo, round_trip, &o);
    cleanup();
    return 0;
}
