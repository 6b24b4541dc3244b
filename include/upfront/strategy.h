/* strategy — built-in players that choose actions for a game (sales1, sales2, random).
 * Strategies are static descriptions; nothing to free. A strategy only reads the game
 * and returns an action: game_apply is still the one path that changes state. */
#ifndef UPFRONT_STRATEGY_H
#define UPFRONT_STRATEGY_H

#include "upfront/game.h"
#include "upfront/rng.h"

typedef struct Strategy Strategy;

int strategy_count(void);
const Strategy *strategy_get(int i);
/* Returns the strategy with this name, or NULL. */
const Strategy *strategy_find(const char *name);
const char *strategy_name(const Strategy *s);
const char *strategy_description(const Strategy *s);

/* Chooses the next action; always legal (END_DAY when nothing else fits). rng is the
 * strategy's own stream, separate from the game's. */
Action strategy_choose(const Strategy *s, const Game *g, Rng *rng);

/* Plays the game to its end with the strategy; rng seeded from seed. Returns 0, or -1 if
 * an action was refused (a bug). */
int strategy_play(const Strategy *s, Game *g, uint64_t seed);

#endif
