/* Crash-safe writing: results files and saves survive a full disk (the write fails with an
 * error and the previous file is intact, no temporary left behind) and kill -9 at random
 * moments during repeated saves (the file is always a complete old or new save).
 *
 * The full disk is a child process with RLIMIT_FSIZE below the file's size (write fails
 * with EFBIG, as for root as for anyone, with no special file system); the kills are
 * SIGKILL sent to a child that saves a game in progress at the end of every day. POSIX
 * only: on other platforms the test reports that it was skipped. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#if defined(_WIN32)
int main(void)
{
    printf("skipped: needs fork and kill\n");
    return 0;
}
#else

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/rng.h"
#include "upfront/save.h"
#include "upfront/strategy.h"

static char dir_[256];
static Scenario *mid_;

/* A finished game's results text (caller frees). */
static char *finished_results(uint64_t seed)
{
    Game *g = game_new(mid_, seed);
    if (!g)
        return NULL;
    strategy_play(strategy_find("sales2"), g, seed);
    char *text = results_to_json(g, &(ResultsMeta){.player = "Ada"});
    game_free(g);
    return text;
}

static char *read_text(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, RESULTS_MAX_BYTES, &buf, &len) != FILE_OK)
        return NULL;
    return buf;
}

/* Names in the test folder other than keep, removed; returns how many there were. */
static int sweep_others(const char *keep)
{
    DIR *d = opendir(dir_);
    int n = 0;
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, keep))
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir_, e->d_name);
        unlink(p);
        n++;
    }
    closedir(d);
    return n;
}

/* In a child limited to limit bytes per file, runs what (0: file_write_atomic of text,
 * 1: save_write of a game in progress) to path. Returns the child's FileStatus, or -1. */
static int write_on_full_disk(int what, const char *path, const char *text, rlim_t limit)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN); /* write fails with EFBIG instead of killing the child */
        struct rlimit rl = {limit, limit};
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(100);
        FileStatus st;
        errno = 0;
        if (what == 0) {
            st = file_write_atomic(path, text, strlen(text));
        } else {
            Game *g = game_new(mid_, 5);
            Rng rng;
            rng_seed(&rng, 5, 2);
            while (g && game_day(g) < 20) {
                Action a = strategy_choose(strategy_find("sales2"), g, &rng);
                game_apply(g, &a);
            }
            st = save_write(path, g, &(ResultsMeta){.player = "Ada"});
            game_free(g);
        }
        if (st != FILE_OK && errno != EFBIG && errno != ENOSPC)
            _exit(101); /* the wrong failure */
        _exit((int)st);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static void write_should_fail_on_a_full_disk_and_keep_the_previous_file(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/results.json", dir_);
    char *old = finished_results(1);
    char *next = finished_results(2);
    CHECK(old && next && strcmp(old, next) != 0);
    if (!old || !next)
        return;
    rlim_t limits[] = {0, 1, 100, 4096, (rlim_t)(strlen(next) - 1)};
    for (int what = 0; what < 2; what++) {
        for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
            if (what == 1 && limits[i] > 4096)
                continue; /* a save of 20 days may be smaller than the results */
            CHECK_EQ_INT(file_write_atomic(path, old, strlen(old)), FILE_OK);
            int st = write_on_full_disk(what, path, next, limits[i]);
            if (st != FILE_ERR_IO)
                fprintf(stderr, "  %s with a %lu-byte disk: child status %d\n",
                        what ? "save_write" : "file_write_atomic", (unsigned long)limits[i], st);
            CHECK_EQ_INT(st, FILE_ERR_IO);
            char *now = read_text(path);
            CHECK(now != NULL);
            if (now)
                CHECK(strcmp(now, old) == 0); /* the previous file, intact */
            free(now);
            CHECK_EQ_INT(sweep_others("results.json"), 0); /* no temporary left */
        }
    }
    /* and with room enough, the same write succeeds */
    CHECK_EQ_INT(write_on_full_disk(0, path, next, (rlim_t)strlen(next) + 1), FILE_OK);
    char *now = read_text(path);
    CHECK(now && strcmp(now, next) == 0);
    free(now);
    unlink(path);
    free(old);
    free(next);
}

/* The child: plays games for ever, saving at the end of every day. */
static void save_forever(const char *path)
{
    for (uint64_t seed = 1;; seed++) {
        Game *g = game_new(mid_, seed);
        Rng rng;
        rng_seed(&rng, seed, 2);
        while (g && !game_over(g)) {
            Action a = strategy_choose(strategy_find("random"), g, &rng);
            game_apply(g, &a);
            if (a.kind == ACTION_END_DAY &&
                save_write(path, g, &(ResultsMeta){.player = "Ada"}) != FILE_OK)
                _exit(3);
        }
        game_free(g);
    }
}

static void kill_9_during_saves_should_leave_a_complete_old_or_new_save(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/game.save.json", dir_);
    Rng rng;
    rng_seed(&rng, (uint64_t)time(NULL), 9);
    const int rounds = 100;
    int resumed = 0, mid_write = 0;
    for (int round = 0; round < rounds; round++) {
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) {
            CHECK(0);
            return;
        }
        if (pid == 0)
            save_forever(path);
        /* 1 to 60 ms in, a moment that falls anywhere in a write, fsync or rename */
        struct timespec ts = {0, (long)(1000000 + rng_below(&rng, 59000000))};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        struct stat st;
        if (stat(path, &st) != 0)
            continue; /* killed before the first save: nothing to lose */
        DiagList *d = diag_list_new();
        Game *g = save_load(path, mid_, NULL, d, NULL);
        if (!g) {
            fprintf(stderr, "  round %d: the save does not resume:\n", round);
            diag_print(stderr, path, d);
        }
        CHECK(g != NULL);
        resumed += g != NULL;
        game_free(g);
        diag_list_free(d);
        /* a write killed between its open and its rename leaves its temporary */
        mid_write += sweep_others("game.save.json") > 0;
    }
    printf("kill -9: %d of %d rounds left a save that resumes; %d of them killed mid-write\n",
           resumed, rounds, mid_write);
    CHECK(resumed > 0);
    unlink(path);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir_, sizeof dir_, "%s/upfront-test-crash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir_)) {
        perror("mkdtemp");
        return 2;
    }
    DiagList *d = diag_list_new();
    mid_ = scenario_load_file("scenarios/midmarket-quarter.json", d, NULL);
    diag_list_free(d);
    if (!mid_)
        return 2;
    RUN(write_should_fail_on_a_full_disk_and_keep_the_previous_file);
    RUN(kill_9_during_saves_should_leave_a_complete_old_or_new_save);
    scenario_free(mid_);
    sweep_others("");
    rmdir(dir_);
    return check_done();
}
#endif
