/*
 * tcopydata: a native Windows peer for the ipc-copydata interop tests, written as the source
 * documents' Delphi programs call Win32: the ANSI functions, FindWindow + SendMessage(WM_COPYDATA)
 * with a COPYDATASTRUCT, a WndProc with a WM_COPYDATA branch, RegisterWindowMessage.
 *
 *   tcopydata send CLASS TITLE SPEC...   FindWindowExA(HWND_MESSAGE, ...) then FindWindowExA(NULL, ...);
 *                                        print "SENDER <hwnd>" (its own message-only window, the
 *                                        WPARAM of each send), then for each SPEC "DW:PAYLOAD" (PAYLOAD
 *                                        "empty", "hex:414243" or "fill:N": byte i = (i * 7 + 3) & 0xff)
 *                                        SendMessageTimeoutA(WM_COPYDATA, 30 s) and print
 *                                        "RESULT <dw> <length> <lresult>" or "SENDFAILED <dw> <error>"
 *   tcopydata serve CLASS TITLE          a message-only window answering WM_COPYDATA with the sum of
 *                                        the bytes plus dwData * 2^32; prints "READY <hwnd>", then
 *                                        "GOT <dw> <length> <sender>" per message; dwData 0xFFFF ends it
 *   tcopydata listen NAME                RegisterWindowMessageA(NAME), a hidden top-level window;
 *                                        prints "READY <id>", then "GOT <wParam> <lParam>" for the
 *                                        first such message, and exits
 *   tcopydata broadcast NAME W L         PostMessageA(HWND_BROADCAST, RegisterWindowMessageA(NAME), W, L);
 *                                        prints "POSTED <id>"
 *
 * Every window gives up after 60 s (a timer). Failures print "FAILED <function> error <code>" and exit 1.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIT_DWDATA 0xFFFF

static UINT listened;

static int fail(const char *function) {
    printf("FAILED %s error %lu\n", function, (unsigned long) GetLastError());
    fflush(stdout);
    return 1;
}

static LRESULT CALLBACK serve_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam) {
    if (msg == WM_COPYDATA) {
        const COPYDATASTRUCT *cds = (const COPYDATASTRUCT *) lParam;
        unsigned long long sum = 0;
        const unsigned char *p = (const unsigned char *) cds->lpData;
        for (DWORD i = 0; i < cds->cbData; i++) {
            sum += p[i];
        }
        printf("GOT %llu %lu %llu\n", (unsigned long long) cds->dwData, (unsigned long) cds->cbData,
               (unsigned long long) wParam);
        fflush(stdout);
        if (cds->dwData == QUIT_DWDATA) {
            PostQuitMessage(0);
            return 1;
        }
        return (LRESULT) (sum + ((unsigned long long) cds->dwData << 32));
    }
    if (msg == WM_TIMER) {
        PostQuitMessage(2);
        return 0;
    }
    return DefWindowProcA(hwnd, msg, wParam, lParam);
}

static LRESULT CALLBACK listen_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam) {
    if (listened != 0 && msg == listened) {
        printf("GOT %llu %llu\n", (unsigned long long) wParam, (unsigned long long) lParam);
        fflush(stdout);
        PostQuitMessage(0);
        return 0;
    }
    if (msg == WM_TIMER) {
        PostQuitMessage(2);
        return 0;
    }
    return DefWindowProcA(hwnd, msg, wParam, lParam);
}

static HWND make_window(const char *cls, const char *title, WNDPROC proc, HWND parent) {
    WNDCLASSEXA wc;
    memset(&wc, 0, sizeof wc);
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = cls;
    if (!RegisterClassExA(&wc)) {
        return NULL;
    }
    return CreateWindowExA(0, cls, title, 0, 0, 0, 0, 0, parent, NULL, wc.hInstance, NULL);
}

static int loop(HWND hwnd) {
    SetTimer(hwnd, 1, 60000, NULL);
    MSG msg;
    int r;
    while ((r = GetMessageA(&msg, NULL, 0, 0)) > 0) {
        TranslateMessage(&msg);
        DispatchMessageA(&msg);
    }
    if (r < 0) {
        return fail("GetMessageA");
    }
    DestroyWindow(hwnd);
    return (int) msg.wParam;
}

static unsigned char *payload(const char *spec, DWORD *length) {
    unsigned char *data;
    *length = 0;
    if (strncmp(spec, "hex:", 4) == 0) {
        *length = (DWORD) (strlen(spec + 4) / 2);
        data = malloc(*length + 1);
        for (DWORD i = 0; i < *length; i++) {
            unsigned int byte;
            sscanf(spec + 4 + 2 * i, "%2x", &byte);
            data[i] = (unsigned char) byte;
        }
    } else if (strncmp(spec, "fill:", 5) == 0) {
        *length = (DWORD) strtoul(spec + 5, NULL, 10);
        data = malloc(*length + 1);
        for (DWORD i = 0; i < *length; i++) {
            data[i] = (unsigned char) ((i * 7 + 3) & 0xff);
        }
    } else {
        data = malloc(1);
    }
    return data;
}

static int send_all(const char *cls, const char *title, int count, char **specs) {
    HWND target = FindWindowExA(HWND_MESSAGE, NULL, cls, title);
    if (target == NULL) {
        target = FindWindowExA(NULL, NULL, cls, title);
    }
    if (target == NULL) {
        return fail("FindWindowExA");
    }
    HWND self = make_window("tcopydata-sender", "tcopydata sender", DefWindowProcA, HWND_MESSAGE);
    if (self == NULL) {
        return fail("CreateWindowExA");
    }
    printf("SENDER %llu\n", (unsigned long long) (ULONG_PTR) self);
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        char *colon = strchr(specs[i], ':');
        ULONG_PTR dw = (ULONG_PTR) strtoull(specs[i], NULL, 10);
        DWORD length;
        unsigned char *data = payload(colon == NULL ? "empty" : colon + 1, &length);
        COPYDATASTRUCT cds;
        cds.dwData = dw;
        cds.cbData = length;
        cds.lpData = length == 0 ? NULL : data;
        DWORD_PTR result = 0;
        if (SendMessageTimeoutA(target, WM_COPYDATA, (WPARAM) self, (LPARAM) &cds, SMTO_ABORTIFHUNG, 30000, &result)) {
            printf("RESULT %llu %lu %lld\n", (unsigned long long) dw, (unsigned long) length, (long long) result);
        } else {
            printf("SENDFAILED %llu %lu\n", (unsigned long long) dw, (unsigned long) GetLastError());
        }
        fflush(stdout);
        free(data);
    }
    DestroyWindow(self);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "send") == 0) {
        return send_all(argv[2], argv[3], argc - 4, argv + 4);
    }
    if (argc == 4 && strcmp(argv[1], "serve") == 0) {
        HWND hwnd = make_window(argv[2], argv[3], serve_proc, HWND_MESSAGE);
        if (hwnd == NULL) {
            return fail("CreateWindowExA");
        }
        printf("READY %llu\n", (unsigned long long) (ULONG_PTR) hwnd);
        fflush(stdout);
        return loop(hwnd);
    }
    if (argc == 3 && strcmp(argv[1], "listen") == 0) {
        listened = RegisterWindowMessageA(argv[2]);
        if (listened == 0) {
            return fail("RegisterWindowMessageA");
        }
        HWND hwnd = make_window("tcopydata-listener", "tcopydata listener", listen_proc, NULL);
        if (hwnd == NULL) {
            return fail("CreateWindowExA");
        }
        printf("READY %u\n", listened);
        fflush(stdout);
        return loop(hwnd);
    }
    if (argc == 5 && strcmp(argv[1], "broadcast") == 0) {
        UINT id = RegisterWindowMessageA(argv[2]);
        if (id == 0) {
            return fail("RegisterWindowMessageA");
        }
        if (!PostMessageA(HWND_BROADCAST, id, (WPARAM) strtoull(argv[3], NULL, 10), (LPARAM) strtoull(argv[4], NULL, 10))) {
            return fail("PostMessageA");
        }
        printf("POSTED %u\n", id);
        fflush(stdout);
        return 0;
    }
    fprintf(stderr, "usage: tcopydata send CLASS TITLE DW:PAYLOAD... | serve CLASS TITLE | listen NAME | broadcast NAME W L\n");
    return 2;
}
