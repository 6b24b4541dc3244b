/* lint — authoring warnings over a loaded scenario (see include/upfront/lint.h).
 *
 * Every check is sound for the game's rules as game.c plays them: it warns only when the
 * thing can never happen (or, for the simulated checks, did not happen in any simulated
 * game). The source bytes are scanned again with json_strict for the positions. */
#include "upfront/lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json_strict.h"
#include "upfront/balance.h"
#include "upfront/game.h"
#include "upfront/sim.h"
#include "upfront/strategy.h"

#if defined(__GNUC__)
#define LINT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LINT_PRINTF(a, b)
#endif

typedef struct L {
    const Scenario *s;
    const JsonDoc *doc; /* NULL: no positions */
    DiagList *diags;
    int added;
    int oom;
} L;

/* A warning at pointer; when the pointer has no position (a key left out), at the nearest
 * enclosing value that has one. */
static void warn_at(L *l, const char *pointer, const char *fmt, ...) LINT_PRINTF(3, 4);
static void warn_at(L *l, const char *pointer, const char *fmt, ...)
{
    char msg[1024], ptr[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(ptr, sizeof ptr, "%s", pointer);
    int line = 0, col = 0;
    if (l->doc) {
        char probe[256];
        snprintf(probe, sizeof probe, "%s", pointer);
        for (;;) {
            const JsonLoc *loc = json_doc_find(l->doc, probe);
            if (loc) {
                line = loc->line;
                col = loc->col;
                break;
            }
            char *slash = strrchr(probe, '/');
            if (!slash)
                break;
            *slash = '\0';
        }
    }
    if (diag_add(l->diags, DIAG_WARNING, line, col, ptr, "%s", msg) != 0)
        l->oom = 1;
    else
        l->added++;
}

/* ---------------------------------------------------------------- what can happen */

static int day_minutes(const Scenario *s) { return scenario_calendar(s)->hours_per_day * 60; }

/* 1 when a touch on the channel can be made at all (fits in a day, fits in the budget). */
static int channel_usable(const Scenario *s, Channel c)
{
    const ChannelRules *ch = scenario_channel(s, c);
    return ch->cost.minutes <= day_minutes(s) && ch->cost.money <= scenario_budget(s);
}

/* 1 when a call to an engaged prospect can book a meeting. */
static int warm_call_works(const Scenario *s)
{
    const GameRules *ru = scenario_rules(s);
    return channel_usable(s, CHANNEL_PHONE) && ru->warm_connect_bp > 0 && ru->warm_meeting_bp > 0;
}

/* Why a touch on c can never turn a cold prospect p into a meeting, or NULL when it can. */
static const char *channel_blocker(const Scenario *s, const Prospect *p, Channel c)
{
    const ChannelRules *ch = scenario_channel(s, c);
    if (p->affinity_pct[c] == 0)
        return "affinity 0";
    if (ch->cost.minutes > day_minutes(s))
        return "longer than a day";
    if (ch->cost.money > scenario_budget(s))
        return "over the budget";
    if (ch->reach_bp == 0)
        return "reach 0";
    if (ch->reach_cap_bp == 0)
        return "reach_cap 0";
    if (ch->response_bp == 0)
        return "response 0";
    if (ch->response_cap_bp == 0)
        return "response_cap 0";
    /* A reply by anything but the phone books a meeting (reply_meeting) or engages, and an
     * engaged prospect needs a warm call. */
    if (c != CHANNEL_PHONE && scenario_rules(s)->reply_engages_bp == 0 && !warm_call_works(s))
        return "replies never lead to a meeting";
    return NULL;
}

/* 1 when the event can fire in some game (a scheduled day inside the calendar, or a
 * random one with a chance and a window that overlaps the calendar). */
static int event_can_fire(const Scenario *s, const ScenarioEvent *e)
{
    int last = scenario_day_count(s);
    if (e->day > 0)
        return e->day <= last;
    return e->chance_bp > 0 && e->from_day <= last && e->from_day <= e->to_day;
}

/* 1 when a cold prospect p can get a meeting by a touch on some channel. */
static int cold_can_meet(const Scenario *s, const Prospect *p)
{
    for (int c = 0; c < CHANNEL_COUNT; c++)
        if (!channel_blocker(s, p, (Channel)c))
            return 1;
    return 0;
}

/* 1 when prospect i can ever be an opportunity (in a meeting). */
static int can_become_opportunity(const Scenario *s, int i)
{
    const Prospect *p = scenario_prospect(s, i);
    if (p->start_status == STATUS_MEETING)
        return 1;
    if (cold_can_meet(s, p))
        return 1;
    int warm = p->start_status == STATUS_ENGAGED;
    for (int k = 0; k < scenario_event_count(s) && !warm; k++) {
        const ScenarioEvent *e = scenario_event(s, k);
        warm = e->kind == EVENT_REFERRAL && e->prospect == i && event_can_fire(s, e);
    }
    return warm && warm_call_works(s);
}

/* ---------------------------------------------------------------- the checks */

static void check_prospects(L *l)
{
    const Scenario *s = l->s;
    for (int i = 0; i < scenario_prospect_count(s); i++) {
        const Prospect *p = scenario_prospect(s, i);
        int any_affinity = 0;
        for (int c = 0; c < CHANNEL_COUNT; c++)
            any_affinity |= p->affinity_pct[c] > 0;
        if (!any_affinity && p->start_status == STATUS_COLD)
            continue; /* the loader already says so */
        if (can_become_opportunity(s, i))
            continue;
        char why[400] = "";
        size_t n = 0;
        for (int c = 0; c < CHANNEL_COUNT && n < sizeof why; c++) {
            const char *b = channel_blocker(s, p, (Channel)c);
            int w = snprintf(why + n, sizeof why - n, "%s%s %s", c ? ", " : "",
                             channel_name((Channel)c), b ? b : "usable");
            if (w < 0)
                break;
            n += (size_t)w;
        }
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/prospects/%d/affinity", i);
        warn_at(l, ptr,
                "no channel can win a meeting with \"%s\" (%s)%s, so the account can never "
                "become an opportunity",
                p->id, why,
                p->start_status == STATUS_ENGAGED ? "; and a warm call cannot book one" : "");
    }
}

static const char *const EVENT_KIND_NAMES[EVENT_KIND_COUNT] = {
    "budget_freeze", "champion_leaves", "competitor_enters", "referral", "news"};

static void check_events(L *l)
{
    const Scenario *s = l->s;
    for (int k = 0; k < scenario_event_count(s); k++) {
        const ScenarioEvent *e = scenario_event(s, k);
        if (e->prospect < 0 || e->kind == EVENT_NEWS || !event_can_fire(s, e))
            continue; /* the loader warns about events that cannot fire */
        const Prospect *p = scenario_prospect(s, e->prospect);
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/events/%d/prospect", k);
        const char *kind = EVENT_KIND_NAMES[e->kind];
        if (e->kind == EVENT_REFERRAL) {
            if (p->start_status == STATUS_MEETING)
                warn_at(l, ptr,
                        "\"%s\" starts in a meeting, so a referral (which warms up a cold or "
                        "engaged account) changes nothing",
                        p->id);
            continue;
        }
        if (!can_become_opportunity(s, e->prospect)) {
            warn_at(l, ptr,
                    "\"%s\" can never become an opportunity (no channel can win a meeting with "
                    "it), so a %s on it changes nothing",
                    p->id, kind);
            continue;
        }
        if (e->kind == EVENT_COMPETITOR_ENTERS && scenario_rules(s)->competitor_penalty_pct == 0)
            warn_at(l, ptr,
                    "rules.competitor_penalty is 0, so a competitor entering changes nothing");
    }
}

/* 1 when channel b is at least as good as a on every figure, every prospect's affinity
 * and every cost; *strict is set when it is better somewhere. */
static int at_least_as_good(const Scenario *s, Channel b, Channel a, int *strict)
{
    const ChannelRules *x = scenario_channel(s, b), *y = scenario_channel(s, a);
    /* higher is better */
    const int hb[] = {x->reach_bp, x->reach_cap_bp, x->response_bp, x->response_cap_bp,
                      x->attention, x->prep_multiplier_pct};
    const int ha[] = {y->reach_bp, y->reach_cap_bp, y->response_bp, y->response_cap_bp,
                      y->attention, y->prep_multiplier_pct};
    /* lower is better */
    const int lb[] = {x->fatigue_pct, x->delay_days, x->cost.minutes, x->cost.energy,
                      x->cost.money};
    const int la[] = {y->fatigue_pct, y->delay_days, y->cost.minutes, y->cost.energy,
                      y->cost.money};
    *strict = 0;
    for (size_t i = 0; i < sizeof hb / sizeof hb[0]; i++) {
        if (hb[i] < ha[i])
            return 0;
        *strict |= hb[i] > ha[i];
    }
    for (size_t i = 0; i < sizeof lb / sizeof lb[0]; i++) {
        if (lb[i] > la[i])
            return 0;
        *strict |= lb[i] < la[i];
    }
    for (int i = 0; i < scenario_prospect_count(s); i++) {
        const Prospect *p = scenario_prospect(s, i);
        if (p->affinity_pct[b] < p->affinity_pct[a])
            return 0;
        *strict |= p->affinity_pct[b] > p->affinity_pct[a];
    }
    return 1;
}

static void check_channels(L *l)
{
    const Scenario *s = l->s;
    /* The phone plays by its own rules (dials, gatekeepers, no inbox noise, warm calls, a
     * reply that is a meeting), so it neither dominates nor is dominated. */
    for (int a = CHANNEL_PHONE + 1; a < CHANNEL_COUNT; a++) {
        if (!channel_usable(s, (Channel)a))
            continue; /* the loader says why it can never be used */
        for (int b = CHANNEL_PHONE + 1; b < CHANNEL_COUNT; b++) {
            int strict = 0;
            if (b == a || !at_least_as_good(s, (Channel)b, (Channel)a, &strict) || !strict)
                continue;
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/channels/%s", channel_name((Channel)a));
            warn_at(l, ptr,
                    "%s is always dominated by %s: %s is at least as good on every figure and "
                    "every prospect's affinity and costs no more time, energy or money, so a "
                    "sensible player never sends %s",
                    channel_name((Channel)a), channel_name((Channel)b),
                    channel_name((Channel)b), channel_name((Channel)a));
            break;
        }
    }
}

/* Returns 0, or -1 when a game could not be played. */
static int check_quota(L *l, int runs, uint64_t seed)
{
    const Scenario *s = l->s;
    int64_t total = 0;
    for (int i = 0; i < scenario_prospect_count(s); i++)
        total += scenario_prospect(s, i)->deal_value;
    if (runs <= 0 || scenario_quota(s) > total)
        return 0; /* the loader warns when the quota is above all the deals together */
    const Strategy *st = strategy_find("sales2");
    if (!st)
        return -1;
    int64_t best = 0;
    for (int i = 0; i < runs; i++) {
        uint64_t gs = sim_game_seed(seed, i);
        Game *g = game_new(s, gs);
        if (!g)
            return -1;
        int rc = strategy_play(st, g, gs);
        int64_t rev = game_revenue(g);
        game_free(g);
        if (rc != 0)
            return -1;
        if (rev > best)
            best = rev;
        if (best >= scenario_quota(s))
            return 0;
    }
    warn_at(l, "/quota",
            "the quota (%lld) is out of reach: the best of %d simulated sales2 games (seed %llu) "
            "closed %lld (%lld%% of it)",
            (long long)scenario_quota(s), runs, (unsigned long long)seed, (long long)best,
            (long long)(best * 100 / scenario_quota(s)));
    return 0;
}

static int check_lesson(L *l, int runs, uint64_t seed, int threads, BalanceReport *keep)
{
    BalanceReport r;
    if (balance_check(l->s, runs, seed, threads, &r) != 0)
        return -1;
    for (int i = 0; i < r.check_count; i++)
        if (!r.checks[i].passed)
            warn_at(l, "",
                    "the scenario may not teach the lesson: %s [%s, %d games per strategy, "
                    "seed %llu; 'upfront balance' gives the verdict]",
                    r.checks[i].text, r.checks[i].name, runs, (unsigned long long)seed);
    if (keep)
        *keep = r;
    return 0;
}

/* ---------------------------------------------------------------- public */

LintOptions lint_defaults(void)
{
    LintOptions o;
    memset(&o, 0, sizeof o);
    o.quota_runs = LINT_QUOTA_RUNS;
    o.lesson_runs = 0;
    o.seed = LINT_SEED;
    o.threads = 0;
    return o;
}

int lint_scenario(const Scenario *s, const char *buf, size_t len, const LintOptions *opts,
                  DiagList *diags)
{
    if (!s || !diags)
        return -1;
    LintOptions o = opts ? *opts : lint_defaults();
    L l;
    memset(&l, 0, sizeof l);
    l.s = s;
    l.diags = diags;
    JsonDoc *doc = NULL;
    if (buf) {
        DiagList *scratch = diag_list_new();
        if (!scratch)
            return -1;
        doc = json_strict_parse(buf, len, SCENARIO_MAX_DEPTH, scratch);
        diag_list_free(scratch);
    }
    l.doc = doc;
    check_prospects(&l);
    check_events(&l);
    check_channels(&l);
    int rc = check_quota(&l, o.quota_runs, o.seed);
    if (rc == 0 && o.lesson_runs > 0)
        rc = check_lesson(&l, o.lesson_runs, o.seed, o.threads, o.lesson_report);
    json_doc_free(doc);
    if (rc != 0 || l.oom)
        return -1;
    return l.added;
}
