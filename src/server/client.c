/* client — the queue on disk and the thread that empties it into the class server (see
 * client.h). Files in the queue folder: results-*.json (sent in name order, each kept
 * until the server acknowledged it), progress.json (the latest only) and refused/ (results
 * the server refused, with why beside them). */
#define _DEFAULT_SOURCE
#include "client.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/score.h"

#define CLIENT_MAX_QUEUE_FILES 10000

struct ClassClient {
    char url[512];
    char dir[1024];
    thrd_t thread;
    int started;
    mtx_t lock;
    cnd_t wake;
    int stop;
    int poke;          /* something was queued: try now */
    char last_results[128]; /* the name of the results file queued last (status.last_results) */
    ClientStatus status;
};

static once_flag curl_once = ONCE_FLAG_INIT;
static void curl_start(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* --- requests ------------------------------------------------------------------------ */

typedef struct Reply {
    char text[4096]; /* the start of an answer: all of /api/class */
    size_t len;
} Reply;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    Reply *r = ctx;
    size_t bytes = size * n;
    size_t room = sizeof r->text - 1 - r->len;
    size_t take = bytes < room ? bytes : room;
    memcpy(r->text + r->len, p, take);
    r->len += take;
    r->text[r->len] = '\0';
    return bytes;
}

/* POSTs body to url + path (a GET when body is NULL): the HTTP status, or 0 when the
 * server was not reached (why in err). reply receives the start of the answer. */
static long post(const char *url, const char *path, const char *body, size_t len, Reply *reply,
                 char *err, size_t cap)
{
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(err, cap, "out of memory");
        return 0;
    }
    char full[640];
    snprintf(full, sizeof full, "%s%s", url, path);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    char curl_err[CURL_ERROR_SIZE] = "";
    reply->len = 0;
    reply->text[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, full);
    if (body) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    }
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)CLIENT_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, reply);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_err);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(err, cap, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    return status;
}

/* A string member of o into out ("" when absent, null or not a short string). */
static void class_field(const cJSON *o, const char *key, char *out, size_t cap)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    out[0] = '\0';
    if (cJSON_IsString(v) && strlen(v->valuestring) < cap)
        snprintf(out, cap, "%s", v->valuestring);
}

int client_get_class(const char *server_url, ClientClass *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    call_once(&curl_once, curl_start);
    char url[512];
    snprintf(url, sizeof url, "%s", server_url);
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        url[--n] = '\0';
    Reply reply;
    long st = post(url, "/api/class", NULL, 0, &reply, err, cap);
    if (st == 0)
        return -1;
    cJSON *o = st == 200 ? cJSON_ParseWithLength(reply.text, reply.len) : NULL;
    if (!cJSON_IsObject(o) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "results"))) {
        snprintf(err, cap, "%s answers HTTP %ld there, not as a class server (upfront serve)",
                 url, st);
        cJSON_Delete(o);
        return -1;
    }
    class_field(o, "scenario", out->scenario, sizeof out->scenario);
    class_field(o, "hash", out->hash, sizeof out->hash);
    class_field(o, "title", out->title, sizeof out->title);
    class_field(o, "seed", out->seed, sizeof out->seed);
    class_field(o, "code", out->code, sizeof out->code);
    cJSON_Delete(o);
    return 0;
}

/* --- the queue ----------------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The queued results files, in name order (malloc'd names); returns how many (-1: error). */
static int list_results(const char *dir, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < CLIENT_MAX_QUEUE_FILES) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "results-", 8) != 0 || len < 13 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(*names, (size_t)cap * sizeof *v);
            if (!v)
                break;
            *names = v;
        }
        (*names)[n] = strdup(e->d_name);
        if ((*names)[n])
            n++;
    }
    closedir(d);
    if (n > 1)
        qsort(*names, (size_t)n, sizeof **names, cmp_names);
    return n;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static int count_queued(const char *dir)
{
    char **names = NULL;
    int n = list_results(dir, &names);
    free_names(names, n > 0 ? n : 0);
    char p[1100];
    snprintf(p, sizeof p, "%s/progress.json", dir);
    struct stat st;
    return (n > 0 ? n : 0) + (stat(p, &st) == 0);
}

/* Sets aside a results file the server refused, with its answer beside it. */
static void set_aside(const char *dir, const char *name, const char *why)
{
    char refused[1100], from[1100], to[1200], note[1200];
    snprintf(refused, sizeof refused, "%s/refused", dir);
    snprintf(from, sizeof from, "%s/%s", dir, name);
    snprintf(to, sizeof to, "%s/%s", refused, name);
    snprintf(note, sizeof note, "%s/%s.why.txt", refused, name);
    if (file_make_folders(refused) == FILE_OK && rename(from, to) == 0) {
        file_write_atomic(note, why, strlen(why));
        return;
    }
    remove(from);
}

