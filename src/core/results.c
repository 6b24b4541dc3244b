/* results — results files: writing (a deterministic JSON text), reading action logs back
 * strictly with positioned diagnostics, and replaying them through game_apply.
 *
 * Every number is written as an exact integer or a short fixed decimal, so the same game
 * and metadata always give the same bytes. Reading goes through json_strict (positions,
 * duplicate keys, NUL bytes) and then checks every key against what the format allows. */
#include "upfront/results.h"
#include "upfront/alloc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_strict.h"
#include "strbuf.h"
#include "upfront/score.h"

#ifndef UPFRONT_VERSION
#define UPFRONT_VERSION "0.0.0"
#endif

#define RESULTS_MAX_DEPTH 16
#define RESULTS_MAX_DIAGS 50 /* reading stops reporting after this many errors */
#define MAX_EXACT_DOUBLE 9007199254740992.0 /* 2^53 */

/* ------------------------------------------------------------------ names */

static const char *const status_names[STATUS_COUNT] = {
    "cold", "engaged", "meeting", "won", "lost", "no_decision", "burned"};

static const char *status_name(ProspectStatus st)
{
    return ((int)st >= 0 && st < STATUS_COUNT) ? status_names[st] : "?";
}

/* ------------------------------------------------------------------ dates */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm, proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Formats a Unix time as "YYYY-MM-DDTHH:MM:SSZ" (years clamped to 0000..9999). */
static void format_utc(int64_t t, char out[64])
{
    const int64_t lo = days_from_civil(0, 1, 1) * 86400;
    const int64_t hi = days_from_civil(9999, 12, 31) * 86400 + 86399;
    if (t < lo)
        t = lo;
    if (t > hi)
        t = hi;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ". Returns 0, or -1 when malformed. */
static int parse_utc(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, se;
    if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[19] != 'Z')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
        return -1;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 59)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

/* ------------------------------------------------------------------ writing */

/* A growable text buffer; failed appends set oom and are otherwise ignored. */
static void buf_indent(StrBuf *b, int level)
{
    for (int i = 0; i < level; i++)
        strbuf_add(b, "  ", 2);
}

static void buf_string(StrBuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    strbuf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[7];
        switch (*p) {
        case '"': strbuf_add(b, "\\\"", 2); break;
        case '\\': strbuf_add(b, "\\\\", 2); break;
        case '\n': strbuf_add(b, "\\n", 2); break;
        case '\r': strbuf_add(b, "\\r", 2); break;
        case '\t': strbuf_add(b, "\\t", 2); break;
        case '\b': strbuf_add(b, "\\b", 2); break;
        case '\f': strbuf_add(b, "\\f", 2); break;
        default:
            if (*p < 0x20) {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[*p >> 4];
                esc[5] = hex[*p & 15];
                strbuf_add(b, esc, 6);
            } else if (*p < 0x80) {
                strbuf_add(b, (const char *)p, 1);
            } else {
                /* Only valid UTF-8 is written, as the reader accepts only that: a name cut
                 * mid-character or a path in another encoding becomes U+FFFD. */
                uint32_t cp;
                int n = json_utf8_decode(p, strlen((const char *)p), &cp);
                if (n > 0) {
                    strbuf_add(b, (const char *)p, (size_t)n);
                    p += n - 1;
                } else {
                    strbuf_add(b, "\\ufffd", 6);
                }
            }
        }
    }
    strbuf_add(b, "\"", 1);
}

static int is_scalar(const cJSON *v) { return !cJSON_IsObject(v) && !cJSON_IsArray(v); }

/* Arrays of scalars print on one line, and so do array items that are objects of scalars
 * and arrays of scalars (actions, deals, weeks); everything else is indented. */
static int is_inline(const cJSON *v, int in_array)
{
    if (is_scalar(v))
        return 1;
    if (cJSON_IsArray(v)) {
        for (const cJSON *c = v->child; c; c = c->next)
            if (!is_scalar(c))
                return 0;
        return 1;
    }
    if (!in_array)
        return 0;
    for (const cJSON *c = v->child; c; c = c->next)
        if (!is_scalar(c) && !(cJSON_IsArray(c) && is_inline(c, 0)))
            return 0;
    return 1;
}

/* Prints a tree built only of raw numbers, strings, booleans, objects and arrays, with
 * two-space indentation. */
static void emit(StrBuf *b, const cJSON *v, int level, int one_line)
{
    if (cJSON_IsRaw(v)) {
        strbuf_puts(b, v->valuestring);
    } else if (cJSON_IsString(v)) {
        buf_string(b, v->valuestring);
    } else if (cJSON_IsTrue(v)) {
        strbuf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        strbuf_puts(b, "false");
    } else if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        int obj = cJSON_IsObject(v);
        if (!v->child) {
            strbuf_puts(b, obj ? "{}" : "[]");
            return;
        }
        strbuf_puts(b, obj ? "{" : "[");
        for (const cJSON *c = v->child; c; c = c->next) {
            if (one_line) {
                if (c != v->child)
                    strbuf_puts(b, ", ");
            } else {
                strbuf_puts(b, c == v->child ? "\n" : ",\n");
                buf_indent(b, level + 1);
            }
            if (obj) {
                buf_string(b, c->string);
                strbuf_puts(b, ": ");
            }
            emit(b, c, level + 1, one_line || is_inline(c, !obj));
        }
        if (!one_line) {
            strbuf_puts(b, "\n");
            buf_indent(b, level);
        }
        strbuf_puts(b, obj ? "}" : "]");
    } else {
        strbuf_puts(b, "null"); /* the writer builds no other kind of value */
    }
}

/* Builders that record an out-of-memory failure in *ok. */
static cJSON *add_raw(cJSON *o, const char *key, const char *raw, int *ok)
{
    cJSON *r = cJSON_AddRawToObject(o, key, raw);
    if (!r)
        *ok = 0;
    return r;
}

static void add_int(cJSON *o, const char *key, int64_t v, int *ok)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)v);
    add_raw(o, key, num, ok);
}

/* bp/10000 as a short exact decimal: 10000 -> "1", 3125 -> "0.3125", 500 -> "0.05". */
static void add_bp_share(cJSON *o, const char *key, int bp, int *ok)
{
    char num[32];
    if (bp < 0)
        bp = 0;
    snprintf(num, sizeof num, "%d.%04d", bp / 10000, bp % 10000);
    size_t n = strlen(num);
    while (num[n - 1] == '0')
        num[--n] = '\0';
    if (num[n - 1] == '.')
        num[n - 1] = '\0';
    add_raw(o, key, num, ok);
}

static void add_str(cJSON *o, const char *key, const char *s, int *ok)
{
    if (!cJSON_AddStringToObject(o, key, s ? s : ""))
        *ok = 0;
}

static void add_bool(cJSON *o, const char *key, int v, int *ok)
{
    if (!cJSON_AddBoolToObject(o, key, v ? 1 : 0))
        *ok = 0;
}

static cJSON *add_obj(cJSON *o, const char *key, int *ok)
{
    cJSON *c = cJSON_AddObjectToObject(o, key);
    if (!c)
        *ok = 0;
    return c;
}

