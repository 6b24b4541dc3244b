/* server — the live class's requests and state (see server.h). One lock guards the
 * Report, the live progress table and the list of stored games; games are verified
 * outside it, on the request's own thread, so that many can be replayed at once. */
#include "server.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <cjson/cJSON.h>

#include "srv_platform.h"
#include "upfront/classcode.h"
#include "upfront/score.h"

/* the dashboard's page and script (dashboard.html, dashboard.js; embed.cmake) */
extern const unsigned char server_dashboard_html[];
extern const size_t server_dashboard_html_len;
extern const unsigned char server_dashboard_js[];
extern const size_t server_dashboard_js_len;

/* A game stored but not yet in the report: the report takes it when it is next read
 * (report_ready), so that a trainee's POST waits only for the replay and the commit. */
typedef struct Queued {
    Game *game;        /* a clone of the verified game */
    ReportGame info;   /* strings owned: player, strategy, file (the stored name) */
    int64_t id;
} Queued;

/* A results file the server refused (422), as the dashboard lists it. */
#define SERVER_REFUSALS_SHOWN 5
typedef struct Refusal {
    char player[RESULTS_MAX_PLAYER * 4 + 1];
    char why[240];
    double when; /* srv_monotonic() */
} Refusal;

/* The latest progress of one trainee's game (the live view; kept in memory only). */
typedef struct Progress {
    char player[RESULTS_MAX_PLAYER * 4 + 1];
    char player_key[RESULTS_MAX_PLAYER * 4 + 8];
    char scenario[64];
    char seed[24];
    int day, days, week;
    int effort[STAGE_COUNT]; /* minutes so far */
    long long score;
    int has_score;
    int finished;
    long time_left_s;        /* the trainee's own countdown, -1 when none */
    double updated;          /* srv_monotonic */
} Progress;

/* A stored game the report knows. */
typedef struct Known {
    int64_t id;
    char *name;
} Known;

/* Locks, always taken in this order: lock (the report, the stored games known, the cached
 * answers), then plock (live progress, the round) or qlock (games waiting for the report). */
struct Server {
    ServerConfig cfg;
    char key[SERVER_KEY_BYTES * 2 + 1];
    char public_url[256];
    mtx_t lock;
    mtx_t plock;
    mtx_t qlock;
    Queued *queued;
    int nqueued, capqueued;
    int queue_failed;      /* a stored game could not be queued: remake the report */
    Report *report;
    int report_stale;      /* rebuild from the store before the next read */
    unsigned long gen;     /* changes whenever the report does */
    Known *known;
    int nknown, capknown;
    int rejected;
    Progress *progress;
    int nprogress, capprogress;
    int64_t round_ends;    /* Unix time, 0: no round running */
    /* results files refused (422) since the start, the last few with why: the
     * facilitator's dashboard shows them (under plock) */
    int refused;
    Refusal refusals[SERVER_REFUSALS_SHOWN];
    /* cached answers, remade when gen changes */
    char *csv, *html;
    unsigned long csv_gen, html_gen;
};

/* --- small helpers ------------------------------------------------------------------- */

/* Keeps a refused game for the dashboard: who (as the file says) and why, newest first. */
/* text into out (cap bytes), cut at a character's start: the dashboard shows it as text */
static void copy_whole_chars(char *out, size_t cap, const char *text)
{
    size_t k = 0;
    for (; text[k] && k < cap - 1; k++)
        out[k] = text[k];
    while (k > 0 && text[k] && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    out[k] = '\0';
}

static void note_refusal(Server *s, const cJSON *doc, const char *why)
{
    const cJSON *who = cJSON_GetObjectItemCaseSensitive(doc, "player");
    Refusal r;
    memset(&r, 0, sizeof r);
    copy_whole_chars(r.player, sizeof r.player, cJSON_IsString(who) ? who->valuestring : "");
    copy_whole_chars(r.why, sizeof r.why, why);
    r.when = srv_monotonic();
    mtx_lock(&s->plock);
    memmove(&s->refusals[1], &s->refusals[0], sizeof s->refusals - sizeof s->refusals[0]);
    s->refusals[0] = r;
    s->refused++;
    mtx_unlock(&s->plock);
}

int server_key_equal(const char *given, const char *expected)
{
    if (!given || !expected)
        return 0;
    size_t n = strlen(expected), m = strlen(given);
    unsigned diff = (unsigned)(n != m);
    for (size_t i = 0; i < n; i++) {
        unsigned char g = i < m ? (unsigned char)given[i] : 0;
        diff |= (unsigned)(g ^ (unsigned char)expected[i]);
    }
    return diff == 0;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void respond_text(ServerResponse *out, int status, const char *type, const char *text)
{
    out->status = status;
    out->content_type = type;
    out->body = dup_str(text);
    out->len = out->body ? strlen(out->body) : 0;
    if (!out->body)
        out->status = 500;
}

/* {"status": N, "error": MESSAGE[, "why": WHY]} */
static void respond_error(ServerResponse *out, int status, const char *message, const char *why)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", status);
    cJSON_AddStringToObject(o, "error", message);
    if (why)
        cJSON_AddStringToObject(o, "why", why);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    out->status = text ? status : 500;
    out->content_type = "application/json";
    out->body = text;
    out->len = text ? strlen(text) : 0;
}

static void respond_json(ServerResponse *out, int status, cJSON *o)
{
    char *text = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        respond_error(out, 500, "out of memory", NULL);
        return;
    }
    out->status = status;
    out->content_type = "application/json";
    out->body = text;
    out->len = strlen(text);
}

void server_response_free(ServerResponse *r)
{
    free(r->body);
    free(r->file);
    r->body = NULL;
    r->file = NULL;
}

size_t server_body_cap(const char *method, const char *path)
{
    if (method && strcmp(method, "POST") == 0 && path && strcmp(path, "/api/results") == 0)
        return SERVER_MAX_RESULTS_BYTES;
    return SERVER_MAX_SMALL_BODY;
}

static void seed_text(char *out, size_t cap, uint64_t seed)
{
    snprintf(out, cap, "%" PRIu64, seed);
}

/* --- the report ---------------------------------------------------------------------- */

typedef struct Accept {
    Server *s;
    int storing;        /* 1: a posted game (store it); 0: a stored game being re-read */
    const char *body;
    size_t len;
    int64_t id;         /* re-read: the stored id; posted: the id given */
    const char *name;   /* re-read: the stored name */
    StoreStatus stored;
    char stored_name[512];
    int64_t score;
    int added;          /* report_add_game's answer */
} Accept;

