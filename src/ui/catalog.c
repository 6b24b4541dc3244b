/* catalog — the scenarios found in the data folder. */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "platform.h"
#include "upfront/diag.h"

static void first_error(DiagList *d, const char *path, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; d && i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        if (g->severity != DIAG_ERROR)
            continue;
        const char *base = strrchr(path, '/');
        SDL_snprintf(out, cap, "%s:%d:%d: %s%s%s", base ? base + 1 : path, g->line, g->col,
                     g->pointer[0] ? g->pointer : "", g->pointer[0] ? ": " : "", g->message);
        return;
    }
    if (!out[0])
        SDL_snprintf(out, cap, "%s could not be loaded", path);
}

/* Every error, one a line; the last line counts the ones that did not fit. */
static void all_errors(DiagList *d, const char *path, char *out, size_t cap)
{
    out[0] = '\0';
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t used = 0;
    int shown = 0, errors = 0;
    for (int i = 0; d && i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        if (g->severity != DIAG_ERROR)
            continue;
        errors++;
        char line[400];
        SDL_snprintf(line, sizeof line, "%s%s:%d:%d: %s%s%s", used ? "\n" : "", base, g->line, g->col,
                     g->pointer[0] ? g->pointer : "", g->pointer[0] ? ": " : "", g->message);
        size_t n = strlen(line);
        if (shown < 8 && used + n + 40 < cap) {
            memcpy(out + used, line, n + 1);
            used += n;
            shown++;
        }
    }
    if (errors > shown && used + 40 < cap)
        SDL_snprintf(out + used, cap - used, "%s... and %d more", used ? "\n" : "", errors - shown);
}

static Scenario *load(const char *path, char *err, size_t cap, char *diags, size_t dcap)
{
    DiagList *d = diag_list_new();
    if (!d) {
        SDL_strlcpy(err, "out of memory", cap);
        return NULL;
    }
    Scenario *s = scenario_load_file(path, d, NULL);
    if (!s) {
        first_error(d, path, err, cap);
        all_errors(d, path, diags, dcap);
        if (!diags[0])
            SDL_strlcpy(diags, err, dcap);
    }
    diag_list_free(d);
    return s;
}

static int append(Catalog *c, const char *path)
{
    CatalogEntry *n = realloc(c->items, (size_t)(c->count + 1) * sizeof *n);
    if (!n)
        return -1;
    c->items = n;
    CatalogEntry *e = &c->items[c->count];
    memset(e, 0, sizeof *e);
    e->path = SDL_strdup(path);
    if (!e->path)
        return -1;
    e->mtime = platform_mtime(path);
    e->scenario = load(path, e->error, sizeof e->error, e->diags, sizeof e->diags);
    return c->count++;
}

/* Easiest first (a tutorial before the quarter), files that failed to load last. */
static int compare_entries(const void *a, const void *b)
{
    const CatalogEntry *x = a, *y = b;
    int dx = x->scenario ? scenario_difficulty(x->scenario) : 99;
    int dy = y->scenario ? scenario_difficulty(y->scenario) : 99;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return strcmp(x->path, y->path);
}

int catalog_scan(Catalog *c, const char *dir)
{
    PathList list;
    int loaded = 0;
    if (platform_list_json(dir, &list) != 0)
        return 0;
    for (int i = 0; i < list.count; i++) {
        const char *p = list.paths[i];
        size_t n = strlen(p);
        if (n > 12 && strcmp(p + n - 12, ".schema.json") == 0)
            continue;
        int k = append(c, p);
        if (k >= 0 && c->items[k].scenario)
            loaded++;
    }
    platform_list_free(&list);
    if (c->count > 1)
        qsort(c->items, (size_t)c->count, sizeof *c->items, compare_entries);
    return loaded;
}

int catalog_add(Catalog *c, const char *path)
{
    for (int i = 0; i < c->count; i++)
        if (strcmp(c->items[i].path, path) == 0 || platform_same_file(c->items[i].path, path))
            return i;
    return append(c, path);
}

int catalog_reload(Catalog *c, int i, Scenario **old)
{
    *old = NULL;
    if (i < 0 || i >= c->count)
        return 0;
    CatalogEntry *e = &c->items[i];
    long long m = platform_mtime(e->path);
    if (m == e->mtime)
        return 0;
    e->mtime = m;
    char err[300];
    Scenario *s = load(e->path, err, sizeof err, e->diags, sizeof e->diags);
    if (!s) {
        SDL_strlcpy(e->error, err, sizeof e->error);
        return -1;
    }
    e->error[0] = '\0';
    e->diags[0] = '\0';
    *old = e->scenario;
    e->scenario = s;
    return 1;
}

int catalog_find(const Catalog *c, const char *id)
{
    for (int i = 0; i < c->count; i++) {
        const CatalogEntry *e = &c->items[i];
        if (e->scenario && strcmp(scenario_id(e->scenario), id) == 0)
            return i;
    }
    for (int i = 0; i < c->count; i++) {
        const char *base = strrchr(c->items[i].path, '/');
        base = base ? base + 1 : c->items[i].path;
        size_t n = strlen(id);
        if (strncmp(base, id, n) == 0 && strcmp(base + n, ".json") == 0)
            return i;
    }
    return -1;
}

void catalog_free(Catalog *c)
{
    for (int i = 0; i < c->count; i++) {
        free(c->items[i].path);
        scenario_free(c->items[i].scenario);
    }
    free(c->items);
    c->items = NULL;
    c->count = 0;
}