static cJSON *add_arr(cJSON *o, const char *key, int *ok)
{
    cJSON *c = cJSON_AddArrayToObject(o, key);
    if (!c)
        *ok = 0;
    return c;
}

static cJSON *push_obj(cJSON *arr, int *ok)
{
    cJSON *c = cJSON_CreateObject();
    if (!c || !cJSON_AddItemToArray(arr, c)) {
        cJSON_Delete(c);
        *ok = 0;
        return NULL;
    }
    return c;
}

static void build_score(cJSON *root, const ScoreCard *sc, int *ok)
{
    cJSON *o = add_obj(root, "score", ok);
    if (!o)
        return;
    add_int(o, "total", sc->total, ok);
    for (int c = 0; c < SCORE_COMPONENT_COUNT; c++)
        add_int(o, score_component_name((ScoreComponent)c), sc->points[c], ok);
    cJSON *s = add_obj(o, "sentences", ok);
    if (s)
        for (int c = 0; c < SCORE_COMPONENT_COUNT; c++)
            add_str(s, score_component_name((ScoreComponent)c), sc->sentence[c], ok);
    add_int(o, "revenue", sc->revenue, ok);
    add_int(o, "quota", sc->quota, ok);
    add_int(o, "attainment_bp", sc->attainment_bp, ok);
    add_int(o, "deals_won", sc->deals_won, ok);
    add_int(o, "deals_lost", sc->deals_lost, ok);
    add_int(o, "deals_no_decision", sc->deals_no_decision, ok);
    add_int(o, "buyer_initiated", sc->buyer_initiated, ok);
    add_int(o, "frontload_pct", sc->frontload_pct, ok);
    add_int(o, "personalisation_pct", sc->personalisation_pct, ok);
    add_int(o, "breadth_pct", sc->breadth_pct, ok);
    add_int(o, "close_minutes_per_win", sc->close_minutes_per_win, ok);
    add_int(o, "overworked_days", sc->overworked_days, ok);
    add_int(o, "generic_exec_calls", sc->generic_exec_calls, ok);
    add_int(o, "burned", sc->burned, ok);
    add_int(o, "lost_to_pressure", sc->lost_to_pressure, ok);
}

static void build_effort(cJSON *root, const Game *g, const ScoreCard *sc, int *ok)
{
    cJSON *o = add_obj(root, "effort", ok);
    if (!o)
        return;
    cJSON *by_stage = add_obj(o, "by_stage", ok);
    for (int st = 0; st < STAGE_COUNT && by_stage; st++) {
        cJSON *s = add_obj(by_stage, stage_name((Stage)st), ok);
        if (!s)
            break;
        add_int(s, "minutes", game_effort_minutes(g, (Stage)st), ok);
        add_int(s, "energy", game_effort_energy(g, (Stage)st), ok);
        add_bp_share(s, "share", sc->effort_share_bp[st], ok);
    }
    cJSON *by_week = add_arr(o, "by_week", ok);
    int weeks = scenario_calendar(game_scenario(g))->weeks;
    for (int w = 0; w < weeks && by_week; w++) {
        cJSON *wk = push_obj(by_week, ok);
        if (!wk)
            break;
        add_int(wk, "week", w + 1, ok);
        for (int st = 0; st < STAGE_COUNT; st++)
            add_int(wk, stage_name((Stage)st), game_effort_week_minutes(g, w, (Stage)st), ok);
    }
}

static void build_deals(cJSON *root, const Game *g, int *ok)
{
    const Scenario *s = game_scenario(g);
    cJSON *arr = add_arr(root, "deals", ok);
    for (int i = 0; arr && i < scenario_prospect_count(s); i++) {
        const Prospect *p = scenario_prospect(s, i);
        const ProspectState *ps = game_prospect(g, i);
        cJSON *d = push_obj(arr, ok);
        if (!d || !p || !ps)
            break;
        add_str(d, "id", p->id, ok);
        add_str(d, "company", p->company, ok);
        add_str(d, "status", status_name(ps->status), ok);
        add_int(d, "revenue", ps->revenue, ok);
        add_bool(d, "buyer_initiated", ps->buyer_initiated, ok);
        add_int(d, "touches", ps->touches, ok);
        cJSON *ch = add_arr(d, "channels", ok);
        for (int c = 0; ch && c < CHANNEL_COUNT; c++) {
            if (!(ps->channels_used & (1u << c)))
                continue;
            cJSON *n = cJSON_CreateString(channel_name((Channel)c));
            if (!n || !cJSON_AddItemToArray(ch, n)) {
                cJSON_Delete(n);
                *ok = 0;
            }
        }
        add_int(d, "prep", ps->prep, ok);
        add_int(d, "readiness", ps->readiness, ok);
    }
}

/* Fills one action object. */
static void build_action(cJSON *o, const Scenario *s, const Action *a, int day, int *ok)
{
    add_int(o, "day", day, ok);
    add_str(o, "act", action_kind_name(a->kind), ok);
    if (a->kind == ACTION_END_DAY)
        return;
    const Prospect *p = scenario_prospect(s, a->prospect);
    add_str(o, "prospect", p ? p->id : "?", ok);
    switch (a->kind) {
    case ACTION_RESEARCH:
        add_str(o, "topic", research_name((Research)a->arg), ok);
        break;
    case ACTION_TOUCH:
        add_str(o, "channel", channel_name((Channel)a->arg), ok);
        break;
    case ACTION_PROGRESS: {
        const ProgressStep *st = scenario_step(s, a->arg);
        add_str(o, "step", st ? st->id : "?", ok);
        break;
    }
    case ACTION_CLOSE:
        add_str(o, "technique", close_name((CloseTechnique)a->arg), ok);
        break;
    default:
        break;
    }
}

/* Copies at most max code points of s into out (whole characters only). */
static void cut_chars(char *out, size_t cap, const char *s, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    int k = 0;
    while (i < n && k < max) {
        uint32_t cp;
        int l = json_utf8_decode(p + i, n - i, &cp);
        if (l <= 0)
            l = 1; /* written as U+FFFD by buf_string */
        if (o + (size_t)l + 1 > cap)
            break;
        memcpy(out + o, s + i, (size_t)l);
        o += (size_t)l;
        i += (size_t)l;
        k++;
    }
    out[o] = '\0';
}

static const char *const played_by_names[] = {"person", "strategy", "assisted"};

static void build_played_by(cJSON *root, const ResultsMeta *meta, int *ok)
{
    cJSON *o = add_obj(root, "played_by", ok);
    if (!o)
        return;
    PlayedBy pb = meta ? meta->played_by : PLAYED_BY_PERSON;
    if ((unsigned)pb > PLAYED_BY_ASSISTED || ((pb != PLAYED_BY_PERSON) && !meta->strategy))
        pb = PLAYED_BY_PERSON;
    add_str(o, "who", played_by_names[pb], ok);
    if (pb != PLAYED_BY_PERSON) {
        char name[RESULTS_MAX_STRATEGY_NAME + 1];
        snprintf(name, sizeof name, "%s", meta->strategy);
        add_str(o, "strategy", name, ok);
    }
    if (pb == PLAYED_BY_ASSISTED)
        add_int(o, "weeks", meta->strategy_weeks, ok);
}

