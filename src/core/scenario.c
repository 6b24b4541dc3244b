/* scenario — loads, validates and copies a format-1 scenario.
 *
 * json_strict scans the bytes (syntax, positions) and cJSON builds the tree; this file
 * walks the tree with the JSON pointer of where it is, checks every key against what the
 * format allows at that place, and copies what it keeps into a Scenario whose strings live
 * in one arena. It reports every problem it can find, then sorts them by position. */
#include "upfront/scenario.h"
#include "upfront/alloc.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include "json_strict.h"
#include "upfront/file.h"

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MAX_NAME_BYTES 200
#define MAX_TEXT_BYTES 600
#define MAX_ID_CHARS 40
#define MAX_DIAGS 500                   /* per load; the rest are counted */
#define MAX_DAYS (26 * 7)

/* ---------------------------------------------------------------- the arena */

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    char data[];
} ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
} Arena;

static char *arena_strdup(Arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = alloc_malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    return p;
}

static void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        alloc_free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---------------------------------------------------------------- the scenario */

struct Scenario {
    Arena arena;
    const char *id, *title, *summary;
    int difficulty;
    char currency[4];
    char hash[17];
    Calendar calendar;
    EnergyRules energy;
    int64_t budget, quota;
    PrepareAction research[RESEARCH_COUNT];
    PrepareAction value_proposition;
    ChannelRules channels[CHANNEL_COUNT];
    ProgressStep steps[SCENARIO_MAX_STEPS];
    int step_count;
    CloseRules close;
    Prospect prospects[SCENARIO_MAX_PROSPECTS];
    int prospect_count;
    ScenarioEvent events[SCENARIO_MAX_EVENTS];
    int event_count;
    GameRules rules;
    ScoringRules scoring;
};

/* ---------------------------------------------------------------- validation context */

typedef struct Suggestion {
    const cJSON *object;
    const char *key;
} Suggestion;

typedef struct V {
    const JsonDoc *doc;
    DiagList *diags;
    Scenario *s;
    char *path;
    size_t path_len, path_cap;
    int shown, hidden; /* diagnostics added, and left out past MAX_DIAGS */
    int oom;
    Suggestion *sugg;
    int sugg_count, sugg_cap;
} V;

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

static void report_v(V *v, DiagSeverity sev, int at_key, const char *fmt, va_list ap)
    PRINTF_LIKE(4, 0);
static void report_v(V *v, DiagSeverity sev, int at_key, const char *fmt, va_list ap)
{
    if (v->shown >= MAX_DIAGS) {
        v->hidden++;
        return;
    }
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const JsonLoc *loc = json_doc_find(v->doc, v->path);
    int line = 1, col = 1;
    if (loc) {
        line = at_key && loc->key_line ? loc->key_line : loc->line;
        col = at_key && loc->key_line ? loc->key_col : loc->col;
    }
    if (diag_add(v->diags, sev, line, col, v->path, "%s", msg) != 0)
        v->oom = 1;
    v->shown++;
}

/* An error about the value at the current path. */
static void err(V *v, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void err(V *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(v, DIAG_ERROR, 0, fmt, ap);
    va_end(ap);
}

/* An error about the member name at the current path. */
static void err_key(V *v, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void err_key(V *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(v, DIAG_ERROR, 1, fmt, ap);
    va_end(ap);
}

static void warn(V *v, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void warn(V *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(v, DIAG_WARNING, 0, fmt, ap);
    va_end(ap);
}

static size_t push_key(V *v, const char *key)
{
    size_t mark = v->path_len;
    if (json_pointer_append_len(&v->path, &v->path_len, &v->path_cap, key) != 0)
        v->oom = 1;
    return mark;
}

static size_t push_index(V *v, int i)
{
    char seg[24];
    snprintf(seg, sizeof seg, "%d", i);
    return push_key(v, seg);
}

static void pop(V *v, size_t mark)
{
    v->path_len = mark;
    if (v->path)
        v->path[mark] = '\0';
}

/* ---------------------------------------------------------------- describing values */

static const char *type_phrase(const cJSON *it)
{
    if (cJSON_IsObject(it))
        return "an object";
    if (cJSON_IsArray(it))
        return "an array";
    if (cJSON_IsString(it))
        return "a string";
    if (cJSON_IsNumber(it))
        return "a number";
    if (cJSON_IsTrue(it))
        return "true";
    if (cJSON_IsFalse(it))
        return "false";
    return "null";
}

/* The source text of the value at the current path, cut to about max bytes. */
static void source_text(V *v, char *out, size_t outsz, size_t max)
{
    if (v->shown >= MAX_DIAGS) { /* nothing more is shown: skip the look-up */
        out[0] = '\0';
        return;
    }
    size_t n = 0;
    const JsonLoc *loc = json_doc_find(v->doc, v->path);
    const char *t = json_doc_text(v->doc, loc, &n);
    int cut = 0;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    snprintf(out, outsz, "%.*s%s", (int)n, t, cut ? (t[0] == '"' ? "...\"" : "...") : "");
}

/* "found ..." for a value of the wrong type or out of range: numbers as written. */
static void found(V *v, const cJSON *it, char *out, size_t outsz)
{
    if (cJSON_IsNumber(it))
        source_text(v, out, outsz, 40);
    else
        snprintf(out, outsz, "%s", type_phrase(it));
}

/* ---------------------------------------------------------------- did you mean */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment distance, ignoring ASCII case; -1 when a string is too long. */
static int edit_distance(const char *a, const char *b)
{
    enum { N = 48 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= N || lb >= N)
        return -1;
    int d[N][N];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1]) &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* The candidate closest to word, if it is close enough to be a likely slip; else NULL.
 * NULL candidates (ids that failed to validate) are skipped, and so are those whose flag in
 * skip (when given) is set (keys the object already has). */
static const char *closest(const char *word, const char *const *cands, int n, const char *skip)
{
    const char *best = NULL;
    int best_d = 1 << 30;
    size_t lw = strlen(word);
    for (int i = 0; i < n; i++) {
        if (!cands[i] || (skip && skip[i]))
            continue;
        int d = edit_distance(word, cands[i]);
        if (d < 0)
            continue;
        size_t lc = strlen(cands[i]);
        size_t l = lw > lc ? lw : lc;
        int limit = l <= 3 ? 1 : l <= 6 ? 2 : 3;
        if (d <= limit && d < (int)lc && d < best_d) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}

static void remember_suggestion(V *v, const cJSON *obj, const char *key)
{
    if (v->sugg_count == v->sugg_cap) {
        int cap = v->sugg_cap ? v->sugg_cap * 2 : 16;
        Suggestion *s = alloc_realloc(v->sugg, (size_t)cap * sizeof *s);
        if (!s) {
            v->oom = 1;
            return;
        }
        v->sugg = s;
        v->sugg_cap = cap;
    }
    v->sugg[v->sugg_count].object = obj;
    v->sugg[v->sugg_count].key = key;
    v->sugg_count++;
}

static int was_suggested(const V *v, const cJSON *obj, const char *key)
{
    for (int i = 0; i < v->sugg_count; i++)
        if (v->sugg[i].object == obj && strcmp(v->sugg[i].key, key) == 0)
            return 1;
    return 0;
}

/* Appends `"a", "b" and "c"` (quoted names) to out. */
static void list_names(char *out, size_t outsz, const char *const *names, int n, const char *last_sep)
{
    size_t used = strlen(out);
    for (int i = 0; i < n && used < outsz; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? last_sep : ", ";
        int w = snprintf(out + used, outsz - used, "%s\"%s\"", sep, names[i]);
        if (w < 0)
            return;
        used += (size_t)w;
    }
}

/* Reports each member of obj whose name is not in allowed (at most 32 names). */
static void check_keys(V *v, const cJSON *obj, const char *const *allowed, int n)
{
    char present[32] = {0};
    if (n > (int)sizeof present)
        n = (int)sizeof present;
    int unknown = 0;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int known = 0;
        for (int i = 0; i < n && !known; i++)
            if (strcmp(m->string, allowed[i]) == 0)
                known = present[i] = 1;
        unknown += !known;
    }
    if (!unknown)
        return;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int known = 0;
        for (int i = 0; i < n && !known; i++)
            known = strcmp(m->string, allowed[i]) == 0;
        if (known)
            continue;
        if (v->shown >= MAX_DIAGS) { /* past the cap only count, without the search */
            v->hidden++;
            continue;
        }
        size_t mark = push_key(v, m->string);
        const char *s = closest(m->string, allowed, n, present);
        if (s) {
            remember_suggestion(v, obj, s);
            err_key(v, "unknown key; did you mean \"%s\"?", s);
        } else if (n <= 12) {
            char names[600] = "";
            list_names(names, sizeof names, allowed, n, " or ");
            err_key(v, "unknown key; expected %s%s", n == 1 ? "" : "one of ", names);
        } else {
            err_key(v, "unknown key (docs/scenario-format.md lists the keys allowed here)");
        }
        pop(v, mark);
    }
}

/* The member key of obj, or NULL; a missing required member is reported on obj. */
static const cJSON *member(V *v, const cJSON *obj, const char *key, int required)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it && required && !was_suggested(v, obj, key))
        err(v, "missing required key \"%s\"", key);
    return it;
}

