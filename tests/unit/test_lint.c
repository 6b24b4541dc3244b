/* Authoring warnings (lint) on the scenarios in tests/fixtures/lint/: each fixture is the scenario
 * 'upfront new' writes with one kind of mistake injected, and gets exactly the warnings
 * listed here, at their line and JSON pointer. The shipped scenarios and the template get
 * none. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture_util.h"
#include "upfront/lint.h"
#include "upfront/scenario.h"

typedef struct Expect {
    int line;
    const char *pointer;
    const char *words; /* a part of the message */
} Expect;

/* Loads path, lints it (lesson_runs games per strategy when > 0) and returns the
 * diagnostics (caller frees), or NULL when the file does not load. */
static DiagList *lint_file(const char *path, int lesson_runs)
{
    size_t len = 0;
    char *buf = fixture_read(path, &len);
    CHECK(buf != NULL);
    if (!buf)
        return NULL;
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load(buf, len, path, d);
    CHECK(s != NULL);
    if (s) {
        LintOptions o = lint_defaults();
        o.lesson_runs = lesson_runs;
        o.threads = 1;
        CHECK(lint_scenario(s, buf, len, &o, d) >= 0);
    }
    diag_sort(d);
    scenario_free(s);
    free(buf);
    if (!s) {
        diag_print(stderr, path, d);
        diag_list_free(d);
        return NULL;
    }
    return d;
}

static void expect_warnings(const char *path, int lesson_runs, const Expect *e, int n)
{
    DiagList *d = lint_file(path, lesson_runs);
    if (!d)
        return;
    CHECK_EQ_INT(diag_count(d), n);
    CHECK_EQ_INT(diag_warning_count(d), diag_count(d));
    for (int i = 0; i < n && i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        CHECK_EQ_INT(g->line, e[i].line);
        CHECK_EQ_STR(g->pointer, e[i].pointer);
        if (!strstr(g->message, e[i].words)) {
            fprintf(stderr, "%s:%d: \"%s\" not in \"%s\"\n", path, g->line, e[i].words,
                    g->message);
            CHECK(0);
        }
    }
    if (diag_count(d) != n)
        diag_print(stderr, path, d);
    diag_list_free(d);
}

static void lint_should_warn_about_a_prospect_no_channel_can_reach(void)
{
    const Expect e[] = {
        {100, "/prospects/5/affinity",
         "no channel can win a meeting with \"ridge\" (phone affinity 0, email affinity 0, mail "
         "affinity 0, fax affinity 0, courier affinity 0, gift affinity 0, book response 0)"},
        {117, "/events/5/prospect", "\"ridge\" can never become an opportunity"},
    };
    expect_warnings("tests/fixtures/lint/unreachable-prospect.json", 0, e, 2);
}

static void lint_should_warn_about_events_that_never_fire_or_change_nothing(void)
{
    const Expect e[] = {
        {114, "/events/3/prospect", "competitor_penalty is 0"},
        {118, "/events/5/prospect", "\"willow\" starts in a meeting"},
        {120, "/events/6/chance", "never fires"},
        {122, "/events/7/from_day", "never fires"},
    };
    expect_warnings("tests/fixtures/lint/events.json", 0, e, 4);
}

static void lint_should_warn_about_a_dominated_channel(void)
{
    const Expect e[] = {{24, "/channels/fax", "fax is always dominated by email"}};
    expect_warnings("tests/fixtures/lint/dominated-channel.json", 0, e, 1);
}

static void lint_should_warn_about_a_quota_no_simulated_game_reaches(void)
{
    const Expect e[] = {{12, "/quota", "out of reach: the best of 200 simulated sales2 games"}};
    expect_warnings("tests/fixtures/lint/quota.json", 0, e, 1);
}

static void lint_should_warn_about_a_scenario_that_does_not_teach_only_when_asked(void)
{
    expect_warnings("tests/fixtures/lint/no-lesson.json", 0, NULL, 0);
    /* one warning per failed balance check, at line 1, with the figure and its bound */
    DiagList *d = lint_file("tests/fixtures/lint/no-lesson.json", LINT_LESSON_RUNS);
    if (!d)
        return;
    CHECK(diag_count(d) >= 1);
    CHECK_EQ_INT(diag_warning_count(d), diag_count(d));
    for (int i = 0; i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        CHECK_EQ_INT(g->line, 1);
        CHECK_EQ_STR(g->pointer, "");
        CHECK(strstr(g->message, "the scenario may not teach the lesson: ") == g->message);
        CHECK(strstr(g->message, "must be") != NULL);
        CHECK(strstr(g->message, ", 300 games per strategy, seed 1; 'upfront balance' gives "
                                 "the verdict]") != NULL);
    }
    diag_list_free(d);
}

static void lint_should_find_nothing_in_the_shipped_scenarios(void)
{
    static char names[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int n = fixture_list("scenarios", ".json", names, FIXTURE_MAX_FILES);
    CHECK(n >= 5);
    for (int i = 0; i < n; i++) {
        if (strstr(names[i], ".schema.json"))
            continue;
        char path[FIXTURE_MAX_NAME + 16];
        snprintf(path, sizeof path, "scenarios/%s", names[i]);
        /* no lesson estimate here: the balance tests check the shipped scenarios' lesson
         * against the known deviations of tests/lesson-known.tsv */
        expect_warnings(path, 0, NULL, 0);
    }
}

static void lint_should_give_no_position_without_the_source(void)
{
    size_t len = 0;
    char *buf = fixture_read("tests/fixtures/lint/dominated-channel.json", &len);
    DiagList *d = diag_list_new();
    Scenario *s = buf ? scenario_load(buf, len, NULL, d) : NULL;
    CHECK(s != NULL);
    LintOptions o = lint_defaults();
    o.quota_runs = 0;
    CHECK_EQ_INT(lint_scenario(s, NULL, 0, &o, d), 1);
    if (diag_count(d) == 1) {
        CHECK_EQ_INT(diag_get(d, 0)->line, 0);
        CHECK_EQ_STR(diag_get(d, 0)->pointer, "/channels/fax");
    }
    CHECK_EQ_INT(lint_scenario(NULL, NULL, 0, NULL, d), -1);
    scenario_free(s);
    diag_list_free(d);
    free(buf);
}

int main(void)
{
    RUN(lint_should_warn_about_a_prospect_no_channel_can_reach);
    RUN(lint_should_warn_about_events_that_never_fire_or_change_nothing);
    RUN(lint_should_warn_about_a_dominated_channel);
    RUN(lint_should_warn_about_a_quota_no_simulated_game_reaches);
    RUN(lint_should_warn_about_a_scenario_that_does_not_teach_only_when_asked);
    RUN(lint_should_find_nothing_in_the_shipped_scenarios);
    RUN(lint_should_give_no_position_without_the_source);
    return check_done();
}
