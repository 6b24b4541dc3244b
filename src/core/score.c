/* score — the explained score. Integer arithmetic throughout; docs/scoring.md explains it. */
#include "upfront/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const component_names[SCORE_COMPONENT_COUNT] = {"results", "process",
                                                                   "efficiency", "penalties"};
static const char *const component_labels[SCORE_COMPONENT_COUNT] = {"Results", "Process",
                                                                    "Efficiency", "Penalties"};

const char *score_component_name(ScoreComponent c)
{
    return ((int)c >= 0 && c < SCORE_COMPONENT_COUNT) ? component_names[c] : "?";
}

const char *score_component_label(ScoreComponent c)
{
    return ((int)c >= 0 && c < SCORE_COMPONENT_COUNT) ? component_labels[c] : "?";
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Minutes of closing effort per won deal that still count as effortless, and where the
 * efficiency of closing reaches zero. */
#define CLOSE_EASY_MINUTES 60
#define CLOSE_HARD_MINUTES 360

void score_format_money(char *buf, size_t size, int64_t v, const char *currency)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
    char grouped[48];
    size_t n = strlen(digits), j = 0;
    for (size_t i = 0; i < n && j + 2 < sizeof grouped; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[j++] = ',';
        grouped[j++] = digits[i];
    }
    grouped[j] = '\0';
    snprintf(buf, size, "%s%s %s", v < 0 ? "-" : "", grouped, currency);
}

int score_frontload_pct(const ScoringRules *w, const int share_bp[STAGE_COUNT])
{
    /* the projection of the curve onto the line from the Sales 1.0 curve (0) to the Sales
     * 2.0 curve (100): t = (x - a).(b - a) / |b - a|^2, clamped */
    int64_t dot = 0, len2 = 0, total = 0;
    for (int s = 0; s < STAGE_COUNT; s++) {
        int64_t a = (int64_t)w->curve_sales1[s] * 100, b = (int64_t)w->curve_sales2[s] * 100;
        dot += ((int64_t)share_bp[s] - a) * (b - a);
        len2 += (b - a) * (b - a);
        total += share_bp[s];
    }
    if (total <= 0)
        return 0; /* no effort is not a curve */
    if (len2 == 0)
        return 100; /* the two reference curves are one: every curve is on it */
    int64_t t = (dot * 100 + len2 / 2) / len2;
    return (int)clamp64(t, 0, 100);
}

int64_t score_max(const Scenario *sc)
{
    const ScoringRules *w = scenario_scoring(sc);
    return (int64_t)w->results_weight * SCORE_MAX_ATTAINMENT_BP / 10000 + w->process_weight +
           w->efficiency_weight;
}

