/* test_calibration — every realism bound of the calibration notes (docs/calibration.md),
 * MEASURED in simulation on every shipped scenario through the public core API: fresh
 * games, real actions (game_apply), outcomes read back from the touches, prospects and
 * event log. Nothing here reads a rate out of the JSON and compares it; the numbers come
 * from what happened in thousands of simulated games.
 *
 * The drivers mirror what the built-in strategies do (src/core/strategy.c): a "generic"
 * seller does no research; a "researched" seller researches the company and the person,
 * crafts a value proposition (and scans trigger events if that is not yet enough) and runs
 * the sales2 cadence for the account's importance, one touch every other day. Each
 * campaign is played alone in its own game, so the calendar, energy and budget never get
 * in the way of the measurement; win rates come from whole games played by sales2.
 *
 * Every measured value is printed (run the test binary to see the table); the checks
 * carry a small allowance for sampling noise where a bound is an estimate. */
#include "fixture_util.h" /* first: it sets the POSIX feature macro for dirent */

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "upfront/game.h"
#include "upfront/rng.h"
#include "upfront/scenario.h"
#include "upfront/strategy.h"

/* The scenarios the issue asks for; every .json file in scenarios/ but the schema is
 * measured, and these must be among them. tests/balance.cmake checks the lesson on the same files. */
static const char *const required[] = {
    "tutorial.json",         "midmarket-quarter.json", "enterprise-quarter.json",
    "transactional-territory.json", "turnaround.json",
};
#define REQUIRED_COUNT ((int)(sizeof required / sizeof required[0]))

#define MAX_TOUCHES 14  /* longest campaign measured (reach past eight touches) */
#define SEQ_EMAILS 4    /* an email sequence: the first email and three follow-ups */

/* Samples per measurement: account-games (each cold account once per game), or whole
 * games for the strategies. Scenarios with few cold accounts play more games. */
#define SAMPLES_FIRST_TOUCH (40000 / sample_divisor)
#define SAMPLES_CAMPAIGN (12000 / sample_divisor)
#define SEEDS_STRATEGY (1500 / sample_divisor)

/* Sanitizer builds run several times slower: they measure a quarter of the samples (the
 * allowance for sampling noise widens with it). */
static int sample_divisor = 1;

static int games_for(const Scenario *sc, int samples);

/* ------------------------------------------------------------------ small helpers */

typedef struct Rate {
    double k, n; /* k successes out of n trials */
} Rate;

static double rate_of(Rate r) { return r.n > 0 ? r.k / r.n : 0.0; }

/* One standard error of a proportion, for the noise allowance of the checks. */
static double stderr_of(Rate r)
{
    double p = rate_of(r);
    return r.n > 0 ? sqrt(p * (1.0 - p) / r.n) : 1.0;
}

/* The seed of sample i of a measurement (salt): every measurement its own games. */
static uint64_t seed_of(int salt, int i)
{
    return rng_mix64(0xca11b8a7eull ^ rng_mix64((uint64_t)salt * 1000003u + (uint64_t)i));
}

static ActionError act(Game *g, ActionKind kind, int p, int arg)
{
    Action a = {kind, p, arg};
    return game_apply(g, &a);
}

static void end_day(Game *g)
{
    Action a = {ACTION_END_DAY, -1, 0};
    (void)game_apply(g, &a);
}

/* Applies an action, ending the day first if today has no time left for it. */
static ActionError act_today(Game *g, ActionKind kind, int p, int arg)
{
    ActionError e = act(g, kind, p, arg);
    if (e == ACTION_ERR_NO_TIME && !game_over(g)) {
        end_day(g);
        e = act(g, kind, p, arg);
    }
    return e;
}

static int is_exec(const Prospect *pr) { return seniority_is_executive(pr->seniority); }

/* A prospect that starts cold and unresearched: the subject of every cold measurement. */
static int cold_at_start(const Scenario *sc, int p)
{
    const Prospect *pr = scenario_prospect(sc, p);
    return pr->start_status == STATUS_COLD && pr->start_prep < scenario_rules(sc)->generic_below;
}

/* The research sales2 does before the first touch. */
static void prepare_like_sales2(Game *g, int p)
{
    (void)act_today(g, ACTION_RESEARCH, p, RESEARCH_COMPANY);
    (void)act_today(g, ACTION_RESEARCH, p, RESEARCH_PERSON);
    (void)act_today(g, ACTION_CRAFT, p, 0);
    if (game_prospect(g, p)->prep < 60)
        (void)act_today(g, ACTION_RESEARCH, p, RESEARCH_TRIGGER);
}

/* sales2's cadences by importance, continued by alternating email and phone. */
static Channel cadence_channel(int importance, int k)
{
    static const Channel key[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_GIFT,  CHANNEL_PHONE,
                                  CHANNEL_EMAIL, CHANNEL_BOOK,  CHANNEL_PHONE, CHANNEL_COURIER,
                                  CHANNEL_PHONE, CHANNEL_EMAIL, CHANNEL_PHONE};
    static const Channel mid[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_MAIL,    CHANNEL_PHONE,
                                  CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_COURIER, CHANNEL_PHONE,
                                  CHANNEL_EMAIL, CHANNEL_PHONE};
    static const Channel small[] = {CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_MAIL,  CHANNEL_PHONE,
                                    CHANNEL_EMAIL, CHANNEL_PHONE, CHANNEL_EMAIL, CHANNEL_PHONE};
    const Channel *cad = importance >= 3 ? key : importance == 2 ? mid : small;
    int len = importance >= 3 ? 11 : importance == 2 ? 10 : 8;
    if (k < len)
        return cad[k];
    return k % 2 ? CHANNEL_PHONE : CHANNEL_EMAIL;
}

