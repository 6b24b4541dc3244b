/* tips — three concrete tips for the debrief, drawn from what happened in the game.
 * Fills caller-owned buffers; nothing to free. */
#ifndef UPFRONT_UI_TIPS_H
#define UPFRONT_UI_TIPS_H

#include "upfront/game.h"
#include "upfront/score.h"

#define TIPS_LEN 260

/* Writes up to max tips (most important first) into out; returns how many. */
int tips_build(const Game *g, const ScoreCard *sc, char out[][TIPS_LEN], int max);

#endif
