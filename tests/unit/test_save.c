/* Save and resume: a game saved at any day's end and resumed ends with the same results
 * file, byte for byte, as the same game played without interruption; a save made on
 * another scenario, or on a changed one, is refused with a positioned diagnostic. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/save.h"
#include "upfront/strategy.h"

static char dir_[256];
static Scenario *mid_;

static Scenario *load(const char *path)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    diag_list_free(d);
    return s;
}

/* Plays strategy st with seed on s; when stop_day > 0, saves at the end of that day, frees
 * the game and resumes from the save before going on. Returns the final results text. */
static char *play(const Scenario *s, const char *st_name, uint64_t seed, int stop_day)
{
    const Strategy *st = strategy_find(st_name);
    Game *g = game_new(s, seed);
    Rng rng;
    rng_seed(&rng, seed, 2);
    ResultsMeta meta = {.player = "Ada", .scenario_path = "scenarios/midmarket-quarter.json", .started = 1700000000};
    char path[512];
    snprintf(path, sizeof path, "%s/game.save.json", dir_);
    int resumed = 0;
    while (g && !game_over(g)) {
        Action a = strategy_choose(st, g, &rng);
        int day = game_day(g);
        if (game_apply(g, &a) != ACTION_OK) {
            game_free(g);
            return NULL;
        }
        if (a.kind == ACTION_END_DAY && day == stop_day && !resumed) {
            CHECK_EQ_INT(save_write(path, g, &meta), FILE_OK);
            uint64_t before = game_state_hash(g);
            game_free(g);
            DiagList *d = diag_list_new();
            ActionLog info;
            g = save_load(path, s, &info, d, NULL);
            CHECK(g != NULL);
            CHECK_EQ_INT(diag_count(d), 0);
            if (g) {
                CHECK(game_state_hash(g) == before);
                CHECK_EQ_INT(game_day(g), day + 1);
                CHECK_EQ_STR(info.player, "Ada");
                CHECK(info.started == 1700000000);
            }
            action_log_free(&info);
            diag_list_free(d);
            resumed = 1;
        }
    }
    CHECK(stop_day <= 0 || resumed);
    char *text = g ? results_to_json(g, &meta) : NULL;
    game_free(g);
    return text;
}

static void resumed_game_should_end_with_the_same_results_as_an_uninterrupted_one(void)
{
    const char *strategies[] = {"sales2", "sales1", "random"};
    int days = scenario_day_count(mid_);
    int stops[] = {1, 2, days / 2, days - 1, days};
    for (int i = 0; i < 3; i++) {
        for (uint64_t seed = 1; seed <= 2; seed++) {
            char *whole = play(mid_, strategies[i], seed, 0);
            CHECK(whole != NULL);
            for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
                char *resumed = play(mid_, strategies[i], seed, stops[k]);
                CHECK(resumed != NULL);
                if (whole && resumed && strcmp(whole, resumed) != 0) {
                    fprintf(stderr, "  %s seed %llu resumed after day %d differs\n",
                            strategies[i], (unsigned long long)seed, stops[k]);
                    CHECK(0);
                }
                free(resumed);
            }
            free(whole);
        }
    }
}

/* Writes a save of a game played a few days, returns its path in out. */
static void make_save(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir_, name);
    Game *g = game_new(mid_, 3);
    const Strategy *st = strategy_find("sales2");
    Rng rng;
    rng_seed(&rng, 3, 2);
    while (g && game_day(g) < 4) {
        Action a = strategy_choose(st, g, &rng);
        game_apply(g, &a);
    }
    ResultsMeta meta = {.player = "Bo"};
    CHECK_EQ_INT(save_write(out, g, &meta), FILE_OK);
    game_free(g);
}