static int remember(Server *s, int64_t id, const char *name)
{
    if (s->nknown == s->capknown) {
        int cap = s->capknown ? s->capknown * 2 : 64;
        Known *k = realloc(s->known, (size_t)cap * sizeof *k);
        if (!k)
            return -1;
        s->known = k;
        s->capknown = cap;
    }
    char *n = dup_str(name);
    if (!n)
        return -1;
    s->known[s->nknown].id = id;
    s->known[s->nknown].name = n;
    s->nknown++;
    return 0;
}

static int64_t known_id(const Server *s, const char *name)
{
    for (int i = 0; i < s->nknown; i++)
        if (strcmp(s->known[i].name, name) == 0)
            return s->known[i].id;
    return 0;
}

static void queued_free(Queued *q)
{
    game_free(q->game);
    free((char *)q->info.player);
    free((char *)q->info.strategy);
    free((char *)q->info.file);
    memset(q, 0, sizeof *q);
}

static void queue_for_report(Server *s, const Game *g, const ReportGame *info, const char *name,
                             int64_t id)
{
    Queued q;
    memset(&q, 0, sizeof q);
    q.game = game_clone(g);
    q.info = *info;
    q.info.player = dup_str(info->player ? info->player : "");
    q.info.strategy = info->strategy ? dup_str(info->strategy) : NULL;
    q.info.file = dup_str(name);
    q.id = id;
    int ok = q.game && q.info.player && q.info.file && (!info->strategy || q.info.strategy);
    mtx_lock(&s->qlock);
    if (ok && s->nqueued == s->capqueued) {
        int cap = s->capqueued ? s->capqueued * 2 : 64;
        Queued *v = realloc(s->queued, (size_t)cap * sizeof *v);
        if (v) {
            s->queued = v;
            s->capqueued = cap;
        } else {
            ok = 0;
        }
    }
    if (ok)
        s->queued[s->nqueued++] = q;
    else
        s->queue_failed = 1; /* stored all the same: the report is remade from the store */
    mtx_unlock(&s->qlock);
    if (!ok)
        queued_free(&q);
}

static int accept_game(void *actx, const Game *g, const ReportGame *info)
{
    Accept *a = actx;
    Server *s = a->s;
    a->score = 0;
    ScoreCard card;
    score_compute(g, &card);
    a->score = card.total;
    if (!a->storing) {
        /* re-reading the store: the lock is held by the caller */
        ReportGame named = *info;
        named.file = a->name;
        const char *dup = NULL;
        a->added = report_add_game(s->report, g, &named, &dup);
        if (a->added == 0 && remember(s, a->id, a->name) != 0)
            a->added = -1;
        return 0;
    }
    /* the same game of the same player (as the report sees it) has the same key */
    char pkey[RESULTS_MAX_PLAYER * 4 + 8];
    report_player_key(info->player ? info->player : "", pkey, sizeof pkey);
    char key[sizeof pkey + 96];
    snprintf(key, sizeof key, "%s|%" PRIu64 "|%016" PRIx64 "|%s", scenario_hash(game_scenario(g)),
             game_seed(g), game_state_hash(g), pkey);
    char stem[300];
    results_file_stem(stem, sizeof stem, scenario_id(game_scenario(g)), info->started,
                      info->player, game_seed(g));
    char name[320], seed[24];
    snprintf(name, sizeof name, "%s.json", stem);
    seed_text(seed, sizeof seed, game_seed(g));
    StoreGame sg = {0, key, name, info->player ? info->player : "", scenario_id(game_scenario(g)),
                    seed, srv_wall_time(), a->body, a->len};
    /* committed before the answer; the report takes the game when it is next read */
    a->stored = store_put_game(s->cfg.store, &sg, &a->id, a->stored_name, sizeof a->stored_name);
    if (a->stored == STORE_OK)
        queue_for_report(s, g, info, a->stored_name, a->id);
    return 0;
}

typedef struct Reread {
    Server *s;
    int failed;
} Reread;

static int reread_one(void *ctx, const StoreGame *g)
{
    Reread *r = ctx;
    Server *s = r->s;
    Accept a;
    memset(&a, 0, sizeof a);
    a.s = s;
    a.id = g->id;
    a.name = g->name;
    a.added = 1;
    char why[512] = "";
    int rc = s->cfg.verify(s->cfg.verify_ctx, g->body, g->body_len, why, sizeof why, accept_game, &a);
    if (rc < 0 || (rc == 0 && a.added < 0)) {
        r->failed = 1;
        return 1;
    }
    if (rc > 0) {
        /* stored under another set of scenarios (or model): kept, but left out */
        if (report_reject_why(s->report, g->name, why) != 0) {
            r->failed = 1;
            return 1;
        }
        s->rejected++;
    }
    return 0;
}

/* Remakes the report from the store (at start, after a removal, after a failure). Call
 * with the lock held. Returns 0 or -1. */
static int rebuild(Server *s, char *err, size_t cap)
{
    /* everything queued is in the store (committed before it was queued); one committed
     * while the store is read comes again through the queue, and the report counts a game
     * it already has once */
    mtx_lock(&s->qlock);
    for (int i = 0; i < s->nqueued; i++)
        queued_free(&s->queued[i]);
    s->nqueued = 0;
    s->queue_failed = 0;
    mtx_unlock(&s->qlock);
    Report *fresh = report_new();
    if (!fresh) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    Report *old = s->report;
    Known *oldk = s->known;
    int oldn = s->nknown, oldcap = s->capknown, oldrej = s->rejected;
    s->report = fresh;
    s->known = NULL;
    s->nknown = s->capknown = 0;
    s->rejected = 0;
    Reread r = {s, 0};
    StoreStatus st = store_each_game(s->cfg.store, reread_one, &r);
    if (st != STORE_OK || r.failed) {
        snprintf(err, cap, "%s", st != STORE_OK ? store_error(s->cfg.store) : "out of memory");
        report_free(fresh);
        for (int i = 0; i < s->nknown; i++)
            free(s->known[i].name);
        free(s->known);
        s->report = old;
        s->known = oldk;
        s->nknown = oldn;
        s->capknown = oldcap;
        s->rejected = oldrej;
        return -1;
    }
    report_free(old);
    for (int i = 0; i < oldn; i++)
        free(oldk[i].name);
    free(oldk);
    s->report_stale = 0;
    s->gen++;
    return 0;
}