/* Checks the value at the current path is an object and its keys are allowed. */
static int expect_object(V *v, const cJSON *it, const char *const *allowed, int n)
{
    if (!cJSON_IsObject(it)) {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected an object, found %s", f);
        return 0;
    }
    check_keys(v, it, allowed, n);
    return 1;
}

/* ---------------------------------------------------------------- typed members */

static int is_integral(double d)
{
    return isfinite(d) && floor(d) == d;
}

/* An integer in [min, max]; def when absent or invalid. */
static int64_t get_int(V *v, const cJSON *obj, const char *key, int64_t min, int64_t max,
                       int required, int64_t def, int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return def;
    }
    size_t mark = push_key(v, key);
    int64_t out = def;
    if (cJSON_IsNumber(it) && is_integral(it->valuedouble) && it->valuedouble >= (double)min &&
        it->valuedouble <= (double)max) {
        out = (int64_t)it->valuedouble;
    } else {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected an integer from %lld to %lld, found %s", (long long)min, (long long)max, f);
        if (ok)
            *ok = 0;
    }
    pop(v, mark);
    return out;
}

static int get_int32(V *v, const cJSON *obj, const char *key, int min, int max, int required,
                     int def, int *ok)
{
    return (int)get_int(v, obj, key, min, max, required, def, ok);
}

/* A percentage 0..100 (decimals allowed), returned in basis points. */
static int get_pct_bp(V *v, const cJSON *obj, const char *key, int required, int def_bp, int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return def_bp;
    }
    size_t mark = push_key(v, key);
    int out = def_bp;
    if (cJSON_IsNumber(it) && it->valuedouble >= 0.0 && it->valuedouble <= 100.0) {
        out = (int)lround(it->valuedouble * 100.0);
    } else {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected a percentage from 0 to 100, found %s", f);
        if (ok)
            *ok = 0;
    }
    pop(v, mark);
    return out;
}

/* A multiplier (decimals allowed) in [min_pct/100, max_pct/100], returned in percent. */
static int get_mult_pct(V *v, const cJSON *obj, const char *key, int min_pct, int max_pct,
                        int required, int def_pct, int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return def_pct;
    }
    size_t mark = push_key(v, key);
    int out = def_pct;
    if (cJSON_IsNumber(it) && it->valuedouble >= min_pct / 100.0 &&
        it->valuedouble <= max_pct / 100.0) {
        out = (int)lround(it->valuedouble * 100.0);
    } else {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected a multiplier from %d.%d to %d.%d, found %s", min_pct / 100,
            min_pct % 100 / 10, max_pct / 100, max_pct % 100 / 10, f);
        if (ok)
            *ok = 0;
    }
    pop(v, mark);
    return out;
}

static int get_minutes(V *v, const cJSON *obj, int *ok)
{
    const cJSON *it = member(v, obj, "minutes", 1);
    if (!it) {
        if (ok)
            *ok = 0;
        return 0;
    }
    size_t mark = push_key(v, "minutes");
    int out = 0;
    if (cJSON_IsNumber(it) && is_integral(it->valuedouble) && it->valuedouble >= 0 &&
        it->valuedouble <= 600 && fmod(it->valuedouble, 15.0) == 0.0) {
        out = (int)it->valuedouble;
    } else {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected minutes from 0 to 600 in steps of 15, found %s", f);
        if (ok)
            *ok = 0;
    }
    pop(v, mark);
    return out;
}

/* A non-empty string of at most max bytes, copied into the arena; NULL when absent or bad. */
static const char *get_string(V *v, const cJSON *obj, const char *key, size_t max, int required,
                              int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return NULL;
    }
    size_t mark = push_key(v, key);
    const char *out = NULL;
    if (!cJSON_IsString(it)) {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected a string, found %s", f);
    } else {
        const char *t = it->valuestring;
        size_t n = strlen(t);
        size_t blank = strspn(t, " \t\r\n");
        if (n == 0)
            err(v, "expected a non-empty string, found an empty string");
        else if (blank == n)
            err(v, "expected a non-empty string, found only white space");
        else if (n > max)
            err(v, "expected a string of at most %zu bytes, found one of %zu bytes", max, n);
        else {
            out = arena_strdup(&v->s->arena, t);
            if (!out)
                v->oom = 1;
        }
    }
    if (!out && ok)
        *ok = 0;
    pop(v, mark);
    return out;
}

static int id_is_valid(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > MAX_ID_CHARS)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '_' && c != '-')))
            return 0;
    }
    return 1;
}

/* An id: 1 to 40 of [a-z0-9_-], starting with a letter or digit. */
static const char *get_id(V *v, const cJSON *obj, const char *key, int *ok)
{
    const cJSON *it = member(v, obj, key, 1);
    if (!it) {
        if (ok)
            *ok = 0;
        return NULL;
    }
    size_t mark = push_key(v, key);
    const char *out = NULL;
    if (cJSON_IsString(it) && id_is_valid(it->valuestring)) {
        out = arena_strdup(&v->s->arena, it->valuestring);
        if (!out)
            v->oom = 1;
    } else {
        char f[96];
        if (cJSON_IsString(it))
            source_text(v, f, sizeof f, 48);
        else
            found(v, it, f, sizeof f);
        err(v,
            "expected an id of 1 to 40 characters from a-z, 0-9, '_' and '-' that starts with a "
            "letter or digit, found %s",
            f);
    }
    if (!out && ok)
        *ok = 0;
    pop(v, mark);
    return out;
}

/* One of names (by index); def when absent or bad. */
static int get_enum(V *v, const cJSON *obj, const char *key, const char *const *names, int n,
                    int required, int def, int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return def;
    }
    size_t mark = push_key(v, key);
    int out = -1;
    if (cJSON_IsString(it))
        for (int i = 0; i < n && out < 0; i++)
            if (strcmp(it->valuestring, names[i]) == 0)
                out = i;
    if (out < 0) {
        char expected[400] = "";
        list_names(expected, sizeof expected, names, n, " or ");
        char f[96];
        if (cJSON_IsString(it))
            source_text(v, f, sizeof f, 48);
        else
            found(v, it, f, sizeof f);
        const char *s = cJSON_IsString(it) ? closest(it->valuestring, names, n, NULL) : NULL;
        if (s)
            err(v, "expected one of %s, found %s; did you mean \"%s\"?", expected, f, s);
        else
            err(v, "expected one of %s, found %s", expected, f);
        out = def;
        if (ok)
            *ok = 0;
    }
    pop(v, mark);
    return out;
}