/* The results file of g as a tree, with its action log when with_actions; NULL when out of
 * memory. */
static cJSON *build_tree(const Game *g, const ResultsMeta *meta, int with_actions)
{
    const Scenario *s = game_scenario(g);
    ScoreCard sc;
    score_compute(g, &sc);
    int ok = 1;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;

    add_int(root, "format", RESULTS_FORMAT, &ok);
    add_str(root, "program", "upfront " UPFRONT_VERSION, &ok);
    cJSON *so = add_obj(root, "scenario", &ok);
    if (so) {
        add_str(so, "id", scenario_id(s), &ok);
        add_str(so, "hash", scenario_hash(s), &ok);
        add_str(so, "path", meta && meta->scenario_path ? meta->scenario_path : "", &ok);
    }
    add_int(root, "model", RESULTS_MODEL, &ok); /* after the scenario: its lines keep their places */
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)game_seed(g));
    add_str(root, "seed", num, &ok);
    char player[RESULTS_MAX_PLAYER * 4 + 1];
    cut_chars(player, sizeof player, meta && meta->player ? meta->player : "",
              RESULTS_MAX_PLAYER);
    add_str(root, "player", player, &ok);
    build_played_by(root, meta, &ok);
    if (meta && meta->rewound_day > 0) { /* practice: rewound to the start of that day */
        cJSON *rw = add_obj(root, "rewound", &ok);
        if (rw)
            add_int(rw, "day", meta->rewound_day, &ok);
    }
    char when[64];
    format_utc(meta ? meta->started : 0, when);
    add_str(root, "started", when, &ok);
    add_bool(root, "finished", game_over(g), &ok);
    add_int(root, "days_played", game_over(g) ? scenario_day_count(s) : game_day(g) - 1, &ok);
    build_score(root, &sc, &ok);
    build_effort(root, g, &sc, &ok);
    build_deals(root, g, &ok);
    snprintf(num, sizeof num, "%016llx", (unsigned long long)game_state_hash(g));
    add_str(root, "state_hash", num, &ok);
    cJSON *acts = with_actions ? add_arr(root, "actions", &ok) : NULL;
    for (int i = 0; acts && i < game_action_count(g); i++) {
        cJSON *a = push_obj(acts, &ok);
        if (!a)
            break;
        build_action(a, s, game_action(g, i), game_action_day(g, i), &ok);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

char *results_to_json(const Game *g, const ResultsMeta *meta)
{
    cJSON *root = build_tree(g, meta, 1);
    if (!root)
        return NULL;
    StrBuf b = {0};
    emit(&b, root, 0, 0);
    strbuf_puts(&b, "\n");
    cJSON_Delete(root);
    return strbuf_done(&b);
}

/* ------------------------------------------------------------------ reading */

typedef struct Reader {
    const char *file;
    DiagList *diags;
    JsonDoc *doc;
    int errors;
    int oom;
} Reader;

/* Adds an error at the value (or member name, when at_key) that pointer names. */
static void rerr(Reader *r, const char *pointer, int at_key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void rerr(Reader *r, const char *pointer, int at_key, const char *fmt, ...)
{
    r->errors++;
    if (r->errors > RESULTS_MAX_DIAGS)
        return;
    char msg[512];
    if (r->errors == RESULTS_MAX_DIAGS) {
        snprintf(msg, sizeof msg, "too many errors; stopping here");
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    int line = 0, col = 0;
    const JsonLoc *loc = r->doc ? json_doc_find(r->doc, pointer) : NULL;
    if (loc) {
        line = at_key && loc->key_line ? loc->key_line : loc->line;
        col = at_key && loc->key_line ? loc->key_col : loc->col;
    }
    if (diag_add(r->diags, DIAG_ERROR, line, col, pointer, "%s", msg) != 0)
        r->oom = 1;
}

/* Pointer of a member or item below base, in a caller buffer. */
static void ptr_key(char *out, size_t cap, const char *base, const char *key)
{
    char *p = NULL;
    size_t pcap = 0;
    size_t blen = strlen(base);
    p = alloc_malloc(blen + 1);
    if (p) {
        memcpy(p, base, blen + 1);
        pcap = blen + 1;
        if (json_pointer_append(&p, &pcap, key) == 0) {
            snprintf(out, cap, "%s", p);
            alloc_free(p);
            return;
        }
        alloc_free(p);
    }
    snprintf(out, cap, "%s", base);
}

static void ptr_index(char *out, size_t cap, const char *base, int i)
{
    snprintf(out, cap, "%s/%d", base, i);
}

/* Optimal string alignment distance, capped at 9. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 9;
    int d[41][41];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* A "did you mean" candidate list: names[i] for i < n. */
typedef const char *(*NameAt)(const void *ctx, int i);

static const char *closest(const char *name, NameAt at, const void *ctx, int n)
{
    const char *best = NULL;
    int best_d = 3;
    size_t len = strlen(name);
    for (int i = 0; i < n; i++) {
        const char *cand = at(ctx, i);
        if (!cand)
            continue;
        int d = edit_distance(name, cand);
        if (d < best_d && (size_t)d < len) {
            best = cand;
            best_d = d;
        }
    }
    return best;
}

static const char *str_list_at(const void *ctx, int i) { return ((const char *const *)ctx)[i]; }
static const char *channel_at(const void *ctx, int i) { (void)ctx; return channel_name((Channel)i); }
static const char *research_at(const void *ctx, int i) { (void)ctx; return research_name((Research)i); }
static const char *close_at(const void *ctx, int i) { (void)ctx; return close_name((CloseTechnique)i); }
static const char *kind_at(const void *ctx, int i) { (void)ctx; return action_kind_name((ActionKind)i); }
static const char *prospect_at(const void *ctx, int i)
{
    const Prospect *p = scenario_prospect((const Scenario *)ctx, i);
    return p ? p->id : NULL;
}
static const char *step_at(const void *ctx, int i)
{
    const ProgressStep *st = scenario_step((const Scenario *)ctx, i);
    return st ? st->id : NULL;
}

/* Reports an unknown name with a suggestion when one is close. */
static void unknown_name(Reader *r, const char *pointer, int at_key, const char *what,
                         const char *name, NameAt at, const void *ctx, int n)
{
    const char *best = closest(name, at, ctx, n);
    if (best)
        rerr(r, pointer, at_key, "unknown %s \"%s\"; did you mean \"%s\"?", what, name, best);
    else
        rerr(r, pointer, at_key, "unknown %s \"%s\"", what, name);
}

static const char *type_name(const cJSON *v)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "a value";
}

/* Reads a whole number in [lo, hi]. Returns 0, or -1 after an error. */
static int read_int(Reader *r, const cJSON *v, const char *pointer, double lo, double hi,
                    int64_t *out)
{
    if (!cJSON_IsNumber(v)) {
        rerr(r, pointer, 0, "expected a whole number, found %s", type_name(v));
        return -1;
    }
    double d = v->valuedouble;
    if (!(d >= lo && d <= hi) || (double)(int64_t)d != d) {
        rerr(r, pointer, 0, "expected a whole number from %.0f to %.0f", lo, hi);
        return -1;
    }
    *out = (int64_t)d;
    return 0;
}

/* The keys an action may have, by kind. */
static const char *const action_keys_all[] = {"day",     "act",   "prospect", "channel",
                                              "topic",   "step",  "technique"};
#define ACTION_KEY_COUNT 7

static const char *arg_key(ActionKind k)
{
    switch (k) {
    case ACTION_RESEARCH: return "topic";
    case ACTION_TOUCH: return "channel";
    case ACTION_PROGRESS: return "step";
    case ACTION_CLOSE: return "technique";
    default: return NULL;
    }
}

static int key_allowed(ActionKind k, const char *key)
{
    if (strcmp(key, "day") == 0 || strcmp(key, "act") == 0)
        return 1;
    if (k == ACTION_END_DAY)
        return 0;
    if (strcmp(key, "prospect") == 0)
        return 1;
    const char *ak = arg_key(k);
    return ak && strcmp(key, ak) == 0;
}

/* An action's place in the file ("/actions/12"), written only when an error needs it:
 * reading a clean file formats no pointer. */
typedef struct ActionAt {
    const char *base; /* the array's pointer */
    int index;
    char ptr[64];
} ActionAt;

static const char *action_ptr(ActionAt *at)
{
    if (!at->ptr[0])
        ptr_index(at->ptr, sizeof at->ptr, at->base, at->index);
    return at->ptr;
}

/* The pointer of member key of the action at at, in p. */
static const char *action_key_ptr(char *p, size_t cap, ActionAt *at, const char *key)
{
    ptr_key(p, cap, action_ptr(at), key);
    return p;
}

/* Reads the required string member key of o; NULL after an error. */
static const char *req_string(Reader *r, const cJSON *o, ActionAt *at, const char *key,
                              const char *act)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) {
        rerr(r, action_ptr(at), 0, "a \"%s\" action needs \"%s\"", act, key);
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        char p[256];
        rerr(r, action_key_ptr(p, sizeof p, at, key), 0, "expected a string, found %s",
             type_name(v));
        return NULL;
    }
    return v->valuestring;
}