/* A touch that made two-way contact: a call that connected, or a reply. */
static int two_way(const Touch *t)
{
    if (t->channel == CHANNEL_PHONE)
        return t->outcome == TOUCH_SEEN || t->outcome == TOUCH_MEETING || t->outcome == TOUCH_BURNED;
    return t->outcome == TOUCH_REPLY || t->outcome == TOUCH_MEETING;
}

static int connected(const Touch *t) { return two_way(t) && t->channel == CHANNEL_PHONE; }

/* Days until every touch of account p has arrived (or the game is over). */
static void settle(Game *g, int p)
{
    for (int guard = 0; guard < 32 && !game_over(g); guard++) {
        int pending = 0;
        for (int i = 0; i < game_touch_count(g, p); i++)
            pending |= game_touch(g, p, i)->outcome == TOUCH_PENDING;
        if (!pending)
            return;
        end_day(g);
    }
}

/* Per-dial rate from the share of phone touches (of `attempts` dials each) that connect. */
static double per_dial(double per_touch, int attempts)
{
    if (per_touch <= 0.0)
        return 0.0;
    return 1.0 - pow(1.0 - per_touch, 1.0 / attempts);
}

/* Dials actually made by `touches` phone touches that stop at the first connect. */
static double dials_made(double touches, double per_dial_rate, int attempts)
{
    if (per_dial_rate <= 0.0)
        return touches * attempts;
    return touches * (1.0 - pow(1.0 - per_dial_rate, attempts)) / per_dial_rate;
}

/* ------------------------------------------------------------------ the measurements */

typedef struct Measures {
    int attempts; /* dials per phone touch */
    int exec_count, cold_count;
    /* generic first calls, the old-school way: two calls on two days */
    Rate generic_connect_touch;  /* connects per phone touch */
    Rate generic_conv_meeting;   /* meetings per connected call */
    Rate exec_connect_touch;
    double exec_meetings, exec_touches;
    /* researched campaign, cold phone touches */
    Rate campaign_connect_touch;
    Rate campaign_conv_meeting;
    Rate campaign_conv_by_call[4];  /* ... by the call's rank in the campaign (1st, 2nd, 3rd, later) */
    /* reach (two-way contact) after k touches of a researched campaign */
    int reach_max;     /* how many touches fit in the calendar */
    Rate reach_at[MAX_TOUCHES + 1];
    /* stage success, researched vs generic, same cadence */
    Rate meeting_prepared, meeting_generic;       /* prospect stage: meeting booked */
    Rate discovery_prepared, discovery_generic;   /* first progress step succeeds */
    Rate ready_prepared, ready_generic;           /* opportunity reaches buyer-ready */
    int max_odds_ratio_x100;                      /* largest single-action odds ratio */
    /* email */
    Rate email_single_generic;   /* replies per generic email */
    Rate email_seq_generic;      /* prospects replying to a generic sequence */
    Rate email_seq_personal;     /* ... to a personalised sequence */
    /* mail and gifts, first touch to a cold account */
    Rate mail_generic, mail_prepared, gift_generic, gift_prepared;  /* positive responses */
    Rate mail_meeting, gift_meeting;                                /* meetings, prepared */
    Rate mail_open, gift_open;                                      /* got through (noticed) */
    int mail_cost, gift_cost;
    /* whole games */
    Rate sales2_win, sales2_nodecision;  /* over sales2's qualified deals */
    Rate sales2_win_all;                 /* over every opportunity */
    Rate unprepared_discovery;           /* sales1's discovery meetings that succeed */
    Rate unprepared_discovery_dead;      /* ... that end in no decision at once */
    double sales2_prepare_share, sales1_prepare_share, sales2_selling_share;
    double cycle_days_sum, cycle_deals; /* sales2's won deals: first meeting to signature */
    double sales2_revenue, thorough_revenue; /* sales2, and sales2 researching every topic */
} Measures;

/* Old-school prospecting: one generic call to every cold account on day 1, another on
 * day 2. */
static void measure_generic_calls(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    for (int i = 0, n = games_for(sc, SAMPLES_FIRST_TOUCH); i < n; i++) {
        Game *g = game_new(sc, seed_of(1, i));
        for (int call = 0; call < 2; call++) {
            for (int p = 0; p < np; p++) {
                if (!cold_at_start(sc, p) || game_prospect(g, p)->status != STATUS_COLD)
                    continue;
                if (act_today(g, ACTION_TOUCH, p, CHANNEL_PHONE) != ACTION_OK)
                    continue;
                const Touch *t = game_touch(g, p, game_touch_count(g, p) - 1);
                int con = connected(t), meet = t->outcome == TOUCH_MEETING;
                m->generic_connect_touch.n++;
                m->generic_connect_touch.k += con;
                if (con) {
                    m->generic_conv_meeting.n++;
                    m->generic_conv_meeting.k += meet;
                }
                if (is_exec(scenario_prospect(sc, p))) {
                    m->exec_connect_touch.n++;
                    m->exec_connect_touch.k += con;
                    m->exec_touches++;
                    m->exec_meetings += meet;
                }
            }
            end_day(g);
        }
        game_free(g);
    }
}

typedef struct CampaignResult {
    int touches;      /* touches sent */
    unsigned char cold[MAX_TOUCHES + 8]; /* 1 when touch i was sent to a cold account */
    int contact_at;   /* index of the first touch sent cold that made two-way contact; -1 none */
    int meeting;      /* a meeting was booked */
    int discovery;    /* -1 not tried, 0 failed, 1 succeeded */
    int ready;        /* readiness reached the buyer-ready line */
} CampaignResult;

static int games_for(const Scenario *sc, int samples)
{
    int cold = 0;
    for (int p = 0; p < scenario_prospect_count(sc); p++)
        cold += cold_at_start(sc, p);
    return cold ? (samples + cold - 1) / cold : 0;
}

/* Days between touches: sales2's two when `touches` of them fit the calendar (the first on
 * day 1 or 2, the last arriving within three days), else one. */
