/*
 * tsync: a native Windows peer for the ipc-sync interop tests, written as the source documents'
 * Delphi programs call Win32: the ANSI functions (OpenMutexA, OpenEventA, OpenSemaphoreA) on names
 * a Java program created, and WaitForSingleObject.
 *
 *   tsync hold-mutex NAME           open and acquire the mutex, print "OWNED <code>", then wait for a
 *                                   line on stdin: "release" releases it (prints "RELEASED"); any other
 *                                   line or the end of input exits still owning it (abandoning it)
 *   tsync acquire-mutex NAME MS     open the mutex, wait at most MS ms, print "WAIT <code>", release
 *                                   it if taken
 *   tsync wait-event NAME MS        open the event, print "WAITING", wait at most MS ms, print "WAIT <code>"
 *   tsync set-event NAME            open the event, set it, print "SET"
 *   tsync release-semaphore NAME N  open the semaphore, release N, print "PREVIOUS <count>" or
 *                                   "REFUSED <error>"
 *
 * <code> is WaitForSingleObject's result in hex (0x0 signaled, 0x80 abandoned, 0x102 timeout).
 * Failures print "FAILED <function> error <code>" and exit with 1.
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

static void say(const char *text, unsigned long value, int hex) {
    printf(hex ? "%s 0x%lx\n" : "%s %lu\n", text, value);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: tsync COMMAND NAME [ARG]\n");
        return 2;
    }
    const char *command = argv[1];
    const char *name = argv[2];
    if (strcmp(command, "hold-mutex") == 0) {
        HANDLE h = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, name);
        if (h == NULL) {
            return fail("OpenMutexA");
        }
        DWORD r = WaitForSingleObject(h, INFINITE);
        say("OWNED", r, 1);
        char line[64];
        if (fgets(line, sizeof line, stdin) != NULL && strncmp(line, "release", 7) == 0) {
            if (!ReleaseMutex(h)) {
                return fail("ReleaseMutex");
            }
            printf("RELEASED\n");
            fflush(stdout);
        }
        return 0; /* the process ends: a mutex still owned is abandoned */
    }
    if (strcmp(command, "acquire-mutex") == 0 && argc == 4) {
        HANDLE h = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, name);
        if (h == NULL) {
            return fail("OpenMutexA");
        }
        DWORD r = WaitForSingleObject(h, (DWORD) strtoul(argv[3], NULL, 10));
        say("WAIT", r, 1);
        if ((r == WAIT_OBJECT_0 || r == WAIT_ABANDONED) && !ReleaseMutex(h)) {
            return fail("ReleaseMutex");
        }
        CloseHandle(h);
        return 0;
    }
    if (strcmp(command, "wait-event") == 0 && argc == 4) {
        HANDLE h = OpenEventA(SYNCHRONIZE | EVENT_MODIFY_STATE, FALSE, name);
        if (h == NULL) {
            return fail("OpenEventA");
        }
        printf("WAITING\n");
        fflush(stdout);
        say("WAIT", WaitForSingleObject(h, (DWORD) strtoul(argv[3], NULL, 10)), 1);
        CloseHandle(h);
        return 0;
    }
    if (strcmp(command, "set-event") == 0) {
        HANDLE h = OpenEventA(SYNCHRONIZE | EVENT_MODIFY_STATE, FALSE, name);
        if (h == NULL) {
            return fail("OpenEventA");
        }
        if (!SetEvent(h)) {
            return fail("SetEvent");
        }
        printf("SET\n");
        fflush(stdout);
        CloseHandle(h);
        return 0;
    }
    if (strcmp(command, "release-semaphore") == 0 && argc == 4) {
        HANDLE h = OpenSemaphoreA(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, name);
        if (h == NULL) {
            return fail("OpenSemaphoreA");
        }
        LONG previous = -1;
        if (ReleaseSemaphore(h, atol(argv[3]), &previous)) {
            say("PREVIOUS", (unsigned long) previous, 0);
        } else {
            say("REFUSED", GetLastError(), 0);
        }
        CloseHandle(h);
        return 0;
    }
    fprintf(stderr, "tsync: unknown command %s\n", command);
    return 2;
}