/* Reads one action object. Returns 0, or -1 after errors. */
static int read_action(Reader *r, const cJSON *o, ActionAt *at, const Scenario *s, Action *out,
                       int *day)
{
    if (!cJSON_IsObject(o)) {
        rerr(r, action_ptr(at), 0, "expected an action object, found %s", type_name(o));
        return -1;
    }
    int before = r->errors;
    char p[256];
    const cJSON *actv = cJSON_GetObjectItemCaseSensitive(o, "act");
    int kind = -1;
    if (!actv) {
        rerr(r, action_ptr(at), 0, "an action needs \"act\" (one of research, craft, touch, "
                                   "progress, close, end_day)");
    } else if (!cJSON_IsString(actv)) {
        rerr(r, action_key_ptr(p, sizeof p, at, "act"), 0, "expected a string, found %s",
             type_name(actv));
    } else {
        kind = action_kind_from_name(actv->valuestring);
        if (kind < 0)
            unknown_name(r, action_key_ptr(p, sizeof p, at, "act"), 0, "action",
                         actv->valuestring, kind_at, NULL, ACTION_KIND_COUNT);
    }

    /* every member must be known, and known for this kind */
    for (const cJSON *c = o->child; c; c = c->next) {
        int known = 0;
        for (int k = 0; k < ACTION_KEY_COUNT && !known; k++)
            if (strcmp(c->string, action_keys_all[k]) == 0)
                known = 1;
        if (!known)
            unknown_name(r, action_key_ptr(p, sizeof p, at, c->string), 1, "key", c->string,
                         str_list_at, action_keys_all, ACTION_KEY_COUNT);
        else if (kind >= 0 && !key_allowed((ActionKind)kind, c->string))
            rerr(r, action_key_ptr(p, sizeof p, at, c->string), 1,
                 "a \"%s\" action takes no \"%s\"", actv->valuestring, c->string);
    }

    *day = 0;
    const cJSON *dv = cJSON_GetObjectItemCaseSensitive(o, "day");
    if (dv) {
        int64_t d = 0;
        if (cJSON_IsNumber(dv) && dv->valuedouble >= 1 && dv->valuedouble <= 100000 &&
            (double)(int64_t)dv->valuedouble == dv->valuedouble)
            *day = (int)dv->valuedouble;
        else if (read_int(r, dv, action_key_ptr(p, sizeof p, at, "day"), 1, 100000, &d) == 0)
            *day = (int)d;
    }
    if (kind < 0)
        return -1;

    out->kind = (ActionKind)kind;
    out->prospect = -1;
    out->arg = 0;
    const char *act = actv->valuestring;
    if (kind == ACTION_END_DAY)
        return r->errors == before ? 0 : -1;

    const char *pid = req_string(r, o, at, "prospect", act);
    if (pid && s) {
        out->prospect = scenario_prospect_index(s, pid);
        if (out->prospect < 0)
            unknown_name(r, action_key_ptr(p, sizeof p, at, "prospect"), 0, "prospect", pid,
                         prospect_at, s, scenario_prospect_count(s));
    }
    const char *ak = arg_key((ActionKind)kind);
    if (ak) {
        const char *name = req_string(r, o, at, ak, act);
        if (name) {
            int v = -1;
            switch (kind) {
            case ACTION_RESEARCH:
                v = research_from_name(name);
                if (v < 0)
                    unknown_name(r, action_key_ptr(p, sizeof p, at, ak), 0, "research topic",
                                 name, research_at, NULL, RESEARCH_COUNT);
                break;
            case ACTION_TOUCH:
                v = channel_from_name(name);
                if (v < 0)
                    unknown_name(r, action_key_ptr(p, sizeof p, at, ak), 0, "channel", name,
                                 channel_at, NULL, CHANNEL_COUNT);
                break;
            case ACTION_PROGRESS:
                if (s) {
                    v = scenario_step_index(s, name);
                    if (v < 0)
                        unknown_name(r, action_key_ptr(p, sizeof p, at, ak), 0,
                                     "progress step", name, step_at, s,
                                     scenario_step_count(s));
                }
                break;
            case ACTION_CLOSE:
                v = close_from_name(name);
                if (v < 0)
                    unknown_name(r, action_key_ptr(p, sizeof p, at, ak), 0, "close technique",
                                 name, close_at, NULL, CLOSE_COUNT);
                break;
            default:
                break;
            }
            out->arg = v < 0 ? 0 : v;
        }
    }
    return r->errors == before ? 0 : -1;
}

static int read_actions_array(Reader *r, const cJSON *arr, const char *base, const Scenario *s,
                              ActionLog *out)
{
    if (!cJSON_IsArray(arr)) {
        rerr(r, base, 0, "expected an array of actions, found %s", type_name(arr));
        return -1;
    }
    int n = cJSON_GetArraySize(arr);
    if (n > RESULTS_MAX_ACTIONS) {
        rerr(r, base, 0, "too many actions: %d (the limit is %d)", n, RESULTS_MAX_ACTIONS);
        return -1;
    }
    out->actions = alloc_calloc((size_t)n + 1, sizeof *out->actions);
    out->days = alloc_calloc((size_t)n + 1, sizeof *out->days);
    if (!out->actions || !out->days) {
        r->oom = 1;
        return -1;
    }
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        ActionAt at = {base, i, ""};
        if (read_action(r, c, &at, s, &out->actions[i], &out->days[i]) != 0 &&
            r->errors >= RESULTS_MAX_DIAGS)
            break;
    }
    out->count = n;
    return 0;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = alloc_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Reads an optional string member into *out (owned). Returns 0 or -1 after an error. */