static int spacing_for(const Scenario *sc, int touches)
{
    return 2 * (touches - 1) + 5 <= scenario_day_count(sc) ? 2 : 1;
}

/* The longest campaign measured: twelve touches (to see past eight) at sales2's spacing
 * when they fit, else as many as fit one a day. */
static int touches_that_fit(const Scenario *sc)
{
    int spacing = spacing_for(sc, 12), n = MAX_TOUCHES;
    while (n > 1 && spacing * (n - 1) + 5 > scenario_day_count(sc))
        n--;
    return n;
}

/* The progress sales2 makes on an opportunity: the first open step each day until the
 * buyer is ready, then waits for the buyer to ask and sends the contract. */
static void progress_like_sales2(Game *g, int p, CampaignResult *r)
{
    const Scenario *sc = game_scenario(g);
    int ready_line = scenario_rules(sc)->buyer_ready;
    while (!game_over(g) && game_prospect(g, p)->status == STATUS_MEETING) {
        const ProspectState *s = game_prospect(g, p);
        if (s->readiness >= ready_line)
            r->ready = 1;
        if (act(g, ACTION_CLOSE, p, CLOSE_CONTRACT) == ACTION_OK)
            break;
        if (s->readiness < ready_line) {
            for (int st = 0; st < scenario_step_count(sc); st++) {
                if (act_today(g, ACTION_PROGRESS, p, st) == ACTION_OK) {
                    if (st == 0 && r->discovery < 0)
                        r->discovery = (int)(game_prospect(g, p)->steps_done & 1u);
                    break;
                }
            }
        }
        end_day(g);
    }
    if (game_prospect(g, p)->readiness >= ready_line)
        r->ready = 1;
}

/* 1 when a referral (a warm introduction, not the seller's doing) reached account p. */
static int referred(const Game *g, int p)
{
    const Scenario *sc = game_scenario(g);
    for (int e = 0; e < game_event_count(g); e++) {
        const GameEvent *ev = game_event(g, e);
        if (ev->kind == GEV_SCENARIO_EVENT && ev->prospect == p &&
            scenario_event(sc, (int)ev->value)->kind == EVENT_REFERRAL)
            return 1;
    }
    return 0;
}

/* One account's campaign alone in a fresh game: research (or not), then the cadence one
 * touch every `spacing` days while the account is cold; a reply is followed by warm calls
 * the next days; a meeting by sales2's progress. Cadence `fixed` >= 0 sends only that
 * channel. Returns 0 when the account does not start cold or a referral warmed it up (not
 * a sample of the seller's campaign). */
static int campaign(const Scenario *sc, uint64_t seed, int p, int researched, int touches,
                    int spacing, int fixed, int progress, CampaignResult *r, Game **keep)
{
    memset(r, 0, sizeof *r);
    r->contact_at = -1;
    r->discovery = -1;
    if (!cold_at_start(sc, p))
        return 0;
    const Prospect *pr = scenario_prospect(sc, p);
    Game *g = game_new(sc, seed);
    if (researched)
        prepare_like_sales2(g, p);
    for (int k = 0; k < touches && !game_over(g); k++) {
        ProspectStatus st = game_prospect(g, p)->status;
        int before = game_touch_count(g, p);
        if (st == STATUS_ENGAGED) {
            (void)act_today(g, ACTION_TOUCH, p, CHANNEL_PHONE); /* the warm call back */
            end_day(g);
        } else if (st == STATUS_COLD) {
            Channel c = fixed >= 0 ? (Channel)fixed : cadence_channel(pr->importance, k);
            (void)act_today(g, ACTION_TOUCH, p, (int)c);
            for (int d = 0; d < spacing; d++)
                end_day(g);
        } else {
            break;
        }
        if (game_touch_count(g, p) > before && before < (int)sizeof r->cold)
            r->cold[before] = st == STATUS_COLD;
    }
    settle(g, p);
    r->touches = game_touch_count(g, p);
    for (int i = 0; i < r->touches && i < (int)sizeof r->cold; i++)
        if (r->cold[i] && two_way(game_touch(g, p, i))) {
            r->contact_at = i;
            break;
        }
    const ProspectState *s = game_prospect(g, p);
    r->meeting = s->first_meeting_day > 0;
    if (progress && s->status == STATUS_MEETING)
        progress_like_sales2(g, p, r);
    if (referred(g, p)) {
        game_free(g);
        return 0;
    }
    if (keep)
        *keep = g;
    else
        game_free(g);
    return 1;
}

static void measure_campaigns(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    m->reach_max = touches_that_fit(sc);
    int spacing = spacing_for(sc, 12);
    for (int i = 0, n = games_for(sc, SAMPLES_CAMPAIGN); i < n; i++) {
        for (int p = 0; p < np; p++) {
            for (int researched = 0; researched <= 1; researched++) {
                CampaignResult r;
                Game *g = NULL;
                if (!campaign(sc, seed_of(2 + researched, i * 64 + p), p, researched,
                              m->reach_max, spacing, -1, 1, &r, &g))
                    continue;
                Rate *meet = researched ? &m->meeting_prepared : &m->meeting_generic;
                Rate *disc = researched ? &m->discovery_prepared : &m->discovery_generic;
                Rate *ready = researched ? &m->ready_prepared : &m->ready_generic;
                meet->n++;
                meet->k += r.meeting;
                if (r.discovery >= 0) {
                    disc->n++;
                    disc->k += r.discovery;
                }
                if (r.meeting) {
                    ready->n++;
                    ready->k += r.ready;
                }
                if (researched) {
                    for (int k = 0; k <= m->reach_max; k++) {
                        m->reach_at[k].n++;
                        m->reach_at[k].k += r.contact_at >= 0 && r.contact_at < k;
                    }
                    /* cold phone touches of the campaign (warm call-backs excluded) */
                    int rank = 0;
                    for (int t = 0; t < r.touches && t < (int)sizeof r.cold; t++) {
                        const Touch *tc = game_touch(g, p, t);
                        if (tc->channel != CHANNEL_PHONE || !r.cold[t])
                            continue;
                        m->campaign_connect_touch.n++;
                        m->campaign_connect_touch.k += connected(tc);
                        if (connected(tc)) {
                            m->campaign_conv_meeting.n++;
                            m->campaign_conv_meeting.k += tc->outcome == TOUCH_MEETING;
                            m->campaign_conv_by_call[rank].n++;
                            m->campaign_conv_by_call[rank].k += tc->outcome == TOUCH_MEETING;
                        }
                        rank += rank < 3;
                    }
                }
                game_free(g);
            }
        }
    }
}