void score_compute(const Game *g, ScoreCard *out)
{
    memset(out, 0, sizeof *out);
    const Scenario *sc = game_scenario(g);
    const ScoringRules *w = scenario_scoring(sc);
    int np = scenario_prospect_count(sc);

    /* --- the figures */
    out->revenue = game_revenue(g);
    out->quota = scenario_quota(sc);
    out->attainment_bp = (int)clamp64(out->quota > 0 ? out->revenue * 10000 / out->quota : 0, 0, 1000000);
    out->deals_won = game_deals_won(g);
    out->overworked_days = game_overworked_days(g);

    int64_t pers_sum = 0, touches = 0, breadth_sum = 0, touched = 0;
    for (int p = 0; p < np; p++) {
        const ProspectState *s = game_prospect(g, p);
        out->deals_lost += s->status == STATUS_LOST;
        out->deals_no_decision += s->status == STATUS_NO_DECISION;
        out->buyer_initiated += s->status == STATUS_WON && s->buyer_initiated;
        out->generic_exec_calls += s->generic_exec_calls;
        out->generic_exec_accounts += s->generic_exec_pitched;
        out->burned += s->status == STATUS_BURNED;
        out->lost_to_pressure += s->lost_to_pressure;
        int n = game_touch_count(g, p);
        for (int i = 0; i < n; i++) {
            pers_sum += game_touch(g, p, i)->personalisation;
            touches++;
        }
        if (n > 0) {
            int distinct = 0;
            for (int c = 0; c < CHANNEL_COUNT; c++)
                distinct += (int)((s->channels_used >> c) & 1u);
            breadth_sum += (distinct > 4 ? 4 : distinct) * 100 / 4;
            touched++;
        }
    }
    out->personalisation_pct = touches ? (int)(pers_sum / touches) : 0;
    out->breadth_pct = touched ? (int)(breadth_sum / touched) : 0;

    int64_t total_min = 0;
    for (int s = 0; s < STAGE_COUNT; s++)
        total_min += game_effort_minutes(g, (Stage)s);
    if (total_min > 0) {
        int64_t assigned = 0;
        for (int s = 0; s < STAGE_COUNT; s++) {
            out->effort_share_bp[s] = (int)(game_effort_minutes(g, (Stage)s) * 10000 / total_min);
            assigned += out->effort_share_bp[s];
        }
        /* rounding remainder goes to the largest stage so the shares sum to 10000 */
        int big = 0;
        for (int s = 1; s < STAGE_COUNT; s++)
            if (out->effort_share_bp[s] > out->effort_share_bp[big])
                big = s;
        out->effort_share_bp[big] += (int)(10000 - assigned);
        out->frontload_pct = score_frontload_pct(w, out->effort_share_bp);
    }
    out->time_used_bp = game_time_used_bp(g);
    int close_min = game_effort_minutes(g, STAGE_CLOSE);
    out->close_minutes_per_win = out->deals_won ? close_min / out->deals_won : 0;

    /* --- the points */
    /* Process and efficiency only count in full once revenue comes in: no farming them. */
    int64_t gate = clamp64(25 + out->attainment_bp / 100, 25, 100);

    /* ... and only in the share of the period actually worked (in full from 80%): idle
     * hours are not effort, so doing little cannot score well on process either */
    int64_t worked = clamp64((int64_t)out->time_used_bp * 100 / 8000, 0, 100);

    out->points[SCORE_RESULTS] =
        (int64_t)w->results_weight * clamp64(out->attainment_bp, 0, SCORE_MAX_ATTAINMENT_BP) / 10000;

    int64_t process_raw = (50 * (int64_t)out->frontload_pct + 30 * (int64_t)out->personalisation_pct +
                           20 * (int64_t)out->breadth_pct) / 100;
    out->points[SCORE_PROCESS] = (int64_t)w->process_weight * process_raw / 100 * gate / 100 * worked / 100;

    int64_t close_eff = 0;
    if (out->deals_won > 0)
        close_eff = clamp64((int64_t)(CLOSE_HARD_MINUTES - out->close_minutes_per_win) * 100 /
                                (CLOSE_HARD_MINUTES - CLOSE_EASY_MINUTES), 0, 100);
    int days = scenario_day_count(sc);
    int64_t energy_eff = days > 0 ? clamp64(100 - (int64_t)out->overworked_days * 100 * 4 / days, 0, 100) : 100;
    int64_t eff_raw = (60 * close_eff + 40 * energy_eff) / 100;
    out->points[SCORE_EFFICIENCY] = (int64_t)w->efficiency_weight * eff_raw / 100 * gate / 100 * worked / 100;

    out->points[SCORE_PENALTIES] = (int64_t)out->generic_exec_accounts * w->penalty_generic_exec +
                                   (int64_t)out->burned * w->penalty_burned +
                                   (int64_t)out->lost_to_pressure * w->penalty_pressure_loss;

    int64_t total = out->points[SCORE_RESULTS] + out->points[SCORE_PROCESS] +
                    out->points[SCORE_EFFICIENCY] - out->points[SCORE_PENALTIES];
    out->total = total > 0 ? total : 0;

    /* --- the sentences */
    const char *cur = scenario_currency(sc);
    char rev[64], quota[64];
    score_format_money(rev, sizeof rev, out->revenue, cur);
    score_format_money(quota, sizeof quota, out->quota, cur);
    snprintf(out->sentence[SCORE_RESULTS], sizeof out->sentence[SCORE_RESULTS],
             "%s closed against a quota of %s (%d%%) from %d deal%s; %d of them the buyer asked "
             "to sign.",
             rev, quota, out->attainment_bp / 100, out->deals_won, out->deals_won == 1 ? "" : "s",
             out->buyer_initiated);
    if (total_min == 0)
        snprintf(out->sentence[SCORE_PROCESS], sizeof out->sentence[SCORE_PROCESS],
                 "No selling effort yet, so no process points.");
    else
        snprintf(out->sentence[SCORE_PROCESS], sizeof out->sentence[SCORE_PROCESS],
                 "Your effort curve sits %d%% of the way from Sales 1.0 to Sales 2.0; touches "
                 "were %d%% personalised and campaigns %d%% varied%s.",
                 out->frontload_pct, out->personalisation_pct, out->breadth_pct,
                 gate < 100 ? " (counted in part until revenue comes in)" : "");
    if (out->deals_won > 0)
        snprintf(out->sentence[SCORE_EFFICIENCY], sizeof out->sentence[SCORE_EFFICIENCY],
                 "Closing took %d minutes per won deal; you ended %d day%s exhausted.",
                 out->close_minutes_per_win, out->overworked_days,
                 out->overworked_days == 1 ? "" : "s");
    else
        snprintf(out->sentence[SCORE_EFFICIENCY], sizeof out->sentence[SCORE_EFFICIENCY],
                 "No deal won, so closing effort bought nothing; you ended %d day%s exhausted.",
                 out->overworked_days, out->overworked_days == 1 ? "" : "s");
    if (out->points[SCORE_PENALTIES] == 0)
        snprintf(out->sentence[SCORE_PENALTIES], sizeof out->sentence[SCORE_PENALTIES],
                 "No generic calls to executives, no burned prospects, no deals lost to pressure.");
    else
        snprintf(out->sentence[SCORE_PENALTIES], sizeof out->sentence[SCORE_PENALTIES],
                 "%d generic call%s to executives (%d executive%s heard the pitch), %d burned "
                 "prospect%s and %d deal%s lost to pressure cost points.",
                 out->generic_exec_calls, out->generic_exec_calls == 1 ? "" : "s",
                 out->generic_exec_accounts, out->generic_exec_accounts == 1 ? "" : "s", out->burned,
                 out->burned == 1 ? "" : "s", out->lost_to_pressure,
                 out->lost_to_pressure == 1 ? "" : "s");
}
