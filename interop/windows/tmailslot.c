/*
 * tmailslot: a native Windows peer for the ipc-mailslot interop tests, written as the source
 * documents' ChienIPC unit calls Win32: the ANSI functions, GetMailslotInfo before each ReadFile, and
 * a client opened as Microsoft's sample opens one (CreateFileA, GENERIC_WRITE, FILE_SHARE_READ).
 *
 *   tmailslot serve NAME MAX     CreateMailslotA("\\.\mailslot\NAME", MAX, 10000 ms), print "READY",
 *                                then obey lines on stdin:
 *                                  info  print "INFO <max> <next> <count>" (next -1: no message)
 *                                  read  GetMailslotInfo, then ReadFile of that size: print
 *                                        "MSG <length> <hex>", "MSG 0 broken-pipe" when ReadFile
 *                                        fails with ERROR_BROKEN_PIPE (Wine 8 on a 0-byte message),
 *                                        "NONE" if no message waits, or "READFAILED <error>"
 *                                  quit  close and exit
 *   tmailslot send NAME MSG...   CreateFileA("\\.\mailslot\NAME") and one WriteFile per MSG: "empty",
 *                                "hex:414243", or "fill:N" (N bytes, byte i = (i * 7 + 3) & 0xff);
 *                                print "SENT <length>" or "WRITEFAILED <length> <error>" for each
 *
 * Failures to open print "FAILED <function> error <code>" and exit with 1.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *function) {
    printf("FAILED %s error %lu\n", function, (unsigned long) GetLastError());
    fflush(stdout);
    return 1;
}

static void slot_name(char *out, size_t size, const char *name) {
    snprintf(out, size, "\\\\.\\mailslot\\%s", name);
}

static int serve(const char *name, DWORD max) {
    char path[300];
    slot_name(path, sizeof path, name);
    HANDLE slot = CreateMailslotA(path, max, 10000, NULL);
    if (slot == INVALID_HANDLE_VALUE) {
        return fail("CreateMailslotA");
    }
    printf("READY\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        DWORD maxSize = 0, next = 0, count = 0, timeout = 0;
        if (!GetMailslotInfo(slot, &maxSize, &next, &count, &timeout)) {
            return fail("GetMailslotInfo");
        }
        if (strncmp(line, "info", 4) == 0) {
            printf("INFO %lu %ld %lu\n", (unsigned long) maxSize, (long) (LONG) next, (unsigned long) count);
        } else if (strncmp(line, "read", 4) == 0) {
            if (next == MAILSLOT_NO_MESSAGE) {
                printf("NONE\n");
            } else {
                unsigned char *buffer = malloc(next + 1);
                DWORD n = 0;
                if (buffer == NULL) {
                    return fail("malloc");
                }
                if (ReadFile(slot, buffer, next + 1, &n, NULL)) {
                    printf("MSG %lu ", (unsigned long) n);
                    for (DWORD i = 0; i < n; i++) {
                        printf("%02x", buffer[i]);
                    }
                    printf("\n");
                } else if (GetLastError() == ERROR_BROKEN_PIPE) {
                    printf("MSG 0 broken-pipe\n");
                } else {
                    printf("READFAILED %lu\n", (unsigned long) GetLastError());
                }
                free(buffer);
            }
        } else if (strncmp(line, "quit", 4) == 0) {
            break;
        }
        fflush(stdout);
    }
    CloseHandle(slot);
    return 0;
}

static int send_messages(const char *name, int count, char **messages) {
    char path[300];
    slot_name(path, sizeof path, name);
    HANDLE h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        return fail("CreateFileA");
    }
    for (int m = 0; m < count; m++) {
        const char *spec = messages[m];
        unsigned char *data = NULL;
        DWORD length = 0;
        if (strncmp(spec, "hex:", 4) == 0) {
            length = (DWORD) (strlen(spec + 4) / 2);
            data = malloc(length + 1);
            for (DWORD i = 0; i < length; i++) {
                unsigned int byte;
                sscanf(spec + 4 + 2 * i, "%2x", &byte);
                data[i] = (unsigned char) byte;
            }
        } else if (strncmp(spec, "fill:", 5) == 0) {
            length = (DWORD) strtoul(spec + 5, NULL, 10);
            data = malloc(length + 1);
            for (DWORD i = 0; i < length; i++) {
                data[i] = (unsigned char) ((i * 7 + 3) & 0xff);
            }
        } else {
            data = malloc(1);
        }
        DWORD written = 0;
        if (WriteFile(h, data, length, &written, NULL)) {
            printf("SENT %lu\n", (unsigned long) written);
        } else {
            printf("WRITEFAILED %lu %lu\n", (unsigned long) length, (unsigned long) GetLastError());
        }
        fflush(stdout);
        free(data);
    }
    CloseHandle(h);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "serve") == 0) {
        return serve(argv[2], (DWORD) strtoul(argv[3], NULL, 10));
    }
    if (argc >= 3 && strcmp(argv[1], "send") == 0) {
        return send_messages(argv[2], argc - 3, argv + 3);
    }
    fprintf(stderr, "usage: tmailslot serve NAME MAX | tmailslot send NAME MSG...\n");
    return 2;
}