/* The largest odds ratio of a single action, researched vs not, on a fresh account:
 * each touch channel and each step's success (steps need an opportunity: measured on the
 * first opportunity a campaign opens). */
static void measure_odds_ratios(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    m->max_odds_ratio_x100 = 0;
    for (int p = 0; p < np; p++) {
        if (!cold_at_start(sc, p))
            continue;
        Game *g0 = game_new(sc, seed_of(9, p));
        Game *g1 = game_new(sc, seed_of(9, p));
        prepare_like_sales2(g1, p);
        for (int c = 0; c < CHANNEL_COUNT; c++) {
            Action a = {ACTION_TOUCH, p, c};
            int o0 = game_action_odds_bp(g0, &a), o1 = game_action_odds_bp(g1, &a);
            if (o0 > 0 && o1 > 0) {
                int ratio = o1 * 100 / o0;
                if (ratio > m->max_odds_ratio_x100)
                    m->max_odds_ratio_x100 = ratio;
            }
        }
        game_free(g0);
        game_free(g1);
    }
}

/* Email: one generic email to a cold account; a sequence of four, generic and personalised. */
static void measure_email(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    int spacing = spacing_for(sc, SEQ_EMAILS);
    for (int i = 0, n = games_for(sc, SAMPLES_FIRST_TOUCH / 2); i < n; i++) {
        for (int p = 0; p < np; p++) {
            for (int personal = 0; personal <= 1; personal++) {
                CampaignResult r;
                Game *g = NULL;
                if (!campaign(sc, seed_of(4 + personal, i * 64 + p), p, personal, SEQ_EMAILS,
                              spacing, CHANNEL_EMAIL, 0, &r, &g))
                    continue;
                Rate *seq = personal ? &m->email_seq_personal : &m->email_seq_generic;
                seq->n++;
                seq->k += r.contact_at >= 0;
                if (!personal) {
                    m->email_single_generic.n++;
                    m->email_single_generic.k += r.contact_at == 0;
                }
                game_free(g);
            }
        }
    }
}

/* Mail and gifts: the first touch to a cold account, generic and prepared. */
static void measure_mail_gift(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    m->mail_cost = scenario_channel(sc, CHANNEL_MAIL)->cost.money;
    m->gift_cost = scenario_channel(sc, CHANNEL_GIFT)->cost.money;
    for (int i = 0, n = games_for(sc, SAMPLES_FIRST_TOUCH / 2); i < n; i++) {
        for (int p = 0; p < np; p++) {
            if (!cold_at_start(sc, p))
                continue;
            for (int variant = 0; variant < 4; variant++) {
                Channel c = variant & 1 ? CHANNEL_GIFT : CHANNEL_MAIL;
                int prepared = variant >> 1;
                Game *g = game_new(sc, seed_of(6 + variant, i * 64 + p));
                if (prepared)
                    prepare_like_sales2(g, p);
                if (act_today(g, ACTION_TOUCH, p, (int)c) != ACTION_OK) {
                    game_free(g);
                    continue;
                }
                settle(g, p);
                const Touch *t = game_touch(g, p, 0);
                int resp = t->outcome == TOUCH_REPLY || t->outcome == TOUCH_MEETING;
                Rate *r = c == CHANNEL_GIFT ? (prepared ? &m->gift_prepared : &m->gift_generic)
                                            : (prepared ? &m->mail_prepared : &m->mail_generic);
                r->n++;
                r->k += resp;
                if (prepared) {
                    Rate *meet = c == CHANNEL_GIFT ? &m->gift_meeting : &m->mail_meeting;
                    Rate *open = c == CHANNEL_GIFT ? &m->gift_open : &m->mail_open;
                    meet->n++;
                    meet->k += t->outcome == TOUCH_MEETING;
                    open->n++;
                    open->k += t->outcome != TOUCH_MISSED;
                }
                game_free(g);
            }
        }
    }
}

/* sales2, except that it also researches the industry and the trigger events of every
 * account before crafting the value proposition: the thorough preparer. */
static int64_t play_thorough(const Scenario *sc, uint64_t seed)
{
    const Strategy *s2 = strategy_find("sales2");
    Game *g = game_new(sc, seed);
    Rng rng;
    rng_seed(&rng, seed, 0x57a7u);
    for (int guard = 0; guard < 200000 && !game_over(g); guard++) {
        Action a = strategy_choose(s2, g, &rng);
        if (a.kind == ACTION_CRAFT) {
            const ProspectState *s = game_prospect(g, a.prospect);
            for (int r = RESEARCH_INDUSTRY; r <= RESEARCH_TRIGGER; r++)
                if (!(s->researched & (1u << r))) {
                    a.kind = ACTION_RESEARCH;
                    a.arg = r;
                    break;
                }
        }
        if (game_apply(g, &a) != ACTION_OK)
            (void)act(g, ACTION_END_DAY, -1, 0);
    }
    int64_t revenue = game_revenue(g);
    game_free(g);
    return revenue;
}

