/* Allocation failure: for every k, failing the k-th allocation of a load (once, or every
 * allocation from the k-th on) returns an error, crashes nothing and leaks nothing — the
 * allocator's live-block count is back to zero (and LeakSanitizer, in the sanitizer build,
 * agrees). k runs from 1 until the load no longer reaches the failure, then it must succeed. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "upfront/alloc.h"
#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/save.h"
#include "upfront/strategy.h"

static Scenario *mid_;
static char *mid_text_;
static size_t mid_len_;
static char *results_text_; /* a results file of a few days of play */

/* One trial: runs the operation with the k-th allocation failing; returns 1 when the
 * operation succeeded, 0 when it returned an error. */
typedef int (*Trial)(void);

static int scenario_trial(void)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    Scenario *s = scenario_load(mid_text_, mid_len_, "mid.json", d);
    int ok = s != NULL;
    if (ok) {
        CHECK_EQ_STR(scenario_hash(s), scenario_hash(mid_));
        CHECK_EQ_INT(scenario_prospect_count(s), scenario_prospect_count(mid_));
    } else if (!alloc_failed()) {
        CHECK(0); /* no failure, no excuse */
    }
    scenario_free(s);
    diag_list_free(d);
    return ok;
}

static int results_trial(void)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    ActionLog log;
    memset(&log, 0, sizeof log);
    int ok = results_read_actions(results_text_, strlen(results_text_), "r.json", mid_, &log, d) == 0;
    if (ok)
        CHECK(log.count > 0 && log.is_results && log.recorded_json != NULL);
    action_log_free(&log);
    diag_list_free(d);
    return ok;
}

static int header_trial(void)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    ActionLog log;
    memset(&log, 0, sizeof log);
    int ok = results_read_header(results_text_, strlen(results_text_), "r.json", &log, d) == 0;
    if (ok)
        CHECK_EQ_STR(log.scenario_id, "midmarket-quarter");
    action_log_free(&log);
    diag_list_free(d);
    return ok;
}

static int resume_trial(void)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    Game *g = save_load_buffer(results_text_, strlen(results_text_), "r.json", mid_, NULL, d);
    int ok = g != NULL;
    if (ok) {
        char *text = results_to_json(g, &(ResultsMeta){.player = "Ada", .scenario_path = "scenarios/midmarket-quarter.json"});
        ok = text != NULL;
        if (text)
            CHECK_EQ_STR(text, results_text_);
        alloc_free(text);
    }
    game_free(g);
    diag_list_free(d);
    return ok;
}

static int diag_json_trial(void)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    int ok = diag_add(d, DIAG_ERROR, 3, 4, "/a/b", "bad %s", "thing") == 0 &&
             diag_add(d, DIAG_WARNING, 0, 0, "", "hmm") == 0;
    FILE *f = tmpfile();
    if (ok && f)
        ok = diag_print_json(f, "x.json", d) == 0;
    if (f)
        fclose(f);
    diag_list_free(d);
    return ok;
}

/* Runs trial with the k-th allocation failing for k = 1, 2, ... until it succeeds without
 * reaching the failure. Returns the number of allocations the operation makes. */
static long exhaust(const char *name, Trial trial, int sticky)
{
    for (long k = 1;; k++) {
        if (sticky)
            alloc_fail_from(k);
        else
            alloc_fail_at(k);
        int ok = trial();
        int fired = alloc_failed();
        long live = alloc_live();
        long count = alloc_count();
        alloc_fail_at(0);
        if (live != 0) {
            fprintf(stderr, "  %s: failing allocation %ld%s leaks %ld block(s)\n", name, k,
                    sticky ? " and after" : "", live);
            CHECK(0);
            return -1;
        }
        if (!fired) {
            CHECK(ok);
            printf("%s: %ld allocations, each failed in turn%s\n", name, count,
                   sticky ? " (and every one after it)" : "");
            return count;
        }
        if (k > 10000000) {
            CHECK(0);
            return -1;
        }
    }
}

static void scenario_load_should_survive_any_failed_allocation(void)
{
    CHECK(exhaust("scenario_load", scenario_trial, 0) > 0);
    CHECK(exhaust("scenario_load", scenario_trial, 1) > 0);
}

