/* cmd_serve — `upfront serve`: the live class server on the facilitator's laptop
 * (src/server). This file is the glue: options, the class's scenarios, the verifier (the
 * same check as `upfront verify`, cli_verify_buffer), the addresses to print, and waiting
 * for Ctrl-C. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "cli.h"
#include "upfront/classcode.h"
#include "upfront/file.h"

#if defined(UPFRONT_HAVE_SERVER)
#include "http.h"
#include "server.h"
#include "srv_platform.h"
#include "store.h"

#define SERVE_DEFAULT_PORT 8080
#define SERVE_MAX_SCENARIOS 256

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The scenarios games may be played on: --scenario, else the data folder's. */
static int load_class_scenarios(CliTrusted *t, const char *given)
{
    memset(t, 0, sizeof *t);
    t->scenarios = calloc(SERVE_MAX_SCENARIOS, sizeof *t->scenarios);
    t->paths = calloc(SERVE_MAX_SCENARIOS, sizeof *t->paths);
    if (!t->scenarios || !t->paths) {
        cli_error("serve", "out of memory");
        return CLI_FAILURE;
    }
    if (given) {
        t->origin = "the --scenario file";
        int code = CLI_OK;
        Scenario *s = cli_load_scenario("serve", given, &code);
        if (!s)
            return code;
        t->scenarios[0] = s;
        t->paths[0] = strdup(given);
        t->count = 1;
        return t->paths[0] ? CLI_OK : CLI_FAILURE;
    }
    t->origin = "the scenarios in the data folder";
    char searched[4096];
    const char *data = cli_data_dir(searched, sizeof searched);
    char *dir = data ? cli_join(data, "scenarios") : NULL;
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        cli_error("serve", "cannot find the shipped scenarios (looked in: %s); give the class's "
                           "scenario with --scenario FILE", searched[0] ? searched : "nothing");
        free(dir);
        return CLI_FAILURE;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && t->count < SERVE_MAX_SCENARIOS) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".json") ||
            has_suffix(e->d_name, ".schema.json"))
            continue;
        char *path = cli_join(dir, e->d_name);
        DiagList *diags = diag_list_new();
        int unreadable = 0;
        Scenario *s = path && diags ? scenario_load_file(path, diags, &unreadable) : NULL;
        diag_list_free(diags);
        if (!s) {
            free(path);
            continue;
        }
        t->scenarios[t->count] = s;
        t->paths[t->count] = path;
        t->count++;
    }
    closedir(d);
    free(dir);
    return CLI_OK;
}

typedef struct VerifyCtx {
    const CliTrusted *trusted;
} VerifyCtx;

typedef struct Visit {
    ServerAcceptFn accept;
    void *actx;
} Visit;

static void visit_game(void *ctx, const Game *g, const CliVerified *v)
{
    Visit *vi = ctx;
    /* as report does it (cmd_report.c's add_game): the facts the verifier read */
    ReportGame info;
    memset(&info, 0, sizeof info);
    info.player = v->player ? v->player : "";
    info.file = "";
    info.started = v->started;
    info.played_by = v->played_by;
    info.strategy = v->strategy[0] ? v->strategy : NULL;
    info.strategy_weeks = v->strategy_weeks;
    info.rewound_day = v->rewound_day;
    vi->accept(vi->actx, g, &info);
}

/* The server's verifier: cli_verify_buffer on the class's scenarios. */
static int verify_posted(void *vctx, const char *buf, size_t len, char *why, size_t cap,
                         ServerAcceptFn accept, void *actx)
{
    VerifyCtx *c = vctx;
    Visit vi = {accept, actx};
    CliVerifyOpts o;
    memset(&o, 0, sizeof o);
    o.trusted = c->trusted;
    o.quiet_errors = 1;
    o.visit = visit_game;
    o.ctx = &vi;
    CliVerified v;
    cli_verify_buffer("posted game", buf, len, &o, &v);
    int rc = v.ok ? 0 : v.exit_code == CLI_INVALID ? 1 : -1;
    if (!v.ok)
        snprintf(why, cap, "%s", v.older_model ? v.model_verdict : v.why);
    cli_verified_free(&v);
    return rc;
}

