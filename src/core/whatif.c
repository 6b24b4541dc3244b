/* whatif — a strategy taking over a game at the start of each day. */
#include "upfront/whatif.h"

#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "upfront/alloc.h"
#include "upfront/score.h"

struct WhatIf {
    char strategy[32];
    uint64_t seed;
    int days;
    int finished;
    int64_t score, revenue;
    int deals_won;
    int count;
    WhatIfTakeover *t; /* count entries */
    WhatIfTurn turn;
};

/* What the replay learns about each day of the trainee's game (index day - 1). */
typedef struct DayFacts {
    int unused_minutes; /* left when the day was ended (or when the log stopped) */
    int researched;     /* accounts with any research done by the end of the day */
} DayFacts;

static const char *const cause_names[WHATIF_CAUSE_COUNT] = {
    "none", "burned", "pressure_loss", "no_decision", "generic_exec_calls",
    "pressure", "generic_touches", "idle", "little_research", "other"};
static const char *const cause_labels[WHATIF_CAUSE_COUNT] = {
    "No turning point",
    "An account burned by a generic call",
    "A deal lost to closing pressure",
    "A deal ended in no decision",
    "Generic calls to executives",
    "Closing tricks",
    "Generic touches",
    "Hours left unused",
    "Few accounts researched",
    "Other choices"};

const char *whatif_cause_name(WhatIfCause c)
{
    return (unsigned)c < WHATIF_CAUSE_COUNT ? cause_names[c] : "?";
}

const char *whatif_cause_label(WhatIfCause c)
{
    return (unsigned)c < WHATIF_CAUSE_COUNT ? cause_labels[c] : "?";
}

const char *whatif_strategy_label(const char *name)
{
    if (name && strcmp(name, "sales1") == 0)
        return "Sales 1.0";
    if (name && strcmp(name, "sales2") == 0)
        return "Sales 2.0";
    return name ? name : "?";
}

static int researched_accounts(const Game *g)
{
    int n = 0, np = scenario_prospect_count(game_scenario(g));
    for (int p = 0; p < np; p++)
        n += game_prospect(g, p)->researched != 0;
    return n;
}

/* The takeover from the start of today on a copy of cur. */
static int take_over(const Game *cur, const Strategy *st, uint64_t seed, WhatIfTakeover *out)
{
    Game *c = game_clone(cur);
    if (!c)
        return -1;
    out->day = game_day(cur);
    int rc = strategy_play(st, c, seed);
    if (rc == 0) {
        ScoreCard sc;
        score_compute(c, &sc);
        out->score = sc.total;
        out->revenue = sc.revenue;
        out->deals_won = sc.deals_won;
    }
    game_free(c);
    return rc;
}

/* Sets the cause of w->turn from what the trainee did on its day in the played game. */
static void find_cause(WhatIf *w, const Game *played, const DayFacts *facts)
{
    WhatIfTurn *t = &w->turn;
    const Scenario *s = game_scenario(played);
    int day = t->day, np = scenario_prospect_count(s);
    int burned = 0, burned_p = -1, pressure_lost = 0, pressure_p = -1, nodec = 0, nodec_p = -1;
    for (int i = 0; i < game_event_count(played); i++) {
        const GameEvent *e = game_event(played, i);
        if (e->day != day)
            continue;
        if (e->kind == GEV_BURNED) {
            burned++;
            burned_p = e->prospect;
        } else if (e->kind == GEV_LOST && e->value) {
            pressure_lost++;
            pressure_p = e->prospect;
        } else if (e->kind == GEV_NO_DECISION) {
            /* the trainee's doing only when a step or a close on it was taken that day */
            for (int a = 0; a < game_action_count(played); a++) {
                const Action *ac = game_action(played, a);
                if (game_action_day(played, a) == day && ac->prospect == e->prospect &&
                    (ac->kind == ACTION_PROGRESS || ac->kind == ACTION_CLOSE)) {
                    nodec++;
                    nodec_p = e->prospect;
                    break;
                }
            }
        }
    }
    int generic_below = scenario_rules(s)->generic_below;
    int touches = 0, generic = 0, generic_exec = 0;
    for (int p = 0; p < np; p++) {
        int exec = seniority_is_executive(scenario_prospect(s, p)->seniority);
        for (int i = 0; i < game_touch_count(played, p); i++) {
            const Touch *tc = game_touch(played, p, i);
            if (tc->day != day)
                continue;
            touches++;
            if (tc->personalisation < generic_below) {
                generic++;
                generic_exec += exec && tc->channel == CHANNEL_PHONE;
            }
        }
    }
    int tricks = 0;
    for (int a = 0; a < game_action_count(played); a++) {
        const Action *ac = game_action(played, a);
        tricks += game_action_day(played, a) == day && ac->kind == ACTION_CLOSE && ac->arg == CLOSE_PRESSURE;
    }
    const DayFacts *f = &facts[day - 1];
    int day_minutes = scenario_calendar(s)->hours_per_day * 60;
    t->prospect = -1;
    t->of = 0;
    if (burned) {
        t->cause = WHATIF_CAUSE_BURNED;
        t->count = burned;
        t->prospect = burned_p;
    } else if (pressure_lost) {
        t->cause = WHATIF_CAUSE_PRESSURE_LOSS;
        t->count = pressure_lost;
        t->prospect = pressure_p;
    } else if (nodec) {
        t->cause = WHATIF_CAUSE_NO_DECISION;
        t->count = nodec;
        t->prospect = nodec_p;
    } else if (generic_exec) {
        t->cause = WHATIF_CAUSE_GENERIC_EXEC;
        t->count = generic_exec;
    } else if (tricks) {
        t->cause = WHATIF_CAUSE_PRESSURE;
        t->count = tricks;
    } else if (generic) {
        t->cause = WHATIF_CAUSE_GENERIC;
        t->count = generic;
        t->of = touches;
    } else if (f->unused_minutes * 2 >= day_minutes) {
        t->cause = WHATIF_CAUSE_IDLE;
        t->count = f->unused_minutes;
        t->of = day_minutes;
    } else if (f->researched * 2 < np) {
        t->cause = WHATIF_CAUSE_LITTLE_RESEARCH;
        t->count = f->researched;
        t->of = np;
    } else {
        t->cause = WHATIF_CAUSE_OTHER;
    }
}