/* Sends one queued file. Returns 1 when it is done with (sent, or refused for good), 0
 * when it must be tried again later. */
static int send_file(ClassClient *c, const char *name, int results)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    char *body = NULL;
    size_t len = 0;
    if (file_read_regular(path, RESULTS_MAX_BYTES, &body, &len) != FILE_OK) {
        free(body);
        remove(path); /* unreadable or gone: nothing to send */
        return 1;
    }
    Reply reply;
    char err[200] = "";
    long st = post(c->url, results ? "/api/results" : "/api/progress", body, len, &reply, err, sizeof err);
    free(body);
    mtx_lock(&c->lock);
    c->status.reachable = st != 0;
    if (st == 0)
        snprintf(c->status.last_error, sizeof c->status.last_error, "%s", err);
    else if (st >= 500 || st == 408 || st == 429)
        snprintf(c->status.last_error, sizeof c->status.last_error, "the server answered %ld", st);
    else
        c->status.last_error[0] = '\0';
    mtx_unlock(&c->lock);
    if (st == 0 || st >= 500 || st == 408 || st == 429)
        return 0;
    if (results && (st == 200 || st == 201)) {
        remove(path);
        mtx_lock(&c->lock);
        c->status.sent++;
        if (strcmp(name, c->last_results) == 0)
            c->status.last_results = CLIENT_SENT;
        mtx_unlock(&c->lock);
    } else if (results) {
        char why[sizeof reply.text + 32];
        snprintf(why, sizeof why, "HTTP %ld: %s\n", st, reply.text);
        set_aside(c->dir, name, why);
        /* the server's reason, for the trainee ("score.total: the file says ...") */
        cJSON *answer = cJSON_ParseWithLength(reply.text, reply.len);
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(answer, "why");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(answer, "error");
        const char *reason = cJSON_IsString(w) ? w->valuestring : cJSON_IsString(e) ? e->valuestring : "refused";
        mtx_lock(&c->lock);
        c->status.refused++;
        if (strcmp(name, c->last_results) == 0)
            c->status.last_results = CLIENT_REFUSED;
        /* whole characters: the window shows it */
        size_t k = 0, cap = sizeof c->status.last_refusal;
        for (; reason[k] && k < cap - 1; k++)
            c->status.last_refusal[k] = reason[k];
        while (k > 0 && reason[k] && ((unsigned char)reason[k] & 0xC0) == 0x80)
            k--;
        c->status.last_refusal[k] = '\0';
        mtx_unlock(&c->lock);
        cJSON_Delete(answer);
    } else {
        remove(path); /* progress: delivered, or refused (the next day's will do) */
    }
    return 1;
}

/* One pass over the queue; 1 when everything in it was dealt with. */
static int drain(ClassClient *c)
{
    char **names = NULL;
    int n = list_results(c->dir, &names);
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        mtx_lock(&c->lock);
        int stop = c->stop;
        mtx_unlock(&c->lock);
        if (stop)
            ok = 0;
        else
            ok = send_file(c, names[i], 1);
    }
    free_names(names, n > 0 ? n : 0);
    char p[1100];
    snprintf(p, sizeof p, "%s/progress.json", c->dir);
    struct stat st;
    if (ok && stat(p, &st) == 0)
        ok = send_file(c, "progress.json", 0);
    mtx_lock(&c->lock);
    c->status.queued = count_queued(c->dir);
    mtx_unlock(&c->lock);
    return ok;
}

static int run(void *arg)
{
    ClassClient *c = arg;
    int backoff = 1;
    for (;;) {
        int ok = drain(c);
        backoff = ok ? 1 : (backoff * 2 > CLIENT_MAX_BACKOFF_S ? CLIENT_MAX_BACKOFF_S : backoff * 2);
        mtx_lock(&c->lock);
        if (!c->poke && !c->stop) {
            struct timespec until;
            timespec_get(&until, TIME_UTC);
            until.tv_sec += ok ? 5 : backoff;
            cnd_timedwait(&c->wake, &c->lock, &until);
        }
        int stop = c->stop;
        if (c->poke)
            backoff = 1;
        c->poke = 0;
        mtx_unlock(&c->lock);
        if (stop)
            return 0;
    }
}

/* --- the client ---------------------------------------------------------------------- */

