/* Results files on tests/fixtures/tiny.json (prospects acme, bolt, cove; steps discovery,
 * proposal): deterministic writing, strict reading with positions, and replay. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "upfront/results.h"
#include "upfront/score.h"
#include "upfront/strategy.h"

#define TINY "tests/fixtures/tiny.json"

static Scenario *load_tiny(void)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(TINY, d, NULL);
    if (!s)
        diag_print(stderr, TINY, d);
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

/* Reads text as an action list and returns the diagnostics (caller frees). */
static DiagList *read_text(const Scenario *s, const char *text, ActionLog *log, int *rc)
{
    DiagList *d = diag_list_new();
    *rc = results_read_actions(text, strlen(text), "t.json", s, log, d);
    return d;
}

static const ResultsMeta meta = {.player = "Ada", .scenario_path = TINY, .started = 1767225600}; /* 2026-01-01T00:00:00Z */

static void results_should_be_byte_identical_for_the_same_game(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    Game *a = played(s, "sales2", 5), *b = played(s, "sales2", 5);
    CHECK(a && b);
    char *ta = a ? results_to_json(a, &meta) : NULL;
    char *tb = b ? results_to_json(b, &meta) : NULL;
    CHECK(ta && tb && strcmp(ta, tb) == 0);
    CHECK(ta && strstr(ta, "\"started\": \"2026-01-01T00:00:00Z\"") != NULL);
    CHECK(ta && strstr(ta, "\"seed\": \"5\"") != NULL);
    CHECK(ta && strstr(ta, "\"player\": \"Ada\"") != NULL);
    CHECK(ta && ta[strlen(ta) - 1] == '\n');
    free(ta);
    free(tb);
    game_free(a);
    game_free(b);
    scenario_free(s);
}

static void results_should_replay_to_the_same_text(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    for (int k = 0; k < 3; k++) {
        const char *names[3] = {"sales1", "sales2", "random"};
        Game *g = played(s, names[k], 42u + (uint64_t)k);
        CHECK(g != NULL);
        if (!g)
            continue;
        char *text = results_to_json(g, &meta);
        ActionLog log;
        int rc = -1;
        DiagList *d = read_text(s, text, &log, &rc);
        CHECK_EQ_INT(rc, 0);
        CHECK_EQ_INT(log.is_results, 1);
        CHECK_EQ_INT(log.count, game_action_count(g));
        CHECK_EQ_INT(log.seed, 42u + (uint64_t)k);
        CHECK_EQ_INT(log.started, 1767225600);
        CHECK_EQ_STR(log.player, "Ada");
        CHECK_EQ_STR(log.scenario_hash, scenario_hash(s));
        CHECK_EQ_STR(log.scenario_path, TINY);
        Game *r = rc == 0 ? results_replay(s, log.seed, &log, "t.json", d) : NULL;
        CHECK(r != NULL);
        if (r) {
            CHECK_EQ_INT(game_state_hash(r), game_state_hash(g));
            char *again = results_to_json(r, &meta);
            CHECK(again && strcmp(again, text) == 0);
            free(again);
        }
        game_free(r);
        action_log_free(&log);
        diag_list_free(d);
        free(text);
        game_free(g);
    }
    scenario_free(s);
}

static void read_should_suggest_the_closest_channel_with_a_position(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    const char *text = "[\n"
                       "  {\"act\": \"research\", \"prospect\": \"acme\", \"topic\": \"company\"},\n"
                       "  {\"act\": \"touch\", \"prospect\": \"acme\", \"channel\": \"emial\"}\n"
                       "]\n";
    ActionLog log;
    int rc = 0;
    DiagList *d = read_text(s, text, &log, &rc);
    CHECK_EQ_INT(rc, -1);
    CHECK_EQ_INT(diag_count(d), 1);
    if (diag_count(d) == 1) {
        const Diag *g = diag_get(d, 0);
        CHECK_EQ_INT(g->line, 3);
        CHECK_EQ_INT(g->col, 51);
        CHECK_EQ_STR(g->pointer, "/1/channel");
        CHECK_EQ_STR(g->message, "unknown channel \"emial\"; did you mean \"email\"?");
    }
    CHECK(log.actions == NULL);
    diag_list_free(d);
    scenario_free(s);
}

