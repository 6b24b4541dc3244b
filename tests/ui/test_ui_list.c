/* The play screen's prospect list on a large territory (tests/ui/territory.json, 42
 * accounts): the order and filters of play_list_build as plain functions, with no window;
 * then the keys and clicks that sort and filter it in the App, with the selected account
 * kept stable. */
#include "uitest.h"

#include "play_model.h"
#include "upfront/scenario.h"

static Scenario *load_territory(void)
{
    char path[1024];
    SDL_snprintf(path, sizeof path, "%s/tests/ui/territory.json", UPFRONT_SOURCE_DIR);
    DiagList *diags = diag_list_new();
    Scenario *s = diags ? scenario_load_file(path, diags, NULL) : NULL;
    diag_list_free(diags);
    return s;
}

/* Every prospect once, and only those. */
static int is_permutation(const PlayList *l, int n)
{
    int seen[SCENARIO_MAX_PROSPECTS] = {0};
    if (l->count != n)
        return 0;
    for (int i = 0; i < l->count; i++) {
        if (l->order[i] < 0 || l->order[i] >= n || seen[l->order[i]])
            return 0;
        seen[l->order[i]] = 1;
    }
    return 1;
}

static void list_default_should_keep_the_scenario_order(void)
{
    Scenario *s = load_territory();
    CHECK(s != NULL);
    if (!s)
        return;
    Game *g = game_new(s, 1);
    int n = scenario_prospect_count(s);
    CHECK(n >= 40);
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_DEFAULT, PLAY_FILTER_ALL, -1);
    CHECK_EQ_INT(l.count, n);
    CHECK_EQ_INT(l.matches, n);
    CHECK_EQ_INT(l.total, n);
    CHECK_EQ_INT(l.kept, -1);
    for (int i = 0; i < n; i++)
        CHECK_EQ_INT(l.order[i], i);
    CHECK_EQ_INT(play_list_find(&l, 7), 7);
    CHECK_EQ_INT(play_list_find(&l, 99), -1);
    game_free(g);
    scenario_free(s);
}

static void list_by_value_should_put_the_largest_deals_first(void)
{
    Scenario *s = load_territory();
    if (!s)
        return;
    Game *g = game_new(s, 1);
    int n = scenario_prospect_count(s);
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_ALL, -1);
    CHECK(is_permutation(&l, n));
    for (int i = 1; i < l.count; i++) {
        int64_t a = scenario_prospect(s, l.order[i - 1])->deal_value, b = scenario_prospect(s, l.order[i])->deal_value;
        CHECK(a >= b);
        if (a == b) /* ties keep the scenario's order */
            CHECK(l.order[i - 1] < l.order[i]);
    }
    game_free(g);
    scenario_free(s);
}

static void list_by_stage_should_put_opportunities_then_engaged_first(void)
{
    Scenario *s = load_territory();
    if (!s)
        return;
    Game *g = game_new(s, 1);
    int n = scenario_prospect_count(s);
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_STAGE, PLAY_FILTER_ALL, -1);
    CHECK(is_permutation(&l, n));
    static const int rank[STATUS_COUNT] = {[STATUS_MEETING] = 0, [STATUS_ENGAGED] = 1, [STATUS_COLD] = 2,
                                           [STATUS_WON] = 3,     [STATUS_LOST] = 4,    [STATUS_NO_DECISION] = 5,
                                           [STATUS_BURNED] = 6};
    for (int i = 1; i < l.count; i++) {
        int a = rank[game_prospect(g, l.order[i - 1])->status], b = rank[game_prospect(g, l.order[i])->status];
        CHECK(a <= b);
        if (a == b) /* then by value */
            CHECK(scenario_prospect(s, l.order[i - 1])->deal_value >= scenario_prospect(s, l.order[i])->deal_value);
    }
    CHECK_EQ_INT(game_prospect(g, l.order[0])->status, STATUS_MEETING);
    CHECK_EQ_INT(game_prospect(g, l.order[3])->status, STATUS_ENGAGED);
    game_free(g);
    scenario_free(s);
}

static void list_by_readiness_should_rank_the_readiest_opportunity_first(void)
{
    Scenario *s = load_territory();
    if (!s)
        return;
    Game *g = game_new(s, 1);
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_READINESS, PLAY_FILTER_ALL, -1);
    CHECK(is_permutation(&l, scenario_prospect_count(s)));
    for (int i = 1; i < l.count; i++)
        CHECK(game_prospect(g, l.order[i - 1])->readiness >= game_prospect(g, l.order[i])->readiness);
    /* the three opportunities start at readiness 60, 45 and 20 */
    CHECK_EQ_INT(game_prospect(g, l.order[0])->readiness, 60);
    CHECK_EQ_INT(game_prospect(g, l.order[1])->readiness, 45);
    CHECK_EQ_INT(game_prospect(g, l.order[2])->readiness, 20);
    game_free(g);
    scenario_free(s);
}