static int opt_string(Reader *r, const cJSON *o, const char *base, const char *key, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        return 0;
    char p[128];
    ptr_key(p, sizeof p, base, key);
    if (!cJSON_IsString(v)) {
        rerr(r, p, 0, "expected a string, found %s", type_name(v));
        return -1;
    }
    *out = dup_str(v->valuestring);
    if (!*out)
        r->oom = 1;
    return 0;
}

static const char *const top_keys[] = {
    "format", "program", "model", "scenario", "seed",  "player",     "started", "finished",
    "days_played", "score", "effort", "deals", "state_hash", "actions", "played_by", "rewound"};
#define TOP_KEY_COUNT 16
static const char *const played_by_keys[] = {"who", "strategy", "weeks"};
static const char *const scenario_keys[] = {"id", "hash", "path"};

static void check_keys(Reader *r, const cJSON *o, const char *base, const char *const *keys,
                       int n)
{
    for (const cJSON *c = o->child; c; c = c->next) {
        int known = 0;
        for (int k = 0; k < n; k++)
            if (strcmp(c->string, keys[k]) == 0)
                known = 1;
        if (!known) {
            char p[256];
            ptr_key(p, sizeof p, base, c->string);
            unknown_name(r, p, 1, "key", c->string, str_list_at, keys, n);
        }
    }
}

static int read_seed(Reader *r, const cJSON *v, ActionLog *out)
{
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        uint64_t acc = 0;
        int bad = n == 0 || n > 20;
        for (size_t i = 0; i < n && !bad; i++) {
            if (s[i] < '0' || s[i] > '9') {
                bad = 1;
                break;
            }
            uint64_t dgt = (uint64_t)(s[i] - '0');
            if (acc > (UINT64_MAX - dgt) / 10)
                bad = 1;
            else
                acc = acc * 10 + dgt;
        }
        if (bad) {
            rerr(r, "/seed", 0,
                 "expected a decimal seed from 0 to 18446744073709551615, found \"%s\"", s);
            return -1;
        }
        out->seed = acc;
    } else if (cJSON_IsNumber(v)) {
        /* A number is exact only up to 2^53: read its digits, not the double. */
        const JsonLoc *loc = r->doc ? json_doc_find(r->doc, "/seed") : NULL;
        size_t n = 0;
        const char *text = loc ? json_doc_text(r->doc, loc, &n) : NULL;
        uint64_t acc = 0;
        int bad = !text || n == 0 || n > 16;
        for (size_t i = 0; i < n && !bad; i++) {
            if (text[i] < '0' || text[i] > '9')
                bad = 1;
            else
                acc = acc * 10 + (uint64_t)(text[i] - '0');
        }
        if (bad || acc > ((uint64_t)1 << 53)) {
            rerr(r, "/seed", 0,
                 "a seed written as a number must be a whole number from 0 to 2^53 "
                 "(9007199254740992); write larger seeds as a decimal string");
            return -1;
        }
        out->seed = acc;
    } else {
        rerr(r, "/seed", 0, "expected the seed as a decimal string, found %s", type_name(v));
        return -1;
    }
    out->has_seed = 1;
    return 0;
}

/* Reads "played_by" (absent: a person). */
static void read_played_by(Reader *r, const cJSON *v, ActionLog *out)
{
    out->played_by = PLAYED_BY_PERSON;
    if (!v)
        return;
    if (!cJSON_IsObject(v)) {
        rerr(r, "/played_by", 0, "expected an object {\"who\": ...}, found %s", type_name(v));
        return;
    }
    check_keys(r, v, "/played_by", played_by_keys, 3);
    const cJSON *who = cJSON_GetObjectItemCaseSensitive(v, "who");
    int kind = -1;
    if (!cJSON_IsString(who)) {
        rerr(r, "/played_by", 0, "expected \"who\": \"person\", \"strategy\" or \"assisted\"");
        return;
    }
    for (int k = 0; k <= PLAYED_BY_ASSISTED; k++)
        if (strcmp(who->valuestring, played_by_names[k]) == 0)
            kind = k;
    if (kind < 0) {
        unknown_name(r, "/played_by/who", 0, "player kind", who->valuestring, str_list_at,
                     played_by_names, 3);
        return;
    }
    out->played_by = (PlayedBy)kind;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(v, "strategy");
    const cJSON *wk = cJSON_GetObjectItemCaseSensitive(v, "weeks");
    if (kind == PLAYED_BY_PERSON) {
        if (st || wk)
            rerr(r, "/played_by", 0, "a game played by a person names no strategy or weeks");
        return;
    }
    if (!cJSON_IsString(st) || !st->valuestring[0] ||
        strlen(st->valuestring) > RESULTS_MAX_STRATEGY_NAME) {
        rerr(r, "/played_by", 0, "expected \"strategy\": the name of a strategy");
        return;
    }
    for (const char *c = st->valuestring; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-')) {
            rerr(r, "/played_by/strategy", 0, "a strategy's name is lower-case letters, digits, "
                                              "'_' and '-'");
            return;
        }
    snprintf(out->strategy, sizeof out->strategy, "%s", st->valuestring);
    if (kind == PLAYED_BY_ASSISTED) {
        int64_t w = 0;
        if (!wk)
            rerr(r, "/played_by", 0, "an assisted game says how many \"weeks\" the strategy "
                                     "played");
        else if (read_int(r, wk, "/played_by/weeks", 1, 1000, &w) == 0)
            out->strategy_weeks = (int)w;
    } else if (wk) {
        rerr(r, "/played_by/weeks", 1, "a game played by a strategy takes no \"weeks\"");
    }
}

/* Reads "rewound": {"day": D} (absent: not rewound). */
static void read_rewound(Reader *r, const cJSON *v, ActionLog *out)
{
    static const char *const keys[] = {"day"};
    out->rewound_day = 0;
    if (!v)
        return;
    if (!cJSON_IsObject(v)) {
        rerr(r, "/rewound", 0, "expected an object {\"day\": D}, found %s", type_name(v));
        return;
    }
    check_keys(r, v, "/rewound", keys, 1);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(v, "day");
    int64_t day = 0;
    if (!d)
        rerr(r, "/rewound", 0, "a rewound game says the \"day\" it was rewound to");
    else if (read_int(r, d, "/rewound/day", 1, 100000, &day) == 0)
        out->rewound_day = (int)day;
}