/* The browser version to serve from /: --web DIR, else one found beside the program. */
static char *find_web_dir(const char *given)
{
    if (given) {
        char *index = cli_join(given, "index.html");
        int ok = index && cli_file_exists(index);
        free(index);
        if (!ok) {
            cli_error("serve", "%s: no index.html in this folder (build the browser version with "
                               "scripts/build-web.sh: it is in build-web/dist)", given);
            return NULL;
        }
        return strdup(given);
    }
    char *exe = cli_exe_folder();
    const char *rel[] = {"../share/upfront/web", "web", NULL};
    for (int i = 0; exe && rel[i]; i++) {
        char *dir = cli_join(exe, rel[i]);
        char *index = dir ? cli_join(dir, "index.html") : NULL;
        int ok = index && cli_file_exists(index);
        free(index);
        if (ok) {
            free(exe);
            return dir;
        }
        free(dir);
    }
    free(exe);
#if defined(UPFRONT_SOURCE_DIR)
    {
        char *dir = cli_join(UPFRONT_SOURCE_DIR, "build-web/dist");
        char *index = dir ? cli_join(dir, "index.html") : NULL;
        int ok = index && cli_file_exists(index);
        free(index);
        if (ok)
            return dir;
        free(dir);
    }
#endif
    return NULL;
}