/* The array member key (or NULL), checked for type and length; what names its items. */
static const cJSON *get_array(V *v, const cJSON *obj, const char *key, int min, int max,
                              const char *what, int required, int *ok)
{
    const cJSON *it = member(v, obj, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return NULL;
    }
    size_t mark = push_key(v, key);
    const cJSON *out = NULL;
    if (!cJSON_IsArray(it)) {
        char f[64];
        found(v, it, f, sizeof f);
        err(v, "expected an array of %s, found %s", what, f);
        if (ok)
            *ok = 0;
    } else {
        int count = cJSON_GetArraySize(it);
        if (count < min || count > max) {
            if (min == 0)
                err(v, "expected at most %d %s, found %d", max, what, count);
            else
                err(v, "expected %d to %d %s, found %d", min, max, what, count);
            if (ok)
                *ok = 0;
        }
        out = it;
    }
    pop(v, mark);
    return out;
}

/* ---------------------------------------------------------------- sections */

static const char *const COST_KEYS[] = {"minutes", "energy", "cost"};

static void read_cost(V *v, const cJSON *obj, Cost *c, int *ok)
{
    c->minutes = get_minutes(v, obj, ok);
    c->energy = get_int32(v, obj, "energy", 0, 100, 1, 0, ok);
    c->money = get_int32(v, obj, "cost", 0, 100000, 1, 0, ok);
}

/* Reads the object member key of parent with the given keys through fn; returns 1 when it
 * was present and an object. */
typedef void (*ReadFn)(V *v, const cJSON *obj, void *out, int *ok);

static int read_object(V *v, const cJSON *parent, const char *key, int required,
                       const char *const *keys, int nkeys, ReadFn fn, void *out, int *ok)
{
    const cJSON *it = member(v, parent, key, required);
    if (!it) {
        if (required && ok)
            *ok = 0;
        return 0;
    }
    size_t mark = push_key(v, key);
    int is_obj = expect_object(v, it, keys, nkeys);
    if (is_obj)
        fn(v, it, out, ok);
    else if (ok)
        *ok = 0;
    pop(v, mark);
    return is_obj;
}

static void read_calendar(V *v, const cJSON *obj, void *out, int *ok)
{
    Calendar *c = out;
    c->weeks = get_int32(v, obj, "weeks", 1, 26, 1, 1, ok);
    c->days_per_week = get_int32(v, obj, "days_per_week", 1, 7, 1, 1, ok);
    c->hours_per_day = get_int32(v, obj, "hours_per_day", 1, 16, 1, 1, ok);
}

static void read_energy(V *v, const cJSON *obj, void *out, int *ok)
{
    EnergyRules *e = out;
    e->daily = get_int32(v, obj, "daily", 10, 1000, 1, 100, ok);
    e->recovery = get_int32(v, obj, "recovery", 0, 1000, 1, 0, ok);
    e->overwork_recovery = get_int32(v, obj, "overwork_recovery", 0, 1000, 1, 0, ok);
    e->tired_below = get_int32(v, obj, "tired_below", 0, 1000, 1, 0, ok);
    e->tired_quality = get_int32(v, obj, "tired_quality", 10, 100, 1, 100, ok);
}

static const char *const PREPARE_ACTION_KEYS[] = {"minutes", "energy", "cost", "prep"};

static void read_prepare_action(V *v, const cJSON *obj, void *out, int *ok)
{
    PrepareAction *p = out;
    read_cost(v, obj, &p->cost, ok);
    p->prep = get_int32(v, obj, "prep", 0, 100, 1, 0, ok);
}

static const char *const PREPARE_KEYS[] = {"company", "person", "industry", "trigger",
                                           "value_proposition"};

static void read_prepare(V *v, const cJSON *obj, void *out, int *ok)
{
    Scenario *s = out;
    for (int r = 0; r < RESEARCH_COUNT; r++)
        read_object(v, obj, research_name((Research)r), 1, PREPARE_ACTION_KEYS,
                    COUNT_OF(PREPARE_ACTION_KEYS), read_prepare_action, &s->research[r], ok);
    read_object(v, obj, "value_proposition", 1, PREPARE_ACTION_KEYS,
                COUNT_OF(PREPARE_ACTION_KEYS), read_prepare_action, &s->value_proposition, ok);
}

static const char *const CHANNEL_KEYS[] = {
    "minutes",      "energy",    "cost",    "delay_days",      "reach",   "reach_cap",
    "response",     "response_cap", "attention", "fatigue", "prep_multiplier", "attempts"};

static void read_channel(V *v, const cJSON *obj, void *out, int *ok)
{
    ChannelRules *c = out;
    read_cost(v, obj, &c->cost, ok);
    c->delay_days = get_int32(v, obj, "delay_days", 0, 10, 1, 0, ok);
    c->reach_bp = get_pct_bp(v, obj, "reach", 1, 0, ok);
    c->reach_cap_bp = get_pct_bp(v, obj, "reach_cap", 1, 0, ok);
    c->response_bp = get_pct_bp(v, obj, "response", 1, 0, ok);
    c->response_cap_bp = get_pct_bp(v, obj, "response_cap", 1, 0, ok);
    c->attention = get_int32(v, obj, "attention", 0, 100, 1, 0, ok);
    c->fatigue_pct = get_int32(v, obj, "fatigue", 0, 100, 1, 0, ok);
    c->prep_multiplier_pct = get_mult_pct(v, obj, "prep_multiplier", 100, 400, 1, 100, ok);
    c->attempts = get_int32(v, obj, "attempts", 1, 10, 0, 1, ok);
    if (c->reach_bp > c->reach_cap_bp && member(v, obj, "reach_cap", 0)) {
        size_t mark = push_key(v, "reach");
        warn(v, "reach is above reach_cap, so the cap lowers it even without preparation");
        pop(v, mark);
    }
    if (c->response_bp > c->response_cap_bp && member(v, obj, "response_cap", 0)) {
        size_t mark = push_key(v, "response");
        warn(v, "response is above response_cap, so the cap lowers it even without preparation");
        pop(v, mark);
    }
}

static void read_channels(V *v, const cJSON *obj, void *out, int *ok)
{
    Scenario *s = out;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        read_object(v, obj, channel_name((Channel)c), 1, CHANNEL_KEYS, COUNT_OF(CHANNEL_KEYS),
                    read_channel, &s->channels[c], ok);
}

static void read_close_cost(V *v, const cJSON *obj, void *out, int *ok)
{
    read_cost(v, obj, out, ok);
}

static const char *const CLOSE_KEYS[] = {"ask", "pressure", "contract"};

static void read_close(V *v, const cJSON *obj, void *out, int *ok)
{
    CloseRules *c = out;
    for (int t = 0; t < CLOSE_COUNT; t++)
        read_object(v, obj, close_name((CloseTechnique)t), 1, COST_KEYS, COUNT_OF(COST_KEYS),
                    read_close_cost, &c->cost[t], ok);
}

/* ---------------------------------------------------------------- progress steps */

static const char *const STEP_KEYS[] = {"id",        "name",    "minutes",         "energy",
                                        "cost",      "readiness", "success",       "prep_multiplier",
                                        "stall",     "requires"};

static void read_step(V *v, const cJSON *obj, ProgressStep *st, int *ok)
{
    st->id = get_id(v, obj, "id", ok);
    st->name = get_string(v, obj, "name", MAX_NAME_BYTES, 1, ok);
    read_cost(v, obj, &st->cost, ok);
    st->readiness = get_int32(v, obj, "readiness", 0, 100, 1, 0, ok);
    st->success_bp = get_pct_bp(v, obj, "success", 1, 0, ok);
    st->prep_multiplier_pct = get_mult_pct(v, obj, "prep_multiplier", 100, 400, 1, 100, ok);
    st->stall_bp = get_pct_bp(v, obj, "stall", 1, 0, ok);
    st->require_count = 0;
}

/* The id in ids[0..n) closest to word (NULL entries skipped), for "did you mean". */
static const char *closest_id(const char *word, const char *const *ids, int n)
{
    return closest(word, ids, n, NULL);
}

static int find_id(const char *const *ids, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] && strcmp(ids[i], id) == 0)
            return i;
    return -1;
}

