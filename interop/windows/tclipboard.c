/*
 * tclipboard: a native Windows peer of ipc-clipboard's interop test, written the way a Delphi or C
 * program uses the Win32 clipboard (RegisterClipboardFormatA, OpenClipboard, EmptyClipboard,
 * SetClipboardData with GlobalAlloc(GMEM_MOVEABLE) memory, GetClipboardData, CloseClipboard).
 *
 *   tclipboard write FORMAT HEX   puts the bytes in the registered FORMAT; prints "WRITTEN id"
 *   tclipboard read FORMAT        prints "BYTES hex" (GlobalSize bytes) or "ABSENT"
 *   tclipboard text               prints "TEXT hex" of CF_UNICODETEXT as UTF-8, or "NO-TEXT"
 *   tclipboard hold               opens the clipboard with a window titled "tclipboard holder", prints
 *                                 "HOLDING", and keeps it open until a line arrives on stdin
 * Failures print "FAILED function error" and exit 1.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what) {
    printf("FAILED %s %lu\n", what, GetLastError());
    return 1;
}

static int open_clipboard(HWND owner) {
    for (int i = 0; i < 200; i++) {
        if (OpenClipboard(owner)) {
            return 1;
        }
        Sleep(10);
    }
    return 0;
}

static void print_hex(const char *label, const unsigned char *p, size_t n) {
    printf("%s ", label);
    for (size_t i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 4 && strcmp(argv[1], "write") == 0) {
        UINT format = RegisterClipboardFormatA(argv[2]);
        if (format == 0) {
            return fail("RegisterClipboardFormatA");
        }
        size_t n = strlen(argv[3]) / 2;
        HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, n ? n : 1);
        unsigned char *p = GlobalLock(h);
        for (size_t i = 0; i < n; i++) {
            unsigned int b;
            sscanf(argv[3] + 2 * i, "%2x", &b);
            p[i] = (unsigned char) b;
        }
        GlobalUnlock(h);
        /* SetClipboardData needs an owner window: a message-only one of this program */
        HWND owner = CreateWindowExA(0, "STATIC", "tclipboard", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
        if (!open_clipboard(owner)) {
            return fail("OpenClipboard");
        }
        EmptyClipboard();
        if (SetClipboardData(format, h) == NULL) {
            CloseClipboard();
            return fail("SetClipboardData");
        }
        CloseClipboard();
        printf("WRITTEN %u\n", format);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "read") == 0) {
        UINT format = RegisterClipboardFormatA(argv[2]);
        if (!open_clipboard(NULL)) {
            return fail("OpenClipboard");
        }
        HANDLE h = GetClipboardData(format);
        if (h == NULL) {
            CloseClipboard();
            printf("ABSENT\n");
            return 0;
        }
        print_hex("BYTES", GlobalLock(h), GlobalSize(h));
        GlobalUnlock(h);
        CloseClipboard();
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "text") == 0) {
        if (!open_clipboard(NULL)) {
            return fail("OpenClipboard");
        }
        HANDLE h = GetClipboardData(CF_UNICODETEXT);
        if (h == NULL) {
            CloseClipboard();
            printf("NO-TEXT\n");
            return 0;
        }
        const wchar_t *w = GlobalLock(h);
        char utf8[4096];
        int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, utf8, sizeof utf8, NULL, NULL);
        GlobalUnlock(h);
        CloseClipboard();
        print_hex("TEXT", (const unsigned char *) utf8, n > 0 ? (size_t) n - 1 : 0);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "hold") == 0) {
        HWND owner = CreateWindowExA(0, "STATIC", "tclipboard holder", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
        if (!open_clipboard(owner)) {
            return fail("OpenClipboard");
        }
        printf("HOLDING\n");
        char line[16];
        fgets(line, sizeof line, stdin);
        CloseClipboard();
        return 0;
    }
    printf("usage: tclipboard write FORMAT HEX | read FORMAT | text | hold\n");
    return 2;
}