/* The turning day: the biggest drop from one day's takeover to the next day's (the
 * trainee's own score after the last day), among days whose takeover beats the trainee. */
static void find_turn(WhatIf *w, const Game *played, const DayFacts *facts)
{
    memset(&w->turn, 0, sizeof w->turn);
    w->turn.prospect = -1;
    int best = -1;
    int64_t best_drop = 0;
    for (int i = 0; i < w->count; i++) {
        int64_t next = i + 1 < w->count ? w->t[i + 1].score : w->score;
        int64_t drop = w->t[i].score - next;
        if (w->t[i].score > w->score && drop > best_drop) {
            best_drop = drop;
            best = i;
        }
    }
    if (best < 0)
        return;
    w->turn.day = w->t[best].day;
    w->turn.score_gain = w->t[best].score - w->score;
    w->turn.revenue_gain = w->t[best].revenue - w->revenue;
    w->turn.drop = best_drop;
    find_cause(w, played, facts);
}

WhatIf *whatif_compute(const Game *played, const Strategy *st)
{
    if (!played || !st)
        return NULL;
    const Scenario *s = game_scenario(played);
    uint64_t seed = game_seed(played);
    int days = scenario_day_count(s);
    WhatIf *w = alloc_calloc(1, sizeof *w);
    DayFacts *facts = alloc_calloc((size_t)days + 1, sizeof *facts);
    Game *cur = game_new(s, seed);
    if (w)
        w->t = alloc_calloc((size_t)days + 1, sizeof *w->t);
    if (!w || !facts || !cur || !w->t)
        goto fail;
    /* nothing here reads the events' sentences */
    game_set_event_text(cur, 0);
    snprintf(w->strategy, sizeof w->strategy, "%s", strategy_name(st));
    w->seed = seed;
    w->days = days;
    int n = game_action_count(played), i = 0;
    while (!game_over(cur) && w->count < days) {
        int day = game_day(cur);
        if (take_over(cur, st, seed, &w->t[w->count]) != 0)
            goto fail;
        w->count++;
        /* the trainee's own day */
        while (i < n && game_action_day(played, i) == day && game_day(cur) == day) {
            const Action *a = game_action(played, i);
            if (a->kind == ACTION_END_DAY)
                facts[day - 1].unused_minutes = game_minutes_left(cur);
            if (game_apply(cur, a) != ACTION_OK)
                goto fail;
            i++;
        }
        if (game_day(cur) == day) { /* the log stops here: an unfinished game */
            facts[day - 1].unused_minutes = game_minutes_left(cur);
            facts[day - 1].researched = researched_accounts(cur);
            break;
        }
        facts[day - 1].researched = researched_accounts(cur);
    }
    /* the replay must be the played game */
    if (i != n || game_state_hash(cur) != game_state_hash(played))
        goto fail;
    ScoreCard own;
    score_compute(played, &own);
    w->score = own.total;
    w->revenue = own.revenue;
    w->deals_won = own.deals_won;
    w->finished = game_over(played);
    find_turn(w, played, facts);
    game_free(cur);
    alloc_free(facts);
    return w;
fail:
    game_free(cur);
    alloc_free(facts);
    whatif_free(w);
    return NULL;
}