/* 1 for "http://HOST[:PORT][/PATH]" with printable characters and no query. */
static int url_ok(const char *u)
{
    size_t n = strlen(u);
    if ((strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0) || n > 400)
        return 0;
    const char *host = strstr(u, "://") + 3;
    if (!*host || *host == '/' || *host == ':')
        return 0;
    for (const char *p = u; *p; p++)
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '?' || *p == '#' ||
            *p == '"' || *p == '\\')
            return 0;
    return 1;
}

ClassClient *client_new(const char *server_url, const char *queue_root, char *err, size_t cap)
{
    if (!server_url || !url_ok(server_url)) {
        snprintf(err, cap, "\"%.200s\" is not a server address like http://192.168.1.20:8080",
                 server_url ? server_url : "");
        return NULL;
    }
    ClassClient *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    snprintf(c->url, sizeof c->url, "%s", server_url);
    size_t n = strlen(c->url);
    while (n > 0 && c->url[n - 1] == '/')
        c->url[--n] = '\0';
    /* one queue folder per server: "http-192-168-1-20-8080" */
    char name[200];
    size_t k = 0;
    for (const char *p = c->url; *p && k + 1 < sizeof name; p++) {
        char ch = *p;
        int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (keep)
            name[k++] = ch;
        else if (k > 0 && name[k - 1] != '-')
            name[k++] = '-';
    }
    name[k] = '\0';
    snprintf(c->dir, sizeof c->dir, "%s%s%s", queue_root,
             queue_root[0] && queue_root[strlen(queue_root) - 1] == '/' ? "" : "/", name);
    if (file_make_folders(c->dir) != FILE_OK) {
        snprintf(err, cap, "%s: cannot make the queue folder: %s", c->dir, strerror(errno));
        free(c);
        return NULL;
    }
    call_once(&curl_once, curl_start);
    if (mtx_init(&c->lock, mtx_plain) != thrd_success || cnd_init(&c->wake) != thrd_success) {
        snprintf(err, cap, "cannot make a lock");
        free(c);
        return NULL;
    }
    c->status.queued = count_queued(c->dir);
    if (thrd_create(&c->thread, run, c) != thrd_success) {
        snprintf(err, cap, "cannot start the sending thread");
        mtx_destroy(&c->lock);
        cnd_destroy(&c->wake);
        free(c);
        return NULL;
    }
    c->started = 1;
    return c;
}

void client_free(ClassClient *c)
{
    if (!c)
        return;
    mtx_lock(&c->lock);
    c->stop = 1;
    cnd_signal(&c->wake);
    mtx_unlock(&c->lock);
    if (c->started)
        thrd_join(c->thread, NULL);
    mtx_destroy(&c->lock);
    cnd_destroy(&c->wake);
    free(c);
}

static void poke(ClassClient *c)
{
    mtx_lock(&c->lock);
    c->poke = 1;
    c->status.queued = count_queued(c->dir);
    cnd_signal(&c->wake);
    mtx_unlock(&c->lock);
}

int client_send_results(ClassClient *c, const char *json, size_t len)
{
    char stem[64], used[1200];
    struct timespec now;
    timespec_get(&now, TIME_UTC);
    /* sent in name order: the time, to the microsecond */
    snprintf(stem, sizeof stem, "results-%012lld-%06ld", (long long)now.tv_sec, now.tv_nsec / 1000);
    if (file_write_new(c->dir, stem, ".json", json, len, used, sizeof used) != FILE_OK)
        return -1;
    const char *base = strrchr(used, '/');
    base = base ? base + 1 : used;
    size_t n = strlen(base); /* "results-<time>.json": far shorter than the room */
    if (n >= sizeof c->last_results)
        n = sizeof c->last_results - 1;
    mtx_lock(&c->lock);
    memcpy(c->last_results, base, n);
    c->last_results[n] = '\0';
    c->status.last_results = CLIENT_QUEUED;
    mtx_unlock(&c->lock);
    poke(c);
    return 0;
}

int client_send_progress(ClassClient *c, const char *json, size_t len)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/progress.json", c->dir);
    if (file_write_atomic(path, json, len) != FILE_OK)
        return -1;
    poke(c);
    return 0;
}

void client_status(ClassClient *c, ClientStatus *out)
{
    mtx_lock(&c->lock);
    *out = c->status;
    mtx_unlock(&c->lock);
}

int client_flush(ClassClient *c, int timeout_ms)
{
    for (int waited = 0;; waited += 50) {
        int queued = count_queued(c->dir);
        if (queued == 0)
            return 1;
        if (waited >= timeout_ms)
            return 0;
        struct timespec nap = {0, 50 * 1000000L};
        thrd_sleep(&nap, NULL);
    }
}

const char *client_url(const ClassClient *c)
{
    return c->url;
}