/* Reports ids used twice in the array arr_key (ids[i] is item i's id, NULL when invalid). */
static void check_unique_ids(V *v, const char *const *ids, int n, const char *arr_key)
{
    for (int i = 0; i < n; i++) {
        if (!ids[i])
            continue;
        for (int j = 0; j < i; j++) {
            if (ids[j] && strcmp(ids[i], ids[j]) == 0) {
                size_t m1 = push_key(v, arr_key);
                push_index(v, i);
                push_key(v, "id");
                err(v, "duplicate id \"%s\"; /%s/%d already uses it", ids[i], arr_key, j);
                pop(v, m1);
                break;
            }
        }
    }
}

static void read_progress(V *v, const cJSON *root, int *ok)
{
    Scenario *s = v->s;
    const cJSON *arr = get_array(v, root, "progress", 1, SCENARIO_MAX_STEPS, "progress steps", 1, ok);
    if (!arr)
        return;
    const cJSON *requires_of[SCENARIO_MAX_STEPS] = {0};
    const char *ids[SCENARIO_MAX_STEPS] = {0};
    size_t mark = push_key(v, "progress");
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m2 = push_index(v, i);
        if (expect_object(v, it, STEP_KEYS, COUNT_OF(STEP_KEYS))) {
            ProgressStep scratch;
            ProgressStep *st = i < SCENARIO_MAX_STEPS ? &s->steps[i] : &scratch;
            memset(st, 0, sizeof *st);
            read_step(v, it, st, ok);
            if (i < SCENARIO_MAX_STEPS) {
                ids[i] = st->id;
                requires_of[i] = member(v, it, "requires", 0);
            }
        } else {
            *ok = 0;
        }
        pop(v, m2);
    }
    int n = i < SCENARIO_MAX_STEPS ? i : SCENARIO_MAX_STEPS;
    s->step_count = n;
    pop(v, mark);
    check_unique_ids(v, ids, n, "progress");

    /* requires: ids of earlier steps (which also rules out cycles) */
    mark = push_key(v, "progress");
    for (int k = 0; k < n; k++) {
        const cJSON *req = requires_of[k];
        if (!req)
            continue;
        size_t m2 = push_index(v, k);
        size_t m3 = push_key(v, "requires");
        if (!cJSON_IsArray(req)) {
            char f[64];
            found(v, req, f, sizeof f);
            err(v, "expected an array of step ids, found %s", f);
            *ok = 0;
        } else {
            int count = cJSON_GetArraySize(req);
            if (count > SCENARIO_MAX_REQUIRES) {
                err(v, "expected at most %d required steps, found %d", SCENARIO_MAX_REQUIRES, count);
                *ok = 0;
            }
            int j = 0;
            for (const cJSON *r = req->child; r; r = r->next, j++) {
                size_t m4 = push_index(v, j);
                if (!cJSON_IsString(r)) {
                    char f[64];
                    found(v, r, f, sizeof f);
                    err(v, "expected a step id, found %s", f);
                    *ok = 0;
                } else {
                    char f[96];
                    source_text(v, f, sizeof f, 48);
                    int at = find_id(ids, n, r->valuestring);
                    if (at < 0) {
                        const char *sug = closest_id(r->valuestring, ids, n);
                        if (sug)
                            err(v, "unknown step %s; did you mean \"%s\"?", f, sug);
                        else
                            err(v, "unknown step %s", f);
                        *ok = 0;
                    } else if (at == k) {
                        err(v, "a step cannot require itself");
                        *ok = 0;
                    } else if (at > k) {
                        err(v,
                            "a step may only require earlier steps (this keeps them free of "
                            "cycles); %s is step %d, after this one",
                            f, at);
                        *ok = 0;
                    } else {
                        ProgressStep *st = &s->steps[k];
                        int dup = 0;
                        for (int q = 0; q < st->require_count; q++)
                            dup |= st->requires[q] == at;
                        if (dup) {
                            err(v, "step %s is already required", f);
                            *ok = 0;
                        } else if (st->require_count < SCENARIO_MAX_REQUIRES) {
                            st->requires[st->require_count++] = at;
                        }
                    }
                }
                pop(v, m4);
            }
        }
        pop(v, m3);
        pop(v, m2);
    }
    pop(v, mark);
}

/* ---------------------------------------------------------------- prospects */

static const char *const PROSPECT_KEYS[] = {
    "id",         "company",    "contact",     "title",    "seniority", "industry",
    "deal_value", "importance", "inbox_noise", "affinity", "cycle_days", "competitors",
    "insights",   "start",      "fit"};
static const char *const INSIGHT_KEYS[] = {"topic", "kind", "text"};
static const char *const INSIGHT_KINDS[] = {"pain", "interest"};
static const char *const START_KEYS[] = {"status", "attention", "readiness", "prep"};
static const char *const START_STATUSES[] = {"cold", "engaged", "meeting"};

static void names_of(const char *(*fn)(int), int n, const char **out)
{
    for (int i = 0; i < n; i++)
        out[i] = fn(i);
}

static const char *seniority_name_i(int i) { return seniority_name((Seniority)i); }
static const char *research_name_i(int i) { return research_name((Research)i); }
static const char *channel_name_i(int i) { return channel_name((Channel)i); }

static void read_affinity(V *v, const cJSON *obj, void *out, int *ok)
{
    Prospect *p = out;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        p->affinity_pct[c] = get_mult_pct(v, obj, channel_name((Channel)c), 0, 200, 0, 100, ok);
}

static void read_start(V *v, const cJSON *obj, void *out, int *ok)
{
    Prospect *p = out;
    p->start_status = (ProspectStatus)get_enum(v, obj, "status", START_STATUSES,
                                               COUNT_OF(START_STATUSES), 0, STATUS_COLD, ok);
    p->start_attention = get_int32(v, obj, "attention", 0, 100, 0, 0, ok);
    p->start_readiness = get_int32(v, obj, "readiness", 0, 100, 0, 0, ok);
    p->start_prep = get_int32(v, obj, "prep", 0, 100, 0, 0, ok);
}

