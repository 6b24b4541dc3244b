/* server — the live class: what `upfront serve` answers, without the network. The HTTP
 * layer (http.c) turns each request into a ServerRequest and sends the ServerResponse back;
 * the tests and the fuzzer call server_handle directly. Games are verified by replaying
 * them (a ServerVerifyFn, the same check as `upfront verify`), committed to a Store before
 * they are acknowledged, and ranked by the report module (the same Report as `upfront
 * report`). A Server is safe to call from several threads at once. server_new returns a
 * Server the caller frees with server_free (after the HTTP layer stopped); a
 * ServerResponse's body is freed with server_response_free. */
#ifndef UPFRONT_SERVER_H
#define UPFRONT_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "upfront/game.h"
#include "upfront/report.h"
#include "upfront/results.h"
#include "upfront/scenario.h"

/* --- named limits: a client that breaks one is answered with an error or dropped, and
 * the server stays up (docs/server.md lists them) --- */
#define SERVER_MAX_CONNECTIONS 512          /* open connections at once */
#define SERVER_MAX_CONNECTIONS_PER_IP 256   /* from one address (a loopback load test: 200) */
#define SERVER_IDLE_TIMEOUT_S 15            /* a connection with nothing sent is closed */
#define SERVER_REQUEST_DEADLINE_S 60        /* a whole request, body included */
#define SERVER_MAX_HEADER_BYTES 32768       /* request line and headers */
#define SERVER_MAX_RESULTS_BYTES RESULTS_MAX_BYTES /* a results file (16 MiB): else 413 */
#define SERVER_MAX_SMALL_BODY 16384         /* progress and other small bodies: else 413 */
#define SERVER_MAX_DISCARD_BYTES (64u * 1024u * 1024u) /* an oversized body read to answer 413;
                                               larger ones are answered at once and dropped */
#define SERVER_MAX_BODIES_IN_FLIGHT (256u * 1024u * 1024u) /* bodies held at once: else 503 */
#define SERVER_MAX_PLAYERS 4096             /* trainees in the live view: else 503 */
#define SERVER_KEY_BYTES 16                 /* the facilitator's key: 128 random bits */

/* What the verifier found: the game replayed and the facts of its file. */
typedef int (*ServerAcceptFn)(void *actx, const Game *g, const ReportGame *info);
/* Verifies a results file in memory. On success calls accept (while the replayed game
 * lives) and returns 0; returns 1 with why (for the trainee) when the file fails
 * verification, -1 with why when the server failed (out of memory). */
typedef int (*ServerVerifyFn)(void *vctx, const char *buf, size_t len, char *why, size_t cap,
                              ServerAcceptFn accept, void *actx);

typedef struct ServerConfig {
    Store *store;               /* borrowed; must outlive the Server */
    ServerVerifyFn verify;
    void *verify_ctx;
    const Scenario *scenario;   /* the class's scenario (--scenario), or NULL: any trusted */
    int has_seed;               /* --seed: the class's seed */
    uint64_t seed;
    const char *web_dir;        /* the browser version served from /, or NULL */
    const char *public_url;     /* "http://192.168.1.20:8080", what trainees are told */
} ServerConfig;

typedef struct Server Server;

/* Opens the class on its store: takes (or makes and records) the facilitator's key and
 * verifies every stored game into the report. Returns NULL with why in err. */
Server *server_new(const ServerConfig *cfg, char *err, size_t cap);
void server_free(Server *s);
/* The facilitator's key (hex), the Server's string. */
const char *server_key(const Server *s);
/* Stored games that verified, and ones that did not (kept in the store, left out). */
int server_game_count(Server *s);
int server_rejected_count(Server *s);
/* The public URL given in the config (may be changed once the port is known). */
void server_set_public_url(Server *s, const char *url);

typedef struct ServerRequest {
    const char *method;     /* "GET", "POST", "DELETE", ... */
    const char *path;       /* "/api/results", without the query */
    const char *key;        /* the query's key=, or NULL */
    const char *body;       /* may be NULL when body_len is 0 */
    size_t body_len;
    int body_too_large;     /* the body was over server_body_cap: answer 413 */
} ServerRequest;

typedef struct ServerResponse {
    int status;
    const char *content_type;  /* static string */
    char *body;                /* malloc'd (server_response_free) */
    size_t len;
    char *file;                /* a file to send instead of body (malloc'd path), or NULL */
    const char *disposition;   /* a Content-Disposition, or NULL */
    int facilitator;           /* 1: a page or data for the facilitator (no-store, no CORS) */
    const char *csp;           /* a Content-Security-Policy, or NULL */
} ServerResponse;

/* The most body bytes a request to method and path may carry. */
size_t server_body_cap(const char *method, const char *path);
/* Answers one request; never fails (an internal failure is a 500 response). */
void server_handle(Server *s, const ServerRequest *rq, ServerResponse *out);
void server_response_free(ServerResponse *r);

/* 1 when a and b are the same key, in time that depends only on b's length. */
int server_key_equal(const char *given, const char *expected);

#endif
