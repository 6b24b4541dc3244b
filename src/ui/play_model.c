/* play_model — the actions on offer, read from the core for display before acting. */
#include "play_model.h"

#include <string.h>

#include <SDL.h>

#include "nav.h"

static const char *const channel_icons[CHANNEL_COUNT] = {
    "\xE2\x98\x8E", /* ☎ phone */
    "@",            /* email */
    "\xE2\x9C\x89", /* ✉ ground mail */
    "\xE2\x96\xA4", /* ▤ fax */
    "\xE2\x9C\x88", /* ✈ courier */
    "\xE2\x9C\xBF", /* ✿ gift */
    "\xC2\xB6",     /* ¶ book */
};

const char *play_channel_icon(Channel c)
{
    return ((int)c >= 0 && c < CHANNEL_COUNT) ? channel_icons[c] : "?";
}

static const char *const research_short[RESEARCH_COUNT] = {"Research the company", "Research the person",
                                                           "Research the industry", "Find trigger events"};

const char *play_status_label(ProspectStatus s)
{
    switch (s) {
    case STATUS_COLD: return "Cold";
    case STATUS_ENGAGED: return "Engaged";
    case STATUS_MEETING: return "Opportunity";
    case STATUS_WON: return "Won";
    case STATUS_LOST: return "Lost";
    case STATUS_NO_DECISION: return "No decision";
    case STATUS_BURNED: return "Burned";
    default: return "?";
    }
}

const char *play_weekday(int i)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return names[((i % 7) + 7) % 7];
}

const char *play_short_reason(ActionError e)
{
    switch (e) {
    case ACTION_OK: return "";
    case ACTION_ERR_GAME_OVER: return "game over";
    case ACTION_ERR_NO_TIME: return "no time today";
    case ACTION_ERR_NO_BUDGET: return "over budget";
    case ACTION_ERR_CLOSED: return "closed";
    case ACTION_ERR_DONE: return "done";
    case ACTION_ERR_NEEDS_RESEARCH: return "research first";
    case ACTION_ERR_NO_MEETING: return "needs meeting";
    case ACTION_ERR_NEEDS_STEP: return "earlier step";
    case ACTION_ERR_FROZEN: return "budget frozen";
    case ACTION_ERR_NOT_ASKED: return "not asked yet";
    case ACTION_ERR_IN_PLAY: return "already a deal";
    default: return "not now";
    }
}

void play_cost_long(char *out, size_t cap, Cost c, const char *currency)
{
    char t[32], m[48];
    nav_minutes(t, sizeof t, c.minutes);
    nav_money(m, sizeof m, c.money, currency);
    SDL_snprintf(out, cap, "%s, %d energy, %s", t, c.energy, c.money > 0 ? m : "no money");
}

void play_cost_text(char *out, size_t cap, Cost c, const char *currency)
{
    char t[32], m[48];
    nav_minutes(t, sizeof t, c.minutes);
    if (c.money > 0) {
        nav_money(m, sizeof m, c.money, currency);
        SDL_snprintf(out, cap, "%s \xC2\xB7 \xE2\x9A\xA1%d \xC2\xB7 %s", t, c.energy, m);
    } else {
        SDL_snprintf(out, cap, "%s \xC2\xB7 \xE2\x9A\xA1%d", t, c.energy);
    }
}

static PlayItem *add(PlayMenu *m, const Game *g, Stage st, ActionKind k, int p, int arg)
{
    if (m->count >= PLAY_MAX_ITEMS)
        return NULL;
    PlayItem *it = &m->items[m->count];
    memset(it, 0, sizeof *it);
    it->action.kind = k;
    it->action.prospect = p;
    it->action.arg = arg;
    it->stage = st;
    if (m->size[st] == 0)
        m->first[st] = m->count;
    it->number = ++m->size[st];
    it->cost = game_action_cost(g, &it->action);
    it->odds_bp = game_action_odds_bp(g, &it->action);
    it->error = game_check(g, &it->action);
    m->count++;
    return it;
}

static void odds_hint(PlayItem *it, const char *what)
{
    int pct = (it->odds_bp + 50) / 100;
    if (it->odds_bp > 0 && pct == 0)
        SDL_strlcpy(it->hint, "<1%", sizeof it->hint);
    else
        SDL_snprintf(it->hint, sizeof it->hint, "%d%%", pct);
    if (it->odds_bp > 0 && pct == 0)
        SDL_snprintf(it->effect, sizeof it->effect, "Under 1%% chance %s.", what);
    else
        SDL_snprintf(it->effect, sizeof it->effect, "%d%% chance %s.", pct, what);
}