static void read_prospect(V *v, const cJSON *obj, Prospect *p, int *ok)
{
    const char *seniorities[SENIORITY_COUNT];
    const char *topics[RESEARCH_COUNT];
    const char *channels[CHANNEL_COUNT];
    names_of(seniority_name_i, SENIORITY_COUNT, seniorities);
    names_of(research_name_i, RESEARCH_COUNT, topics);
    names_of(channel_name_i, CHANNEL_COUNT, channels);

    p->id = get_id(v, obj, "id", ok);
    p->company = get_string(v, obj, "company", MAX_NAME_BYTES, 1, ok);
    p->contact = get_string(v, obj, "contact", MAX_NAME_BYTES, 1, ok);
    p->title = get_string(v, obj, "title", MAX_NAME_BYTES, 1, ok);
    p->seniority = (Seniority)get_enum(v, obj, "seniority", seniorities, SENIORITY_COUNT, 1,
                                       SENIORITY_STAFF, ok);
    p->industry = get_string(v, obj, "industry", MAX_NAME_BYTES, 1, ok);
    p->deal_value = get_int(v, obj, "deal_value", 1, 1000000000, 1, 1, ok);
    p->importance = get_int32(v, obj, "importance", 1, 3, 1, 1, ok);
    p->inbox_noise = get_int32(v, obj, "inbox_noise", 0, 100, 1, 0, ok);
    p->fit = get_int32(v, obj, "fit", 0, 100, 0, SCENARIO_DEFAULT_FIT, ok);
    for (int c = 0; c < CHANNEL_COUNT; c++)
        p->affinity_pct[c] = 100;
    read_object(v, obj, "affinity", 0, channels, CHANNEL_COUNT, read_affinity, p, ok);
    p->cycle_days = get_int32(v, obj, "cycle_days", 0, 180, 1, 0, ok);

    const cJSON *comp = get_array(v, obj, "competitors", 0, SCENARIO_MAX_COMPETITORS,
                                  "competitors", 0, ok);
    if (comp) {
        size_t mark = push_key(v, "competitors");
        int i = 0;
        for (const cJSON *c = comp->child; c; c = c->next, i++) {
            size_t m2 = push_index(v, i);
            char f[64];
            if (!cJSON_IsString(c)) {
                found(v, c, f, sizeof f);
                err(v, "expected a competitor's name, found %s", f);
                *ok = 0;
            } else {
                size_t n = strlen(c->valuestring);
                if (n == 0 || strspn(c->valuestring, " \t\r\n") == n) {
                    err(v, "expected a non-empty string, found %s",
                        n ? "only white space" : "an empty string");
                    *ok = 0;
                } else if (n > MAX_NAME_BYTES) {
                    err(v, "expected a string of at most %d bytes, found one of %zu bytes",
                        MAX_NAME_BYTES, n);
                    *ok = 0;
                } else if (i < SCENARIO_MAX_COMPETITORS) {
                    p->competitors[i] = arena_strdup(&v->s->arena, c->valuestring);
                    if (!p->competitors[i])
                        v->oom = 1;
                    p->competitor_count = i + 1;
                }
            }
            pop(v, m2);
        }
        pop(v, mark);
    }

    const cJSON *ins = get_array(v, obj, "insights", 0, SCENARIO_MAX_INSIGHTS, "insights", 0, ok);
    if (ins) {
        size_t mark = push_key(v, "insights");
        int i = 0;
        for (const cJSON *it = ins->child; it; it = it->next, i++) {
            size_t m2 = push_index(v, i);
            if (expect_object(v, it, INSIGHT_KEYS, COUNT_OF(INSIGHT_KEYS))) {
                Insight scratch;
                Insight *in = i < SCENARIO_MAX_INSIGHTS ? &p->insights[i] : &scratch;
                in->topic = (Research)get_enum(v, it, "topic", topics, RESEARCH_COUNT, 1, 0, ok);
                in->kind = (InsightKind)get_enum(v, it, "kind", INSIGHT_KINDS,
                                                 COUNT_OF(INSIGHT_KINDS), 1, 0, ok);
                in->text = get_string(v, it, "text", MAX_TEXT_BYTES, 1, ok);
                if (i < SCENARIO_MAX_INSIGHTS)
                    p->insight_count = i + 1;
            } else {
                *ok = 0;
            }
            pop(v, m2);
        }
        pop(v, mark);
    }

    p->start_status = STATUS_COLD;
    read_object(v, obj, "start", 0, START_KEYS, COUNT_OF(START_KEYS), read_start, p, ok);

    int reachable = 0;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        reachable |= p->affinity_pct[c] > 0;
    if (!reachable) {
        size_t mark = push_key(v, "affinity");
        warn(v, "every channel's affinity is 0, so no touch can ever reach this prospect");
        pop(v, mark);
    }
}

static void read_prospects(V *v, const cJSON *root, int *ok)
{
    Scenario *s = v->s;
    const cJSON *arr = get_array(v, root, "prospects", 1, SCENARIO_MAX_PROSPECTS, "prospects", 1, ok);
    if (!arr)
        return;
    const char *ids[SCENARIO_MAX_PROSPECTS] = {0};
    size_t mark = push_key(v, "prospects");
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m2 = push_index(v, i);
        if (expect_object(v, it, PROSPECT_KEYS, COUNT_OF(PROSPECT_KEYS))) {
            Prospect *scratch = NULL;
            Prospect *p;
            if (i < SCENARIO_MAX_PROSPECTS) {
                p = &s->prospects[i];
            } else {
                scratch = alloc_calloc(1, sizeof *scratch);
                p = scratch;
            }
            if (p) {
                memset(p, 0, sizeof *p);
                read_prospect(v, it, p, ok);
                if (i < SCENARIO_MAX_PROSPECTS)
                    ids[i] = p->id;
            } else {
                v->oom = 1;
            }
            alloc_free(scratch);
        } else {
            *ok = 0;
        }
        pop(v, m2);
    }
    pop(v, mark);
    s->prospect_count = i < SCENARIO_MAX_PROSPECTS ? i : SCENARIO_MAX_PROSPECTS;
    check_unique_ids(v, ids, s->prospect_count, "prospects");
}

/* ---------------------------------------------------------------- events */

static const char *const EVENT_KEYS[] = {"id",       "kind",   "prospect", "day", "chance",
                                         "from_day", "to_day", "days",     "text"};
static const char *const EVENT_KINDS[] = {"budget_freeze", "champion_leaves", "competitor_enters",
                                          "referral", "news"};

static void read_event(V *v, const cJSON *obj, ScenarioEvent *e, int day_count, int *ok)
{
    Scenario *s = v->s;
    e->id = get_id(v, obj, "id", ok);
    int kind_ok = 1;
    e->kind = (EventKind)get_enum(v, obj, "kind", EVENT_KINDS, COUNT_OF(EVENT_KINDS), 1,
                                  EVENT_NEWS, &kind_ok);
    if (!kind_ok)
        *ok = 0;
    e->prospect = -1;
    const cJSON *pr = cJSON_GetObjectItemCaseSensitive(obj, "prospect");
    if (!pr) {
        if (kind_ok && e->kind != EVENT_NEWS && !was_suggested(v, obj, "prospect")) {
            err(v, "missing required key \"prospect\" (every event but news names a prospect)");
            *ok = 0;
        }
    } else {
        size_t mark = push_key(v, "prospect");
        if (!cJSON_IsString(pr)) {
            char f[64];
            found(v, pr, f, sizeof f);
            err(v, "expected a prospect id, found %s", f);
            *ok = 0;
        } else {
            const char *ids[SCENARIO_MAX_PROSPECTS];
            for (int i = 0; i < s->prospect_count; i++)
                ids[i] = s->prospects[i].id;
            e->prospect = find_id(ids, s->prospect_count, pr->valuestring);
            if (e->prospect < 0) {
                char f[96];
                source_text(v, f, sizeof f, 48);
                const char *sug = closest_id(pr->valuestring, ids, s->prospect_count);
                if (sug)
                    err(v, "unknown prospect %s; did you mean \"%s\"?", f, sug);
                else
                    err(v, "unknown prospect %s", f);
                *ok = 0;
            }
        }
        pop(v, mark);
    }

    const cJSON *day = cJSON_GetObjectItemCaseSensitive(obj, "day");
    const cJSON *chance = cJSON_GetObjectItemCaseSensitive(obj, "chance");
    if (!day && !chance && !was_suggested(v, obj, "day") && !was_suggested(v, obj, "chance")) {
        err(v, "missing \"day\" (a scheduled event) or \"chance\" (a random one)");
        *ok = 0;
    }
    if (day && chance) {
        /* One error, at whichever of the two comes second; the rules that tell a scheduled
         * event from a random one (a window only with "chance", ...) would only add
         * follow-ons that contradict it, so only each value's own type and range are checked. */
        const cJSON *second = day;
        for (const cJSON *it = obj->child; it; it = it->next) {
            if (it == day) {
                second = chance;
                break;
            }
            if (it == chance)
                break;
        }
        size_t mark = push_key(v, second == day ? "day" : "chance");
        err_key(v, "an event is either scheduled (\"day\") or random (\"chance\"), not both");
        pop(v, mark);
        *ok = 0;
        int max = day_count > 0 ? day_count : MAX_DAYS;
        e->day = get_int32(v, obj, "day", 1, max, 1, 1, ok);
        e->chance_bp = get_pct_bp(v, obj, "chance", 0, 0, ok);
        e->from_day = get_int32(v, obj, "from_day", 1, MAX_DAYS, 0, e->day, ok);
        e->to_day = get_int32(v, obj, "to_day", 1, MAX_DAYS, 0, e->day, ok);
    } else if (day) {
        int max = day_count > 0 ? day_count : MAX_DAYS;
        e->day = get_int32(v, obj, "day", 1, max, 1, 1, ok);
        e->from_day = e->to_day = e->day; /* its window is its day */
        for (int k = 0; k < 2; k++) {
            const char *key = k == 0 ? "from_day" : "to_day";
            if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
                size_t mark = push_key(v, key);
                err_key(v, "\"%s\" applies only to random events (with \"chance\")", key);
                pop(v, mark);
                *ok = 0;
            }
        }
    } else {
        e->day = 0;
        e->chance_bp = get_pct_bp(v, obj, "chance", 0, 0, ok);
        int last = day_count > 0 ? day_count : MAX_DAYS;
        int fok = 1, tok = 1;
        e->from_day = get_int32(v, obj, "from_day", 1, MAX_DAYS, 0, 1, &fok);
        e->to_day = get_int32(v, obj, "to_day", 1, MAX_DAYS, 0, last, &tok);
        if (!fok || !tok)
            *ok = 0;
        if (chance && fok && tok) {
            if (e->from_day > e->to_day) {
                size_t mark = push_key(v, "to_day");
                err(v, "to_day (%d) is before from_day (%d)", e->to_day, e->from_day);
                pop(v, mark);
                *ok = 0;
            } else if (day_count > 0 && e->from_day > day_count) {
                size_t mark = push_key(v, "from_day");
                warn(v, "from_day %d is after the calendar's last day (%d), so the event never fires",
                     e->from_day, day_count);
                pop(v, mark);
            } else if (day_count > 0 && e->to_day > day_count) {
                size_t mark = push_key(v, "to_day");
                warn(v, "to_day %d is after the calendar's last day (%d); the window ends there",
                     e->to_day, day_count);
                pop(v, mark);
                e->to_day = day_count;
            }
            if (e->chance_bp == 0) {
                size_t mark = push_key(v, "chance");
                warn(v, "a chance of 0 means the event never fires");
                pop(v, mark);
            }
        }
    }
    e->days = get_int32(v, obj, "days", 1, 60, 0, 5, ok);
    if (kind_ok && e->kind != EVENT_BUDGET_FREEZE && cJSON_GetObjectItemCaseSensitive(obj, "days")) {
        size_t mark = push_key(v, "days");
        warn(v, "\"days\" only matters for a budget_freeze; it is ignored here");
        pop(v, mark);
    }
    e->text = get_string(v, obj, "text", MAX_TEXT_BYTES, 1, ok);
}