/* The order of the accounts whose fit is hidden, as a string of indices. */
static void hidden_tail(const Game *g, const PlayList *l, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < l->count; i++)
        if (play_known_fit(g, l->order[i]) < 0) {
            char b[8];
            SDL_snprintf(b, sizeof b, "%d,", l->order[i]);
            SDL_strlcat(out, b, cap);
        }
}

static void list_by_fit_should_never_leak_a_hidden_fit(void)
{
    Scenario *s = load_territory();
    if (!s)
        return;
    Game *g = game_new(s, 1);
    int n = scenario_prospect_count(s);
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_FIT, PLAY_FILTER_ALL, -1);
    CHECK(is_permutation(&l, n));
    /* known fits first, best first; then every hidden one, in the order of deal value
     * (exactly as if sorted by value), whatever their real fit */
    int seen_hidden = 0;
    for (int i = 0; i < l.count; i++) {
        int f = play_known_fit(g, l.order[i]);
        if (f < 0)
            seen_hidden = 1;
        else
            CHECK(!seen_hidden);
        if (i > 0 && f >= 0)
            CHECK(play_known_fit(g, l.order[i - 1]) >= f);
    }
    PlayList byv;
    play_list_build(&byv, g, PLAY_SORT_VALUE, PLAY_FILTER_ALL, -1);
    char a[400], b[400];
    hidden_tail(g, &l, a, sizeof a);
    hidden_tail(g, &byv, b, sizeof b);
    CHECK_EQ_STR(a, b);

    /* research reveals the fit: p00 (fit 85) and p06 (fit 10) are hidden until
     * researched; the engaged and opportunities are known from the start (worked) */
    CHECK_EQ_INT(play_known_fit(g, 0), -1);
    CHECK_EQ_INT(play_known_fit(g, 6), -1);
    CHECK_EQ_INT(play_known_fit(g, 5), 95);
    CHECK_EQ_INT(play_known_fit(g, 3), 70);
    Action r0 = {ACTION_RESEARCH, 0, RESEARCH_COMPANY}, r6 = {ACTION_RESEARCH, 6, RESEARCH_COMPANY};
    CHECK_EQ_INT(game_apply(g, &r0), ACTION_OK);
    CHECK_EQ_INT(game_apply(g, &r6), ACTION_OK);
    CHECK_EQ_INT(play_known_fit(g, 0), 85);
    CHECK_EQ_INT(play_known_fit(g, 6), 10);
    play_list_build(&l, g, PLAY_SORT_FIT, PLAY_FILTER_ALL, -1);
    CHECK_EQ_INT(l.order[0], 5); /* 95 */
    CHECK_EQ_INT(l.order[1], 0); /* 85 */
    int p6 = play_list_find(&l, 6);
    CHECK(p6 >= 0 && p6 <= 7); /* eight known: p06 is among them, not with the unknown */
    CHECK(play_known_fit(g, l.order[8]) < 0);
    game_free(g);
    scenario_free(s);
}