void play_menu_build(PlayMenu *m, const Game *g, int p)
{
    memset(m, 0, sizeof *m);
    const Scenario *sc = game_scenario(g);
    if (p < 0 || p >= scenario_prospect_count(sc))
        return;
    const Prospect *pr = scenario_prospect(sc, p);
    const ProspectState *ps = game_prospect(g, p);
    for (int r = 0; r < RESEARCH_COUNT; r++) {
        PlayItem *it = add(m, g, STAGE_PREPARE, ACTION_RESEARCH, p, r);
        if (!it)
            return;
        SDL_strlcpy(it->label, research_short[r], sizeof it->label);
        it->icon = "\xE2\x9C\x8E"; /* ✎ */
        int prep = scenario_research(sc, (Research)r)->prep;
        SDL_snprintf(it->hint, sizeof it->hint, "+%d prep", prep);
        int hidden = 0;
        for (int i = 0; i < pr->insight_count; i++)
            if ((int)pr->insights[i].topic == r)
                hidden++;
        SDL_snprintf(it->effect, sizeof it->effect,
                     "Adds up to %d preparation%s.", prep,
                     (ps->researched >> r) & 1u ? "" : hidden ? " and reveals what it turns up about their pains and interests" : "");
    }
    PlayItem *it = add(m, g, STAGE_PREPARE, ACTION_CRAFT, p, 0);
    if (it) {
        SDL_strlcpy(it->label, "Craft a value proposition", sizeof it->label);
        it->icon = "\xE2\x98\x85"; /* ★ */
        int prep = scenario_value_proposition(sc)->prep;
        SDL_snprintf(it->hint, sizeof it->hint, "+%d prep", prep);
        SDL_snprintf(it->effect, sizeof it->effect,
                     "Adds up to %d preparation: every later touch and meeting is more personal.", prep);
    }
    for (int c = 0; c < CHANNEL_COUNT; c++) {
        it = add(m, g, STAGE_PROSPECT, ACTION_TOUCH, p, c);
        if (!it)
            return;
        const ChannelRules *cr = scenario_channel(sc, (Channel)c);
        if (c == CHANNEL_PHONE)
            SDL_snprintf(it->label, sizeof it->label, "Call (%d dial%s)", cr->attempts,
                         cr->attempts == 1 ? "" : "s");
        else
            SDL_strlcpy(it->label, channel_label((Channel)c), sizeof it->label);
        it->icon = play_channel_icon((Channel)c);
        char what[120];
        if (c == CHANNEL_PHONE)
            SDL_strlcpy(what, ps->status == STATUS_ENGAGED ? "of booking a meeting on this warm call"
                                                           : "of booking a meeting",
                        sizeof what);
        else
            SDL_snprintf(what, sizeof what, "of a reply (arrives in %d day%s)", cr->delay_days,
                         cr->delay_days == 1 ? "" : "s");
        odds_hint(it, what);
        if (ps->prep < scenario_rules(sc)->generic_below)
            SDL_strlcat(it->effect, " Generic: you have not prepared this account.", sizeof it->effect);
    }
    for (int s = 0; s < scenario_step_count(sc); s++) {
        it = add(m, g, STAGE_PROGRESS, ACTION_PROGRESS, p, s);
        if (!it)
            return;
        const ProgressStep *st = scenario_step(sc, s);
        SDL_strlcpy(it->label, st->name, sizeof it->label);
        it->icon = "\xE2\x9A\x91"; /* ⚑ */
        char what[120];
        SDL_snprintf(what, sizeof what, "it goes well (+%d readiness)", st->readiness);
        odds_hint(it, what);
    }
    for (int c = 0; c < CLOSE_COUNT; c++) {
        it = add(m, g, STAGE_CLOSE, ACTION_CLOSE, p, c);
        if (!it)
            return;
        SDL_strlcpy(it->label, close_label((CloseTechnique)c), sizeof it->label);
        it->icon = c == CLOSE_PRESSURE ? "\xE2\x9A\xA0" : c == CLOSE_CONTRACT ? "\xE2\x9C\x8D" : "\xE2\x9C\x94";
        odds_hint(it, c == CLOSE_PRESSURE ? "to win, at a discount; a failure may lose the deal"
                                          : "to win the deal");
    }
    for (int i = 0; i < m->count; i++) {
        PlayItem *x = &m->items[i];
        if (x->odds_bp < 0 && x->action.kind != ACTION_RESEARCH && x->action.kind != ACTION_CRAFT) {
            SDL_strlcpy(x->hint, "\xE2\x80\x94", sizeof x->hint);
            SDL_strlcpy(x->effect, "No chance to estimate right now.", sizeof x->effect);
        }
    }
}