Game *whatif_rewind(const Game *played, int day)
{
    if (!played || day < 1 || day > game_day(played) || day > scenario_day_count(game_scenario(played)))
        return NULL;
    Game *g = game_new(game_scenario(played), game_seed(played));
    int n = game_action_count(played);
    for (int i = 0; g && i < n && game_action_day(played, i) < day; i++)
        if (game_apply(g, game_action(played, i)) != ACTION_OK) {
            game_free(g);
            g = NULL;
        }
    if (g && game_day(g) != day) {
        game_free(g);
        g = NULL;
    }
    return g;
}

void whatif_free(WhatIf *w)
{
    if (!w)
        return;
    alloc_free(w->t);
    alloc_free(w);
}

const char *whatif_strategy(const WhatIf *w) { return w->strategy; }
uint64_t whatif_seed(const WhatIf *w) { return w->seed; }
int whatif_days(const WhatIf *w) { return w->days; }
int whatif_finished(const WhatIf *w) { return w->finished; }
int64_t whatif_score(const WhatIf *w) { return w->score; }
int64_t whatif_revenue(const WhatIf *w) { return w->revenue; }
int whatif_deals_won(const WhatIf *w) { return w->deals_won; }
int whatif_count(const WhatIf *w) { return w->count; }

const WhatIfTakeover *whatif_takeover(const WhatIf *w, int i)
{
    return (i >= 0 && i < w->count) ? &w->t[i] : NULL;
}

const WhatIfTakeover *whatif_best(const WhatIf *w)
{
    const WhatIfTakeover *b = NULL;
    for (int i = 0; i < w->count; i++)
        if (!b || w->t[i].score > b->score)
            b = &w->t[i];
    return b;
}

const WhatIfTurn *whatif_turn(const WhatIf *w) { return &w->turn; }

/* "$55k", "€1.2M", "1,500 SEK": money as the debrief writes it. */
static void short_money(char *out, size_t cap, int64_t v, const char *currency)
{
    const char *sym = "", *suffix = "";
    if (!currency || strcmp(currency, "USD") == 0)
        sym = "$";
    else if (strcmp(currency, "EUR") == 0)
        sym = "\xE2\x82\xAC";
    else if (strcmp(currency, "GBP") == 0)
        sym = "\xC2\xA3";
    else
        suffix = currency;
    long long a = (long long)(v < 0 ? -v : v);
    char num[40];
    if (a >= 1000000) {
        long long tenths = (a % 1000000) / 100000;
        if (tenths)
            snprintf(num, sizeof num, "%lld.%lldM", a / 1000000, tenths);
        else
            snprintf(num, sizeof num, "%lldM", a / 1000000);
    } else if (a >= 10000) {
        snprintf(num, sizeof num, "%lldk", (a + 500) / 1000);
    } else if (a >= 1000) {
        snprintf(num, sizeof num, "%lld,%03lld", a / 1000, a % 1000);
    } else {
        snprintf(num, sizeof num, "%lld", a);
    }
    snprintf(out, cap, "%s%s%s%s%s", v < 0 ? "-" : "", sym, num, suffix[0] ? " " : "", suffix);
}

static void hours(char *out, size_t cap, int minutes)
{
    if (minutes % 60)
        snprintf(out, cap, "%d h %02d min", minutes / 60, minutes % 60);
    else
        snprintf(out, cap, "%d h", minutes / 60);
}