/* Whole games played by the built-in strategies. */
static void measure_strategies(const Scenario *sc, Measures *m)
{
    int np = scenario_prospect_count(sc);
    const Strategy *s1 = strategy_find("sales1"), *s2 = strategy_find("sales2");
    double min2[STAGE_COUNT] = {0}, min1[STAGE_COUNT] = {0}, all2 = 0, all1 = 0, avail2 = 0;
    for (int i = 0; i < SEEDS_STRATEGY; i++) {
        uint64_t seed = seed_of(10, i);
        Game *g = game_new(sc, seed);
        CHECK_EQ_INT(strategy_play(s2, g, seed), 0);
        for (int p = 0; p < np; p++) {
            const ProspectState *s = game_prospect(g, p);
            if (s->first_meeting_day == 0)
                continue;
            int won = s->status == STATUS_WON, nd = s->status == STATUS_NO_DECISION;
            if (won) {
                m->cycle_days_sum += s->closed_day - s->first_meeting_day;
                m->cycle_deals++;
            }
            m->sales2_win_all.n++;
            m->sales2_win_all.k += won;
            if (s->steps_done & 1u) { /* qualified: discovery went well */
                m->sales2_win.n++;
                m->sales2_win.k += won;
                m->sales2_nodecision.n++;
                m->sales2_nodecision.k += nd;
            }
        }
        for (int st = 0; st < STAGE_COUNT; st++) {
            min2[st] += game_effort_minutes(g, (Stage)st);
            all2 += game_effort_minutes(g, (Stage)st);
        }
        avail2 += (double)scenario_day_count(sc) * scenario_calendar(sc)->hours_per_day * 60;
        m->sales2_revenue += (double)game_revenue(g);
        game_free(g);
        m->thorough_revenue += (double)play_thorough(sc, seed);

        g = game_new(sc, seed);
        CHECK_EQ_INT(strategy_play(s1, g, seed), 0);
        for (int e = 0; e < game_event_count(g); e++) {
            const GameEvent *ev = game_event(g, e);
            if ((ev->kind != GEV_STEP_DONE && ev->kind != GEV_STEP_FAILED) || ev->value != 0)
                continue;
            m->unprepared_discovery.n++;
            m->unprepared_discovery.k += ev->kind == GEV_STEP_DONE;
            if (ev->kind == GEV_STEP_FAILED) {
                const GameEvent *next = e + 1 < game_event_count(g) ? game_event(g, e + 1) : NULL;
                m->unprepared_discovery_dead.k += next && next->kind == GEV_NO_DECISION &&
                                                  next->prospect == ev->prospect;
            }
            m->unprepared_discovery_dead.n++;
        }
        for (int st = 0; st < STAGE_COUNT; st++) {
            min1[st] += game_effort_minutes(g, (Stage)st);
            all1 += game_effort_minutes(g, (Stage)st);
        }
        game_free(g);
    }
    m->sales2_prepare_share = all2 > 0 ? min2[STAGE_PREPARE] / all2 : 0;
    m->sales1_prepare_share = all1 > 0 ? min1[STAGE_PREPARE] / all1 : 0;
    m->sales2_selling_share = avail2 > 0 ? (min2[STAGE_PROGRESS] + min2[STAGE_CLOSE]) / avail2 : 0;
}

/* ------------------------------------------------------------------ per scenario */

#define MAX_FILES 32
static const char *files[MAX_FILES];
static char listed[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
static char shipped_paths[MAX_FILES][FIXTURE_MAX_NAME + 16];
static int missing_required, failed_loads;
static int file_count;
static Scenario *scenarios[MAX_FILES];
static Measures measures[MAX_FILES];

#define PCT(x) (100.0 * (x))

/* ------------------------------------------------------------------ the bounds */

/* Deviations of scenarios this test does not own, each measured and explained in
 * docs/calibration.md: reported as "known" instead of failing, until they are fixed. */
typedef struct Known {
    const char *scenario, *bound;
} Known;
static const Known known_deviations[] = {
    {"", ""}, /* none at present: add {"scenario-id", "bound"} to report without failing */
};

static int is_known(int si, const char *bound)
{
    for (size_t i = 0; i < sizeof known_deviations / sizeof known_deviations[0]; i++)
        if (strcmp(known_deviations[i].scenario, scenario_id(scenarios[si])) == 0 &&
            strcmp(known_deviations[i].bound, bound) == 0)
            return 1;
    return 0;
}

/* Reports one measured bound on one scenario; a failure counts unless it is known. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void bound(int si, const char *name, int ok, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    int known = is_known(si, name);
    const char *verdict = ok ? (known ? "pass (known deviation no longer reproduces: remove it)" : "pass")
                             : (known ? "KNOWN DEVIATION" : "FAIL");
    printf("  %-24s %-34s %s: %s\n", scenario_id(scenarios[si]), name, verdict, text);
    if (!ok && !known) {
        fprintf(stderr, "%s: %s: %s\n", files[si], name, text);
        check_failures_++;
    }
}

/* Lower and upper ends of a rate's estimate, two standard errors either side. */
static double lo2(Rate r) { return rate_of(r) - 2.0 * stderr_of(r); }
static double hi2(Rate r) { return rate_of(r) + 2.0 * stderr_of(r); }

/* Ratio of two rates with the two-standard-error band of its logarithm. */
typedef struct Ratio {
    double value, lo, hi;
} Ratio;

static Ratio ratio_of(Rate a, Rate b)
{
    Ratio r = {0.0, 0.0, INFINITY};
    if (a.k <= 0 || b.k <= 0)
        return r;
    double pa = rate_of(a), pb = rate_of(b);
    double se = sqrt((1.0 - pa) / a.k + (1.0 - pb) / b.k);
    r.value = pa / pb;
    r.lo = r.value * exp(-2.0 * se);
    r.hi = r.value * exp(2.0 * se);
    return r;
}

#define EACH_SCENARIO(si)                                                                  \
    for (int si = 0; si < file_count; si++)                                                \
        if (scenarios[si])

/* 1. A generic cold call to an executive ends in a meeting at most ~1% of the time (per
 *    dial): one unresearched call to every executive, then a second the next day. */
static void generic_cold_calls_to_executives_should_book_a_meeting_at_most_1_percent_of_the_time(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        if (m->exec_touches <= 0) {
            bound(si, "generic_exec_meeting_per_dial", 1, "no cold executive to call");
            continue;
        }
        double dial = per_dial(rate_of(m->exec_connect_touch), m->attempts);
        double dials = dials_made(m->exec_touches, dial, m->attempts);
        double rate = m->exec_meetings / dials;
        double se = sqrt(rate * (1.0 - rate) / dials);
        bound(si, "generic_exec_meeting_per_dial", rate - 2.0 * se <= 0.01,
              "%.2f%% of dials book a meeting (%.0f meetings in %.0f dials; at most 1%%)", PCT(rate),
              m->exec_meetings, dials);
    }
}