/* The report ready to read (lock held): remade when stale, ranked. */
static int report_ready(Server *s)
{
    char err[256];
    mtx_lock(&s->qlock);
    Queued *q = s->queued;
    int n = s->nqueued;
    s->queued = NULL;
    s->nqueued = s->capqueued = 0;
    if (s->queue_failed)
        s->report_stale = 1;
    s->queue_failed = 0;
    mtx_unlock(&s->qlock);
    for (int i = 0; i < n; i++) {
        const char *dup = NULL;
        int rc = s->report_stale ? 1 : report_add_game(s->report, q[i].game, &q[i].info, &dup);
        if (rc < 0 || (rc == 0 && remember(s, q[i].id, q[i].info.file) != 0))
            s->report_stale = 1;
        s->gen++;
        /* the trainee's live entry is finished */
        char pkey[RESULTS_MAX_PLAYER * 4 + 8], seed[24];
        report_player_key(q[i].info.player, pkey, sizeof pkey);
        seed_text(seed, sizeof seed, game_seed(q[i].game));
        const char *sid = scenario_id(game_scenario(q[i].game));
        mtx_lock(&s->plock);
        for (int k = 0; k < s->nprogress; k++)
            if (strcmp(s->progress[k].player_key, pkey) == 0 && strcmp(s->progress[k].scenario, sid) == 0 &&
                strcmp(s->progress[k].seed, seed) == 0)
                s->progress[k].finished = 1;
        mtx_unlock(&s->plock);
        queued_free(&q[i]);
    }
    free(q);
    if (s->report_stale && rebuild(s, err, sizeof err) != 0)
        return -1;
    /* the dashboard and the leaderboard show no turning points: /report.* works them out */
    ReportOptions o = {s->cfg.has_seed, s->cfg.seed, REPORT_ATTEMPTS_BEST, 1};
    report_finish(s->report, &o);
    return 0;
}

/* --- the server ---------------------------------------------------------------------- */

Server *server_new(const ServerConfig *cfg, char *err, size_t cap)
{
    Server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    s->cfg.web_dir = NULL;
    s->cfg.public_url = NULL;
    if (cfg->public_url)
        snprintf(s->public_url, sizeof s->public_url, "%s", cfg->public_url);
    if (mtx_init(&s->lock, mtx_plain) != thrd_success || mtx_init(&s->plock, mtx_plain) != thrd_success ||
        mtx_init(&s->qlock, mtx_plain) != thrd_success) {
        free(s);
        snprintf(err, cap, "cannot make a lock");
        return NULL;
    }
    if (cfg->web_dir) {
        s->cfg.web_dir = dup_str(cfg->web_dir);
        if (!s->cfg.web_dir) {
            snprintf(err, cap, "out of memory");
            server_free(s);
            return NULL;
        }
    }
    /* the key: one per class database, so that a restarted server keeps the dashboard's URL */
    StoreStatus st = store_get_setting(cfg->store, "key", s->key, sizeof s->key);
    if (st != STORE_OK || strlen(s->key) != SERVER_KEY_BYTES * 2) {
        unsigned char raw[SERVER_KEY_BYTES];
        if (srv_random_bytes(raw, sizeof raw) != 0) {
            snprintf(err, cap, "no random numbers for the facilitator's key");
            server_free(s);
            return NULL;
        }
        for (size_t i = 0; i < sizeof raw; i++)
            snprintf(s->key + 2 * i, 3, "%02x", raw[i]);
        if (store_set_setting(cfg->store, "key", s->key) != STORE_OK) {
            snprintf(err, cap, "cannot record the key: %s", store_error(cfg->store));
            server_free(s);
            return NULL;
        }
    }
    char ends[32];
    if (store_get_setting(cfg->store, "round_ends", ends, sizeof ends) == STORE_OK)
        s->round_ends = strtoll(ends, NULL, 10);
    mtx_lock(&s->lock);
    int rc = rebuild(s, err, cap);
    mtx_unlock(&s->lock);
    if (rc != 0) {
        server_free(s);
        return NULL;
    }
    return s;
}

void server_free(Server *s)
{
    if (!s)
        return;
    report_free(s->report);
    for (int i = 0; i < s->nknown; i++)
        free(s->known[i].name);
    free(s->known);
    free(s->progress);
    for (int i = 0; i < s->nqueued; i++)
        queued_free(&s->queued[i]);
    free(s->queued);
    free(s->csv);
    free(s->html);
    free((char *)s->cfg.web_dir);
    mtx_destroy(&s->lock);
    mtx_destroy(&s->plock);
    mtx_destroy(&s->qlock);
    free(s);
}

const char *server_key(const Server *s)
{
    return s->key;
}

void server_set_public_url(Server *s, const char *url)
{
    mtx_lock(&s->lock);
    snprintf(s->public_url, sizeof s->public_url, "%s", url ? url : "");
    mtx_unlock(&s->lock);
}

int server_game_count(Server *s)
{
    mtx_lock(&s->lock);
    report_ready(s);
    int n = s->nknown;
    mtx_unlock(&s->lock);
    return n;
}

int server_rejected_count(Server *s)
{
    mtx_lock(&s->lock);
    int n = s->rejected;
    mtx_unlock(&s->lock);
    return n;
}

/* --- POST /api/results --------------------------------------------------------------- */