static void read_events(V *v, const cJSON *root, int day_count, int *ok)
{
    Scenario *s = v->s;
    const cJSON *arr = get_array(v, root, "events", 0, SCENARIO_MAX_EVENTS, "events", 0, ok);
    if (!arr)
        return;
    const char *ids[SCENARIO_MAX_EVENTS] = {0};
    size_t mark = push_key(v, "events");
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m2 = push_index(v, i);
        if (expect_object(v, it, EVENT_KEYS, COUNT_OF(EVENT_KEYS))) {
            ScenarioEvent scratch;
            ScenarioEvent *e = i < SCENARIO_MAX_EVENTS ? &s->events[i] : &scratch;
            memset(e, 0, sizeof *e);
            read_event(v, it, e, day_count, ok);
            if (i < SCENARIO_MAX_EVENTS)
                ids[i] = e->id;
        } else {
            *ok = 0;
        }
        pop(v, m2);
    }
    pop(v, mark);
    s->event_count = i < SCENARIO_MAX_EVENTS ? i : SCENARIO_MAX_EVENTS;
    check_unique_ids(v, ids, s->event_count, "events");
}

/* ---------------------------------------------------------------- rules and scoring */

typedef enum FieldKind { F_INT, F_PCT } FieldKind;

typedef struct Field {
    const char *key;
    FieldKind kind;
    int min, max; /* F_INT only */
    int def;      /* in the stored unit (bp for F_PCT) */
    size_t offset;
} Field;

#define RULE(k, kind, min, max, def, member) {k, kind, min, max, def, offsetof(GameRules, member)}
static const Field RULE_FIELDS[] = {
    RULE("generic_below", F_INT, 0, 100, 30, generic_below),
    RULE("generic_exec_burn", F_PCT, 0, 0, 2500, generic_exec_burn_bp),
    RULE("reply_meeting", F_PCT, 0, 0, 5000, reply_engages_bp),
    RULE("warm_connect", F_PCT, 0, 0, 8000, warm_connect_bp),
    RULE("warm_meeting", F_PCT, 0, 0, 6000, warm_meeting_bp),
    RULE("attention_decay", F_INT, 0, 100, 1, attention_decay),
    RULE("over_touch", F_INT, 1, 50, 8, over_touch),
    RULE("stall_days", F_INT, 1, 180, 8, stall_days),
    RULE("stall_chance", F_PCT, 0, 0, 1000, stall_chance_bp),
    RULE("buyer_ready", F_INT, 0, 100, 75, buyer_ready),
    RULE("buyer_ask", F_PCT, 0, 0, 4000, buyer_ask_bp),
    RULE("contract_win", F_PCT, 0, 0, 8500, contract_win_bp),
    RULE("ask_win", F_PCT, 0, 0, 6000, ask_win_bp),
    RULE("pressure_win", F_PCT, 0, 0, 1000, pressure_win_bp),
    RULE("pressure_loss", F_PCT, 0, 0, 4000, pressure_loss_bp),
    RULE("pressure_discount", F_INT, 0, 100, 15, pressure_discount_pct),
    RULE("competitor_penalty", F_INT, 0, 100, 25, competitor_penalty_pct),
};
#undef RULE

#define WEIGHT(k, min, max, def, member) {k, F_INT, min, max, def, offsetof(ScoringRules, member)}
static const Field WEIGHT_FIELDS[] = {
    WEIGHT("results", 0, 10000, 500, results_weight),
    WEIGHT("process", 0, 10000, 300, process_weight),
    WEIGHT("efficiency", 0, 10000, 200, efficiency_weight),
    WEIGHT("generic_exec_call", 0, 1000, 5, penalty_generic_exec),
    WEIGHT("burned", 0, 1000, 10, penalty_burned),
    WEIGHT("pressure_loss", 0, 1000, 5, penalty_pressure_loss),
};
#undef WEIGHT

static void read_fields(V *v, const cJSON *obj, const Field *fields, int n, void *base, int *ok)
{
    for (int i = 0; i < n; i++) {
        const Field *f = &fields[i];
        int *out = (int *)(void *)((char *)base + f->offset);
        if (f->kind == F_INT)
            *out = get_int32(v, obj, f->key, f->min, f->max, 0, f->def, ok);
        else
            *out = get_pct_bp(v, obj, f->key, 0, f->def, ok);
    }
}

static void set_defaults(const Field *fields, int n, void *base)
{
    for (int i = 0; i < n; i++)
        *(int *)(void *)((char *)base + fields[i].offset) = fields[i].def;
}

static void read_rules(V *v, const cJSON *obj, void *out, int *ok)
{
    read_fields(v, obj, RULE_FIELDS, COUNT_OF(RULE_FIELDS), out, ok);
}

static void read_weights(V *v, const cJSON *obj, void *out, int *ok)
{
    read_fields(v, obj, WEIGHT_FIELDS, COUNT_OF(WEIGHT_FIELDS), out, ok);
}

static const char *stage_name_i(int i) { return stage_name((Stage)i); }

static void read_curve(V *v, const cJSON *obj, void *out, int *ok)
{
    int *curve = out;
    int sum = 0, all = 1;
    for (int st = 0; st < STAGE_COUNT; st++) {
        int one = 1;
        curve[st] = get_int32(v, obj, stage_name((Stage)st), 0, 100, 1, curve[st], &one);
        if (!one) {
            all = 0;
            *ok = 0;
        }
        sum += curve[st];
    }
    if (all && sum != 100) {
        err(v, "expected the four shares to add up to 100, found %d", sum);
        *ok = 0;
    }
}

static const char *const CURVE_NAMES[] = {"sales1", "sales2"};

static void read_curves(V *v, const cJSON *obj, void *out, int *ok)
{
    ScoringRules *sc = out;
    const char *stages[STAGE_COUNT];
    names_of(stage_name_i, STAGE_COUNT, stages);
    read_object(v, obj, "sales1", 0, stages, STAGE_COUNT, read_curve, sc->curve_sales1, ok);
    read_object(v, obj, "sales2", 0, stages, STAGE_COUNT, read_curve, sc->curve_sales2, ok);
}

static const char *const SCORING_KEYS[] = {"weights", "curves"};

