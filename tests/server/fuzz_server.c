/* fuzz_server — the class server's request handling under libFuzzer (and, through
 * tests/fuzz/replay_main.c, its committed corpus in every build). The first byte chooses:
 *   even: the bytes are a raw HTTP exchange written into a connection of the real
 *         libmicrohttpd daemon (no listening socket; http_add_connection on a socket pair),
 *         run until it answers or closes: the parser, the limits, the access handler;
 *   odd:  the bytes are one request for server_handle directly: "METHOD\nPATH\nKEY\nBODY".
 * The server runs on a fresh SQLite file in the temporary folder, its games verified by
 * replaying them on the tutorial scenario (the harness's own small verifier: the server's
 * handling, not the verifier, is under test here; fuzz_results covers that). Nothing may
 * crash, hang, leak or trip a sanitizer. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http.h"
#include "server.h"
#include "store.h"
#include "upfront/diag.h"
#include "upfront/results.h"
#include "upfront/scenario.h"
#include "upfront/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Scenario *tutorial;
static Store *store;
static Server *server;
static Http *http;
static char db_path[256];

static int verify(void *vctx, const char *buf, size_t len, char *why, size_t cap, ServerAcceptFn accept,
                  void *actx)
{
    (void)vctx;
    DiagList *d = diag_list_new();
    ActionLog hdr, log;
    memset(&hdr, 0, sizeof hdr);
    memset(&log, 0, sizeof log);
    int rc = 1;
    Game *g = NULL;
    if (!d) {
        snprintf(why, cap, "out of memory");
        return -1;
    }
    if (results_read_header(buf, len, "posted", &hdr, d) != 0 || !hdr.scenario_hash ||
        strcmp(hdr.scenario_hash, scenario_hash(tutorial)) != 0) {
        snprintf(why, cap, "not a results file of the tutorial");
    } else if (results_read_actions(buf, len, "posted", tutorial, &log, d) != 0 ||
               !(g = results_replay(tutorial, log.seed, &log, "posted", d))) {
        snprintf(why, cap, "does not replay");
    } else {
        ScoreCard card;
        score_compute(g, &card);
        if (card.total != log.recorded_total) {
            snprintf(why, cap, "score.total differs");
        } else {
            ReportGame info;
            memset(&info, 0, sizeof info);
            info.player = log.player ? log.player : "";
            info.started = log.started;
            info.played_by = log.played_by;
            info.strategy = log.strategy[0] ? log.strategy : NULL;
            info.strategy_weeks = log.strategy_weeks;
            accept(actx, g, &info);
            rc = 0;
        }
    }
    game_free(g);
    action_log_free(&hdr);
    action_log_free(&log);
    diag_list_free(d);
    return rc;
}

static void cleanup(void)
{
    http_stop(http);
    server_free(server);
    store_close(store);
    scenario_free(tutorial);
    char side[300];
    remove(db_path);
    snprintf(side, sizeof side, "%s-wal", db_path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", db_path);
    remove(side);
}

static int start(void)
{
    if (server)
        return 0;
    DiagList *d = diag_list_new();
    int unreadable = 0;
    tutorial = scenario_load_file(UPFRONT_SOURCE_DIR "/scenarios/tutorial.json", d, &unreadable);
    diag_list_free(d);
    if (!tutorial)
        return -1;
    const char *tmp = getenv("TMPDIR");
    snprintf(db_path, sizeof db_path, "%s/fuzz-server-%ld.db", tmp && tmp[0] ? tmp : "/tmp", (long)getpid());
    remove(db_path);
    char err[256];
    store = store_open(db_path, err, sizeof err);
    if (!store)
        return -1;
    ServerConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.store = store;
    cfg.verify = verify;
    cfg.scenario = tutorial;
    cfg.has_seed = 1;
    cfg.seed = 3;
    cfg.public_url = "http://127.0.0.1:1";
    server = server_new(&cfg, err, sizeof err);
    HttpOptions ho;
    memset(&ho, 0, sizeof ho);
    ho.no_listen = 1;
    http = server ? http_start(server, &ho, err, sizeof err) : NULL;
    if (!http)
        return -1;
    atexit(cleanup);
    return 0;
}

static void raw_exchange(const uint8_t *data, size_t size)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return;
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    if (http_add_connection(http, sv[1]) != 0) {
        close(sv[0]);
        return;
    }
    size_t sent = 0, got = 0;
    char buf[65536];
    int closed = 0;
    /* bounded: a request that is neither answered nor closed after this many rounds is
     * left to the daemon's idle timeout (a connection the next inputs do not wait for) */
    for (int round = 0; round < 400 && !closed; round++) {
        if (sent < size) {
            ssize_t n = write(sv[0], data + sent, size - sent);
            if (n > 0)
                sent += (size_t)n;
            if (sent == size)
                shutdown(sv[0], SHUT_WR);
        }
        http_run(http);
        for (;;) {
            ssize_t n = read(sv[0], buf, sizeof buf);
            if (n > 0) {
                if (got == 0 && getenv("FUZZ_SERVER_SHOW"))
                    fprintf(stderr, "%.*s\n", (int)(n < 60 ? n : 60), buf);
                got += (size_t)n;
                continue;
            }
            if (n == 0)
                closed = 1;
            break;
        }
    }
    close(sv[0]);
    http_run(http);
}

static void direct(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return;
    memcpy(text, data, size);
    text[size] = '\0';
    char *parts[3] = {text, NULL, NULL};
    char *p = text;
    for (int i = 1; i < 3 && p; i++) {
        p = memchr(p, '\n', (size_t)(text + size - p));
        if (p) {
            *p++ = '\0';
            parts[i] = p;
        }
    }
    char *body = NULL;
    size_t body_len = 0;
    if (parts[2]) {
        char *nl = memchr(parts[2], '\n', (size_t)(text + size - parts[2]));
        if (nl) {
            *nl = '\0';
            body = nl + 1;
            body_len = (size_t)(text + size - body);
        }
    }
    static const char *const methods[] = {"GET", "POST", "DELETE", "PUT", "HEAD", "OPTIONS"};
    const char *method = parts[0];
    if (strlen(method) == 1)
        method = methods[(unsigned char)method[0] % 6];
    ServerRequest rq;
    rq.method = method;
    rq.path = parts[1] ? parts[1] : "/";
    rq.key = parts[2] && strcmp(parts[2], "KEY") == 0 ? server_key(server) : parts[2];
    rq.body = body;
    rq.body_len = body_len;
    rq.body_too_large = body_len > server_body_cap(rq.method, rq.path);
    ServerResponse out;
    server_handle(server, &rq, &out);
    if (out.status < 100 || out.status > 599)
        abort();
    server_response_free(&out);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || start() != 0)
        return 0;
    if (data[0] % 2 == 0)
        raw_exchange(data + 1, size - 1);
    else
        direct(data + 1, size - 1);
    return 0;
}
