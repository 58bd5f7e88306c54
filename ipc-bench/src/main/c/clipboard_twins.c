/*
 * clipboard_twins.c - the twin of ClipboardBenchmark (ipc-bench): xclip, the X11 clipboard tool
 * nobody here wrote.
 *
 *   setAndRead1MB  `xclip -selection clipboard -i < FILE` puts 1 MB of text on the clipboard (xclip
 *                  stays in the background to serve it), then `xclip -selection clipboard -o` reads it
 *                  back in another process, through one sh -c per operation, as a shell user would
 *                  (Java: Clipboard.setText of 1 MB here, read back by a partner JVM)
 *
 * The text lives in /dev/shm/PREFIX-clipboard.txt, removed on every exit path. Needs DISPLAY. The
 * background xclip gets /dev/null as output: it would otherwise hold the twin's output pipe open.
 *
 * Build: gcc -O2 -Wall -Wextra -o clipboard_twins clipboard_twins.c -lm
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SIZE 1000000

static char path[300];
static char command[800];
static volatile sig_atomic_t written;

static void cleanup(void)
{
    if (written) {
        written = 0;
        unlink(path);
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void set_and_read(void)
{
    if (system(command) != 0)
        bench_die("xclip failed (is DISPLAY an X server, and xclip installed?)");
}

int main(int argc, char **argv)
{
    struct bench_options o;
    bench_program = "clipboard_twins";
    bench_cleanup = cleanup;
    bench_parse_options(argc, argv, "ipcbench-clipboard-c", &o);
    bench_on_signals(on_signal);
    snprintf(path, sizeof path, "/dev/shm/%s-clipboard.txt", o.prefix);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        bench_die_errno("fopen");
    written = 1;
    for (int i = 0; i < SIZE; i++)
        fputc('a', f);
    if (fclose(f) != 0)
        bench_die_errno("fclose");
    snprintf(command, sizeof command,
             "xclip -selection clipboard -i < '%s' > /dev/null 2>&1 && xclip -selection clipboard -o | wc -c | grep -qx %d", path, SIZE);
    bench_run("setAndRead1MB", set_and_read, o.warmup_rounds, o.warmup_s, o.rounds, o.round_s);
    cleanup();
    return 0;
}
