/* store_sqlite — the Store on one SQLite file (Debian's libsqlite3): WAL mode, so that the
 * dashboard's reads never wait for a game being written; synchronous=FULL, so that a game
 * is on disk when store_put_game returns; one transaction per game; prepared statements
 * only, never SQL built from what a client sent. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <sqlite3.h>

#define STORE_SCHEMA_VERSION 1
#define STORE_MAX_NAME_TRIES 999

struct Store {
    sqlite3 *db;
    mtx_t lock;
    char error[256];
};

static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS settings(name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS games("
    " id INTEGER PRIMARY KEY,"
    " game_key TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL UNIQUE,"
    " player TEXT NOT NULL,"
    " scenario_id TEXT NOT NULL,"
    " seed TEXT NOT NULL,"
    " received INTEGER NOT NULL,"
    " body BLOB NOT NULL)",
};

static void set_error(Store *st, const char *what)
{
    snprintf(st->error, sizeof st->error, "%s: %s", what, st->db ? sqlite3_errmsg(st->db) : "no database");
}

static int exec(Store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(st->error, sizeof st->error, "%s", msg ? msg : "failed");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

Store *store_open(const char *path, char *err, size_t cap)
{
    Store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    if (mtx_init(&st->lock, mtx_plain) != thrd_success) {
        free(st);
        snprintf(err, cap, "cannot make a lock");
        return NULL;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                             SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        snprintf(err, cap, "%s", st->db ? sqlite3_errmsg(st->db) : "cannot open");
        store_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, 5000);
    sqlite3_stmt *q = NULL;
    int wal = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        wal = strcmp((const char *)sqlite3_column_text(q, 0), "wal") == 0;
    sqlite3_finalize(q);
    if (!wal) {
        snprintf(err, cap, "cannot use it in WAL mode (%s): is it a database on a local disk?",
                 sqlite3_errmsg(st->db));
        store_close(st);
        return NULL;
    }
    if (exec(st, "PRAGMA synchronous=FULL") != 0 || exec(st, "BEGIN IMMEDIATE") != 0) {
        snprintf(err, cap, "%s", st->error);
        store_close(st);
        return NULL;
    }
    int version = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (version > STORE_SCHEMA_VERSION) {
        snprintf(err, cap, "made by a newer upfront (its format %d; this one reads %d)", version,
                 STORE_SCHEMA_VERSION);
        exec(st, "ROLLBACK");
        store_close(st);
        return NULL;
    }
    for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
        if (exec(st, schema[i]) != 0) {
            snprintf(err, cap, "%s", st->error);
            exec(st, "ROLLBACK");
            store_close(st);
            return NULL;
        }
    if (exec(st, "PRAGMA user_version=1") != 0 || exec(st, "COMMIT") != 0) {
        snprintf(err, cap, "%s", st->error);
        exec(st, "ROLLBACK");
        store_close(st);
        return NULL;
    }
    return st;
}

void store_close(Store *st)
{
    if (!st)
        return;
    if (st->db)
        sqlite3_close_v2(st->db);
    mtx_destroy(&st->lock);
    free(st);
}

const char *store_error(const Store *st)
{
    return st ? st->error : "no store";
}

static int bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return sqlite3_bind_text(q, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* The id of the game with this key, 0 when none, -1 on error. */
static int64_t find_key(Store *st, const char *key)
{
    sqlite3_stmt *q = NULL;
    int64_t id = -1;
    if (sqlite3_prepare_v2(st->db, "SELECT id FROM games WHERE game_key = ?1", -1, &q, NULL) ==
            SQLITE_OK &&
        bind_text(q, 1, key) == SQLITE_OK) {
        int rc = sqlite3_step(q);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : rc == SQLITE_DONE ? 0 : -1;
    }
    if (id < 0)
        set_error(st, "looking the game up");
    sqlite3_finalize(q);
    return id;
}

/* 1 when name is taken, 0 when free, -1 on error. */
static int name_taken(Store *st, const char *name)
{
    sqlite3_stmt *q = NULL;
    int taken = -1;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM games WHERE name = ?1", -1, &q, NULL) ==
            SQLITE_OK &&
        bind_text(q, 1, name) == SQLITE_OK) {
        int rc = sqlite3_step(q);
        taken = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    }
    if (taken < 0)
        set_error(st, "choosing a name");
    sqlite3_finalize(q);
    return taken;
}

/* "stem.json", "stem-2.json"... for a name "stem.json". */
static void nth_name(char *out, size_t cap, const char *name, int k)
{
    size_t n = strlen(name);
    size_t stem = n >= 5 && strcmp(name + n - 5, ".json") == 0 ? n - 5 : n;
    if (k <= 1)
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "%.*s-%d.json", (int)stem, name, k);
}

