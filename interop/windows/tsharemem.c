/*
 * tsharemem: a native Windows peer for the interop tests, written the way the source documents'
 * Delphi 7 programs work: ANSI functions (CreateFileMappingA, OpenFileMappingA), a paging-file
 * backed mapping, and the TShareMem record cast onto the view.
 *
 *   tsharemem write NAME   create the mapping, write id '8888', name 'Terry', age 25, print READY and
 *                          the record's bytes, hold it until a line arrives on stdin, then unmap and close
 *   tsharemem read NAME    open the mapping, print its record's fields and bytes, unmap and close
 *
 * Output lines: "READY", "FIELDS id=<id> name=<name> age=<age>", "HEX <36 bytes in hex>";
 * failures print "FAILED <function> error <code>" and exit with 1.
 */
#include <windows.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Delphi: TShareMem = record id: string[10]; name: string[20]; age: Integer; end;  ({$A8}) */
typedef struct {
    unsigned char id[11];   /* ShortString: length byte + 10 characters */
    unsigned char name[21]; /* ShortString: length byte + 20 characters */
    int age;                /* Integer, aligned to 4: offset 32 */
} TShareMem;

_Static_assert(offsetof(TShareMem, name) == 11, "name at 11");
_Static_assert(offsetof(TShareMem, age) == 32, "age at 32");
_Static_assert(sizeof(TShareMem) == 36, "SizeOf(TShareMem) = 36");

static int fail(const char *function) {
    printf("FAILED %s error %lu\n", function, (unsigned long) GetLastError());
    fflush(stdout);
    return 1;
}

static void put_short_string(unsigned char *field, size_t capacity, const char *text) {
    size_t n = strlen(text);
    if (n > capacity) {
        n = capacity;
    }
    memset(field, 0, capacity + 1);
    field[0] = (unsigned char) n;
    memcpy(field + 1, text, n);
}

static void print_record(const TShareMem *p) {
    const unsigned char *bytes = (const unsigned char *) p;
    size_t i;
    printf("FIELDS id=%.*s name=%.*s age=%d\n", p->id[0] > 10 ? 10 : p->id[0], (const char *) p->id + 1,
           p->name[0] > 20 ? 20 : p->name[0], (const char *) p->name + 1, p->age);
    printf("HEX ");
    for (i = 0; i < sizeof(TShareMem); i++) {
        printf("%02x", bytes[i]);
    }
    printf("\n");
    fflush(stdout);
}

static int write_record(const char *name) {
    char line[64];
    HANDLE mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(TShareMem), name);
    TShareMem *p;
    if (mapping == NULL) {
        return fail("CreateFileMappingA");
    }
    if (GetLastError() == ERROR_ALREADY_EXISTS) {
        CloseHandle(mapping);
        SetLastError(ERROR_ALREADY_EXISTS);
        return fail("CreateFileMappingA");
    }
    p = (TShareMem *) MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(TShareMem));
    if (p == NULL) {
        CloseHandle(mapping);
        return fail("MapViewOfFile");
    }
    put_short_string(p->id, 10, "8888");
    put_short_string(p->name, 20, "Terry");
    p->age = 25;
    print_record(p);
    printf("READY\n");
    fflush(stdout);
    fgets(line, sizeof line, stdin);
    UnmapViewOfFile(p);
    CloseHandle(mapping);
    printf("CLOSED\n");
    return 0;
}

static int read_record(const char *name) {
    HANDLE mapping = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    TShareMem *p;
    if (mapping == NULL) {
        return fail("OpenFileMappingA");
    }
    p = (TShareMem *) MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(TShareMem));
    if (p == NULL) {
        CloseHandle(mapping);
        return fail("MapViewOfFile");
    }
    print_record(p);
    UnmapViewOfFile(p);
    CloseHandle(mapping);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "write") == 0) {
        return write_record(argv[2]);
    }
    if (argc == 3 && strcmp(argv[1], "read") == 0) {
        return read_record(argv[2]);
    }
    fprintf(stderr, "usage: tsharemem write|read NAME\n");
    return 2;
}
