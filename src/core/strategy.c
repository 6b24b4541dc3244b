/* strategy — built-in players. Each reads the game and proposes an action; the game
 * checks it like any other. docs/strategies.md describes them. */
#include "upfront/strategy.h"

#include <string.h>

/* Facts of the scenario a strategy works out once per game rather than once per action
 * (they never change while it is played). */
typedef struct Plan {
    int n;
    int order[SCENARIO_MAX_PROSPECTS];       /* prospects by importance, then deal value */
    int prep_target[SCENARIO_MAX_PROSPECTS]; /* the preparation sales2 wants per prospect */
    unsigned worth_researching;              /* bit r: Research r is worth its time */
    int64_t allowance[SCENARIO_MAX_PROSPECTS]; /* campaign money sales2 allows an account */
    int64_t minute_value_x100;               /* what an hour is worth, in money: quota / hours */
    int least_touch_energy;                  /* the energy of the least tiring channel */
    /* sales2's order of the accounts by worth, kept while no account's status or known
     * fit changes (it depends on nothing else) */
    int worth_order[SCENARIO_MAX_PROSPECTS];
    unsigned char worth_state[SCENARIO_MAX_PROSPECTS]; /* status * 2 + fit known, as sorted */
    int worth_valid;
} Plan;

typedef Action (*ChooseFn)(const Game *g, Plan *plan, Rng *rng);

struct Strategy {
    const char *name;
    const char *description;
    ChooseFn choose;
};

static Action end_day_action(void)
{
    Action a = {ACTION_END_DAY, -1, 0};
    return a;
}

static Action make(ActionKind kind, int prospect, int arg)
{
    Action a = {kind, prospect, arg};
    return a;
}

static int legal(const Game *g, Action a) { return game_check(g, &a) == ACTION_OK; }

/* Day of the latest touch to prospect p, 0 when none. */
static int last_touch_day(const Game *g, int p)
{
    int n = game_touch_count(g, p);
    return n ? game_touch(g, p, n - 1)->day : 0;
}

/* Day of the latest phone touch to prospect p, 0 when none. */
static int last_call_day(const Game *g, int p)
{
    for (int i = game_touch_count(g, p) - 1; i >= 0; i--)
        if (game_touch(g, p, i)->channel == CHANNEL_PHONE)
            return game_touch(g, p, i)->day;
    return 0;
}

static int energy_after(const Game *g, Action a) { return game_energy(g) - game_action_cost(g, &a).energy; }