/* 2. Connect per dial: 4-10% generic, at most ~30% in a researched multi-channel campaign
 *    (and more than generic). */
static void cold_calls_should_connect_4_to_10_percent_generic_and_at_most_30_researched(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Rate g = m->generic_connect_touch, c = m->campaign_connect_touch;
        double gd = per_dial(rate_of(g), m->attempts), cd = per_dial(rate_of(c), m->attempts);
        bound(si, "generic_connect_per_dial",
              per_dial(hi2(g), m->attempts) >= 0.04 && per_dial(lo2(g), m->attempts) <= 0.10,
              "%.1f%% of generic dials connect (4-10%%)", PCT(gd));
        bound(si, "researched_connect_per_dial",
              per_dial(lo2(c), m->attempts) <= 0.30 && cd > gd,
              "%.1f%% of a researched campaign's dials connect (at most 30%%, above generic %.1f%%)",
              PCT(cd), PCT(gd));
    }
}

/* 3. Conversation -> meeting: 2-5% generic, 10-13% prepared, never above ~15%. */
static void conversations_should_book_2_to_5_percent_generic_and_10_to_15_prepared(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Rate g = m->generic_conv_meeting, c = m->campaign_conv_meeting;
        bound(si, "generic_conversation_to_meeting", hi2(g) >= 0.02 && lo2(g) <= 0.05,
              "%.2f%% of generic conversations book a meeting (2-5%%, n=%.0f)", PCT(rate_of(g)), g.n);
        bound(si, "prepared_conversation_to_meeting", hi2(c) >= 0.10 && lo2(c) <= 0.15,
              "%.2f%% of researched conversations book a meeting (10-13%%, never above 15%%; n=%.0f)",
              PCT(rate_of(c)), c.n);
    }
}

/* 4. Preparation multiplies a stage's success by 2-4x, not 10x: the same campaign with and
 *    without research (Prospect: a meeting), the same opportunity work (Progress: the
 *    discovery meeting, and the buyer becoming ready); no single action gains 10x. */
static void preparation_should_multiply_each_stage_success_2_to_4_times(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Ratio pr = ratio_of(m->meeting_prepared, m->meeting_generic);
        Ratio dr = ratio_of(m->discovery_prepared, m->discovery_generic);
        Ratio rr = ratio_of(m->ready_prepared, m->ready_generic);
        bound(si, "prospect_stage_multiplier", pr.hi >= 2.0 && pr.lo <= 4.0,
              "a researched campaign books %.2fx the meetings of a generic one (%.1f%% vs %.1f%%; 2-4x)",
              pr.value, PCT(rate_of(m->meeting_prepared)), PCT(rate_of(m->meeting_generic)));
        bound(si, "discovery_multiplier", dr.hi >= 2.0 && dr.lo <= 4.0,
              "a prepared discovery meeting succeeds %.2fx as often (%.1f%% vs %.1f%%; 2-4x)", dr.value,
              PCT(rate_of(m->discovery_prepared)), PCT(rate_of(m->discovery_generic)));
        bound(si, "progress_stage_multiplier", rr.hi >= 2.0 && rr.lo <= 4.0,
              "a prepared opportunity reaches buyer-ready %.2fx as often (%.1f%% vs %.1f%%; 2-4x)",
              rr.value, PCT(rate_of(m->ready_prepared)), PCT(rate_of(m->ready_generic)));
        bound(si, "single_action_multiplier", m->max_odds_ratio_x100 < 1000,
              "no single touch gains 10x from research (largest odds ratio %.2fx)",
              m->max_odds_ratio_x100 / 100.0);
    }
}

/* 5. One or two touches reach well under half of prospects; six to eight varied touches
 *    reach most; little is gained past about eight. Reach is two-way contact (a connected
 *    call or a reply) in a researched sales2 cadence. */
static void one_or_two_touches_should_reach_well_under_half_and_six_to_eight_most(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        int most = m->reach_max < 8 ? m->reach_max : 8;
        Rate r2 = m->reach_at[2], r8 = m->reach_at[most];
        bound(si, "reach_after_two_touches", lo2(r2) < 0.40,
              "%.0f%% reached after two touches (well under half: under 40%%)", PCT(rate_of(r2)));
        bound(si, "reach_after_six_to_eight", most >= 6 && hi2(r8) > 0.50,
              "%.0f%% reached after %d touches (most)", PCT(rate_of(r8)), most);
        if (m->reach_max >= 12) {
            double before = rate_of(m->reach_at[8]) / 8.0;
            double after = (rate_of(m->reach_at[12]) - rate_of(m->reach_at[8])) / 4.0;
            bound(si, "reach_past_eight", after <= 0.5 * before,
                  "touches 9-12 add %.1f points each, touches 1-8 %.1f (little gained past eight)",
                  PCT(after), PCT(before));
        }
    }
}

/* 6. Cold email: under 1% for a single generic email, 1-6% for a generic sequence, up to
 *    ~15-20% personalised. */
