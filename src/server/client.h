/* client — a trainee's side of the live class (libcurl): the progress after each day and
 * the results file when the game ends go to the class server from a background thread.
 * Everything is put in a queue on disk first (one folder per server), so nothing is lost
 * when the server cannot be reached, the laptop sleeps or the game is closed: what is
 * queued is sent, with growing pauses, until the server answers, and again the next time
 * a client for the same server starts. The results file written beside the game is never
 * touched. client_new returns a ClassClient the caller frees with client_free; strings
 * client_progress_json returns are the caller's to free(). No SDL: the window, the tests
 * and any other front end use it the same way. */
#ifndef UPFRONT_SERVER_CLIENT_H
#define UPFRONT_SERVER_CLIENT_H

#include <stddef.h>

#include "upfront/game.h"

#define CLIENT_MAX_BACKOFF_S 30   /* the longest pause between tries */
#define CLIENT_TIMEOUT_S 15       /* one request, connection included */

typedef struct ClassClient ClassClient;

/* A client for server_url ("http://192.168.1.20:8080", a trailing slash or none), queueing
 * in queue_root/<server>/ (made when missing). Starts its thread and sends what an earlier
 * client left queued. Returns NULL with why in err (a URL that is not http://HOST[:PORT],
 * a queue folder that cannot be made). */
ClassClient *client_new(const char *server_url, const char *queue_root, char *err, size_t cap);
/* Stops the thread (an unsent request is left in the queue) and frees the client. */
void client_free(ClassClient *c);

/* Queues a finished game's results file (synced to disk before it returns) and wakes the
 * thread. 0, or -1 when it could not be written to the queue. */
int client_send_results(ClassClient *c, const char *json, size_t len);
/* Queues the latest progress (it replaces an unsent earlier one). 0 or -1. */
int client_send_progress(ClassClient *c, const char *json, size_t len);

/* The progress of a game as the server reads it (POST /api/progress): player, scenario,
 * seed, day, days, week, minutes of effort per stage, score so far and, when >= 0, the
 * seconds left in the trainee's round. NULL when out of memory. */
char *client_progress_json(const Game *g, const char *player, long time_left_s);

enum { CLIENT_QUEUED, CLIENT_SENT, CLIENT_REFUSED };

typedef struct ClientStatus {
    int queued;          /* requests waiting in the queue */
    int sent;            /* results files the server acknowledged (201 or 200) */
    int refused;         /* results files it refused (moved to the queue's refused/ folder) */
    int reachable;       /* 1 when the last try reached the server */
    char last_error[200];/* why the last try failed ("" when it did not) */
    char last_refusal[200];/* the server's reason for the last results file it refused */
    int last_results;    /* the results file queued last: CLIENT_QUEUED, _SENT or _REFUSED */
} ClientStatus;
void client_status(ClassClient *c, ClientStatus *out);
/* Waits up to timeout_ms for the queue to empty; 1 when it did. */
int client_flush(ClassClient *c, int timeout_ms);
/* The server's URL as given (without a trailing slash). */
const char *client_url(const ClassClient *c);

/* Which game a class server's class plays (GET /api/class): each "" when the server
 * leaves it free (any scenario, any seed). */
typedef struct ClientClass {
    char scenario[80];  /* the scenario's id */
    char hash[80];      /* its content hash (the server's copy) */
    char title[200];
    char seed[24];
    char code[120];     /* the class code, as Join a class takes it */
} ClientClass;
/* Asks the server at server_url; 0, or -1 with why in err (not reached, or not a class
 * server). Blocks for at most CLIENT_TIMEOUT_S. */
int client_get_class(const char *server_url, ClientClass *out, char *err, size_t cap);

#endif