/* Reads the facts of a results file (everything but the actions). */
static void read_header(Reader *r, const cJSON *root, ActionLog *out)
{
    check_keys(r, root, "", top_keys, TOP_KEY_COUNT);
    out->is_results = 1;
    out->recorded_total = -1;

    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    int64_t f = 0;
    if (!fmt)
        rerr(r, "", 0, "a results file needs \"format\": %d", RESULTS_FORMAT);
    else if (read_int(r, fmt, "/format", 0, 1000000, &f) == 0 && f != RESULTS_FORMAT)
        rerr(r, "/format", 0, "unsupported results format %lld (this program reads %d)",
             (long long)f, RESULTS_FORMAT);

    const cJSON *prog = cJSON_GetObjectItemCaseSensitive(root, "program");
    if (prog && !cJSON_IsString(prog))
        rerr(r, "/program", 0, "expected a string, found %s", type_name(prog));
    else if (prog)
        opt_string(r, root, "", "program", &out->program);

    /* no "model": made by upfront 0.1.0, before models were recorded */
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
    int64_t m = 1;
    if (model && read_int(r, model, "/model", 1, 1000000, &m) != 0)
        m = 1;
    out->model = (int)m;

    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    if (!sc) {
        rerr(r, "", 0, "a results file needs \"scenario\": {\"id\", \"hash\"}");
    } else if (!cJSON_IsObject(sc)) {
        rerr(r, "/scenario", 0, "expected an object, found %s", type_name(sc));
    } else {
        check_keys(r, sc, "/scenario", scenario_keys, 3);
        opt_string(r, sc, "/scenario", "id", &out->scenario_id);
        opt_string(r, sc, "/scenario", "hash", &out->scenario_hash);
        opt_string(r, sc, "/scenario", "path", &out->scenario_path);
        if (!cJSON_GetObjectItemCaseSensitive(sc, "id"))
            rerr(r, "/scenario", 0, "the scenario needs an \"id\"");
        if (!cJSON_GetObjectItemCaseSensitive(sc, "hash"))
            rerr(r, "/scenario", 0, "the scenario needs a \"hash\"");
        if (out->scenario_path && !out->scenario_path[0]) {
            alloc_free(out->scenario_path);
            out->scenario_path = NULL;
        }
    }

    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(root, "seed");
    if (!seed)
        rerr(r, "", 0, "a results file needs \"seed\"");
    else
        read_seed(r, seed, out);

    opt_string(r, root, "", "player", &out->player);
    if (out->player) {
        char why[160];
        if (results_check_player(out->player, why, sizeof why) != 0)
            rerr(r, "/player", 0, "%s", why);
    }
    read_played_by(r, cJSON_GetObjectItemCaseSensitive(root, "played_by"), out);
    read_rewound(r, cJSON_GetObjectItemCaseSensitive(root, "rewound"), out);

    const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "started");
    if (st) {
        if (!cJSON_IsString(st))
            rerr(r, "/started", 0, "expected a UTC time \"YYYY-MM-DDTHH:MM:SSZ\", found %s",
                 type_name(st));
        else if (parse_utc(st->valuestring, &out->started) != 0)
            rerr(r, "/started", 0, "expected a UTC time \"YYYY-MM-DDTHH:MM:SSZ\", found \"%s\"",
                 st->valuestring);
    }

    const cJSON *fin = cJSON_GetObjectItemCaseSensitive(root, "finished");
    if (fin && !cJSON_IsBool(fin))
        rerr(r, "/finished", 0, "expected true or false, found %s", type_name(fin));
    out->finished = cJSON_IsTrue(fin);
    const cJSON *dp = cJSON_GetObjectItemCaseSensitive(root, "days_played");
    int64_t tmp;
    if (dp)
        read_int(r, dp, "/days_played", 0, 100000, &tmp);

    const cJSON *score = cJSON_GetObjectItemCaseSensitive(root, "score");
    if (score) {
        if (!cJSON_IsObject(score)) {
            rerr(r, "/score", 0, "expected an object, found %s", type_name(score));
        } else {
            const cJSON *tot = cJSON_GetObjectItemCaseSensitive(score, "total");
            if (tot && read_int(r, tot, "/score/total", 0, MAX_EXACT_DOUBLE, &tmp) == 0)
                out->recorded_total = tmp;
        }
    }
    const cJSON *eff = cJSON_GetObjectItemCaseSensitive(root, "effort");
    if (eff && !cJSON_IsObject(eff))
        rerr(r, "/effort", 0, "expected an object, found %s", type_name(eff));
    const cJSON *deals = cJSON_GetObjectItemCaseSensitive(root, "deals");
    if (deals && !cJSON_IsArray(deals))
        rerr(r, "/deals", 0, "expected an array, found %s", type_name(deals));
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(root, "state_hash");
    if (sh && !cJSON_IsString(sh))
        rerr(r, "/state_hash", 0, "expected a string, found %s", type_name(sh));
    if (!cJSON_GetObjectItemCaseSensitive(root, "actions"))
        rerr(r, "", 0, "a results file needs \"actions\"");
}

struct ResultsDoc {
    JsonDoc *json;
    const char *buf; /* the caller's text, alive while the document is */
    size_t len;
};

ResultsDoc *results_doc_parse(const char *buf, size_t len, DiagList *diags)
{
    if (len > RESULTS_MAX_BYTES) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "file too large (%zu bytes; the limit is %u)", len,
                 RESULTS_MAX_BYTES);
        return NULL;
    }
    ResultsDoc *d = alloc_calloc(1, sizeof *d);
    if (!d) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory");
        return NULL;
    }
    int before = diag_error_count(diags);
    d->json = json_strict_parse(buf, len, RESULTS_MAX_DEPTH, diags);
    if (!d->json) {
        if (diag_error_count(diags) == before)
            diag_add(diags, DIAG_ERROR, 0, 0, "", "cannot parse the file");
        alloc_free(d);
        return NULL;
    }
    d->buf = buf;
    d->len = len;
    return d;
}

void results_doc_free(ResultsDoc *doc)
{
    if (!doc)
        return;
    json_doc_free(doc->json);
    alloc_free(doc);
}

/* Shared by results_doc_actions (s may be used) and results_doc_header (s NULL, actions
 * not read). */
static int read_doc(const ResultsDoc *d, const char *file, const Scenario *s, int want_actions,
                    ActionLog *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->recorded_total = -1;
    Reader r = {file, diags, d->json, 0, 0};
    const cJSON *root = json_doc_root(d->json);
    if (cJSON_IsArray(root)) {
        if (want_actions)
            read_actions_array(&r, root, "", s, out);
        else
            rerr(&r, "", 0, "expected a results file (an object), found a plain action list");
    } else if (cJSON_IsObject(root)) {
        read_header(&r, root, out);
        const cJSON *acts = cJSON_GetObjectItemCaseSensitive(root, "actions");
        if (want_actions && acts)
            read_actions_array(&r, acts, "/actions", s, out);
    } else {
        rerr(&r, "", 0, "expected a results file or an array of actions, found %s",
             type_name(root));
    }

    if (!r.oom && r.errors == 0) {
        out->recorded_json = alloc_malloc(d->len + 1);
        if (!out->recorded_json) {
            r.oom = 1;
        } else {
            memcpy(out->recorded_json, d->buf, d->len);
            out->recorded_json[d->len] = '\0';
        }
    }
    if (r.oom)
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory");
    if (r.oom || r.errors > 0) {
        action_log_free(out);
        out->recorded_total = -1;
        return -1;
    }
    return 0;
}

