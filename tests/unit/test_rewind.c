/* Rewind: a game started again from the start of a day of an earlier game (whatif_rewind),
 * and the "rewound" record of its results file, written, read back and checked. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "upfront/results.h"
#include "upfront/score.h"
#include "upfront/strategy.h"
#include "upfront/whatif.h"

#define TUTORIAL "scenarios/tutorial.json"

static Scenario *load(const char *path)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    if (!s)
        diag_print(stderr, path, d);
    diag_list_free(d);
    return s;
}

static Game *played(const Scenario *s, const char *strategy, uint64_t seed)
{
    Game *g = game_new(s, seed);
    if (g && strategy_play(strategy_find(strategy), g, seed) != 0) {
        game_free(g);
        return NULL;
    }
    return g;
}

static void rewind_should_replay_the_actions_before_the_day_and_stop_at_its_start(void)
{
    Scenario *s = load(TUTORIAL);
    if (!s)
        return;
    Game *g = played(s, "sales1", 8);
    CHECK(g != NULL);
    int days = scenario_day_count(s);
    for (int day = 1; g && day <= days; day++) {
        Game *r = whatif_rewind(g, day);
        CHECK(r != NULL);
        if (!r)
            continue;
        CHECK_EQ_INT(game_day(r), day);
        CHECK_EQ_INT(game_over(r), 0);
        CHECK_EQ_INT(game_seed(r), 8);
        int before = 0;
        while (before < game_action_count(g) && game_action_day(g, before) < day)
            before++;
        CHECK_EQ_INT(game_action_count(r), before);
        for (int i = 0; i < before; i++) {
            CHECK_EQ_INT(game_action(r, i)->kind, game_action(g, i)->kind);
            CHECK_EQ_INT(game_action(r, i)->prospect, game_action(g, i)->prospect);
            CHECK_EQ_INT(game_action(r, i)->arg, game_action(g, i)->arg);
        }
        /* taking the same actions again from there gives the same game */
        for (int i = before; i < game_action_count(g); i++)
            CHECK_EQ_INT(game_apply(r, game_action(g, i)), ACTION_OK);
        CHECK(game_state_hash(r) == game_state_hash(g));
        game_free(r);
    }
    CHECK(whatif_rewind(g, 0) == NULL);
    CHECK(whatif_rewind(g, days + 1) == NULL);
    game_free(g);
    scenario_free(s);
}

static void rewind_of_an_unfinished_game_goes_no_further_than_it_reached(void)
{
    Scenario *s = load(TUTORIAL);
    if (!s)
        return;
    Game *g = game_new(s, 2);
    Action end = {ACTION_END_DAY, -1, 0};
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(game_apply(g, &end), ACTION_OK);
    CHECK_EQ_INT(game_day(g), 4);
    Game *r = whatif_rewind(g, 4);
    CHECK(r != NULL && game_day(r) == 4);
    game_free(r);
    CHECK(whatif_rewind(g, 5) == NULL);
    game_free(g);
    scenario_free(s);
}

static void results_should_record_and_read_back_the_day_a_game_was_rewound_to(void)
{
    Scenario *s = load(TUTORIAL);
    if (!s)
        return;
    Game *g = played(s, "sales2", 3);
    ResultsMeta meta = {.player = "Ana", .started = 1767225600, .rewound_day = 6};
    char *text = g ? results_to_json(g, &meta) : NULL;
    const char *rw = text ? strstr(text, "\"rewound\": {") : NULL;
    CHECK(rw && strstr(rw, "\"day\": 6") && strstr(rw, "\"day\": 6") < strchr(rw, '}'));
    ActionLog log;
    memset(&log, 0, sizeof log);
    DiagList *d = diag_list_new();
    CHECK(text && results_read_actions(text, strlen(text), "r.json", s, &log, d) == 0);
    CHECK_EQ_INT(log.rewound_day, 6);
    action_log_free(&log);
    memset(&log, 0, sizeof log);
    CHECK(text && results_read_header(text, strlen(text), "r.json", &log, d) == 0);
    CHECK_EQ_INT(log.rewound_day, 6);
    action_log_free(&log);
    free(text);
    /* not rewound: no record at all, as before */
    meta.rewound_day = 0;
    text = g ? results_to_json(g, &meta) : NULL;
    CHECK(text && strstr(text, "rewound") == NULL);
    memset(&log, 0, sizeof log);
    CHECK(text && results_read_header(text, strlen(text), "r.json", &log, d) == 0);
    CHECK_EQ_INT(log.rewound_day, 0);
    action_log_free(&log);
    free(text);
    diag_list_free(d);
    game_free(g);
    scenario_free(s);
}

/* A results file with "rewound" replaced by value: the first error's pointer and message. */
static void read_bad_rewound(const Scenario *s, const Game *g, const char *value, const char *pointer,
                             const char *message)
{
    ResultsMeta meta = {.player = "Ana", .started = 1767225600, .rewound_day = 6};
    char *text = results_to_json(g, &meta);
    const char *at = text ? strstr(text, "\"rewound\": {") : NULL;
    const char *end = at ? strchr(at, '}') : NULL;
    CHECK(at && end);
    if (!at || !end) {
        free(text);
        return;
    }
    size_t head = (size_t)(at - text) + strlen("\"rewound\": "), tail = (size_t)(end + 1 - (text + head));
    size_t n = strlen(text) + strlen(value) + 1;
    char *bad = malloc(n);
    snprintf(bad, n, "%.*s%s%s", (int)head, text, value, text + head + tail);
    ActionLog log;
    memset(&log, 0, sizeof log);
    DiagList *d = diag_list_new();
    CHECK(results_read_header(bad, strlen(bad), "r.json", &log, d) != 0);
    const Diag *first = diag_count(d) ? diag_get(d, 0) : NULL;
    CHECK(first != NULL);
    if (first) {
        CHECK_EQ_STR(first->pointer, pointer);
        if (!strstr(first->message, message))
            fprintf(stderr, "message: %s\n", first->message);
        CHECK(strstr(first->message, message) != NULL);
    }
    action_log_free(&log);
    diag_list_free(d);
    free(bad);
    free(text);
    (void)s;
}

static void results_should_reject_a_malformed_rewound_record(void)
{
    Scenario *s = load(TUTORIAL);
    if (!s)
        return;
    Game *g = played(s, "sales2", 3);
    if (g) {
        read_bad_rewound(s, g, "6", "/rewound", "expected an object");
        read_bad_rewound(s, g, "{}", "/rewound", "\"day\"");
        read_bad_rewound(s, g, "{\"day\": 0}", "/rewound/day", "");
        read_bad_rewound(s, g, "{\"day\": \"6\"}", "/rewound/day", "");
        read_bad_rewound(s, g, "{\"day\": 6, \"by\": 1}", "/rewound/by", "");
    }
    game_free(g);
    scenario_free(s);
}

int main(void)
{
    RUN(rewind_should_replay_the_actions_before_the_day_and_stop_at_its_start);
    RUN(rewind_of_an_unfinished_game_goes_no_further_than_it_reached);
    RUN(results_should_record_and_read_back_the_day_a_game_was_rewound_to);
    RUN(results_should_reject_a_malformed_rewound_record);
    return check_done();
}