/* Prospect indices ordered by importance, then deal value (both descending); stable. */
static int ranked(const Scenario *sc, int *order)
{
    int n = scenario_prospect_count(sc);
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++) {
        int v = order[i], j = i;
        const Prospect *pv = scenario_prospect(sc, v);
        while (j > 0) {
            const Prospect *pj = scenario_prospect(sc, order[j - 1]);
            if (pj->importance > pv->importance ||
                (pj->importance == pv->importance && pj->deal_value >= pv->deal_value))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    return n;
}

/* ------------------------------------------------------------------ sales1 */

/* Most generic calls sales1 makes to one account before it moves on for good, and the days
 * it lets pass between two calls to the same account. */
#define SALES1_MAX_CALLS 20
#define SALES1_CALL_GAP 2
/* The block of the day sales1 gives to prospecting, in minutes; the rest is for deals. */
#define SALES1_CALL_BLOCK 180
#define SALES1_EMAIL_HOUR 30
/* The steps of its pitch (discovery, a demo, a proposal), in the scenario's order. */
#define SALES1_PITCH_STEPS 3

/* Minutes spent on touches today. */
static int prospect_minutes_today(const Game *g)
{
    int m = 0, day = game_day(g);
    for (int i = game_action_count(g) - 1; i >= 0 && game_action_day(g, i) == day; i--) {
        const Action *a = game_action(g, i);
        if (a->kind == ACTION_TOUCH)
            m += scenario_channel(game_scenario(g), (Channel)a->arg)->cost.minutes;
    }
    return m;
}

/* Old school: volume dialling across the territory for a block of each day, no research;
 * a pitch meeting (discovery, then one more step), and then it pushes to close with
 * closing techniques, every day, until the deal is won or lost. It takes whatever the
 * buyer offers (a contract asked for is sent) and never rests. */
static Action sales1_choose(const Game *g, Plan *plan, Rng *rng)
{
    (void)rng;
    const Scenario *sc = game_scenario(g);
    const GameRules *ru = scenario_rules(sc);
    int n = plan->n, today = game_day(g);
    int steps = scenario_step_count(sc);

    /* 1. opportunities first: contract, pitch, then close */
    for (int i = 0; i < n; i++) {
        int p = plan->order[i];
        const ProspectState *s = game_prospect(g, p);
        if (s->status != STATUS_MEETING)
            continue;
        if (legal(g, make(ACTION_CLOSE, p, CLOSE_CONTRACT)))
            return make(ACTION_CLOSE, p, CLOSE_CONTRACT);
        if (s->last_progress_day == today)
            continue; /* one meeting per account a day */
        if (s->pressure_closes == 0) {
            /* the pitch: discovery, a demo and a proposal in order, one meeting each
             * and one more when it fell flat (at most st + 2 meetings up to step st);
             * then, however far it got, it is all closing */
            int next = -1;
            for (int st = 0; st < steps && st < SALES1_PITCH_STEPS; st++)
                if (!(s->steps_done & (1u << st))) {
                    if (s->meetings_held < st + 2)
                        next = st;
                    break;
                }
            if (next >= 0 && legal(g, make(ACTION_PROGRESS, p, next)))
                return make(ACTION_PROGRESS, p, next);
        }
        if (s->readiness >= ru->buyer_ready && legal(g, make(ACTION_CLOSE, p, CLOSE_ASK)))
            return make(ACTION_CLOSE, p, CLOSE_ASK);
        if (legal(g, make(ACTION_CLOSE, p, CLOSE_PRESSURE)))
            return make(ACTION_CLOSE, p, CLOSE_PRESSURE);
    }
    /* 2. dial for a block of the day: warm leads first, then cold accounts, biggest
     *    first, each every other day */
    int block = prospect_minutes_today(g);
    for (int pass = 0; pass < 2 && block < SALES1_CALL_BLOCK; pass++) {
        for (int i = 0; i < n; i++) {
            int p = plan->order[i];
            const ProspectState *s = game_prospect(g, p);
            if (s->status != (pass == 0 ? STATUS_ENGAGED : STATUS_COLD))
                continue;
            if (s->touches >= SALES1_MAX_CALLS + (pass == 0 ? 4 : 0))
                continue;
            if (last_call_day(g, p) > today - SALES1_CALL_GAP)
                continue;
            Action a = make(ACTION_TOUCH, p, CHANNEL_PHONE);
            if (legal(g, a))
                return a;
        }
    }
    /* 3. the block done or nobody left to call: a generic email to whoever is still cold,
     *    for up to an hour more */
    for (int i = 0; i < n && block < SALES1_CALL_BLOCK + SALES1_EMAIL_HOUR; i++) {
        int p = plan->order[i];
        const ProspectState *s = game_prospect(g, p);
        if (s->status != STATUS_COLD || s->touches >= SALES1_MAX_CALLS + 2 ||
            last_touch_day(g, p) == today)
            continue;
        Action a = make(ACTION_TOUCH, p, CHANNEL_EMAIL);
        if (legal(g, a))
            return a;
    }
    return end_day_action();
}

/* ------------------------------------------------------------------ sales2 */

/* Research steps in the order sales2 takes them, until the prospect is well prepared; the
 * first one qualifies the account (it reveals the fit). */
static const Research prep_order[] = {RESEARCH_COMPANY, RESEARCH_PERSON, RESEARCH_TRIGGER,
                                      RESEARCH_INDUSTRY};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Fit under which sales2 drops an account once research has shown it, and the touches a
 * campaign to a cold account runs to before it has run its course. */
#define SALES2_MIN_FIT 35
#define SALES2_MAX_TOUCHES 16
/* What a point of attention is worth against a point of odds (bp per point): attention
 * raises the reach and response of every later touch. */
#define SALES2_ATTENTION_BP 40

/* Research worth its time: at least 10 preparation points an hour. */
static int worth_researching(const Scenario *sc, Research r)
{
    const PrepareAction *pa = scenario_research(sc, r);
    return pa->cost.minutes == 0 || pa->prep * 60 >= 10 * pa->cost.minutes;
}

/* The preparation sales2 wants before a campaign: deeper for big key accounts, where it
 * pays; on small deals deep research costs more than it brings. */
static int prep_target(const Scenario *sc, int p)
{
    const Prospect *pr = scenario_prospect(sc, p);
    return pr->importance >= 3 && pr->deal_value * 8 >= scenario_quota(sc) ? 80 : 60;
}

static void plan_make(const Scenario *sc, Plan *plan)
{
    plan->n = ranked(sc, plan->order);
    plan->worth_valid = 0;
    int64_t weight = 0;
    for (int p = 0; p < plan->n; p++) {
        plan->prep_target[p] = prep_target(sc, p);
        weight += scenario_prospect(sc, p)->importance;
    }
    /* the campaign budget shared by importance, as if half the territory gets worked */
    for (int p = 0; p < plan->n; p++)
        plan->allowance[p] = weight > 0 ? scenario_budget(sc) * 2 *
                                              scenario_prospect(sc, p)->importance / weight
                                        : 0;
    plan->worth_researching = 0;
    for (int r = 0; r < RESEARCH_COUNT; r++)
        if (worth_researching(sc, (Research)r))
            plan->worth_researching |= 1u << r;
    int64_t minutes = (int64_t)scenario_day_count(sc) * scenario_calendar(sc)->hours_per_day * 60;
    plan->minute_value_x100 = minutes > 0 ? scenario_quota(sc) * 100 / minutes : 0;
    plan->least_touch_energy = scenario_channel(sc, (Channel)0)->cost.energy;
    for (int c = 1; c < CHANNEL_COUNT; c++)
        if (scenario_channel(sc, (Channel)c)->cost.energy < plan->least_touch_energy)
            plan->least_touch_energy = scenario_channel(sc, (Channel)c)->cost.energy;
}

/* The next preparation step for prospect p in *kind and *arg: returns 1, or 0 when it is
 * prepared enough. (Plain integers out: asked for every account on every action.) */
static int prep_step(const ProspectState *s, const Plan *plan, int p, int *kind, int *arg)
{
    int target = plan->prep_target[p];
    for (int i = 0; i < COUNT_OF(prep_order); i++) {
        if (s->value_prop && s->prep >= target)
            break;
        if (i == 2 && !s->value_prop && s->researched) {
            *kind = ACTION_CRAFT; /* the value proposition before deeper research */
            *arg = 0;
            return 1;
        }
        Research r = prep_order[i];
        if (!(s->researched & (1u << r)) && (plan->worth_researching & (1u << r))) {
            *kind = ACTION_RESEARCH;
            *arg = (int)r;
            return 1;
        }
    }
    if (!s->value_prop && s->researched) {
        *kind = ACTION_CRAFT;
        *arg = 0;
        return 1;
    }
    return 0;
}

/* The next preparation step for prospect p, or END_DAY when it is prepared enough. */
static Action sales2_next_prep(const ProspectState *s, const Plan *plan, int p)
{
    int kind, arg;
    if (prep_step(s, plan, p, &kind, &arg))
        return make((ActionKind)kind, p, arg);
    return end_day_action();
}

static int prepared_for(const ProspectState *s, const Plan *plan, int p)
{
    int kind, arg;
    return !prep_step(s, plan, p, &kind, &arg);
}

/* An account research has shown to be a poor fit: not worth a campaign. */
static int poor_fit(const Scenario *sc, const ProspectState *s, int p)
{
    return s->fit_known && scenario_prospect(sc, p)->fit < SALES2_MIN_FIT;
}

/* What an account looks worth to work, for ordering: its deal value, scaled by its fit
 * once known (an unknown fit counts as average), and by half again when it is engaged. */
static int64_t worth(const Scenario *sc, const ProspectState *s, int p)
{
    const Prospect *pr = scenario_prospect(sc, p);
    int64_t v = pr->deal_value * (s->fit_known ? 50 + pr->fit : 100) / 100;
    return s->status == STATUS_ENGAGED ? v * 3 / 2 : v;
}

/* The channel of the next touch of a campaign to a cold account: the one that buys the
 * most odds of a meeting now plus attention for the touches to come, per unit of cost
 * (its minutes at what an hour is worth, plus its money), within the account's share of
 * the budget. Affinity, inbox noise, gatekeepers, fatigue and preparation all reach it
 * through the game's own odds. -1 when no touch is possible. */
static int best_channel(const Game *g, const Plan *plan, int p)
{
    const Scenario *sc = game_scenario(g);
    int64_t spent = 0;
    int used[CHANNEL_COUNT] = {0};
    for (int i = 0; i < game_touch_count(g, p); i++) {
        Channel c = game_touch(g, p, i)->channel;
        used[c]++;
        spent += scenario_channel(sc, c)->cost.money;
    }
    int best = -1;
    int64_t best_num = 0, best_den = 1;
    for (int c = 0; c < CHANNEL_COUNT; c++) {
        const ChannelRules *ch = scenario_channel(sc, (Channel)c);
        if (ch->cost.money > 0 && spent + ch->cost.money > plan->allowance[p])
            continue;
        Action a = make(ACTION_TOUCH, p, c);
        int reach, odds;
        if (game_touch_chances(g, &a, &reach, &odds) != ACTION_OK)
            continue;
        int64_t attention = (int64_t)ch->attention * reach / 100; /* x100 points */
        for (int k = 0; k < used[c]; k++)
            attention = attention * (100 - ch->fatigue_pct) / 100;
        int64_t num = (int64_t)odds * 100 + attention * SALES2_ATTENTION_BP;
        int64_t den = (int64_t)ch->cost.minutes * plan->minute_value_x100 + ch->cost.money * 100 + 1;
        if (best < 0 || num * best_den > best_num * den) {
            best = c;
            best_num = num;
            best_den = den;
        }
    }
    return best;
}

/* Accounts in the order sales2 wants to work them now: most worth first. The order
 * depends only on each account's status and whether its fit is known, so it is sorted
 * again only when one of those changed. */
static const int *sales2_order(const Game *g, Plan *plan, const ProspectState *const *ps)
{
    const Scenario *sc = game_scenario(g);
    /* zeroed: gcc -O2 without link-time optimisation cannot see that n bounds the reads */
    unsigned char state[SCENARIO_MAX_PROSPECTS] = {0};
    for (int i = 0; i < plan->n; i++)
        state[i] = (unsigned char)((int)ps[i]->status * 2 + (ps[i]->fit_known != 0));
    if (plan->worth_valid && memcmp(state, plan->worth_state, (size_t)plan->n) == 0)
        return plan->worth_order;
    memcpy(plan->worth_state, state, (size_t)plan->n);
    int *out = plan->worth_order;
    int64_t w[SCENARIO_MAX_PROSPECTS];
    for (int i = 0; i < plan->n; i++) {
        out[i] = plan->order[i];
        w[i] = worth(sc, ps[out[i]], out[i]);
    }
    for (int i = 1; i < plan->n; i++) {
        int v = out[i];
        int64_t wv = w[i];
        int j = i;
        while (j > 0 && w[j - 1] < wv) {
            out[j] = out[j - 1];
            w[j] = w[j - 1];
            j--;
        }
        out[j] = v;
        w[j] = wv;
    }
    plan->worth_valid = 1;
    return out;
}

static Action sales2_choose(const Game *g, Plan *plan, Rng *rng)
{
    (void)rng;
    const Scenario *sc = game_scenario(g);
    const GameRules *ru = scenario_rules(sc);
    const EnergyRules *er = scenario_energy(sc);
    int n = plan->n;
    int today = game_day(g);
    int days_left = scenario_day_count(sc) - today;
    /* every account's state, read once: nothing changes while choosing */
    const ProspectState *ps[SCENARIO_MAX_PROSPECTS];
    for (int p = 0; p < n; p++)
        ps[p] = game_prospect(g, p);
    const int *order = sales2_order(g, plan, ps);

    /* 1. the buyer asked: send the contract (only an asking buyer can be sent one) */
    for (int i = 0; i < n; i++)
        if (ps[order[i]]->buyer_asked &&
            legal(g, make(ACTION_CLOSE, order[i], CLOSE_CONTRACT)))
            return make(ACTION_CLOSE, order[i], CLOSE_CONTRACT);

    /* 2. move opportunities forward, one step per account per day; an opportunity
     *    inherited unprepared is researched before the next meeting */
    for (int i = 0; i < n; i++) {
        int p = order[i];
        const ProspectState *s = ps[p];
        if (s->status != STATUS_MEETING || s->last_progress_day == today)
            continue;
        if (!prepared_for(s, plan, p) && s->readiness < ru->buyer_ready) {
            Action a = sales2_next_prep(s, plan, p);
            if (a.kind != ACTION_END_DAY && legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
        }
        if (s->readiness >= ru->buyer_ready) {
            /* ready: let the buyer ask, unless the period is about to end */
            if (days_left <= 1 && legal(g, make(ACTION_CLOSE, p, CLOSE_ASK)))
                return make(ACTION_CLOSE, p, CLOSE_ASK);
            continue;
        }
        for (int st = 0; st < scenario_step_count(sc); st++) {
            Action a = make(ACTION_PROGRESS, p, st);
            if (legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
        }
    }

    /* 3. the campaign: one touch per account a day for prepared accounts that fit, the
     *    channel chosen for the account (none at all when even the least tiring touch
     *    would take it under the tired line) */
    int can_touch = game_energy(g) - plan->least_touch_energy >= er->tired_below;
    for (int i = 0; i < n && can_touch; i++) {
        int p = order[i];
        const ProspectState *s = ps[p];
        if (s->status != STATUS_COLD && s->status != STATUS_ENGAGED)
            continue;
        if (s->status == STATUS_COLD && s->touches >= SALES2_MAX_TOUCHES)
            continue; /* the campaign has run its course */
        if (last_touch_day(g, p) >= today || poor_fit(sc, s, p) || !prepared_for(s, plan, p))
            continue; /* (last_touch_day is 0 before the first touch) */
        Action a;
        if (s->status == STATUS_ENGAGED) {
            a = make(ACTION_TOUCH, p, CHANNEL_PHONE); /* they replied: call them */
        } else {
            int c = best_channel(g, plan, p);
            if (c < 0)
                continue;
            a = make(ACTION_TOUCH, p, c);
        }
        if (legal(g, a) && energy_after(g, a) >= er->tired_below)
            return a;
    }

    /* 4. qualify and prepare the next accounts, most worth first: research before any
     *    touch, one account finished before the next is started */
    if (days_left > 2) {
        for (int i = 0; i < n; i++) {
            int p = order[i];
            const ProspectState *s = ps[p];
            if ((s->status != STATUS_COLD && s->status != STATUS_ENGAGED) ||
                prepared_for(s, plan, p) || poor_fit(sc, s, p))
                continue;
            Action a = sales2_next_prep(s, plan, p);
            if (a.kind == ACTION_END_DAY)
                continue;
            if (legal(g, a) && energy_after(g, a) >= er->tired_below)
                return a;
            break;
        }
    }
    return end_day_action();
}

/* ------------------------------------------------------------------ random */

static Action random_choose(const Game *g, Plan *plan, Rng *rng)
{
    (void)plan;
    Action buf[SCENARIO_MAX_PROSPECTS * (RESEARCH_COUNT + 1 + CHANNEL_COUNT + SCENARIO_MAX_STEPS +
                                         CLOSE_COUNT) + 1];
    int n = game_legal_actions(g, buf, COUNT_OF(buf));
    if (n <= 1 || rng_chance_bp(rng, 1500))
        return end_day_action();
    return buf[rng_below(rng, (uint32_t)(n - 1))];
}

/* ------------------------------------------------------------------ table */

static const Strategy strategies[] = {
    {"sales1", "Sales 1.0: no research; dials the territory with generic calls three hours a "
               "day, pitches every meeting, and pushes closing techniques until deals sign or die.",
     sales1_choose},
    {"sales2", "Sales 2.0: qualifies the accounts worth working, researches first, runs "
               "personalised multi-channel campaigns with the phone central, progresses "
               "carefully, lets buyers ask to sign.",
     sales2_choose},
    {"random", "Picks any legal action at random (a baseline).", random_choose},
};

int strategy_count(void) { return COUNT_OF(strategies); }

const Strategy *strategy_get(int i)
{
    return (i >= 0 && i < COUNT_OF(strategies)) ? &strategies[i] : NULL;
}

const Strategy *strategy_find(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < COUNT_OF(strategies); i++)
        if (strcmp(strategies[i].name, name) == 0)
            return &strategies[i];
    return NULL;
}

const char *strategy_name(const Strategy *s) { return s->name; }
const char *strategy_description(const Strategy *s) { return s->description; }

/* The most actions a strategy takes in one day: in a scenario whose actions cost no time a
 * strategy could otherwise go on forever (say, closing tricks that neither win nor lose);
 * past this it ends the day. No shipped scenario comes near it. */
#define STRATEGY_MAX_PER_DAY 400

static int actions_today(const Game *g)
{
    int n = 0, day = game_day(g);
    for (int i = game_action_count(g) - 1; i >= 0 && n < STRATEGY_MAX_PER_DAY; i--, n++)
        if (game_action_day(g, i) != day)
            break;
    return n;
}

static Action choose_with(const Strategy *s, Plan *plan, const Game *g, Rng *rng)
{
    if (game_over(g) || actions_today(g) >= STRATEGY_MAX_PER_DAY)
        return end_day_action();
    Action a = s->choose(g, plan, rng);
    if (game_check(g, &a) != ACTION_OK)
        a = end_day_action();
    return a;
}

Action strategy_choose(const Strategy *s, const Game *g, Rng *rng)
{
    Plan plan;
    plan_make(game_scenario(g), &plan);
    return choose_with(s, &plan, g, rng);
}

#define STRATEGY_RNG_STREAM 0x57a7u
#define STRATEGY_MAX_ACTIONS 200000

int strategy_play(const Strategy *s, Game *g, uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed, STRATEGY_RNG_STREAM);
    Plan plan;
    plan_make(game_scenario(g), &plan);
    for (int i = 0; i < STRATEGY_MAX_ACTIONS && !game_over(g); i++) {
        Action a = choose_with(s, &plan, g, &rng);
        if (game_apply(g, &a) != ACTION_OK)
            return -1;
    }
    return game_over(g) ? 0 : -1;
}