static void list_filters_should_count_what_they_show(void)
{
    Scenario *s = load_territory();
    if (!s)
        return;
    Game *g = game_new(s, 1);
    int n = scenario_prospect_count(s);
    PlayList l;
    int sum = 0;
    static const PlayFilter stages[] = {PLAY_FILTER_COLD, PLAY_FILTER_ENGAGED, PLAY_FILTER_OPPORTUNITY,
                                        PLAY_FILTER_CLOSED};
    static const int expect[] = {36, 3, 3, 0};
    for (int k = 0; k < 4; k++) {
        play_list_build(&l, g, PLAY_SORT_DEFAULT, stages[k], -1);
        CHECK_EQ_INT(l.matches, expect[k]);
        CHECK_EQ_INT(l.count, l.matches);
        CHECK_EQ_INT(l.total, n);
        for (int i = 0; i < l.count; i++)
            CHECK(play_filter_match(g, l.order[i], stages[k]));
        sum += l.matches;
    }
    CHECK_EQ_INT(sum, n); /* the stage filters split the territory */

    /* good fit: open and known to fit 70 or more; at the start only the accounts already
     * worked are known: p03 (70), p05 (95) and p11 (70) */
    play_list_build(&l, g, PLAY_SORT_DEFAULT, PLAY_FILTER_GOOD_FIT, -1);
    CHECK_EQ_INT(l.matches, 3);
    CHECK_EQ_INT(play_filter_match(g, 0, PLAY_FILTER_GOOD_FIT), 0); /* fit 85, not yet known */
    Action r = {ACTION_RESEARCH, 0, RESEARCH_COMPANY};
    CHECK_EQ_INT(game_apply(g, &r), ACTION_OK);
    Action r1 = {ACTION_RESEARCH, 1, RESEARCH_COMPANY}; /* fit 20 */
    CHECK_EQ_INT(game_apply(g, &r1), ACTION_OK);
    play_list_build(&l, g, PLAY_SORT_DEFAULT, PLAY_FILTER_GOOD_FIT, -1);
    CHECK_EQ_INT(l.matches, 4);
    CHECK_EQ_INT(l.order[0], 0);
    CHECK_EQ_INT(play_filter_match(g, 1, PLAY_FILTER_GOOD_FIT), 0);

    /* the kept account is listed at its sorted place though it does not pass */
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_ENGAGED, 0);
    CHECK_EQ_INT(l.matches, 3);
    CHECK_EQ_INT(l.count, 4);
    CHECK_EQ_INT(l.kept, 0);
    CHECK(play_list_find(&l, 0) >= 0);
    for (int i = 1; i < l.count; i++)
        CHECK(scenario_prospect(s, l.order[i - 1])->deal_value >= scenario_prospect(s, l.order[i])->deal_value);
    /* a kept account that passes anyway is just a row */
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_ENGAGED, 3);
    CHECK_EQ_INT(l.kept, -1);
    CHECK_EQ_INT(l.count, 3);
    CHECK_EQ_STR(play_sort_label(PLAY_SORT_READINESS), "readiness");
    CHECK_EQ_STR(play_filter_label(PLAY_FILTER_OPPORTUNITY), "opportunities");
    game_free(g);
    scenario_free(s);
}

/* The selected prospect, read from the first action's tooltip ("Research the company —
 * COMPANY: costs ..."), or -1. */
static int selected(UiTest *t)
{
    uitest_tick(t, 20);
    const char *tip = widget_tip(&t->app->ui, PLAY_HIT_ACTION + 0);
    const Scenario *s = game_scenario(app_game(t->app));
    const char *a = tip ? strstr(tip, "\xE2\x80\x94 ") : NULL;
    const char *b = a ? strstr(a, ": costs") : NULL;
    if (!a || !b)
        return -1;
    a += 4;
    for (int i = 0; i < scenario_prospect_count(s); i++) {
        const char *c = scenario_prospect(s, i)->company;
        if (strlen(c) == (size_t)(b - a) && strncmp(c, a, (size_t)(b - a)) == 0)
            return i;
    }
    return -1;
}

static void ui_briefing_should_show_the_whole_territory(void)
{
    static const int sizes[][2] = {{1280, 720}, {1024, 640}, {1920, 1080}};
    for (int k = 0; k < 3; k++) {
        UiTest t;
        CHECK(uitest_start(&t, "list-briefing", "territory.json", sizes[k][0], sizes[k][1]) == 0);
        if (!t.app)
            return;
        uitest_key(&t, SDLK_RETURN);
        uitest_settle(&t);
        CHECK_EQ_STR(app_screen_name(t.app), "briefing");
        int n = scenario_prospect_count(app_scenario(t.app)), rows = 0;
        for (int i = 0; i < n; i++) { /* a tooltip region per account, all on one page */
            const char *tip = widget_tip(&t.app->ui, 100 + i);
            rows += tip != NULL && strstr(tip, scenario_prospect(app_scenario(t.app), i)->company) == tip;
        }
        CHECK_EQ_INT(rows, n);
        uitest_finish(&t);
    }
}