static void cold_email_should_reply_under_1_percent_single_1_to_6_sequence_20_personalised(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Rate one = m->email_single_generic, seq = m->email_seq_generic, per = m->email_seq_personal;
        bound(si, "single_generic_email", lo2(one) < 0.01,
              "%.2f%% reply to one generic email (under 1%%)", PCT(rate_of(one)));
        bound(si, "generic_email_sequence", hi2(seq) >= 0.01 && lo2(seq) <= 0.06,
              "%.2f%% reply to a generic sequence of %d emails (1-6%%)", PCT(rate_of(seq)), SEQ_EMAILS);
        bound(si, "personalised_email_sequence", lo2(per) <= 0.20 && rate_of(per) > rate_of(seq),
              "%.2f%% reply to a personalised sequence (at most 20%%, above generic)", PCT(rate_of(per)));
    }
}

/* 7. Mail and gifts: 1.5-5% response cold; gifts raise opening, and at most 2-4x more
 *    meetings than mail, at a higher cost each. */
static void cold_mail_and_gifts_should_respond_1_5_to_5_percent_and_gifts_at_most_4x(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        bound(si, "cold_mail_response",
              hi2(m->mail_prepared) >= 0.015 && lo2(m->mail_prepared) <= 0.05 && lo2(m->mail_generic) <= 0.05,
              "%.2f%% respond to a crafted letter, %.2f%% to a generic one (1.5-5%%)",
              PCT(rate_of(m->mail_prepared)), PCT(rate_of(m->mail_generic)));
        bound(si, "cold_gift_response",
              hi2(m->gift_prepared) >= 0.015 && lo2(m->gift_prepared) <= 0.05 && lo2(m->gift_generic) <= 0.05,
              "%.2f%% respond to a chosen gift, %.2f%% to a generic one (1.5-5%%)",
              PCT(rate_of(m->gift_prepared)), PCT(rate_of(m->gift_generic)));
        Ratio meet = ratio_of(m->gift_meeting, m->mail_meeting);
        double cost_gift = m->gift_cost / rate_of(m->gift_meeting);
        double cost_mail = m->mail_cost / rate_of(m->mail_meeting);
        double open = rate_of(m->gift_open) / rate_of(m->mail_open);
        bound(si, "gift_vs_mail", meet.lo <= 4.0 && meet.hi >= 1.0 && cost_gift > cost_mail && open >= meet.value,
              "gifts are opened %.2fx as often as letters and book %.2fx the meetings (opening gains more; "
              "at most 4x), at %.0f vs %.0f a meeting",
              open, meet.value, cost_gift, cost_mail);
    }
}

/* 8. Time use: research and lead generation take 10-25% of a normal week; the old-school
 *    seller stays under it, and a front-loaded split is possible and stands out above it
 *    without swallowing the calendar. */
static void time_use_should_let_front_loading_stand_out_against_the_norm(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        bound(si, "research_time_share",
              m->sales1_prepare_share <= 0.10 && m->sales2_prepare_share >= 0.25 && m->sales2_prepare_share <= 0.50,
              "sales1 researches %.0f%% of its time, sales2 %.0f%% (norm 10-25%%; sales2 above it, under half)",
              PCT(m->sales1_prepare_share), PCT(m->sales2_prepare_share));
    }
}

/* 9. Qualified deals (discovery went well) win ~45-70% with excellent work; no decision
 *    ends 20-60%. */
static void qualified_deals_should_win_45_to_70_percent_and_end_in_no_decision_20_to_60(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Rate w = m->sales2_win, nd = m->sales2_nodecision;
        bound(si, "qualified_win_rate", hi2(w) >= 0.45 && lo2(w) <= 0.70,
              "sales2 wins %.1f%% of qualified deals (45-70%%; %.1f%% of all opportunities; n=%.0f)",
              PCT(rate_of(w)), PCT(rate_of(m->sales2_win_all)), w.n);
        bound(si, "no_decision_rate", hi2(nd) >= 0.20 && lo2(nd) <= 0.60,
              "%.1f%% of sales2's qualified deals end in no decision (20-60%%)", PCT(rate_of(nd)));
    }
}

/* 10. Cycles: a deal is never won the day it starts, and longer-cycle markets take longer;
 *     meetings with unprepared sellers rarely move on. */
static void unprepared_discovery_meetings_should_rarely_progress(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        Rate u = m->unprepared_discovery;
        bound(si, "unprepared_discovery", lo2(u) <= 1.0 / 3.0,
              "%.1f%% of sales1's unprepared discovery meetings succeed, %.1f%% end the deal (rarely: at most a third; n=%.0f)",
              PCT(rate_of(u)), PCT(rate_of(m->unprepared_discovery_dead)), u.n);
    }
}

static double mean_cycle(int si)
{
    const Measures *m = &measures[si];
    return m->cycle_deals > 0 ? m->cycle_days_sum / m->cycle_deals : 0.0;
}

static int index_of(const char *id)
{
    EACH_SCENARIO(si)
    if (strcmp(scenario_id(scenarios[si]), id) == 0)
        return si;
    return -1;
}

static void sales_cycles_should_take_time_and_be_longest_in_enterprise(void)
{
    EACH_SCENARIO(si)
    {
        double c = mean_cycle(si);
        int days = scenario_day_count(scenarios[si]);
        bound(si, "sales_cycle", c >= 3.0 && c <= 0.8 * days,
              "sales2's won deals took %.1f working days from first meeting to signature (%.0f%% of the %d-day period)",
              c, PCT(c / days), days);
    }
    int ent = index_of("enterprise-quarter"), mid = index_of("midmarket-quarter");
    int tra = index_of("transactional-territory");
    if (ent >= 0 && mid >= 0 && tra >= 0)
        bound(ent, "cycles_by_market", mean_cycle(ent) > mean_cycle(mid) && mean_cycle(mid) > mean_cycle(tra),
              "enterprise %.1f > mid-market %.1f > transactional %.1f days", mean_cycle(ent),
              mean_cycle(mid), mean_cycle(tra));
}