static void post_results(Server *s, const ServerRequest *rq, ServerResponse *out)
{
    if (rq->body_too_large) {
        char why[128];
        snprintf(why, sizeof why, "a results file is at most %u bytes", SERVER_MAX_RESULTS_BYTES);
        respond_error(out, 413, "the body is larger than a results file can be", why);
        return;
    }
    /* a quick look first (a results file is one JSON object); whether a refused body was
     * JSON at all is decided only when it fails verification */
    size_t at = 0;
    while (at < rq->body_len && (rq->body[at] == ' ' || rq->body[at] == '\t' || rq->body[at] == '\r' ||
                                 rq->body[at] == '\n'))
        at++;
    if (at == rq->body_len || rq->body[at] != '{') {
        respond_error(out, 400, "the body is not JSON (a results file is one JSON object)", NULL);
        return;
    }
    Accept a;
    memset(&a, 0, sizeof a);
    a.s = s;
    a.storing = 1;
    a.body = rq->body;
    a.len = rq->body_len;
    a.stored = STORE_ERROR;
    char why[512] = "";
    int rc = s->cfg.verify(s->cfg.verify_ctx, rq->body, rq->body_len, why, sizeof why,
                           accept_game, &a);
    if (rc > 0) {
        cJSON *doc = cJSON_ParseWithLength(rq->body, rq->body_len);
        int object = cJSON_IsObject(doc);
        if (object)
            note_refusal(s, doc, why[0] ? why : "the game failed verification");
        cJSON_Delete(doc);
        if (!object)
            respond_error(out, 400, "the body is not JSON (a results file is one JSON object)", NULL);
        else
            respond_error(out, 422, "the game failed verification", why[0] ? why : NULL);
        return;
    }
    if (rc < 0) {
        respond_error(out, 500, "the server could not verify the game", why[0] ? why : NULL);
        return;
    }
    if (a.stored == STORE_ERROR) {
        respond_error(out, 503, "the game could not be stored; send it again",
                      store_error(s->cfg.store));
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "stored", 1);
    cJSON_AddBoolToObject(o, "already", a.stored == STORE_EXISTS);
    cJSON_AddNumberToObject(o, "id", (double)a.id);
    if (a.stored == STORE_OK)
        cJSON_AddStringToObject(o, "name", a.stored_name);
    cJSON_AddNumberToObject(o, "score", (double)a.score);
    respond_json(out, a.stored == STORE_EXISTS ? 200 : 201, o);
}

/* --- POST /api/progress -------------------------------------------------------------- */

static int json_int(const cJSON *o, const char *name, long min, long max, long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!v)
        return 1; /* absent */
    if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble || v->valuedouble < (double)min ||
        v->valuedouble > (double)max || (double)(long)v->valuedouble != v->valuedouble)
        return -1;
    *out = (long)v->valuedouble;
    return 0;
}

static int scenario_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 60)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)id[i]) || isdigit((unsigned char)id[i]) || id[i] == '-' ||
              id[i] == '_'))
            return 0;
    return 1;
}

static void post_progress(Server *s, const ServerRequest *rq, ServerResponse *out)
{
    if (rq->body_too_large) {
        respond_error(out, 413, "the body is larger than a progress report can be", NULL);
        return;
    }
    cJSON *o = rq->body_len ? cJSON_ParseWithLength(rq->body, rq->body_len) : NULL;
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        respond_error(out, 400, "the body is not a JSON object", NULL);
        return;
    }
    Progress p;
    memset(&p, 0, sizeof p);
    p.time_left_s = -1;
    char msg[200] = "";
    const cJSON *player = cJSON_GetObjectItemCaseSensitive(o, "player");
    const cJSON *scen = cJSON_GetObjectItemCaseSensitive(o, "scenario");
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(o, "seed");
    const cJSON *effort = cJSON_GetObjectItemCaseSensitive(o, "effort");
    const cJSON *fin = cJSON_GetObjectItemCaseSensitive(o, "finished");
    long day = 0, days = 0, week = 0, score = 0, left = -1;
    int bad = 0;
    if (!cJSON_IsString(player) || results_check_player(player->valuestring, msg, sizeof msg) != 0) {
        if (!msg[0])
            snprintf(msg, sizeof msg, "player: expected a name");
        bad = 1;
    } else if (!cJSON_IsString(scen) || !scenario_id_ok(scen->valuestring)) {
        snprintf(msg, sizeof msg, "scenario: expected a scenario id");
        bad = 1;
    } else if (!((cJSON_IsString(seed) && strlen(seed->valuestring) < 21 &&
                  strspn(seed->valuestring, "0123456789") == strlen(seed->valuestring) &&
                  seed->valuestring[0]) ||
                 (cJSON_IsNumber(seed) && seed->valuedouble >= 0 && seed->valuedouble <= 9e15 &&
                  (double)(long long)seed->valuedouble == seed->valuedouble))) {
        snprintf(msg, sizeof msg, "seed: expected a whole number");
        bad = 1;
    } else if (json_int(o, "day", 1, 10000, &day) != 0 || json_int(o, "days", 1, 10000, &days) != 0 ||
               day > days + 1) {
        snprintf(msg, sizeof msg, "day, days: expected whole numbers with day at most days + 1");
        bad = 1;
    } else if (json_int(o, "week", 0, 10000, &week) < 0 ||
               json_int(o, "score", -1000000000L, 1000000000L, &score) < 0 ||
               json_int(o, "time_left_s", 0, 100000000L, &left) < 0 ||
               (fin && !cJSON_IsBool(fin)) || (effort && !cJSON_IsObject(effort))) {
        snprintf(msg, sizeof msg, "week, score, time_left_s, finished or effort: wrong type");
        bad = 1;
    }
    for (int st = 0; !bad && effort && st < STAGE_COUNT; st++) {
        long m = 0;
        if (json_int(effort, stage_name((Stage)st), 0, 100000000L, &m) < 0) {
            snprintf(msg, sizeof msg, "effort.%s: expected minutes", stage_name((Stage)st));
            bad = 1;
        }
        p.effort[st] = (int)m;
    }
    if (bad) {
        cJSON_Delete(o);
        respond_error(out, 400, "not a progress report", msg);
        return;
    }
    snprintf(p.player, sizeof p.player, "%s", player->valuestring);
    report_player_key(p.player, p.player_key, sizeof p.player_key);
    snprintf(p.scenario, sizeof p.scenario, "%s", scen->valuestring);
    uint64_t seed_value = cJSON_IsString(seed) ? strtoull(seed->valuestring, NULL, 10)
                                               : (uint64_t)seed->valuedouble;
    seed_text(p.seed, sizeof p.seed, seed_value);
    p.day = (int)day;
    p.days = (int)days;
    p.week = (int)week;
    p.has_score = cJSON_GetObjectItemCaseSensitive(o, "score") != NULL;
    p.score = score;
    p.finished = cJSON_IsTrue(fin);
    p.time_left_s = left;
    p.updated = srv_monotonic();
    cJSON_Delete(o);

    mtx_lock(&s->plock);
    int at = -1;
    for (int i = 0; i < s->nprogress && at < 0; i++)
        if (strcmp(s->progress[i].player_key, p.player_key) == 0 &&
            strcmp(s->progress[i].scenario, p.scenario) == 0 && strcmp(s->progress[i].seed, p.seed) == 0)
            at = i;
    int full = 0;
    if (at < 0) {
        if (s->nprogress >= SERVER_MAX_PLAYERS) {
            full = 1;
        } else {
            if (s->nprogress == s->capprogress) {
                int cap = s->capprogress ? s->capprogress * 2 : 64;
                Progress *np = realloc(s->progress, (size_t)cap * sizeof *np);
                if (!np)
                    full = 1;
                else {
                    s->progress = np;
                    s->capprogress = cap;
                }
            }
            if (!full)
                at = s->nprogress++;
        }
    } else if (s->progress[at].finished && p.day >= s->progress[at].day) {
        p.finished = 1; /* stays finished until a new attempt starts (an earlier day) */
    }
    if (at >= 0)
        s->progress[at] = p;
    mtx_unlock(&s->plock);
    if (full) {
        respond_error(out, 503, "the class is full", NULL);
        return;
    }
    cJSON *r = cJSON_CreateObject();
    cJSON_AddBoolToObject(r, "ok", 1);
    respond_json(out, 200, r);
}