static void read_should_report_every_bad_action(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    const char *text = "[{\"act\": \"touch\", \"prospect\": \"acmee\", \"channel\": \"phone\"},\n"
                       " {\"act\": \"end_day\", \"prospect\": \"acme\"},\n"
                       " {\"act\": \"progress\", \"prospect\": \"bolt\", \"step\": \"discovry\"},\n"
                       " {\"act\": \"close\", \"prospect\": \"bolt\", \"technique\": \"ask\", \"colour\": 1},\n"
                       " {\"act\": \"craft\"},\n"
                       " {\"act\": \"sleep\", \"day\": 0}]";
    ActionLog log;
    int rc = 0;
    DiagList *d = read_text(s, text, &log, &rc);
    CHECK_EQ_INT(rc, -1);
    diag_sort(d);
    const char *want[][2] = {
        {"/0/prospect", "unknown prospect \"acmee\"; did you mean \"acme\"?"},
        {"/1/prospect", "a \"end_day\" action takes no \"prospect\""},
        {"/2/step", "unknown progress step \"discovry\"; did you mean \"discovery\"?"},
        {"/3/colour", "unknown key \"colour\""},
        {"/4", "a \"craft\" action needs \"prospect\""},
        {"/5/act", "unknown action \"sleep\""},
        {"/5/day", "expected a whole number from 1 to 100000"},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    CHECK_EQ_INT(diag_count(d), n);
    for (int i = 0; i < n && i < diag_count(d); i++) {
        CHECK_EQ_STR(diag_get(d, i)->pointer, want[i][0]);
        CHECK_EQ_STR(diag_get(d, i)->message, want[i][1]);
        CHECK(diag_get(d, i)->line > 0);
    }
    diag_list_free(d);
    scenario_free(s);
}

static void read_should_reject_syntax_errors_with_a_position(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    const char *bad[] = {"[{\"act\": \"end_day\"},]", "[{\"act\": \"end_day\", \"act\": \"end_day\"}]",
                         "{\"format\": 1", "[] []", "42"};
    for (int i = 0; i < 5; i++) {
        ActionLog log;
        int rc = 0;
        DiagList *d = read_text(s, bad[i], &log, &rc);
        CHECK_EQ_INT(rc, -1);
        CHECK(diag_error_count(d) >= 1);
        if (diag_count(d) >= 1 && i < 4)
            CHECK(diag_get(d, 0)->line == 1);
        diag_list_free(d);
    }
    scenario_free(s);
}

static void read_should_take_a_seed_as_a_string_or_an_exact_number(void)
{
    const char *seeds[] = {"\"18446744073709551615\"", "9007199254740992", "9007199254740993",
                           "\"18446744073709551616\"", "-1", "\"12a\"", "1.5"};
    const int ok[] = {1, 1, 0, 0, 0, 0, 0};
    for (int i = 0; i < 7; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "{\"format\": 1, \"scenario\": {\"id\": \"tiny\", \"hash\": \"00\"}, "
                 "\"seed\": %s, \"actions\": []}",
                 seeds[i]);
        ActionLog log;
        DiagList *d = diag_list_new();
        int rc = results_read_header(text, strlen(text), "t.json", &log, d);
        CHECK_EQ_INT(rc, ok[i] ? 0 : -1);
        if (i == 0 && rc == 0)
            CHECK(log.seed == UINT64_MAX);
        if (i == 1 && rc == 0)
            CHECK(log.seed == 9007199254740992u);
        if (!ok[i] && diag_count(d) > 0)
            CHECK_EQ_STR(diag_get(d, 0)->pointer, "/seed");
        action_log_free(&log);
        diag_list_free(d);
    }
}