static void results_load_should_survive_any_failed_allocation(void)
{
    CHECK(exhaust("results_read_actions", results_trial, 0) > 0);
    CHECK(exhaust("results_read_actions", results_trial, 1) > 0);
    CHECK(exhaust("results_read_header", header_trial, 0) > 0);
    CHECK(exhaust("results_read_header", header_trial, 1) > 0);
}

static void resume_should_survive_any_failed_allocation(void)
{
    CHECK(exhaust("save_load_buffer + results_to_json", resume_trial, 0) > 0);
    CHECK(exhaust("save_load_buffer + results_to_json", resume_trial, 1) > 0);
}

static void diagnostics_should_survive_any_failed_allocation(void)
{
    CHECK(exhaust("diag_print_json", diag_json_trial, 0) > 0);
    CHECK(exhaust("diag_print_json", diag_json_trial, 1) > 0);
}

/* A whole game of sales2 in which the k-th allocation fails: the action that needed it is
 * refused with ACTION_ERR_NO_MEMORY and changes nothing; taking it again succeeds, and the
 * game ends in the same state as one played with memory to spare. */
static void play_should_refuse_an_action_without_memory_and_lose_nothing(void)
{
    uint64_t want = 0;
    for (long k = 0;; k++) {
        alloc_fail_at(k);
        Game *g = game_new(mid_, 21);
        Rng rng;
        rng_seed(&rng, 21, 2);
        int refused = 0;
        while (g && !game_over(g)) {
            Action a = strategy_choose(strategy_find("sales2"), g, &rng);
            uint64_t before = game_state_hash(g);
            ActionError e = game_apply(g, &a);
            if (e == ACTION_ERR_NO_MEMORY) {
                refused++;
                CHECK(game_state_hash(g) == before);
                e = game_apply(g, &a);
            }
            CHECK_EQ_INT(e, ACTION_OK);
            if (e != ACTION_OK)
                break;
        }
        int fired = alloc_failed();
        uint64_t got = g ? game_state_hash(g) : 0;
        game_free(g);
        long live = alloc_live();
        alloc_fail_at(0);
        CHECK_EQ_INT(live, 0);
        if (k == 0) {
            want = got;
            continue;
        }
        if (!fired) {
            printf("play: %ld allocations in a game, each failed in turn\n", k - 1);
            break;
        }
        if (g == NULL && refused == 0)
            continue; /* game_new itself failed */
        CHECK(got == want);
        if (got != want) {
            fprintf(stderr, "  failing allocation %ld changed the game\n", k);
            break;
        }
    }
}

int main(void)
{
    /* 0.1.0's mid-market quarter (twelve accounts): every loader path, and a third of the
     * size of today's, which matters here (each failing allocation reloads the file) */
    if (file_read_all("tests/fixtures/v0.1.0/midmarket-quarter.json", SCENARIO_MAX_BYTES,
                      &mid_text_, &mid_len_) != FILE_OK)
        return 2;
    DiagList *d = diag_list_new();
    mid_ = scenario_load(mid_text_, mid_len_, "mid.json", d);
    diag_list_free(d);
    if (!mid_)
        return 2;
    /* Three days of sales2: every kind of action, a short file. */
    Game *g = game_new(mid_, 11);
    Rng rng;
    rng_seed(&rng, 11, 2);
    while (g && game_day(g) <= 3) {
        Action a = strategy_choose(strategy_find("sales2"), g, &rng);
        game_apply(g, &a);
    }
    results_text_ = g ? results_to_json(g, &(ResultsMeta){.player = "Ada", .scenario_path = "scenarios/midmarket-quarter.json"}) : NULL;
    game_free(g);
    if (!results_text_)
        return 2;

    RUN(scenario_load_should_survive_any_failed_allocation);
    RUN(results_load_should_survive_any_failed_allocation);
    RUN(resume_should_survive_any_failed_allocation);
    RUN(diagnostics_should_survive_any_failed_allocation);
    RUN(play_should_refuse_an_action_without_memory_and_lose_nothing);

    free(results_text_);
    free(mid_text_);
    scenario_free(mid_);
    return check_done();
}