int cmd_serve(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("serve");
    const char *host = "0.0.0.0", *port_s = NULL, *db = NULL, *scenario = NULL, *seed_s = NULL,
               *web = NULL, *threads_s = NULL;
    const CliOpt opts[] = {{"host", &host, NULL},         {"port", &port_s, NULL},
                           {"db", &db, NULL},             {"scenario", &scenario, NULL},
                           {"seed", &seed_s, NULL},       {"web", &web, NULL},
                           {"threads", &threads_s, NULL}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int rc = CLI_OK;
    int npos = cli_parse_options(cmd, argc, argv, opts, 7, pos, &rc);
    free(pos);
    if (npos < 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("serve", "unexpected argument");
    long port = SERVE_DEFAULT_PORT, threads = 0;
    if (port_s && cli_parse_long(port_s, 0, 65535, &port) != 0)
        return cli_usage_error("serve", "--port: expected a port from 0 to 65535, got \"%s\"", port_s);
    if (threads_s && cli_parse_long(threads_s, 1, 64, &threads) != 0)
        return cli_usage_error("serve", "--threads: expected 1 to 64, got \"%s\"", threads_s);
    uint64_t seed = 0;
    if (seed_s && cli_opt_seed("serve", seed_s, &seed) != 0)
        return CLI_FAILURE;

    CliTrusted trusted;
    rc = load_class_scenarios(&trusted, scenario);
    if (rc != CLI_OK) {
        cli_trusted_free(&trusted);
        return rc;
    }
    char *web_dir = find_web_dir(web);
    if (web && !web_dir) {
        cli_trusted_free(&trusted);
        return CLI_FAILURE;
    }
    char *db_path = NULL;
    if (db) {
        db_path = strdup(db);
    } else {
        char *user = cli_user_dir();
        if (!user) {
            cli_trusted_free(&trusted);
            free(web_dir);
            return cli_usage_error("serve", "no user-data folder (no HOME): give the database with --db FILE");
        }
        if (file_make_folders(user) != FILE_OK) {
            cli_error("serve", "%s: cannot make the folder: %s", user, strerror(errno));
            free(user);
            cli_trusted_free(&trusted);
            free(web_dir);
            return CLI_FAILURE;
        }
        file_move_old_user_folder(user, stderr); /* upfront/upfront/class.db before */
        db_path = cli_join(user, "class.db");
        free(user);
    }
    char err[512];
    Store *store = db_path ? store_open(db_path, err, sizeof err) : NULL;
    if (!store) {
        cli_error("serve", "%s: cannot open the class database: %s", db_path ? db_path : "?",
                  db_path ? err : "out of memory");
        free(db_path);
        free(web_dir);
        cli_trusted_free(&trusted);
        return CLI_FAILURE;
    }
    VerifyCtx vctx = {&trusted};
    ServerConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.store = store;
    cfg.verify = verify_posted;
    cfg.verify_ctx = &vctx;
    cfg.scenario = scenario ? trusted.scenarios[0] : NULL;
    cfg.has_seed = seed_s != NULL;
    cfg.seed = seed;
    cfg.web_dir = web_dir;
    Server *server = server_new(&cfg, err, sizeof err);
    if (!server) {
        cli_error("serve", "%s: %s", db_path, err);
        store_close(store);
        free(db_path);
        free(web_dir);
        cli_trusted_free(&trusted);
        return CLI_FAILURE;
    }
    HttpOptions ho;
    memset(&ho, 0, sizeof ho);
    ho.host = host;
    ho.port = (int)port;
    ho.threads = (int)threads;
    ho.log_errors = 0;
    Http *http = http_start(server, &ho, err, sizeof err);
    if (!http) {
        cli_error("serve", "%s", err);
        server_free(server);
        store_close(store);
        free(db_path);
        free(web_dir);
        cli_trusted_free(&trusted);
        return CLI_FAILURE;
    }
    /* what to write on the board: a LAN address when listening on every address */
    char addrs[8][64];
    int naddrs = 0;
    int any = strcmp(host, "0.0.0.0") == 0 || strcmp(host, "::") == 0;
    if (any)
        naddrs = srv_lan_addresses(addrs, 8);
    const char *shown = any ? (naddrs > 0 ? addrs[0] : "127.0.0.1") : host;
    int v6 = strchr(shown, ':') != NULL;
    char url[256];
    snprintf(url, sizeof url, "http://%s%s%s:%d", v6 ? "[" : "", shown, v6 ? "]" : "", http_port(http));
    server_set_public_url(server, url);

    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    if (!cli_quiet) {
        if (cfg.scenario)
            cli_print_safe(stdout, "class: %s (%s)%s%s\n", scenario_title(cfg.scenario),
                           scenario_id(cfg.scenario), seed_s ? ", seed " : "", seed_s ? seed_s : "");
        else
            printf("class: any shipped scenario%s%s\n", seed_s ? ", seed " : "", seed_s ? seed_s : "");
        cli_print_safe(stdout, "database: %s (%d game%s stored", db_path, server_game_count(server),
                       server_game_count(server) == 1 ? "" : "s");
        if (server_rejected_count(server))
            printf(", %d left out", server_rejected_count(server));
        printf(")\n");
        if (web_dir)
            cli_print_safe(stdout, "browser version: %s\n", web_dir);
    }
    printf("trainees: %s   (upfront play --server %s, or Join a class with this address%s)\n", url, url,
           web_dir ? "; or open it in a browser" : "");
    if (cfg.scenario && cfg.has_seed) { /* what Join a class asks for besides the address */
        char code[120];
        classcode_write(scenario_id(cfg.scenario), cfg.seed, code, sizeof code);
        cli_print_safe(stdout, "class code: %s\n", code);
    }
    for (int i = 1; i < naddrs; i++)
        printf("also: http://%s:%d\n", addrs[i], http_port(http));
    printf("dashboard: %s/dashboard?key=%s\n", url, server_key(server));
    if (!cli_quiet)
        printf("Ctrl-C stops the server; every acknowledged game is kept in the database.\n");
    fflush(stdout);

    while (!stop_signal) {
        struct timespec nap = {0, 200000000L};
        nanosleep(&nap, NULL);
    }

    http_stop(http);
    int games = server_game_count(server);
    server_free(server);
    store_close(store);
    if (!cli_quiet)
        cli_print_safe(stderr, "upfront serve: stopped; %d game%s in %s\n", games, games == 1 ? "" : "s",
                       db_path);
    free(db_path);
    free(web_dir);
    cli_trusted_free(&trusted);
    return CLI_OK;
}

#else

int cmd_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("serve", "this upfront was built without the class server (build it with "
                       "libmicrohttpd-dev and libsqlite3-dev installed: -DUPFRONT_BUILD_SERVER=ON)");
    return CLI_FAILURE;
}

#endif
