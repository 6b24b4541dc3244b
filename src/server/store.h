/* store — where the class server keeps what must survive it: the games it acknowledged and
 * a few named settings (the dashboard key, the round's end). One small interface, so that
 * another backend (a shared PostgreSQL database serving many classes, docs/server.md) can
 * stand in for the SQLite file without the server changing. A Store is safe to use from
 * several threads at once; it serialises its own work. store_open returns a Store the
 * caller closes with store_close; strings the Store returns are the caller's to free(). */
#ifndef UPFRONT_SERVER_STORE_H
#define UPFRONT_SERVER_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;

typedef enum StoreStatus {
    STORE_OK = 0,     /* done (for store_put_game: stored and committed) */
    STORE_EXISTS = 1, /* store_put_game: a game with the same key was already stored */
    STORE_MISSING = 2,/* no such game or setting */
    STORE_ERROR = -1  /* the storage failed (the message says why); nothing was changed */
} StoreStatus;

/* A game as stored: its results file, byte for byte as posted, and what identifies it. */
typedef struct StoreGame {
    int64_t id;              /* assigned by the store, increasing */
    const char *key;         /* the same game of the same player has the same key */
    const char *name;        /* a file name for it, unique in the store ("...-seed7.json") */
    const char *player;
    const char *scenario_id;
    const char *seed;        /* decimal */
    int64_t received;        /* Unix time */
    const char *body;        /* the results file */
    size_t body_len;
} StoreGame;

/* Opens (creating when missing) the store at path. Returns NULL with why in err. */
Store *store_open(const char *path, char *err, size_t cap);
void store_close(Store *st);

/* Stores a game in one transaction, committed to stable storage before it returns
 * STORE_OK (then *id and the name used, g->name or "STEM-2.json"..., are written to id and
 * name). STORE_EXISTS (with *id the stored game's) when g->key is already stored;
 * STORE_ERROR when it could not be stored. */
StoreStatus store_put_game(Store *st, const StoreGame *g, int64_t *id, char *name, size_t cap);

/* Calls fn for every stored game in id order (fn's StoreGame lives until it returns);
 * stops early when fn returns non-zero. STORE_OK or STORE_ERROR. */
StoreStatus store_each_game(Store *st, int (*fn)(void *ctx, const StoreGame *g), void *ctx);

/* One game's results file (malloc'd, NUL-terminated) and name; STORE_MISSING when none. */
StoreStatus store_get_game(Store *st, int64_t id, char **body, size_t *len, char *name,
                           size_t cap);

/* Removes a game for good (committed). STORE_MISSING when there is none. */
StoreStatus store_delete_game(Store *st, int64_t id);

/* Named settings ("key", "round_ends"): a short text per name. */
StoreStatus store_get_setting(Store *st, const char *name, char *out, size_t cap);
StoreStatus store_set_setting(Store *st, const char *name, const char *value);

/* The storage's own consistency check: STORE_OK when it says "ok" (its words in out). */
StoreStatus store_check(Store *st, char *out, size_t cap);

/* Why the last call failed ("database is locked"); the Store's string. */
const char *store_error(const Store *st);

#endif