static void save_should_be_refused_on_another_scenario(void)
{
    char path[512];
    make_save(path, sizeof path, "other.json");
    Scenario *tut = load("scenarios/tutorial.json");
    CHECK(tut != NULL);
    DiagList *d = diag_list_new();
    Game *g = save_load(path, tut, NULL, d, NULL);
    CHECK(g == NULL);
    CHECK_EQ_INT(diag_error_count(d), 1);
    if (diag_count(d) == 1) {
        const Diag *e = diag_get(d, 0);
        CHECK_EQ_STR(e->pointer, "/scenario/id");
        CHECK_EQ_INT(e->line, 5);
        CHECK(strstr(e->message, "saved on scenario \"midmarket-quarter\"") != NULL);
    }
    diag_list_free(d);
    scenario_free(tut);

    /* the header says which scenario to load */
    ActionLog info;
    d = diag_list_new();
    CHECK_EQ_INT(save_read_header(path, &info, d, NULL), 0);
    CHECK_EQ_STR(info.scenario_id, "midmarket-quarter");
    CHECK_EQ_STR(info.scenario_hash, scenario_hash(mid_));
    CHECK_EQ_STR(info.player, "Bo");
    CHECK(info.has_seed && info.seed == 3);
    action_log_free(&info);
    diag_list_free(d);
}

static void save_should_be_refused_when_the_scenario_changed(void)
{
    char path[512];
    make_save(path, sizeof path, "changed.json");
    size_t len = 0;
    char *text = NULL;
    file_read_all("scenarios/midmarket-quarter.json", SCENARIO_MAX_BYTES, &text, &len);
    CHECK(text != NULL);
    if (!text)
        return;
    char *edited = malloc(len + 2);
    memcpy(edited, text, len);
    memcpy(edited + len, "\n", 2);
    DiagList *d = diag_list_new();
    Scenario *s2 = scenario_load(edited, len + 1, "edited.json", d);
    CHECK(s2 != NULL);
    Game *g = s2 ? save_load(path, s2, NULL, d, NULL) : NULL;
    CHECK(g == NULL);
    CHECK_EQ_INT(diag_error_count(d), 1);
    if (diag_count(d) == 1) {
        CHECK_EQ_STR(diag_get(d, 0)->pointer, "/scenario/hash");
        CHECK(strstr(diag_get(d, 0)->message, "has changed") != NULL);
    }
    diag_list_free(d);
    scenario_free(s2);
    free(edited);
    free(text);
}

static void missing_save_should_be_unreadable(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/nothing-here.json", dir_);
    DiagList *d = diag_list_new();
    int unreadable = 0;
    CHECK(save_load(path, mid_, NULL, d, &unreadable) == NULL);
    CHECK_EQ_INT(unreadable, 1);
    CHECK_EQ_INT(diag_error_count(d), 1);
    CHECK_EQ_INT(diag_get(d, 0)->line, 0);
    diag_list_free(d);
}

static void plain_action_list_should_not_resume(void)
{
    const char *list = "[{\"act\": \"end_day\"}]";
    DiagList *d = diag_list_new();
    CHECK(save_load_buffer(list, strlen(list), "list.json", mid_, NULL, d) == NULL);
    CHECK_EQ_INT(diag_error_count(d), 1);
    diag_list_free(d);
}

static void save_write_should_fail_in_a_missing_folder(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/folder/save.json", dir_);
    Game *g = game_new(mid_, 1);
    CHECK(save_write(path, g, NULL) != FILE_OK);
    game_free(g);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir_, sizeof dir_, "%s/upfront-test-save-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir_)) {
        perror("mkdtemp");
        return 2;
    }
    mid_ = load("scenarios/midmarket-quarter.json");
    if (!mid_) {
        fprintf(stderr, "cannot load the default scenario\n");
        return 2;
    }
    RUN(resumed_game_should_end_with_the_same_results_as_an_uninterrupted_one);
    RUN(save_should_be_refused_on_another_scenario);
    RUN(save_should_be_refused_when_the_scenario_changed);
    RUN(missing_save_should_be_unreadable);
    RUN(plain_action_list_should_not_resume);
    RUN(save_write_should_fail_in_a_missing_folder);
    scenario_free(mid_);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir_);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir_);
    return check_done();
}