static void read_header_should_reject_unknown_keys_and_formats(void)
{
    const char *text = "{\"format\": 2, \"scenario\": {\"id\": \"tiny\", \"hash\": \"00\"},\n"
                       " \"seed\": \"1\", \"actoins\": []}";
    ActionLog log;
    DiagList *d = diag_list_new();
    CHECK_EQ_INT(results_read_header(text, strlen(text), "t.json", &log, d), -1);
    diag_sort(d);
    int found_key = 0, found_format = 0;
    for (int i = 0; i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        if (strcmp(g->pointer, "/actoins") == 0 &&
            strcmp(g->message, "unknown key \"actoins\"; did you mean \"actions\"?") == 0) {
            found_key = 1;
            CHECK_EQ_INT(g->line, 2);
            CHECK_EQ_INT(g->col, 15);
        }
        if (strcmp(g->pointer, "/format") == 0)
            found_format = 1;
    }
    CHECK(found_key);
    CHECK(found_format);
    action_log_free(&log);
    diag_list_free(d);
}

static void replay_should_name_the_refused_action(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    /* acme is cold: no meeting, so a close is refused */
    const char *text = "[{\"act\": \"research\", \"prospect\": \"acme\", \"topic\": \"company\"},\n"
                       " {\"act\": \"close\", \"prospect\": \"acme\", \"technique\": \"ask\"}]";
    ActionLog log;
    int rc = 0;
    DiagList *d = read_text(s, text, &log, &rc);
    CHECK_EQ_INT(rc, 0);
    Game *g = rc == 0 ? results_replay(s, 1, &log, "t.json", d) : NULL;
    CHECK(g == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    if (diag_count(d) == 1) {
        const Diag *e = diag_get(d, 0);
        CHECK_EQ_STR(e->pointer, "/1");
        CHECK_EQ_INT(e->line, 2);
        CHECK_EQ_INT(e->col, 2);
        CHECK(strstr(e->message, "action 1 (close acme: ask) refused on day 1") == e->message);
    }
    action_log_free(&log);
    diag_list_free(d);
    scenario_free(s);
}

static void replay_should_report_a_day_mismatch(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    const char *text = "[{\"day\": 1, \"act\": \"end_day\"}, {\"day\": 3, \"act\": \"end_day\"}]";
    ActionLog log;
    int rc = 0;
    DiagList *d = read_text(s, text, &log, &rc);
    CHECK_EQ_INT(rc, 0);
    Game *g = rc == 0 ? results_replay(s, 1, &log, "t.json", d) : NULL;
    CHECK(g == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    if (diag_count(d) == 1)
        CHECK_EQ_STR(diag_get(d, 0)->message,
                     "action 1 (end_day) is recorded on day 3, but the replay is on day 2");
    action_log_free(&log);
    diag_list_free(d);
    scenario_free(s);
}

typedef struct Diffs {
    int n;
    char where[4][64], rec[4][64], gen[4][64];
} Diffs;

static void note_diff(void *ctx, const char *where, const char *rec, const char *gen)
{
    Diffs *d = ctx;
    if (d->n < 4) {
        snprintf(d->where[d->n], sizeof d->where[0], "%s", where);
        snprintf(d->rec[d->n], sizeof d->rec[0], "%s", rec ? rec : "(none)");
        snprintf(d->gen[d->n], sizeof d->gen[0], "%s", gen ? gen : "(none)");
    }
    d->n++;
}

/* Compares text (a results file) with the replay of g; returns the differences. */
static Diffs compare_text(const Game *g, const char *text)
{
    Diffs out;
    memset(&out, 0, sizeof out);
    DiagList *d = diag_list_new();
    ResultsDoc *doc = results_doc_parse(text, strlen(text), d);
    CHECK(doc != NULL);
    if (doc)
        CHECK(results_doc_compare(doc, g, note_diff, &out) == out.n);
    results_doc_free(doc);
    diag_list_free(d);
    return out;
}

/* Replaces the first occurrence of what in text (owned) by with. */
static char *replaced(const char *text, const char *what, const char *with)
{
    const char *at = strstr(text, what);
    if (!at)
        return NULL;
    size_t n = strlen(text) - strlen(what) + strlen(with) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s%s%s", (int)(at - text), text, with, at + strlen(what));
    return out;
}

static void compare_should_find_every_changed_figure_and_only_those(void)
{
    Scenario *s = load_tiny();
    if (!s)
        return;
    Game *g = played(s, "sales2", 3);
    char *text = g ? results_to_json(g, &meta) : NULL;
    CHECK(text != NULL);
    if (!text) {
        game_free(g);
        scenario_free(s);
        return;
    }
    Diffs d = compare_text(g, text);
    CHECK_EQ_INT(d.n, 0);

    /* a share written as text ("0.3125") compares as the number it is */
    const char *share = strstr(text, "\"share\": 0.");
    CHECK(share != NULL);
    if (share) {
        char figure[40];
        size_t n = strcspn(share, ",\n}");
        snprintf(figure, sizeof figure, "%.*s", (int)n, share);
        char longer[48], other[48];
        snprintf(longer, sizeof longer, "%s00", figure); /* the same number */
        snprintf(other, sizeof other, "%s1", figure);    /* another one */
        char *same = replaced(text, figure, longer), *changed = replaced(text, figure, other);
        d = compare_text(g, same);
        CHECK_EQ_INT(d.n, 0);
        d = compare_text(g, changed);
        CHECK_EQ_INT(d.n, 1);
        CHECK(strstr(d.where[0], "share") != NULL);
        free(same);
        free(changed);
    }

    /* the score, a missing figure, and words that are not figures */
    char total[48], edited[48];
    ScoreCard sc;
    score_compute(g, &sc);
    snprintf(total, sizeof total, "\"total\": %lld,", (long long)sc.total);
    snprintf(edited, sizeof edited, "\"total\": %lld,", (long long)sc.total + 1);
    char *more = replaced(text, total, edited);
    d = compare_text(g, more);
    CHECK_EQ_INT(d.n, 1);
    CHECK_EQ_STR(d.where[0], "score.total");
    snprintf(total, sizeof total, "%lld", (long long)sc.total + 1);
    CHECK_EQ_STR(d.rec[0], total);
    char *no_hash = replaced(text, "\"state_hash\"", "\"state_hush\"");
    d = compare_text(g, no_hash);
    CHECK_EQ_INT(d.n, 2);
    CHECK_EQ_STR(d.where[0], "state_hash");
    CHECK_EQ_STR(d.rec[0], "(none)");
    CHECK_EQ_STR(d.where[1], "state_hush");
    CHECK_EQ_STR(d.gen[1], "(none)");
    char *renamed = replaced(text, "\"player\": \"Ada\"", "\"player\": \"Grace\"");
    d = compare_text(g, renamed);
    CHECK_EQ_INT(d.n, 0);
    free(more);
    free(no_hash);
    free(renamed);
    free(text);
    game_free(g);
    scenario_free(s);
}

int main(void)
{
    RUN(results_should_be_byte_identical_for_the_same_game);
    RUN(results_should_replay_to_the_same_text);
    RUN(read_should_suggest_the_closest_channel_with_a_position);
    RUN(read_should_report_every_bad_action);
    RUN(read_should_reject_syntax_errors_with_a_position);
    RUN(read_should_take_a_seed_as_a_string_or_an_exact_number);
    RUN(read_header_should_reject_unknown_keys_and_formats);
    RUN(replay_should_name_the_refused_action);
    RUN(replay_should_report_a_day_mismatch);
    RUN(compare_should_find_every_changed_figure_and_only_those);
    return check_done();
}