int results_doc_header(const ResultsDoc *doc, const char *file, ActionLog *out, DiagList *diags)
{
    return read_doc(doc, file, NULL, 0, out, diags);
}

int results_doc_actions(const ResultsDoc *doc, const char *file, const Scenario *s,
                        ActionLog *out, DiagList *diags)
{
    return read_doc(doc, file, s, 1, out, diags);
}

static int read_any(const char *buf, size_t len, const char *file, const Scenario *s,
                    int want_actions, ActionLog *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->recorded_total = -1;
    ResultsDoc *d = results_doc_parse(buf, len, diags);
    if (!d)
        return -1;
    int rc = read_doc(d, file, s, want_actions, out, diags);
    results_doc_free(d);
    return rc;
}

int results_read_actions(const char *buf, size_t len, const char *file, const Scenario *s,
                         ActionLog *out, DiagList *diags)
{
    return read_any(buf, len, file, s, 1, out, diags);
}

int results_read_header(const char *buf, size_t len, const char *file, ActionLog *out,
                        DiagList *diags)
{
    return read_any(buf, len, file, NULL, 0, out, diags);
}

/* ------------------------------------------------------------------ checking */

/* Recorded facts that are not figures of the game: who, when, where, with which build, and
 * the actions (which the replay took). */
static int not_a_figure(const char *where)
{
    static const char *const skip[] = {"program", "player", "started", "played_by", "rewound",
                                       "scenario.path", "score.sentences", "actions"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strcmp(where, skip[i]) == 0)
            return 1;
    return 0;
}

/* A number the writer built as text ("42", "-7", "0.3125"), read exactly: N / 10^k is the
 * double nearest the decimal, as cJSON's strtod reads the same text. 0, or -1 when raw is
 * not such a number. */
static int raw_number(const char *raw, double *out)
{
    const char *c = raw;
    int neg = *c == '-';
    if (neg)
        c++;
    int64_t n = 0, scale = 1;
    int digits = 0, frac = 0;
    for (; *c; c++) {
        if (*c == '.' && !frac && digits) {
            frac = 1;
            continue;
        }
        if (*c < '0' || *c > '9' || ++digits > 15)
            return -1;
        n = n * 10 + (*c - '0');
        if (frac)
            scale *= 10;
    }
    if (!digits)
        return -1;
    *out = (neg ? -(double)n : (double)n) / (double)scale;
    return 0;
}

static void show_value(char *out, size_t cap, const cJSON *v)
{
    if (cJSON_IsRaw(v))
        snprintf(out, cap, "%.60s", v->valuestring);
    else if (cJSON_IsNumber(v))
        snprintf(out, cap, "%.15g", v->valuedouble);
    else if (cJSON_IsString(v))
        snprintf(out, cap, "\"%.60s\"", v->valuestring);
    else if (cJSON_IsBool(v))
        snprintf(out, cap, "%s", cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsArray(v))
        snprintf(out, cap, "a list of %d", cJSON_GetArraySize(v));
    else if (cJSON_IsObject(v))
        snprintf(out, cap, "an object");
    else
        snprintf(out, cap, "null");
}

typedef struct Compare {
    ResultsDiffFn diff;
    void *ctx;
    int bad;
} Compare;

static void differs(Compare *c, const char *where, const cJSON *rec, const cJSON *gen)
{
    c->bad++;
    char a[96], b[96];
    if (rec)
        show_value(a, sizeof a, rec);
    if (gen)
        show_value(b, sizeof b, gen);
    if (c->diff)
        c->diff(c->ctx, where, rec ? a : NULL, gen ? b : NULL);
}

/* Compares rec (recorded) with gen (replayed) below where ("" at the top). */
static void compare(Compare *c, const char *where, const cJSON *rec, const cJSON *gen, int depth)
{
    if (depth > RESULTS_MAX_DEPTH)
        return;
    if (where[0] && not_a_figure(where))
        return;
    if (!rec || !gen) {
        differs(c, where, rec, gen);
        return;
    }
    char sub[256];
    if (cJSON_IsObject(gen)) {
        if (!cJSON_IsObject(rec)) {
            differs(c, where, rec, gen);
            return;
        }
        for (const cJSON *g = gen->child; g; g = g->next) {
            snprintf(sub, sizeof sub, "%s%s%s", where, where[0] ? "." : "", g->string);
            compare(c, sub, cJSON_GetObjectItemCaseSensitive(rec, g->string), g, depth + 1);
        }
        for (const cJSON *r = rec->child; r; r = r->next) {
            if (cJSON_GetObjectItemCaseSensitive(gen, r->string))
                continue;
            snprintf(sub, sizeof sub, "%s%s%s", where, where[0] ? "." : "", r->string);
            if (!not_a_figure(sub))
                differs(c, sub, r, NULL);
        }
        return;
    }
    if (cJSON_IsArray(gen)) {
        if (!cJSON_IsArray(rec) || cJSON_GetArraySize(rec) != cJSON_GetArraySize(gen)) {
            differs(c, where, rec, gen);
            return;
        }
        const cJSON *r = rec->child;
        int i = 0;
        for (const cJSON *g = gen->child; g && r; g = g->next, r = r->next, i++) {
            snprintf(sub, sizeof sub, "%s[%d]", where, i);
            compare(c, sub, r, g, depth + 1);
        }
        return;
    }
    int same;
    double num;
    if (cJSON_IsRaw(gen)) {
        if (raw_number(gen->valuestring, &num) != 0) /* longer than 15 digits: as cJSON reads it */
            num = strtod(gen->valuestring, NULL);
        same = cJSON_IsNumber(rec) && rec->valuedouble == num;
    }
    else if (cJSON_IsNumber(gen))
        same = cJSON_IsNumber(rec) && rec->valuedouble == gen->valuedouble;
    else if (cJSON_IsString(gen))
        same = cJSON_IsString(rec) && strcmp(rec->valuestring, gen->valuestring) == 0;
    else if (cJSON_IsBool(gen))
        same = cJSON_IsBool(rec) && cJSON_IsTrue(rec) == cJSON_IsTrue(gen);
    else
        same = rec->type == gen->type;
    if (!same)
        differs(c, where, rec, gen);
}

int results_doc_compare(const ResultsDoc *doc, const Game *g, ResultsDiffFn diff, void *ctx)
{
    cJSON *gen = build_tree(g, NULL, 0);
    if (!gen)
        return -1;
    Compare c = {diff, ctx, 0};
    compare(&c, "", json_doc_root(doc->json), gen, 0);
    cJSON_Delete(gen);
    return c.bad;
}

void action_log_free(ActionLog *log)
{
    if (!log)
        return;
    alloc_free(log->actions);
    alloc_free(log->days);
    alloc_free(log->scenario_id);
    alloc_free(log->scenario_hash);
    alloc_free(log->scenario_path);
    alloc_free(log->player);
    alloc_free(log->program);
    alloc_free(log->recorded_json);
    memset(log, 0, sizeof *log);
}

/* 1 when a recorded program name is safe to print in a sentence: "upfront X" with a
 * version of digits, dots, letters and dashes. */