/* --- the prospect list: sort and filter ---------------------------------------------- */

const char *play_sort_label(PlaySort s)
{
    static const char *const names[PLAY_SORT_COUNT] = {"default", "stage", "value", "fit", "readiness"};
    return ((int)s >= 0 && s < PLAY_SORT_COUNT) ? names[s] : "?";
}

const char *play_filter_label(PlayFilter f)
{
    static const char *const names[PLAY_FILTER_COUNT] = {"all", "cold", "engaged", "opportunities", "closed",
                                                         "good fit"};
    return ((int)f >= 0 && f < PLAY_FILTER_COUNT) ? names[f] : "?";
}

int play_known_fit(const Game *g, int p)
{
    const ProspectState *ps = game_prospect(g, p);
    return ps && ps->fit_known ? scenario_prospect(game_scenario(g), p)->fit : -1;
}

static int is_closed(ProspectStatus s)
{
    return s == STATUS_WON || s == STATUS_LOST || s == STATUS_NO_DECISION || s == STATUS_BURNED;
}

int play_filter_match(const Game *g, int p, PlayFilter f)
{
    ProspectStatus s = game_prospect(g, p)->status;
    switch (f) {
    case PLAY_FILTER_ALL: return 1;
    case PLAY_FILTER_COLD: return s == STATUS_COLD;
    case PLAY_FILTER_ENGAGED: return s == STATUS_ENGAGED;
    case PLAY_FILTER_OPPORTUNITY: return s == STATUS_MEETING;
    case PLAY_FILTER_CLOSED: return is_closed(s);
    case PLAY_FILTER_GOOD_FIT: return !is_closed(s) && play_known_fit(g, p) >= PLAY_GOOD_FIT;
    default: return 1;
    }
}

/* Opportunities first, then engaged, cold, and the closed accounts. */
static int stage_rank(ProspectStatus s)
{
    switch (s) {
    case STATUS_MEETING: return 0;
    case STATUS_ENGAGED: return 1;
    case STATUS_COLD: return 2;
    case STATUS_WON: return 3;
    case STATUS_LOST: return 4;
    case STATUS_NO_DECISION: return 5;
    default: return 6;
    }
}

/* < 0 when prospect a comes before b. */
static int list_cmp(const Game *g, PlaySort sort, int a, int b)
{
    const Scenario *sc = game_scenario(g);
    const ProspectState *sa = game_prospect(g, a), *sb = game_prospect(g, b);
    int64_t va = scenario_prospect(sc, a)->deal_value, vb = scenario_prospect(sc, b)->deal_value;
    int d = 0;
    switch (sort) {
    case PLAY_SORT_STAGE:
        d = stage_rank(sa->status) - stage_rank(sb->status);
        break;
    case PLAY_SORT_FIT:
        /* unknown (-1) after every known fit; unknown fits tie, whatever they really are */
        d = play_known_fit(g, b) - play_known_fit(g, a);
        break;
    case PLAY_SORT_READINESS:
        d = is_closed(sa->status) - is_closed(sb->status);
        if (!d)
            d = sb->readiness - sa->readiness;
        if (!d)
            d = stage_rank(sa->status) - stage_rank(sb->status);
        break;
    default:
        break;
    }
    if (d)
        return d;
    if (sort != PLAY_SORT_DEFAULT && va != vb)
        return va > vb ? -1 : 1;
    return a - b;
}

void play_list_build(PlayList *l, const Game *g, PlaySort sort, PlayFilter filter, int keep)
{
    memset(l, 0, sizeof *l);
    l->kept = -1;
    int n = scenario_prospect_count(game_scenario(g));
    if (n > SCENARIO_MAX_PROSPECTS)
        n = SCENARIO_MAX_PROSPECTS;
    l->total = n;
    for (int p = 0; p < n; p++) {
        int match = play_filter_match(g, p, filter);
        if (!match && p != keep)
            continue;
        if (match)
            l->matches++;
        else
            l->kept = p;
        /* insertion sort: a few dozen rows */
        int i = l->count++;
        while (i > 0 && list_cmp(g, sort, p, l->order[i - 1]) < 0) {
            l->order[i] = l->order[i - 1];
            i--;
        }
        l->order[i] = p;
    }
}

int play_list_find(const PlayList *l, int p)
{
    for (int i = 0; i < l->count; i++)
        if (l->order[i] == p)
            return i;
    return -1;
}