StoreStatus store_put_game(Store *st, const StoreGame *g, int64_t *id, char *name, size_t cap)
{
    StoreStatus result = STORE_ERROR;
    mtx_lock(&st->lock);
    if (exec(st, "BEGIN IMMEDIATE") != 0) {
        mtx_unlock(&st->lock);
        return STORE_ERROR;
    }
    int64_t found = find_key(st, g->key);
    if (found < 0)
        goto rollback;
    if (found > 0) {
        *id = found;
        exec(st, "ROLLBACK");
        mtx_unlock(&st->lock);
        return STORE_EXISTS;
    }
    char chosen[512];
    int k = 1;
    for (; k <= STORE_MAX_NAME_TRIES; k++) {
        nth_name(chosen, sizeof chosen, g->name, k);
        int t = name_taken(st, chosen);
        if (t < 0)
            goto rollback;
        if (t == 0)
            break;
    }
    if (k > STORE_MAX_NAME_TRIES) {
        snprintf(st->error, sizeof st->error, "every name for %s is taken", g->name);
        goto rollback;
    }
    sqlite3_stmt *q = NULL;
    int ok = sqlite3_prepare_v2(st->db,
                                "INSERT INTO games(game_key, name, player, scenario_id, seed, "
                                "received, body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                -1, &q, NULL) == SQLITE_OK &&
             bind_text(q, 1, g->key) == SQLITE_OK && bind_text(q, 2, chosen) == SQLITE_OK &&
             bind_text(q, 3, g->player) == SQLITE_OK &&
             bind_text(q, 4, g->scenario_id) == SQLITE_OK && bind_text(q, 5, g->seed) == SQLITE_OK &&
             sqlite3_bind_int64(q, 6, g->received) == SQLITE_OK &&
             sqlite3_bind_blob64(q, 7, g->body, (sqlite3_uint64)g->body_len, SQLITE_STATIC) ==
                 SQLITE_OK &&
             sqlite3_step(q) == SQLITE_DONE;
    if (!ok)
        set_error(st, "storing the game");
    sqlite3_finalize(q);
    if (!ok)
        goto rollback;
    *id = sqlite3_last_insert_rowid(st->db);
    /* the answer "stored" comes after this commit: with WAL and synchronous=FULL the game
     * is in the log on disk when it returns */
    if (exec(st, "COMMIT") != 0)
        goto rollback;
    if (name)
        snprintf(name, cap, "%s", chosen);
    result = STORE_OK;
    mtx_unlock(&st->lock);
    return result;
rollback:
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    mtx_unlock(&st->lock);
    return STORE_ERROR;
}

StoreStatus store_each_game(Store *st, int (*fn)(void *ctx, const StoreGame *g), void *ctx)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_OK;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, game_key, name, player, scenario_id, seed, received, body "
                           "FROM games ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK) {
        set_error(st, "reading the games");
        mtx_unlock(&st->lock);
        return STORE_ERROR;
    }
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        StoreGame g;
        g.id = sqlite3_column_int64(q, 0);
        g.key = (const char *)sqlite3_column_text(q, 1);
        g.name = (const char *)sqlite3_column_text(q, 2);
        g.player = (const char *)sqlite3_column_text(q, 3);
        g.scenario_id = (const char *)sqlite3_column_text(q, 4);
        g.seed = (const char *)sqlite3_column_text(q, 5);
        g.received = sqlite3_column_int64(q, 6);
        g.body = sqlite3_column_blob(q, 7);
        g.body_len = (size_t)sqlite3_column_bytes(q, 7);
        if (!g.body)
            g.body = "";
        if (fn(ctx, &g) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_error(st, "reading the games");
        result = STORE_ERROR;
    }
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}

StoreStatus store_get_game(Store *st, int64_t id, char **body, size_t *len, char *name, size_t cap)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_ERROR;
    *body = NULL;
    *len = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT name, body FROM games WHERE id = ?1", -1, &q, NULL) ==
            SQLITE_OK &&
        sqlite3_bind_int64(q, 1, id) == SQLITE_OK) {
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            size_t n = (size_t)sqlite3_column_bytes(q, 1);
            const void *b = sqlite3_column_blob(q, 1);
            *body = malloc(n + 1);
            if (*body) {
                if (n)
                    memcpy(*body, b, n);
                (*body)[n] = '\0';
                *len = n;
                if (name)
                    snprintf(name, cap, "%s", (const char *)sqlite3_column_text(q, 0));
                result = STORE_OK;
            } else {
                snprintf(st->error, sizeof st->error, "out of memory");
            }
        } else if (rc == SQLITE_DONE) {
            result = STORE_MISSING;
        } else {
            set_error(st, "reading the game");
        }
    } else {
        set_error(st, "reading the game");
    }
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}

StoreStatus store_delete_game(Store *st, int64_t id)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_ERROR;
    if (sqlite3_prepare_v2(st->db, "DELETE FROM games WHERE id = ?1", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_bind_int64(q, 1, id) == SQLITE_OK && sqlite3_step(q) == SQLITE_DONE)
        result = sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_MISSING;
    else
        set_error(st, "removing the game");
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}

StoreStatus store_get_setting(Store *st, const char *name, char *out, size_t cap)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_ERROR;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM settings WHERE name = ?1", -1, &q, NULL) ==
            SQLITE_OK &&
        bind_text(q, 1, name) == SQLITE_OK) {
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            snprintf(out, cap, "%s", (const char *)sqlite3_column_text(q, 0));
            result = STORE_OK;
        } else if (rc == SQLITE_DONE) {
            result = STORE_MISSING;
        }
    }
    if (result == STORE_ERROR)
        set_error(st, "reading a setting");
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}

StoreStatus store_set_setting(Store *st, const char *name, const char *value)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_ERROR;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO settings(name, value) VALUES(?1, ?2) "
                           "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           -1, &q, NULL) == SQLITE_OK &&
        bind_text(q, 1, name) == SQLITE_OK && bind_text(q, 2, value) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_DONE)
        result = STORE_OK;
    else
        set_error(st, "writing a setting");
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}

StoreStatus store_check(Store *st, char *out, size_t cap)
{
    mtx_lock(&st->lock);
    sqlite3_stmt *q = NULL;
    StoreStatus result = STORE_ERROR;
    out[0] = '\0';
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(q, 0));
        result = strcmp(out, "ok") == 0 ? STORE_OK : STORE_ERROR;
    } else {
        set_error(st, "checking");
        snprintf(out, cap, "%s", st->error);
    }
    sqlite3_finalize(q);
    mtx_unlock(&st->lock);
    return result;
}