static int sane_program(const char *p)
{
    if (!p || strncmp(p, "upfront ", 8) != 0 || strlen(p) > 40 || !p[8])
        return 0;
    for (const char *c = p + 8; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              *c == '.' || *c == '-' || *c == '+'))
            return 0;
    return 1;
}

int results_model_differs(const ActionLog *log, char *msg, size_t cap)
{
    if (!log || log->model == RESULTS_MODEL || log->model == 0) {
        if (cap)
            msg[0] = '\0';
        return 0;
    }
    /* model 1 was only ever released as upfront 0.1.0 */
    const char *who = sane_program(log->program) ? log->program
                      : log->model == 1               ? "upfront 0.1.0"
                                                      : NULL;
    if (log->model < RESULTS_MODEL) {
        if (who)
            snprintf(msg, cap, "made by an older model (%s): replay it with %s", who, who);
        else
            snprintf(msg, cap, "made by an older model (model %d; this is model %d): replay it "
                               "with the upfront that made it", log->model, RESULTS_MODEL);
    } else {
        if (who)
            snprintf(msg, cap, "made by a newer model (%s, model %d; this is upfront %s, model "
                               "%d): replay it with %s", who, log->model, UPFRONT_VERSION,
                     RESULTS_MODEL, who);
        else
            snprintf(msg, cap, "made by a newer model (model %d; this is model %d): replay it "
                               "with the upfront that made it", log->model, RESULTS_MODEL);
    }
    return 1;
}

/* ------------------------------------------------------------------ replay */

/* "touch acme by email" for messages. */
static void describe(char *out, size_t cap, const Scenario *s, const Action *a)
{
    const Prospect *p = scenario_prospect(s, a->prospect);
    const char *pid = p ? p->id : "?";
    switch (a->kind) {
    case ACTION_RESEARCH:
        snprintf(out, cap, "research %s: %s", pid, research_name((Research)a->arg));
        break;
    case ACTION_CRAFT:
        snprintf(out, cap, "craft for %s", pid);
        break;
    case ACTION_TOUCH:
        snprintf(out, cap, "touch %s by %s", pid, channel_name((Channel)a->arg));
        break;
    case ACTION_PROGRESS: {
        const ProgressStep *st = scenario_step(s, a->arg);
        snprintf(out, cap, "progress %s: %s", pid, st ? st->id : "?");
        break;
    }
    case ACTION_CLOSE:
        snprintf(out, cap, "close %s: %s", pid, close_name((CloseTechnique)a->arg));
        break;
    default:
        snprintf(out, cap, "end_day");
        break;
    }
}

/* Reports the replay's first refused action at its place in the file: the text the log
 * was read from is parsed again for positions only now, when there is something to say. */
static void replay_error(const ActionLog *log, const char *file, DiagList *diags,
                         const Scenario *s, int i, const Game *g, ActionError e)
{
    JsonDoc *doc = NULL;
    if (log->recorded_json) {
        DiagList *scratch = diag_list_new();
        if (scratch) {
            doc = json_strict_parse(log->recorded_json, strlen(log->recorded_json),
                                    RESULTS_MAX_DEPTH, scratch);
            diag_list_free(scratch);
        }
    }
    Reader r = {file, diags, doc, 0, 0};
    char p[64], what[160];
    ptr_index(p, sizeof p, log->is_results ? "/actions" : "", i);
    describe(what, sizeof what, s, &log->actions[i]);
    if (e != ACTION_OK)
        rerr(&r, p, 0, "action %d (%s) refused on day %d: %s", i, what, game_day(g),
             action_error_message(e));
    else if (game_over(g))
        rerr(&r, p, 0, "action %d (%s) is recorded on day %d, but the game is over", i, what,
             log->days[i]);
    else
        rerr(&r, p, 0, "action %d (%s) is recorded on day %d, but the replay is on day %d", i,
             what, log->days[i], game_day(g));
    json_doc_free(doc);
}

Game *results_replay(const Scenario *s, uint64_t seed, const ActionLog *log, const char *file,
                     DiagList *diags)
{
    Game *g = game_new(s, seed);
    if (!g) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory");
        return NULL;
    }
    for (int i = 0; i < log->count; i++) {
        ActionError e = ACTION_OK;
        if ((log->days[i] != 0 && log->days[i] != game_day(g)) ||
            (e = game_apply(g, &log->actions[i])) != ACTION_OK) {
            replay_error(log, file, diags, s, i, g, e);
            game_free(g);
            return NULL;
        }
    }
    return g;
}

/* ------------------------------------------------------------------ names */

/* 1 for a character that must not be in a name: C0/C1 controls, DEL, and the invisible
 * formatting characters that reorder or hide text (bidirectional overrides, isolates,
 * zero-width joiners, the byte order mark). */
static int bad_name_char(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

int results_check_player(const char *name, char *msg, size_t cap)
{
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    size_t n = strlen((const char *)p), i = 0;
    int chars = 0;
    while (i < n) {
        uint32_t cp;
        int l = json_utf8_decode(p + i, n - i, &cp);
        if (l <= 0) { /* not UTF-8 (a Latin-1 terminal): recorded as U+FFFD */
            cp = 0xFFFD;
            l = 1;
        }
        if (bad_name_char(cp)) {
            snprintf(msg, cap, "a player's name cannot hold control or invisible formatting "
                               "characters (found U+%04X)", (unsigned)cp);
            return -1;
        }
        i += (size_t)l;
        chars++;
    }
    if (chars > RESULTS_MAX_PLAYER) {
        snprintf(msg, cap, "a player's name has at most %d characters, found %d",
                 RESULTS_MAX_PLAYER, chars);
        return -1;
    }
    if (cap)
        msg[0] = '\0';
    return 0;
}

void results_file_stem(char *out, size_t cap, const char *scenario_id, int64_t started,
                       const char *player, uint64_t seed)
{
    char id[64], who[40], when[64];
    size_t j = 0;
    for (const char *c = scenario_id ? scenario_id : ""; *c && j + 1 < sizeof id && j < 40; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= '0' && *c <= '9') || *c == '-' || *c == '_';
        id[j++] = ok ? *c : '_';
    }
    id[j] = '\0';
    if (!id[0])
        snprintf(id, sizeof id, "game");
    /* the player: letters and digits kept, runs of anything else become one '_' */
    j = 0;
    int gap = 0;
    for (const char *c = player ? player : ""; *c && j < 32; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= '0' && *c <= '9') || *c == '-';
        if (ok) {
            if (gap && j > 0 && j < 31)
                who[j++] = '_';
            who[j++] = *c;
            gap = 0;
        } else {
            gap = 1;
        }
    }
    who[j] = '\0';
    if (!who[0])
        snprintf(who, sizeof who, "anonymous");
    format_utc(started, when); /* YYYY-MM-DDTHH:MM:SSZ */
    char stamp[20];
    snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s-%.2s%.2s%.2s", when, when + 5, when + 8,
             when + 11, when + 14, when + 17);
    snprintf(out, cap, "%s-%s-%s-seed%llu", id, stamp, who, (unsigned long long)seed);
}