/* --- reading the class --------------------------------------------------------------- */

static cJSON *trainee_json(const Server *s, const ReportTrainee *t, const char *scenario)
{
    cJSON *o = cJSON_CreateObject();
    char seed[24];
    seed_text(seed, sizeof seed, t->seed);
    if (t->rank > 0)
        cJSON_AddNumberToObject(o, "rank", t->rank);
    else
        cJSON_AddNullToObject(o, "rank");
    cJSON_AddStringToObject(o, "player", t->player);
    cJSON_AddStringToObject(o, "flags", t->flags);
    cJSON_AddStringToObject(o, "scenario", scenario);
    cJSON_AddNumberToObject(o, "score", (double)t->card.total);
    cJSON_AddNumberToObject(o, "revenue", (double)t->card.revenue);
    cJSON_AddNumberToObject(o, "attainment_pct", t->card.attainment_bp / 100.0);
    cJSON_AddNumberToObject(o, "deals_won", t->card.deals_won);
    cJSON_AddNumberToObject(o, "buyer_initiated", t->card.buyer_initiated);
    cJSON_AddNumberToObject(o, "frontload_pct", t->card.frontload_pct);
    cJSON_AddNumberToObject(o, "par", (double)t->par);
    cJSON_AddNumberToObject(o, "max_score", (double)t->max_score);
    cJSON_AddStringToObject(o, "seed", seed);
    cJSON_AddBoolToObject(o, "finished", t->finished);
    cJSON_AddStringToObject(o, "file", t->file);
    cJSON_AddNumberToObject(o, "id", (double)known_id(s, t->file));
    return o;
}

static cJSON *curve_json(const int *v)
{
    cJSON *a = cJSON_CreateArray();
    for (int st = 0; st < STAGE_COUNT; st++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber(v[st]));
    return a;
}

/* The leaderboard (lock held, report ready): {"games": N, "groups": [...]}. */
static cJSON *leaderboard_json(Server *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *groups = cJSON_AddArrayToObject(root, "groups");
    int games = 0;
    for (int gi = 0; gi < report_group_count(s->report); gi++) {
        cJSON *g = cJSON_CreateObject();
        const char *id = report_group_scenario_id(s->report, gi);
        ReportSummary sum;
        report_summary(s->report, gi, &sum);
        char seed[24];
        seed_text(seed, sizeof seed, sum.class_seed);
        cJSON_AddStringToObject(g, "scenario", id);
        cJSON_AddStringToObject(g, "title", report_group_scenario_title(s->report, gi));
        cJSON_AddStringToObject(g, "class_seed", seed);
        cJSON_AddNumberToObject(g, "ranked", report_ranked_count(s->report, gi));
        cJSON *rows = cJSON_AddArrayToObject(g, "trainees");
        for (int i = 0; i < report_trainee_count(s->report, gi); i++) {
            cJSON_AddItemToArray(rows, trainee_json(s, report_trainee(s->report, gi, i), id));
            games++;
        }
        cJSON *eff = cJSON_CreateArray();
        for (int st = 0; st < STAGE_COUNT; st++)
            cJSON_AddItemToArray(eff, cJSON_CreateNumber(sum.effort_share[st] * 100.0));
        cJSON_AddItemToObject(g, "effort_pct", eff);
        cJSON_AddItemToObject(g, "sales1_pct", curve_json(sum.curve_sales1));
        cJSON_AddItemToObject(g, "sales2_pct", curve_json(sum.curve_sales2));
        cJSON_AddItemToArray(groups, g);
    }
    cJSON_AddNumberToObject(root, "games", games);
    cJSON *rej = cJSON_AddArrayToObject(root, "left_out");
    for (int i = 0; i < report_rejected_count(s->report); i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "file", report_rejected(s->report, i));
        const char *why = report_rejected_why(s->report, i);
        cJSON_AddStringToObject(r, "why", why ? why : "failed verification");
        cJSON_AddItemToArray(rej, r);
    }
    return root;
}

static void get_leaderboard(Server *s, ServerResponse *out)
{
    mtx_lock(&s->lock);
    cJSON *o = report_ready(s) == 0 ? leaderboard_json(s) : NULL;
    mtx_unlock(&s->lock);
    if (!o) {
        respond_error(out, 500, "the report could not be made", NULL);
        return;
    }
    respond_json(out, 200, o);
}

static void class_info(Server *s, cJSON *o)
{
    if (s->cfg.scenario) {
        cJSON_AddStringToObject(o, "scenario", scenario_id(s->cfg.scenario));
        cJSON_AddStringToObject(o, "hash", scenario_hash(s->cfg.scenario));
        cJSON_AddStringToObject(o, "title", scenario_title(s->cfg.scenario));
        cJSON_AddNumberToObject(o, "days", scenario_day_count(s->cfg.scenario));
    } else {
        cJSON_AddNullToObject(o, "scenario");
    }
    if (s->cfg.has_seed) {
        char seed[24];
        seed_text(seed, sizeof seed, s->cfg.seed);
        cJSON_AddStringToObject(o, "seed", seed);
    } else {
        cJSON_AddNullToObject(o, "seed");
    }
    /* the code a trainee types on Join a class: the scenario and the seed */
    char code[120];
    if (s->cfg.scenario && s->cfg.has_seed) {
        classcode_write(scenario_id(s->cfg.scenario), s->cfg.seed, code, sizeof code);
        cJSON_AddStringToObject(o, "code", code);
    } else {
        cJSON_AddNullToObject(o, "code");
    }
    cJSON_AddStringToObject(o, "server", s->public_url);
    cJSON_AddStringToObject(o, "results", "/api/results");
    cJSON_AddStringToObject(o, "progress", "/api/progress");
}

