/* fixture_util.h — small helpers shared by the scenario tests: read a whole file, and list
 * the *.json files of a folder in name order. Header-only; every function is static. */
#ifndef UPFRONT_FIXTURE_UTIL_H
#define UPFRONT_FIXTURE_UTIL_H

#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <io.h>
#else
#include <dirent.h>
#endif

#define FIXTURE_MAX_FILES 256
#define FIXTURE_MAX_NAME 256

/* Reads path into a NUL-terminated buffer the caller frees; NULL on failure. */
static char *fixture_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

static int fixture_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int fixture_compare_names(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Lists the names (not paths) of dir's files ending in suffix, sorted; returns the count,
 * or -1 when the folder cannot be read. */
static int fixture_list(const char *dir, const char *suffix, char names[][FIXTURE_MAX_NAME], int max)
{
    int n = 0;
#if defined(_WIN32)
    char pattern[FIXTURE_MAX_NAME * 2];
    snprintf(pattern, sizeof pattern, "%s/*%s", dir, suffix);
    struct _finddata_t fd;
    intptr_t h = _findfirst(pattern, &fd);
    if (h == -1)
        return 0;
    do {
        if (n < max && strlen(fd.name) < FIXTURE_MAX_NAME && fixture_ends_with(fd.name, suffix))
            strcpy(names[n++], fd.name);
    } while (_findnext(h, &fd) == 0);
    _findclose(h);
#else
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (n < max && strlen(e->d_name) < FIXTURE_MAX_NAME && fixture_ends_with(e->d_name, suffix))
            strcpy(names[n++], e->d_name);
    }
    closedir(d);
#endif
    qsort(names, (size_t)n, sizeof names[0], fixture_compare_names);
    return n;
}

#endif
