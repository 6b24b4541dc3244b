/* catalog — the scenarios the trainee can pick: every *.json in the data folder's
 * scenarios/ (the JSON Schema excepted), loaded once. The Catalog owns its paths and
 * Scenarios; catalog_free frees them. */
#ifndef UPFRONT_UI_CATALOG_H
#define UPFRONT_UI_CATALOG_H

#include "upfront/scenario.h"

typedef struct CatalogEntry {
    char *path;
    Scenario *scenario; /* NULL when it failed to load */
    char error[300];    /* the first problem when it failed */
    char diags[2000];   /* every error when it failed, one "FILE:LINE:COL: POINTER: message" a line */
    long long mtime;
} CatalogEntry;

typedef struct Catalog {
    CatalogEntry *items;
    int count;
} Catalog;

/* Loads every scenario in dir, easiest first; returns how many loaded. */
int catalog_scan(Catalog *c, const char *dir);
/* Loads one file (or finds the same file already listed); returns its index, or -1 when out of memory. */
int catalog_add(Catalog *c, const char *path);
/* Reloads entry i from disk when its file changed; returns 1 when reloaded (the old
 * Scenario is handed to *old for the caller to free once nothing borrows it), 0 when
 * unchanged, -1 when the new file fails to load (error and diags filled, old kept). */
int catalog_reload(Catalog *c, int i, Scenario **old);
/* Index of the scenario with this id or file name stem, or -1. */
int catalog_find(const Catalog *c, const char *id);
void catalog_free(Catalog *c);

#endif