static void read_scoring(V *v, const cJSON *obj, void *out, int *ok)
{
    const char *weights[COUNT_OF(WEIGHT_FIELDS)];
    for (int i = 0; i < COUNT_OF(WEIGHT_FIELDS); i++)
        weights[i] = WEIGHT_FIELDS[i].key;
    read_object(v, obj, "weights", 0, weights, COUNT_OF(WEIGHT_FIELDS), read_weights, out, ok);
    read_object(v, obj, "curves", 0, CURVE_NAMES, COUNT_OF(CURVE_NAMES), read_curves, out, ok);
}

static void default_scoring(ScoringRules *sc)
{
    static const int sales1[STAGE_COUNT] = {5, 25, 30, 40};
    static const int sales2[STAGE_COUNT] = {30, 40, 25, 5};
    set_defaults(WEIGHT_FIELDS, COUNT_OF(WEIGHT_FIELDS), sc);
    memcpy(sc->curve_sales1, sales1, sizeof sales1);
    memcpy(sc->curve_sales2, sales2, sizeof sales2);
}

/* ---------------------------------------------------------------- the whole document */

static const char *const TOP_KEYS[] = {
    "$schema", "format",   "id",       "title", "summary",  "difficulty", "currency",
    "calendar", "energy",  "budget",   "quota", "prepare",  "channels",   "progress",
    "close",   "prospects", "events",  "rules", "scoring"};

static void read_currency(V *v, const cJSON *root, Scenario *s, int *ok)
{
    memcpy(s->currency, "USD", 4);
    const cJSON *it = member(v, root, "currency", 0);
    if (!it)
        return;
    size_t mark = push_key(v, "currency");
    const char *t = cJSON_IsString(it) ? it->valuestring : NULL;
    if (t && strlen(t) == 3 && t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z' &&
        t[2] >= 'A' && t[2] <= 'Z') {
        memcpy(s->currency, t, 4);
    } else {
        char f[96];
        if (t)
            source_text(v, f, sizeof f, 48);
        else
            found(v, it, f, sizeof f);
        err(v, "expected a currency code of 3 capital letters (e.g. \"USD\"), found %s", f);
        *ok = 0;
    }
    pop(v, mark);
}

/* Checks that hold across sections; only run on sections that read cleanly. */
static void cross_checks(V *v, int cal_ok, int energy_ok, int channels_ok, int progress_ok,
                         int prospects_ok, int money_ok)
{
    Scenario *s = v->s;
    if (cal_ok) {
        int day_minutes = s->calendar.hours_per_day * 60;
        for (int c = 0; c < CHANNEL_COUNT && channels_ok; c++) {
            if (s->channels[c].cost.minutes > day_minutes) {
                size_t m = push_key(v, "channels");
                push_key(v, channel_name((Channel)c));
                push_key(v, "minutes");
                warn(v, "a touch takes %d minutes, longer than a working day (%d), so it can never be done",
                     s->channels[c].cost.minutes, day_minutes);
                pop(v, m);
            }
        }
        for (int k = 0; k < s->step_count && progress_ok; k++) {
            if (s->steps[k].cost.minutes > day_minutes) {
                size_t m = push_key(v, "progress");
                push_index(v, k);
                push_key(v, "minutes");
                warn(v, "the step takes %d minutes, longer than a working day (%d), so it can never be done",
                     s->steps[k].cost.minutes, day_minutes);
                pop(v, m);
            }
        }
    }
    if (energy_ok && s->energy.tired_below >= s->energy.daily) {
        size_t m = push_key(v, "energy");
        push_key(v, "tired_below");
        warn(v, "tired_below (%d) is not below daily (%d), so the trainee is always tired",
             s->energy.tired_below, s->energy.daily);
        pop(v, m);
    }
    if (energy_ok && s->energy.overwork_recovery > s->energy.recovery) {
        size_t m = push_key(v, "energy");
        push_key(v, "overwork_recovery");
        warn(v, "overwork_recovery (%d) is above recovery (%d), so overworking is rewarded",
             s->energy.overwork_recovery, s->energy.recovery);
        pop(v, m);
    }
    if (money_ok && channels_ok) {
        char costly[200] = "";
        const char *names[CHANNEL_COUNT];
        int n = 0;
        for (int c = 0; c < CHANNEL_COUNT; c++)
            if (s->channels[c].cost.money > s->budget)
                names[n++] = channel_name((Channel)c);
        if (n) {
            list_names(costly, sizeof costly, names, n, " and ");
            size_t m = push_key(v, "budget");
            if (s->budget == 0)
                warn(v, "the budget is 0 but %s cost money, so they can never be used", costly);
            else
                warn(v, "%s cost more than the whole budget (%lld), so they can never be used",
                     costly, (long long)s->budget);
            pop(v, m);
        }
    }
    if (money_ok && prospects_ok) {
        int64_t total = 0;
        for (int i = 0; i < s->prospect_count; i++)
            total += s->prospects[i].deal_value;
        if (s->quota > total) {
            size_t m = push_key(v, "quota");
            warn(v, "the quota (%lld) is more than all the deals together (%lld), so it cannot be met",
                 (long long)s->quota, (long long)total);
            pop(v, m);
        }
    }
    if (progress_ok) {
        int total = 0;
        for (int k = 0; k < s->step_count; k++)
            total += s->steps[k].readiness;
        int start_max = 0;
        for (int i = 0; i < s->prospect_count; i++)
            if (s->prospects[i].start_readiness > start_max)
                start_max = s->prospects[i].start_readiness;
        if (total + start_max < s->rules.buyer_ready) {
            size_t m = push_key(v, "progress");
            warn(v,
                 "the steps add at most %d readiness, under buyer_ready (%d), so no buyer can ever "
                 "ask to sign",
                 total + start_max, s->rules.buyer_ready);
            pop(v, m);
        }
    }
}

static void validate(V *v, const cJSON *root)
{
    Scenario *s = v->s;
    int ok_all = 1;
    if (!cJSON_IsObject(root)) {
        char f[64];
        found(v, root, f, sizeof f);
        err(v, "expected an object (the scenario), found %s", f);
        return;
    }
    check_keys(v, root, TOP_KEYS, COUNT_OF(TOP_KEYS));

    const cJSON *schema = member(v, root, "$schema", 0);
    if (schema && !cJSON_IsString(schema)) {
        size_t m = push_key(v, "$schema");
        char f[64];
        found(v, schema, f, sizeof f);
        err(v, "expected a string (the path or URL of the JSON Schema), found %s", f);
        pop(v, m);
    }
    const cJSON *format = member(v, root, "format", 1);
    if (format) {
        size_t m = push_key(v, "format");
        if (!cJSON_IsNumber(format) || format->valuedouble != SCENARIO_FORMAT) {
            char f[64];
            found(v, format, f, sizeof f);
            err(v, "expected %d (the only format version this program reads), found %s",
                SCENARIO_FORMAT, f);
        }
        pop(v, m);
    }
    s->id = get_id(v, root, "id", &ok_all);
    s->title = get_string(v, root, "title", MAX_NAME_BYTES, 1, &ok_all);
    s->summary = get_string(v, root, "summary", MAX_TEXT_BYTES, 1, &ok_all);
    s->difficulty = get_int32(v, root, "difficulty", 1, 5, 1, 1, &ok_all);
    read_currency(v, root, s, &ok_all);

    int cal_ok = 1, energy_ok = 1, money_ok = 1, channels_ok = 1, progress_ok = 1, prospects_ok = 1;
    static const char *const CAL_KEYS[] = {"weeks", "days_per_week", "hours_per_day"};
    static const char *const ENERGY_KEYS[] = {"daily", "recovery", "overwork_recovery",
                                              "tired_below", "tired_quality"};
    read_object(v, root, "calendar", 1, CAL_KEYS, COUNT_OF(CAL_KEYS), read_calendar, &s->calendar,
                &cal_ok);
    read_object(v, root, "energy", 1, ENERGY_KEYS, COUNT_OF(ENERGY_KEYS), read_energy, &s->energy,
                &energy_ok);
    s->budget = get_int(v, root, "budget", 0, 1000000000, 1, 0, &money_ok);
    s->quota = get_int(v, root, "quota", 1, 1000000000000LL, 1, 1, &money_ok);
    read_object(v, root, "prepare", 1, PREPARE_KEYS, COUNT_OF(PREPARE_KEYS), read_prepare, s,
                &ok_all);
    const char *channels[CHANNEL_COUNT];
    names_of(channel_name_i, CHANNEL_COUNT, channels);
    read_object(v, root, "channels", 1, channels, CHANNEL_COUNT, read_channels, s, &channels_ok);
    read_object(v, root, "close", 1, CLOSE_KEYS, COUNT_OF(CLOSE_KEYS), read_close, &s->close,
                &ok_all);
    read_progress(v, root, &progress_ok);
    read_prospects(v, root, &prospects_ok);
    int day_count = cal_ok ? s->calendar.weeks * s->calendar.days_per_week : 0;
    read_events(v, root, day_count, &ok_all);

    set_defaults(RULE_FIELDS, COUNT_OF(RULE_FIELDS), &s->rules);
    const char *rule_keys[COUNT_OF(RULE_FIELDS)];
    for (int i = 0; i < COUNT_OF(RULE_FIELDS); i++)
        rule_keys[i] = RULE_FIELDS[i].key;
    int rules_ok = 1;
    read_object(v, root, "rules", 0, rule_keys, COUNT_OF(RULE_FIELDS), read_rules, &s->rules,
                &rules_ok);
    default_scoring(&s->scoring);
    read_object(v, root, "scoring", 0, SCORING_KEYS, COUNT_OF(SCORING_KEYS), read_scoring,
                &s->scoring, &ok_all);

    cross_checks(v, cal_ok, energy_ok, channels_ok, progress_ok && rules_ok && prospects_ok,
                 prospects_ok, money_ok);
}

