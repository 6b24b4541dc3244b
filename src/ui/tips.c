/* tips — advice chosen from the game's own numbers, most important first. */
#include "tips.h"

#include <SDL.h>

int tips_build(const Game *g, const ScoreCard *sc, char out[][TIPS_LEN], int max)
{
    const Scenario *s = game_scenario(g);
    const ScoringRules *w = scenario_scoring(s);
    int n = 0;
#define TIP(...)                                                                                   \
    do {                                                                                           \
        if (n < max)                                                                               \
            SDL_snprintf(out[n++], TIPS_LEN, __VA_ARGS__);                                         \
    } while (0)
    int prep_pct = sc->effort_share_bp[STAGE_PREPARE] / 100;
    int close_pct = sc->effort_share_bp[STAGE_CLOSE] / 100;
    if (sc->generic_exec_calls > 0)
        TIP("You made %d generic call%s to executives. Research the person and the company first: "
            "busy executives hang up on calls that are not about them.",
            sc->generic_exec_calls, sc->generic_exec_calls == 1 ? "" : "s");
    if (sc->burned > 0)
        TIP("%d prospect%s refused further contact. A burned account is gone for the quarter; "
            "prepare before the first touch.", sc->burned, sc->burned == 1 ? "" : "s");
    if (prep_pct < w->curve_sales2[STAGE_PREPARE] / 2)
        TIP("Only %d%% of your time went to preparation, against about %d%% in Sales 2.0. "
            "Spend the first days researching your key accounts.", prep_pct, w->curve_sales2[STAGE_PREPARE]);
    if (sc->lost_to_pressure > 0)
        TIP("Closing tricks lost you %d deal%s. Build readiness with meetings and proposals and let "
            "the buyer ask to sign.", sc->lost_to_pressure, sc->lost_to_pressure == 1 ? "" : "s");
    if (close_pct > w->curve_sales2[STAGE_CLOSE] * 2 && close_pct > 10)
        TIP("%d%% of your time went to closing. When the work up front is done, closing is a "
            "15-minute contract, not a battle.", close_pct);
    int touched = 0, one_channel = 0, few = 0;
    for (int p = 0; p < scenario_prospect_count(s); p++) {
        int t = game_touch_count(g, p);
        if (!t)
            continue;
        touched++;
        unsigned used = game_prospect(g, p)->channels_used;
        int distinct = 0;
        for (int c = 0; c < CHANNEL_COUNT; c++)
            distinct += (int)((used >> c) & 1u);
        one_channel += distinct <= 1;
        few += t <= 2 && game_prospect(g, p)->status == STATUS_COLD;
    }
    if (few > 0)
        TIP("You gave up on %d account%s after one or two touches. A campaign to get in takes six to "
            "eight varied touches.", few, few == 1 ? "" : "s");
    if (one_channel > 0 && touched > 0)
        TIP("%d account%s heard from you on one channel only. Mix mail, email, a gift or a book "
            "around your calls: the phone converts attention others build.", one_channel,
            one_channel == 1 ? "" : "s");
    if (sc->personalisation_pct > 0 && sc->personalisation_pct < 40)
        TIP("Your touches were only %d%% personalised. A value proposition and research on the "
            "person make every touch count for more.", sc->personalisation_pct);
    if (sc->deals_no_decision > 0)
        TIP("%d deal%s ended in no decision. Keep opportunities moving: a step every few days keeps "
            "them from stalling.", sc->deals_no_decision, sc->deals_no_decision == 1 ? "" : "s");
    if (sc->overworked_days > 0)
        TIP("You ended %d day%s exhausted, and tired work is worse work. End the day before your "
            "energy runs out.", sc->overworked_days, sc->overworked_days == 1 ? "" : "s");
    if (sc->deals_won > 0 && sc->buyer_initiated == sc->deals_won)
        TIP("Every deal you won, the buyer asked to sign: that is what front-loading buys.");
    if (sc->attainment_bp >= 10000)
        TIP("You made quota. Try a harder scenario, or the same seed with less closing effort.");
    TIP("Compare your curve with the Sales 2.0 curve on the Effort page: the more of it sits on "
        "Prepare and Prospect, the easier closing gets.");
    TIP("Replay the same seed and research every key account before the first call.");
    TIP("Hover over an action to see its odds before you commit your time.");
#undef TIP
    return n;
}