static void get_class(Server *s, ServerResponse *out)
{
    cJSON *o = cJSON_CreateObject();
    mtx_lock(&s->lock);
    class_info(s, o);
    mtx_unlock(&s->lock);
    respond_json(out, 200, o);
}

/* Everything the dashboard shows, in one answer (lock taken here). */
static void get_dashboard_data(Server *s, ServerResponse *out)
{
    mtx_lock(&s->lock);
    if (report_ready(s) != 0) {
        mtx_unlock(&s->lock);
        respond_error(out, 500, "the report could not be made", NULL);
        return;
    }
    mtx_lock(&s->plock);
    cJSON *root = cJSON_CreateObject();
    cJSON *cls = cJSON_AddObjectToObject(root, "class");
    class_info(s, cls);
    int64_t now = srv_wall_time();
    double mono = srv_monotonic();
    cJSON *round = cJSON_AddObjectToObject(root, "round");
    long trainee_left = -1;
    for (int i = 0; i < s->nprogress; i++)
        if (!s->progress[i].finished && s->progress[i].time_left_s >= 0 &&
            mono - s->progress[i].updated < 600) {
            long left = s->progress[i].time_left_s - (long)(mono - s->progress[i].updated);
            if (left > trainee_left)
                trainee_left = left < 0 ? 0 : left;
        }
    if (s->round_ends > 0) {
        cJSON_AddNumberToObject(round, "seconds_left",
                                (double)(s->round_ends > now ? s->round_ends - now : 0));
        cJSON_AddStringToObject(round, "source", "dashboard");
    } else if (trainee_left >= 0) {
        cJSON_AddNumberToObject(round, "seconds_left", (double)trainee_left);
        cJSON_AddStringToObject(round, "source", "trainees");
    } else {
        cJSON_AddNullToObject(round, "seconds_left");
    }
    cJSON *lb = leaderboard_json(s);
    cJSON_AddItemToObject(root, "leaderboard", lb);

    /* the class's effort: each trainee once, a finished game before live progress */
    const char *class_id = s->cfg.scenario ? scenario_id(s->cfg.scenario) : NULL;
    int gsel = -1;
    for (int gi = 0; gi < report_group_count(s->report); gi++) {
        const char *id = report_group_scenario_id(s->report, gi);
        if (class_id ? strcmp(id, class_id) == 0 : (gsel < 0 || report_trainee_count(s->report, gi) >
                                                                    report_trainee_count(s->report, gsel)))
            gsel = gi;
    }
    double share[STAGE_COUNT] = {0};
    int counted = 0;
    cJSON *players = cJSON_AddArrayToObject(root, "players");
    int playing = 0, finished = 0;
    /* finished games of the class's group */
    if (gsel >= 0) {
        for (int i = 0; i < report_trainee_count(s->report, gsel); i++) {
            const ReportTrainee *t = report_trainee(s->report, gsel, i);
            int dup = 0;
            for (int j = 0; j < i && !dup; j++)
                dup = strcmp(report_trainee(s->report, gsel, j)->player_key, t->player_key) == 0;
            if (dup)
                continue;
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "player", t->player);
            cJSON_AddStringToObject(p, "status", t->finished ? "finished" : "stopped");
            cJSON_AddNumberToObject(p, "score", (double)t->card.total);
            if (t->rank > 0)
                cJSON_AddNumberToObject(p, "rank", t->rank);
            cJSON_AddStringToObject(p, "flags", t->flags);
            cJSON_AddItemToArray(players, p);
            finished++;
            /* in the class's curve as in the report's: ranked games only */
            if (t->rank > 0 && t->card.effort_share_bp[0] + t->card.effort_share_bp[1] +
                                       t->card.effort_share_bp[2] + t->card.effort_share_bp[3] > 0) {
                for (int st = 0; st < STAGE_COUNT; st++)
                    share[st] += t->card.effort_share_bp[st] / 10000.0;
                counted++;
            }
        }
    }
    const char *gid = gsel >= 0 ? report_group_scenario_id(s->report, gsel) : class_id;
    for (int i = 0; i < s->nprogress; i++) {
        const Progress *pr = &s->progress[i];
        /* a game whose results are in: shown once, as finished (its last day's progress may
         * come again after, from a queue or a reloaded page) */
        int done = 0;
        for (int k = 0; gsel >= 0 && k < report_trainee_count(s->report, gsel) && !done; k++) {
            const ReportTrainee *t = report_trainee(s->report, gsel, k);
            char tseed[24];
            seed_text(tseed, sizeof tseed, t->seed);
            /* pr->day is days + 1 once the game is over */
            done = strcmp(t->player_key, pr->player_key) == 0 &&
                   (pr->finished || (pr->days > 0 && pr->day > pr->days && strcmp(tseed, pr->seed) == 0));
        }
        if (done)
            continue;
        if (gid && strcmp(pr->scenario, gid) != 0)
            continue;
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "player", pr->player);
        int idle = mono - pr->updated > 300;
        cJSON_AddStringToObject(p, "status", pr->finished ? "sending" : idle ? "quiet" : "playing");
        cJSON_AddNumberToObject(p, "day", pr->day);
        cJSON_AddNumberToObject(p, "days", pr->days);
        if (pr->has_score)
            cJSON_AddNumberToObject(p, "score", (double)pr->score);
        cJSON_AddNumberToObject(p, "seconds_since", (double)(long)(mono - pr->updated));
        cJSON_AddItemToArray(players, p);
        playing++;
        int total = pr->effort[0] + pr->effort[1] + pr->effort[2] + pr->effort[3];
        if (total > 0) {
            for (int st = 0; st < STAGE_COUNT; st++)
                share[st] += (double)pr->effort[st] / total;
            counted++;
        }
    }
    /* games refused since the start (422), the last few with why */
    cJSON *ref = cJSON_AddObjectToObject(root, "refused");
    cJSON_AddNumberToObject(ref, "count", s->refused);
    cJSON *recent = cJSON_AddArrayToObject(ref, "recent");
    for (int i = 0; i < SERVER_REFUSALS_SHOWN && i < s->refused; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "player", s->refusals[i].player);
        cJSON_AddStringToObject(r, "why", s->refusals[i].why);
        cJSON_AddNumberToObject(r, "seconds_since", (double)(long)(mono - s->refusals[i].when));
        cJSON_AddItemToArray(recent, r);
    }
    cJSON *curve = cJSON_AddObjectToObject(root, "curve");
    cJSON *cl = cJSON_CreateArray();
    for (int st = 0; st < STAGE_COUNT; st++)
        cJSON_AddItemToArray(cl, cJSON_CreateNumber(counted ? 100.0 * share[st] / counted : 0));
    cJSON_AddItemToObject(curve, "class_pct", cl);
    cJSON_AddNumberToObject(curve, "trainees", counted);
    const ScoringRules *w = s->cfg.scenario ? scenario_scoring(s->cfg.scenario) : NULL;
    ReportSummary sum;
    if (!w && gsel >= 0)
        report_summary(s->report, gsel, &sum);
    static const int def1[STAGE_COUNT] = {5, 25, 30, 40}, def2[STAGE_COUNT] = {30, 40, 25, 5};
    cJSON_AddItemToObject(curve, "sales1_pct", curve_json(w ? w->curve_sales1 : gsel >= 0 ? sum.curve_sales1 : def1));
    cJSON_AddItemToObject(curve, "sales2_pct", curve_json(w ? w->curve_sales2 : gsel >= 0 ? sum.curve_sales2 : def2));
    cJSON *counts = cJSON_AddObjectToObject(root, "counts");
    cJSON_AddNumberToObject(counts, "playing", playing);
    cJSON_AddNumberToObject(counts, "finished", finished);
    cJSON_AddNumberToObject(counts, "stored", s->nknown);
    cJSON_AddNumberToObject(counts, "left_out", report_rejected_count(s->report));
    mtx_unlock(&s->plock);
    mtx_unlock(&s->lock);
    out->facilitator = 1;
    respond_json(out, 200, root);
}