/* ---------------------------------------------------------------- public */

static void hash_hex(const char *buf, size_t len, char out[17])
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 1099511628211ull;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 0xF];
        h >>= 4;
    }
    out[16] = '\0';
}

Scenario *scenario_load(const char *buf, size_t len, const char *file, DiagList *diags)
{
    (void)file; /* diagnostics carry no file name; diag_print adds it */
    if (!diags)
        return NULL;
    if (!buf && len) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "no input");
        return NULL;
    }
    if (len > SCENARIO_MAX_BYTES) {
        diag_add(diags, DIAG_ERROR, 1, 1, "",
                 "expected a scenario of at most %u bytes (4 MiB), found %zu bytes",
                 SCENARIO_MAX_BYTES, len);
        return NULL;
    }
    DiagList *local = diag_list_new();
    if (!local) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory");
        return NULL;
    }
    Scenario *s = NULL;
    JsonDoc *doc = json_strict_parse(buf ? buf : "", len, SCENARIO_MAX_DEPTH, local);
    int oom = 0;
    if (doc) {
        s = alloc_calloc(1, sizeof *s);
        if (!s) {
            oom = 1;
        } else {
            V v;
            memset(&v, 0, sizeof v);
            v.doc = doc;
            v.diags = local;
            v.s = s;
            v.path = alloc_calloc(1, 64);
            v.path_cap = 64;
            if (!v.path) {
                oom = 1;
            } else {
                validate(&v, json_doc_root(doc));
                if (v.hidden)
                    diag_add(local, DIAG_ERROR, 0, 0, "", "%d more problems are not shown",
                             v.hidden);
                oom = v.oom;
            }
            alloc_free(v.path);
            alloc_free(v.sugg);
            hash_hex(buf, len, s->hash);
        }
    }
    json_doc_free(doc);
    diag_sort(local);
    for (int i = 0; i < diag_count(local); i++) {
        const Diag *d = diag_get(local, i);
        diag_add(diags, d->severity, d->line, d->col, d->pointer, "%s", d->message);
    }
    if (oom)
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory while loading the scenario");
    if (oom || diag_error_count(local) > 0) {
        scenario_free(s);
        s = NULL;
    }
    diag_list_free(local);
    return s;
}

Scenario *scenario_load_file(const char *path, DiagList *diags, int *unreadable)
{
    if (unreadable)
        *unreadable = 0;
    if (!diags)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    errno = 0;
    FileStatus st = file_read_all(path, SCENARIO_MAX_BYTES, &buf, &len);
    if (st != FILE_OK) {
        int saved = errno;
        if (st == FILE_ERR_TOO_BIG) {
            /* read, but invalid: a scenario this large is refused at its first byte */
            diag_add(diags, DIAG_ERROR, 1, 1, "",
                     "expected a scenario of at most %u bytes (4 MiB), found a larger file",
                     SCENARIO_MAX_BYTES);
        } else {
            diag_add(diags, DIAG_ERROR, 0, 0, "", "cannot read the file: %s",
                     file_status_message(st, saved));
            if (unreadable)
                *unreadable = 1;
        }
        alloc_free(buf);
        return NULL;
    }
    Scenario *s = scenario_load(buf, len, path, diags);
    alloc_free(buf);
    return s;
}

void scenario_free(Scenario *s)
{
    if (!s)
        return;
    arena_free(&s->arena);
    alloc_free(s);
}

const char *scenario_id(const Scenario *s) { return s ? s->id : NULL; }
const char *scenario_title(const Scenario *s) { return s ? s->title : NULL; }
const char *scenario_summary(const Scenario *s) { return s ? s->summary : NULL; }
int scenario_difficulty(const Scenario *s) { return s ? s->difficulty : 0; }
const char *scenario_currency(const Scenario *s) { return s ? s->currency : NULL; }
const char *scenario_hash(const Scenario *s) { return s ? s->hash : NULL; }
const Calendar *scenario_calendar(const Scenario *s) { return s ? &s->calendar : NULL; }

int scenario_day_count(const Scenario *s)
{
    return s ? s->calendar.weeks * s->calendar.days_per_week : 0;
}

const EnergyRules *scenario_energy(const Scenario *s) { return s ? &s->energy : NULL; }
int64_t scenario_budget(const Scenario *s) { return s ? s->budget : 0; }
int64_t scenario_quota(const Scenario *s) { return s ? s->quota : 0; }

const PrepareAction *scenario_research(const Scenario *s, Research r)
{
    return s && (int)r >= 0 && r < RESEARCH_COUNT ? &s->research[r] : NULL;
}

const PrepareAction *scenario_value_proposition(const Scenario *s)
{
    return s ? &s->value_proposition : NULL;
}

const ChannelRules *scenario_channel(const Scenario *s, Channel c)
{
    return s && (int)c >= 0 && c < CHANNEL_COUNT ? &s->channels[c] : NULL;
}

const CloseRules *scenario_close(const Scenario *s) { return s ? &s->close : NULL; }
const GameRules *scenario_rules(const Scenario *s) { return s ? &s->rules : NULL; }
const ScoringRules *scenario_scoring(const Scenario *s) { return s ? &s->scoring : NULL; }

int scenario_prospect_count(const Scenario *s) { return s ? s->prospect_count : 0; }

const Prospect *scenario_prospect(const Scenario *s, int i)
{
    return s && i >= 0 && i < s->prospect_count ? &s->prospects[i] : NULL;
}

int scenario_prospect_index(const Scenario *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (int i = 0; i < s->prospect_count; i++)
        if (strcmp(s->prospects[i].id, id) == 0)
            return i;
    return -1;
}

int scenario_step_count(const Scenario *s) { return s ? s->step_count : 0; }

const ProgressStep *scenario_step(const Scenario *s, int i)
{
    return s && i >= 0 && i < s->step_count ? &s->steps[i] : NULL;
}

int scenario_step_index(const Scenario *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (int i = 0; i < s->step_count; i++)
        if (strcmp(s->steps[i].id, id) == 0)
            return i;
    return -1;
}

int scenario_event_count(const Scenario *s) { return s ? s->event_count : 0; }

const ScenarioEvent *scenario_event(const Scenario *s, int i)
{
    return s && i >= 0 && i < s->event_count ? &s->events[i] : NULL;
}