/* The clause after the colon: what the trainee did on the turning day. */
static void cause_clause(const WhatIfTurn *t, const Scenario *s, char *out, size_t cap)
{
    const Prospect *pr = t->prospect >= 0 && t->prospect < scenario_prospect_count(s)
                             ? scenario_prospect(s, t->prospect) : NULL;
    const char *company = pr ? pr->company : "an account";
    char a[32], b[32];
    switch (t->cause) {
    case WHATIF_CAUSE_BURNED:
        if (t->count == 1)
            snprintf(out, cap, "that day a generic call burned %s", company);
        else
            snprintf(out, cap, "that day generic calls burned %d accounts", t->count);
        break;
    case WHATIF_CAUSE_PRESSURE_LOSS:
        if (t->count == 1)
            snprintf(out, cap, "that day closing pressure lost %s", company);
        else
            snprintf(out, cap, "that day closing pressure lost %d deals", t->count);
        break;
    case WHATIF_CAUSE_NO_DECISION:
        if (t->count == 1)
            snprintf(out, cap, "that day %s ended in no decision", company);
        else
            snprintf(out, cap, "that day %d deals ended in no decision", t->count);
        break;
    case WHATIF_CAUSE_GENERIC_EXEC:
        snprintf(out, cap, "that day you made %d generic call%s to executives", t->count,
                 t->count == 1 ? "" : "s");
        break;
    case WHATIF_CAUSE_PRESSURE:
        snprintf(out, cap, "that day you tried closing tricks %d time%s", t->count, t->count == 1 ? "" : "s");
        break;
    case WHATIF_CAUSE_GENERIC:
        if (t->count == t->of && t->of == 1)
            snprintf(out, cap, "that day your one touch was generic");
        else if (t->count == t->of)
            snprintf(out, cap, "that day all %d of your touches were generic", t->of);
        else
            snprintf(out, cap, "that day %d of your %d touches %s generic", t->count, t->of,
                     t->count == 1 ? "was" : "were");
        break;
    case WHATIF_CAUSE_IDLE:
        hours(a, sizeof a, t->count);
        hours(b, sizeof b, t->of);
        snprintf(out, cap, "that day you left %s of %s unused", a, b);
        break;
    case WHATIF_CAUSE_LITTLE_RESEARCH:
        snprintf(out, cap, "by then you had researched %d of %d accounts", t->count, t->of);
        break;
    default:
        snprintf(out, cap, "what you did that day cost the most");
        break;
    }
}

void whatif_sentence(const WhatIf *w, const Scenario *s, char *out, size_t cap)
{
    if (!cap)
        return;
    const char *who = whatif_strategy_label(w->strategy);
    const WhatIfTurn *t = &w->turn;
    if (!t->day) {
        snprintf(out, cap, "%s taking over would not have beaten your %lld points from any day.", who,
                 (long long)w->score);
        return;
    }
    char clause[300], money[48];
    cause_clause(t, s, clause, sizeof clause);
    if (t->revenue_gain > 0) {
        short_money(money, sizeof money, t->revenue_gain, scenario_currency(s));
        snprintf(out, cap, "From day %d, %s would have closed %s more (+%lld points): %s.", t->day, who, money,
                 (long long)t->score_gain, clause);
    } else {
        snprintf(out, cap, "From day %d, %s would have scored %lld points more: %s.", t->day, who,
                 (long long)t->score_gain, clause);
    }
}

static void json_str(StrBuf *b, const char *s)
{
    strbuf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            strbuf_printf(b, "\\u%04x", *p);
        else
            strbuf_add(b, (const char *)p, 1);
    }
    strbuf_puts(b, "\"");
}

char *whatif_to_json(const WhatIf *w, const Scenario *s)
{
    StrBuf b = {0};
    strbuf_puts(&b, "{\"scenario\": ");
    json_str(&b, scenario_id(s));
    strbuf_puts(&b, ", \"strategy\": ");
    json_str(&b, w->strategy);
    strbuf_printf(&b, ", \"seed\": %llu, \"score\": %lld, \"revenue\": %lld, \"deals_won\": %d, \"days\": %d, "
                      "\"finished\": %s,\n \"takeovers\": [",
                  (unsigned long long)w->seed, (long long)w->score, (long long)w->revenue, w->deals_won,
                  w->days, w->finished ? "true" : "false");
    for (int i = 0; i < w->count; i++)
        strbuf_printf(&b, "%s\n  {\"day\": %d, \"score\": %lld, \"revenue\": %lld, \"deals_won\": %d}",
                      i ? "," : "", w->t[i].day, (long long)w->t[i].score, (long long)w->t[i].revenue,
                      w->t[i].deals_won);
    strbuf_puts(&b, "],\n \"turning_point\": ");
    if (w->turn.day) {
        char sentence[600];
        whatif_sentence(w, s, sentence, sizeof sentence);
        strbuf_printf(&b, "{\"day\": %d, \"score_gain\": %lld, \"revenue_gain\": %lld, \"cause\": ", w->turn.day,
                      (long long)w->turn.score_gain, (long long)w->turn.revenue_gain);
        json_str(&b, whatif_cause_name(w->turn.cause));
        strbuf_puts(&b, ", \"sentence\": ");
        json_str(&b, sentence);
        strbuf_puts(&b, "}");
    } else {
        strbuf_puts(&b, "null");
    }
    strbuf_puts(&b, "}\n");
    return strbuf_done(&b);
}