static void get_report(Server *s, int html, ServerResponse *out)
{
    mtx_lock(&s->lock);
    char *text = NULL;
    if (report_ready(s) == 0) {
        report_turning_points(s->report);
        char **cache = html ? &s->html : &s->csv;
        unsigned long *cgen = html ? &s->html_gen : &s->csv_gen;
        if (!*cache || *cgen != s->gen) {
            free(*cache);
            *cache = html ? report_html(s->report) : report_csv(s->report);
            *cgen = s->gen;
        }
        if (*cache) {
            size_t n = strlen(*cache);
            /* the CSV as `upfront report --csv FILE` writes it: a UTF-8 byte order mark first */
            text = malloc(n + 4);
            if (text) {
                size_t at = 0;
                if (!html) {
                    memcpy(text, "\xEF\xBB\xBF", 3);
                    at = 3;
                }
                memcpy(text + at, *cache, n + 1);
            }
        }
    }
    mtx_unlock(&s->lock);
    if (!text) {
        respond_error(out, 500, "the report could not be made", NULL);
        return;
    }
    out->status = 200;
    out->body = text;
    out->len = strlen(text);
    out->facilitator = 1;
    if (html) {
        out->content_type = "text/html; charset=utf-8";
        out->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    } else {
        out->content_type = "text/csv; charset=utf-8";
        out->disposition = "attachment; filename=\"class.csv\"";
    }
}

/* /api/games/ID: the stored results file (GET) or its removal (DELETE). */
static void game_by_id(Server *s, const ServerRequest *rq, const char *idtext, ServerResponse *out)
{
    char *end = NULL;
    if (!isdigit((unsigned char)idtext[0]) || strlen(idtext) > 18) {
        respond_error(out, 404, "no such game", NULL);
        return;
    }
    long long id = strtoll(idtext, &end, 10);
    if (*end || id <= 0) {
        respond_error(out, 404, "no such game", NULL);
        return;
    }
    out->facilitator = 1;
    if (strcmp(rq->method, "GET") == 0) {
        char *body = NULL;
        size_t len = 0;
        char name[512];
        StoreStatus st = store_get_game(s->cfg.store, id, &body, &len, name, sizeof name);
        if (st == STORE_MISSING) {
            respond_error(out, 404, "no such game", NULL);
            return;
        }
        if (st != STORE_OK) {
            respond_error(out, 500, "the game could not be read", store_error(s->cfg.store));
            return;
        }
        out->status = 200;
        out->content_type = "application/json";
        out->body = body;
        out->len = len;
        return;
    }
    if (strcmp(rq->method, "DELETE") == 0) {
        mtx_lock(&s->lock);
        StoreStatus st = store_delete_game(s->cfg.store, id);
        if (st == STORE_OK) {
            s->report_stale = 1;
            s->gen++;
        }
        mtx_unlock(&s->lock);
        if (st == STORE_MISSING)
            respond_error(out, 404, "no such game", NULL);
        else if (st != STORE_OK)
            respond_error(out, 500, "the game could not be removed", store_error(s->cfg.store));
        else {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddBoolToObject(o, "removed", 1);
            cJSON_AddNumberToObject(o, "id", (double)id);
            respond_json(out, 200, o);
        }
        return;
    }
    respond_error(out, 405, "use GET or DELETE", NULL);
}

/* POST /api/round {"minutes": N}: the round ends N minutes from now (0: no round). */
static void post_round(Server *s, const ServerRequest *rq, ServerResponse *out)
{
    cJSON *o = rq->body_len && !rq->body_too_large ? cJSON_ParseWithLength(rq->body, rq->body_len) : NULL;
    long minutes = 0;
    if (!cJSON_IsObject(o) || json_int(o, "minutes", 0, 24 * 60, &minutes) != 0) {
        cJSON_Delete(o);
        respond_error(out, 400, "expected {\"minutes\": N} with N from 0 to 1440", NULL);
        return;
    }
    cJSON_Delete(o);
    int64_t ends = minutes > 0 ? srv_wall_time() + minutes * 60 : 0;
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)ends);
    if (store_set_setting(s->cfg.store, "round_ends", text) != STORE_OK) {
        respond_error(out, 503, "the round could not be recorded", store_error(s->cfg.store));
        return;
    }
    mtx_lock(&s->plock);
    s->round_ends = ends;
    mtx_unlock(&s->plock);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddNumberToObject(r, "seconds_left", (double)minutes * 60.0);
    out->facilitator = 1;
    respond_json(out, 200, r);
}

