/*
 * tpipe: a native Windows peer of ipc-pipe's interop test, using named pipes the way a Delphi or C
 * program does (CreateNamedPipeA, ConnectNamedPipe, ReadFile with ERROR_MORE_DATA, WriteFile,
 * WaitNamedPipeA, CreateFileA, SetNamedPipeHandleState, TransactNamedPipe).
 *
 *   tpipe server NAME      a message pipe, one instance; prints "READY", serves one client: answers each
 *                          message M with "c:" M; prints "END n" (messages served) when the client closes
 *   tpipe client NAME M... connects (message reads), transacts each M and prints "REPLY text";
 *                          an M of the form big:N sends N bytes of 'x' and prints "REPLY-LEN n"
 * Failures print "FAILED function error" and exit 1.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what) {
    printf("FAILED %s %lu\n", what, GetLastError());
    return 1;
}

static char *read_message(HANDLE h, DWORD *length) {
    DWORD size = 4096, used = 0;
    char *buf = malloc(size);
    for (;;) {
        DWORD n = 0;
        BOOL ok = ReadFile(h, buf + used, size - used, &n, NULL);
        used += n;
        if (ok) {
            *length = used;
            return buf;
        }
        if (GetLastError() != ERROR_MORE_DATA) {
            free(buf);
            return NULL;
        }
        size *= 2;
        buf = realloc(buf, size);
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 3) {
        printf("usage: tpipe server NAME | client NAME MESSAGE...\n");
        return 2;
    }
    char path[512];
    snprintf(path, sizeof path, "\\\\.\\pipe\\%s", argv[2]);
    if (strcmp(argv[1], "server") == 0) {
        HANDLE h = CreateNamedPipeA(path, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                    1, 65536, 65536, 0, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            return fail("CreateNamedPipeA");
        }
        printf("READY\n");
        if (!ConnectNamedPipe(h, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) {
            return fail("ConnectNamedPipe");
        }
        int served = 0;
        for (;;) {
            DWORD n;
            char *m = read_message(h, &n);
            if (m == NULL) {
                break;
            }
            char *reply = malloc(n + 2);
            reply[0] = 'c';
            reply[1] = ':';
            memcpy(reply + 2, m, n);
            DWORD written;
            if (!WriteFile(h, reply, n + 2, &written, NULL)) {
                return fail("WriteFile");
            }
            free(reply);
            free(m);
            served++;
        }
        printf("END %d\n", served);
        DisconnectNamedPipe(h);
        CloseHandle(h);
        return 0;
    }
    if (strcmp(argv[1], "client") == 0) {
        if (!WaitNamedPipeA(path, 30000)) {
            return fail("WaitNamedPipeA");
        }
        HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            return fail("CreateFileA");
        }
        DWORD mode = PIPE_READMODE_MESSAGE;
        if (!SetNamedPipeHandleState(h, &mode, NULL, NULL)) {
            return fail("SetNamedPipeHandleState");
        }
        for (int i = 3; i < argc; i++) {
            const char *m = argv[i];
            DWORD len = (DWORD) strlen(m);
            char *big = NULL;
            if (strncmp(m, "big:", 4) == 0) {
                len = (DWORD) atol(m + 4);
                big = malloc(len);
                memset(big, 'x', len);
                m = big;
            }
            char first[4096];
            DWORD n = 0;
            BOOL ok = TransactNamedPipe(h, (void *) m, len, first, sizeof first, &n, NULL);
            if (!ok && GetLastError() != ERROR_MORE_DATA) {
                return fail("TransactNamedPipe");
            }
            DWORD total = n;
            if (!ok) {
                DWORD rest;
                char *more = read_message(h, &rest);
                if (more == NULL) {
                    return fail("ReadFile");
                }
                total += rest;
                free(more);
            }
            if (big != NULL) {
                printf("REPLY-LEN %lu\n", total);
                free(big);
            } else {
                printf("REPLY %.*s\n", (int) n, first);
            }
        }
        CloseHandle(h);
        return 0;
    }
    printf("usage: tpipe server NAME | client NAME MESSAGE...\n");
    return 2;
}