static void ui_sort_and_filter_should_keep_the_selected_account(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "list", "territory.json", 1280, 720) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    const Game *g = app_game(t.app);
    if (!g) {
        uitest_finish(&t);
        return;
    }
    const Scenario *s = game_scenario(g);
    uitest_settle(&t);
    CHECK_EQ_INT(selected(&t), 0);
    /* Down twice: the third account in the default order */
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_DOWN);
    CHECK_EQ_INT(selected(&t), 2);
    /* S twice sorts by value: the selection stays on the same account */
    uitest_key(&t, SDLK_s);
    uitest_key(&t, SDLK_s);
    CHECK_EQ_INT(selected(&t), 2);
    const char *tip = widget_tip(&t.app->ui, PLAY_HIT_SORT);
    CHECK(tip != NULL && strstr(tip, "Sort") != NULL);
    /* Home goes to the top of the sorted list: the largest deal; Down to the next */
    PlayList l;
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_ALL, -1);
    uitest_key(&t, SDLK_HOME);
    CHECK_EQ_INT(selected(&t), l.order[0]);
    uitest_key(&t, SDLK_DOWN);
    CHECK_EQ_INT(selected(&t), l.order[1]);
    /* End, then Down wraps to the top; Up wraps to the bottom */
    uitest_key(&t, SDLK_END);
    CHECK_EQ_INT(selected(&t), l.order[l.count - 1]);
    uitest_key(&t, SDLK_DOWN);
    CHECK_EQ_INT(selected(&t), l.order[0]);
    uitest_key(&t, SDLK_UP);
    CHECK_EQ_INT(selected(&t), l.order[l.count - 1]);
    /* PgUp from the bottom moves a page up, PgDn back down */
    uitest_key(&t, SDLK_PAGEUP);
    int up = play_list_find(&l, selected(&t));
    CHECK(up > 0 && up < l.count - 2);
    uitest_key(&t, SDLK_PAGEDOWN);
    CHECK_EQ_INT(selected(&t), l.order[l.count - 1]);

    /* F twice shows the engaged accounts: the selected (cold) account is not one, so the
     * first engaged account by value is selected, and only those three have rows */
    uitest_key(&t, SDLK_f);
    uitest_key(&t, SDLK_f);
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_ENGAGED, -1);
    CHECK_EQ_INT(l.count, 3);
    CHECK_EQ_INT(selected(&t), l.order[0]);
    int rows = 0;
    for (int i = 0; i < scenario_prospect_count(s); i++)
        rows += widget_tip(&t.app->ui, PLAY_HIT_PROSPECT + i) != NULL;
    CHECK_EQ_INT(rows, 3);
    /* Down moves within the filtered list */
    uitest_key(&t, SDLK_DOWN);
    CHECK_EQ_INT(selected(&t), l.order[1]);
    /* Shift+F goes back to cold: the first cold account by value is selected */
    uitest_key_mod(&t, SDLK_f, KMOD_LSHIFT);
    play_list_build(&l, g, PLAY_SORT_VALUE, PLAY_FILTER_COLD, -1);
    CHECK_EQ_INT(selected(&t), l.order[0]);
    CHECK_EQ_INT(game_prospect(g, selected(&t))->status, STATUS_COLD);
    /* an action goes to the account selected */
    int sel = selected(&t);
    uitest_key(&t, SDLK_1);
    CHECK_EQ_INT(game_action_count(g), 1);
    if (game_action_count(g) == 1)
        CHECK_EQ_INT(game_action(g, 0)->prospect, sel);

    /* a click on the filter control moves it on (cold -> engaged), one on the sort
     * control too (value -> fit) */
    CHECK(uitest_click(&t, PLAY_HIT_FILTER) == 0);
    CHECK_EQ_INT(game_prospect(g, selected(&t))->status, STATUS_ENGAGED);
    CHECK(uitest_click(&t, PLAY_HIT_SORT) == 0);
    uitest_tick(&t, 20);
    tip = widget_tip(&t.app->ui, PLAY_HIT_PROSPECT + 3);
    CHECK(tip != NULL);
    if (tip) /* p03 is engaged, so worked already: its fit is known */
        CHECK(strstr(tip, "fit 70 of 100") != NULL);
    /* back to all accounts in the default order: p01 is cold and not researched, and its
     * fit (20) shows nowhere */
    for (int i = 0; i < 4; i++)
        uitest_key(&t, SDLK_f);
    uitest_key(&t, SDLK_s);
    uitest_key(&t, SDLK_s);
    uitest_key(&t, SDLK_HOME);
    CHECK_EQ_INT(selected(&t), 0);
    tip = widget_tip(&t.app->ui, PLAY_HIT_PROSPECT + 1);
    CHECK(tip != NULL);
    if (tip) {
        CHECK(strstr(tip, "fit unknown") != NULL);
        CHECK(strstr(tip, "20") == NULL);
    }
    uitest_finish(&t);
}

int main(void)
{
    RUN(list_default_should_keep_the_scenario_order);
    RUN(list_by_value_should_put_the_largest_deals_first);
    RUN(list_by_stage_should_put_opportunities_then_engaged_first);
    RUN(list_by_readiness_should_rank_the_readiest_opportunity_first);
    RUN(list_by_fit_should_never_leak_a_hidden_fit);
    RUN(list_filters_should_count_what_they_show);
    RUN(ui_briefing_should_show_the_whole_territory);
    RUN(ui_sort_and_filter_should_keep_the_selected_account);
    return check_done();
}