/* --- static files of the browser version --------------------------------------------- */

static const char *content_type_of(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
                 {".wasm", "application/wasm"},          {".css", "text/css; charset=utf-8"},
                 {".json", "application/json"},          {".png", "image/png"},
                 {".svg", "image/svg+xml"},              {".ico", "image/x-icon"},
                 {".ttf", "font/ttf"},                   {".data", "application/octet-stream"},
                 {".txt", "text/plain; charset=utf-8"}};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t e = strlen(types[i].ext);
        if (n >= e && strcmp(path + n - e, types[i].ext) == 0)
            return types[i].type;
    }
    return "application/octet-stream";
}

/* 1 for a path the web folder may serve: segments of [A-Za-z0-9._-], none starting '.'. */
static int safe_web_path(const char *p)
{
    if (*p != '/' || strlen(p) > 200)
        return 0;
    int seg_start = 1;
    for (const char *c = p + 1; *c; c++) {
        if (*c == '/') {
            if (seg_start)
                return 0;
            seg_start = 1;
            continue;
        }
        if (seg_start && *c == '.')
            return 0;
        seg_start = 0;
        if (!(isalnum((unsigned char)*c) || *c == '.' || *c == '_' || *c == '-'))
            return 0;
    }
    return !seg_start;
}

static void serve_web(Server *s, const char *path, ServerResponse *out)
{
    const char *rel = strcmp(path, "/") == 0 ? "/index.html" : path;
    if (!s->cfg.web_dir || !safe_web_path(rel)) {
        if (strcmp(path, "/") == 0) {
            respond_text(out, 200, "text/html; charset=utf-8",
                         "<!doctype html><meta charset=utf-8><title>Upfront class</title>"
                         "<style>body{font:24px sans-serif;margin:3em}</style>"
                         "<h1>Upfront class server</h1><p>Join from the game: <b>Join a class</b> "
                         "on the title screen, with this page's address as the server, or "
                         "<code>upfront play --server</code> and this address.</p>");
            return;
        }
        respond_error(out, 404, "not found", NULL);
        return;
    }
    size_t n = strlen(s->cfg.web_dir) + strlen(rel) + 1;
    char *file = malloc(n);
    if (!file) {
        respond_error(out, 500, "out of memory", NULL);
        return;
    }
    snprintf(file, n, "%s%s", s->cfg.web_dir, rel);
    out->status = 200;
    out->file = file;
    out->content_type = content_type_of(rel);
}

/* --- routing ------------------------------------------------------------------------- */

static int is(const ServerRequest *rq, const char *method, const char *path)
{
    return strcmp(rq->method, method) == 0 && strcmp(rq->path, path) == 0;
}

static int facilitator_page(const char *path)
{
    return strcmp(path, "/dashboard") == 0 || strcmp(path, "/api/dashboard") == 0 ||
           strcmp(path, "/report.csv") == 0 || strcmp(path, "/report.html") == 0 ||
           strcmp(path, "/api/round") == 0 || strncmp(path, "/api/games/", 11) == 0;
}

void server_handle(Server *s, const ServerRequest *rq, ServerResponse *out)
{
    memset(out, 0, sizeof *out);
    if (!rq->method || !rq->path) {
        respond_error(out, 400, "bad request", NULL);
        return;
    }
    if (facilitator_page(rq->path)) {
        out->facilitator = 1;
        if (!server_key_equal(rq->key, s->key)) {
            respond_error(out, 403, "this page needs the facilitator's key (?key=...)", NULL);
            out->facilitator = 1;
            return;
        }
        if (is(rq, "GET", "/dashboard")) {
            out->status = 200;
            out->content_type = "text/html; charset=utf-8";
            out->body = malloc(server_dashboard_html_len + 1);
            if (!out->body) {
                respond_error(out, 500, "out of memory", NULL);
                return;
            }
            memcpy(out->body, server_dashboard_html, server_dashboard_html_len);
            out->body[server_dashboard_html_len] = '\0';
            out->len = server_dashboard_html_len;
            out->csp = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                       "connect-src 'self'; img-src data:";
            return;
        }
        if (is(rq, "GET", "/api/dashboard"))
            get_dashboard_data(s, out);
        else if (is(rq, "GET", "/report.csv"))
            get_report(s, 0, out);
        else if (is(rq, "GET", "/report.html"))
            get_report(s, 1, out);
        else if (is(rq, "POST", "/api/round"))
            post_round(s, rq, out);
        else if (strncmp(rq->path, "/api/games/", 11) == 0)
            game_by_id(s, rq, rq->path + 11, out);
        else
            respond_error(out, 405, "method not allowed", NULL);
        out->facilitator = 1;
        return;
    }
    if (is(rq, "POST", "/api/results"))
        post_results(s, rq, out);
    else if (is(rq, "POST", "/api/progress"))
        post_progress(s, rq, out);
    else if (is(rq, "GET", "/api/leaderboard"))
        get_leaderboard(s, out);
    else if (is(rq, "GET", "/api/class"))
        get_class(s, out);
    else if (is(rq, "GET", "/dashboard.js")) {
        out->status = 200;
        out->content_type = "text/javascript; charset=utf-8";
        out->body = malloc(server_dashboard_js_len + 1);
        if (!out->body) {
            respond_error(out, 500, "out of memory", NULL);
            return;
        }
        memcpy(out->body, server_dashboard_js, server_dashboard_js_len);
        out->body[server_dashboard_js_len] = '\0';
        out->len = server_dashboard_js_len;
    } else if (strncmp(rq->path, "/api/", 5) == 0 || strcmp(rq->path, "/api") == 0)
        respond_error(out, strcmp(rq->path, "/api/results") == 0 ||
                                   strcmp(rq->path, "/api/progress") == 0 ||
                                   strcmp(rq->path, "/api/leaderboard") == 0 ||
                                   strcmp(rq->path, "/api/class") == 0
                               ? 405 : 404,
                      "no such request", NULL);
    else if (strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0)
        serve_web(s, rq->path, out);
    else
        respond_error(out, 405, "method not allowed", NULL);
}