/* The scenarios' emphasis: in the enterprise quarter deep research (industry and trigger
 * events too) pays; in the transactional territory it costs more time than it returns. */
static void thorough_research_should_pay_in_enterprise_and_cost_in_transactional(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        double gain = m->sales2_revenue > 0 ? m->thorough_revenue / m->sales2_revenue - 1.0 : 0.0;
        const char *id = scenario_id(scenarios[si]);
        int ok = strcmp(id, "enterprise-quarter") == 0        ? gain >= 0.10
                 : strcmp(id, "transactional-territory") == 0 ? gain <= -0.03
                                                              : 1;
        bound(si, "thorough_research", ok,
              "researching every topic changes sales2's revenue by %+.1f%%%s", PCT(gain),
              strcmp(id, "enterprise-quarter") == 0        ? " (must pay: at least +10%)"
              : strcmp(id, "transactional-territory") == 0 ? " (must cost: at most -3%)"
                                                           : " (reported)");
    }
}

/* ------------------------------------------------------------------ measuring */

static int sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 1;
#else
    return 0;
#endif
#else
    return 0;
#endif
}

static void measure_all(void)
{
    if (sanitized())
        sample_divisor = 4;
    for (int i = 0; i < file_count; i++) {
        DiagList *d = diag_list_new();
        scenarios[i] = scenario_load_file(files[i], d, NULL);
        if (!scenarios[i]) {
            diag_print(stderr, files[i], d);
            fprintf(stderr, "%s: could not load the scenario\n", files[i]);
            failed_loads++;
        }
        diag_list_free(d);
        if (!scenarios[i])
            continue;
        Measures *m = &measures[i];
        memset(m, 0, sizeof *m);
        m->attempts = scenario_channel(scenarios[i], CHANNEL_PHONE)->attempts;
        for (int p = 0; p < scenario_prospect_count(scenarios[i]); p++) {
            m->cold_count += cold_at_start(scenarios[i], p);
            m->exec_count += cold_at_start(scenarios[i], p) && is_exec(scenario_prospect(scenarios[i], p));
        }
        measure_generic_calls(scenarios[i], m);
        measure_campaigns(scenarios[i], m);
        measure_odds_ratios(scenarios[i], m);
        measure_email(scenarios[i], m);
        measure_mail_gift(scenarios[i], m);
        measure_strategies(scenarios[i], m);
    }
}

static void print_reach(void)
{
    EACH_SCENARIO(si)
    {
        const Measures *m = &measures[si];
        printf("  %-24s reach after k researched touches:", scenario_id(scenarios[si]));
        for (int k = 1; k <= m->reach_max; k++)
            printf(" %d:%.0f%%", k, PCT(rate_of(m->reach_at[k])));
        printf("\n");
    }
}

/* Every shipped scenario: each .json file in scenarios/ but the schema. */
static void list_shipped(void)
{
    (void)fixture_read; /* the shared helper's reader is not needed here */
    int n = fixture_list("scenarios", ".json", listed, FIXTURE_MAX_FILES);
    if (n < 0)
        fprintf(stderr, "scenarios/: cannot list the folder (run from the repository root)\n");
    for (int i = 0; i < n && file_count < MAX_FILES; i++) {
        if (fixture_ends_with(listed[i], ".schema.json"))
            continue;
        snprintf(shipped_paths[file_count], sizeof shipped_paths[0], "scenarios/%s", listed[i]);
        files[file_count] = shipped_paths[file_count];
        file_count++;
    }
    for (int r = 0; r < REQUIRED_COUNT; r++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            found |= strcmp(listed[i], required[r]) == 0;
        if (!found) {
            fprintf(stderr, "scenarios/%s: a required scenario is missing\n", required[r]);
            missing_required++;
        }
    }
}

static void every_scenario_should_load_and_the_five_required_should_ship(void)
{
    CHECK(file_count > 0);
    CHECK_EQ_INT(failed_loads, 0);
    CHECK_EQ_INT(missing_required, 0);
}

/* With no arguments: measures and checks every shipped scenario. With scenario files as
 * arguments (an author's draft): measures and checks those instead. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc && file_count < MAX_FILES; i++)
        files[file_count++] = argv[i];
    if (argc <= 1)
        list_shipped();
    measure_all();
    printf("Realism bounds measured in simulation (docs/calibration.md)\n");
    RUN(every_scenario_should_load_and_the_five_required_should_ship);
    RUN(generic_cold_calls_to_executives_should_book_a_meeting_at_most_1_percent_of_the_time);
    RUN(cold_calls_should_connect_4_to_10_percent_generic_and_at_most_30_researched);
    RUN(conversations_should_book_2_to_5_percent_generic_and_10_to_15_prepared);
    RUN(preparation_should_multiply_each_stage_success_2_to_4_times);
    RUN(one_or_two_touches_should_reach_well_under_half_and_six_to_eight_most);
    print_reach();
    RUN(cold_email_should_reply_under_1_percent_single_1_to_6_sequence_20_personalised);
    RUN(cold_mail_and_gifts_should_respond_1_5_to_5_percent_and_gifts_at_most_4x);
    RUN(time_use_should_let_front_loading_stand_out_against_the_norm);
    RUN(qualified_deals_should_win_45_to_70_percent_and_end_in_no_decision_20_to_60);
    RUN(unprepared_discovery_meetings_should_rarely_progress);
    RUN(sales_cycles_should_take_time_and_be_longest_in_enterprise);
    RUN(thorough_research_should_pay_in_enterprise_and_cost_in_transactional);
    for (int i = 0; i < file_count; i++)
        scenario_free(scenarios[i]);
    return check_done();
}
