/* A main() for the fuzz harnesses without libFuzzer: feeds every file named on the command
 * line (or found in a named folder) to LLVMFuzzerTestOneInput once, so the committed corpus
 * runs as an ordinary test in every build. Exit 0 when every input ran, 2 on a read error. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "upfront/file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, 64u * 1024u * 1024u, &buf, &len) != FILE_OK) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    free(buf);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int ran = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            failed++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            failed += run_file(argv[i]) != 0;
            ran++;
            continue;
        }
        DIR *dir = opendir(argv[i]);
        if (!dir) {
            failed++;
            continue;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                char **grown = realloc(names, cap * sizeof *names);
                if (!grown)
                    abort();
                names = grown;
            }
            size_t need = strlen(argv[i]) + strlen(e->d_name) + 2;
            names[n] = malloc(need);
            if (!names[n])
                abort();
            snprintf(names[n], need, "%s/%s", argv[i], e->d_name);
            n++;
        }
        closedir(dir);
        if (n)
            qsort(names, n, sizeof *names, cmp_names);
        for (size_t k = 0; k < n; k++) {
            failed += run_file(names[k]) != 0;
            ran++;
            free(names[k]);
        }
        free(names);
    }
    printf("replayed %d input%s, %d unreadable\n", ran, ran == 1 ? "" : "s", failed);
    return failed ? 2 : (ran ? 0 : 2);
}
