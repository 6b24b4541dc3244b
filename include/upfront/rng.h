/* rng — the game's deterministic random numbers (PCG32, O'Neill 2014).
 * An Rng is a plain value owned by whoever embeds it; nothing to free. */
#ifndef UPFRONT_RNG_H
#define UPFRONT_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t state;
    uint64_t inc;
} Rng;

/* Seeds the generator with a seed and a stream selector (pcg32_srandom_r). */
void rng_seed(Rng *rng, uint64_t seed, uint64_t stream);

/* Returns the next 32 uniformly distributed bits. */
uint32_t rng_next(Rng *rng);

/* Returns a uniform integer in [0, bound) without modulo bias; 0 when bound is 0. */
uint32_t rng_below(Rng *rng, uint32_t bound);

/* Returns 1 with probability chance_bp / 10000 (clamped to 0..10000), else 0. */
int rng_chance_bp(Rng *rng, int32_t chance_bp);

/* Mixes a 64-bit value (splitmix64 finaliser); used to derive per-run seeds. */
uint64_t rng_mix64(uint64_t x);

#endif
