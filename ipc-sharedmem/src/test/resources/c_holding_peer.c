/* A C peer that holds a shared memory object made by Java, as a real user program would.
 *
 *   c_holding_peer hold NAME LENGTH
 *       attach NAME, print "READY <hex of its first LENGTH bytes>", then obey lines on stdin:
 *       "read OFFSET LENGTH" (answers "DATA <hex>"), "exit" (lets go of the object and ends). It holds the object as
 *       interop/c/ipctoolkit_shm.h tells C programs to.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipctoolkit_shm.h"

static void print_hex(const char *prefix, const unsigned char *p, size_t n) {
    printf("%s", prefix);
    for (size_t i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc != 4 || strcmp(argv[1], "hold") != 0) {
        fprintf(stderr, "usage: %s hold NAME LENGTH\n", argv[0]);
        return 2;
    }
    size_t size;
    int fd = ipctoolkit_shm_attach(argv[2], O_RDWR, 5000, &size);
    if (fd < 0) {
        perror("ipctoolkit_shm_attach");
        return 1;
    }
    unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    print_hex("READY ", p, (size_t) atoi(argv[3]));
    char line[256];
    while (fgets(line, sizeof line, stdin) != NULL) {
        unsigned offset, count;
        if (sscanf(line, "read %u %u", &offset, &count) == 2) {
            print_hex("DATA ", p + offset, count);
        } else if (strncmp(line, "exit", 4) == 0) {
            break;
        }
    }
    munmap(p, size);
    ipctoolkit_shm_detach(fd, argv[2]);
    return 0;
}
