/* rng — PCG32 (XSH RR 64/32), after the reference pcg32_random_r. */
#include "upfront/rng.h"

void rng_seed(Rng *rng, uint64_t seed, uint64_t stream)
{
    rng->state = 0u;
    rng->inc = (stream << 1u) | 1u;
    (void)rng_next(rng);
    rng->state += seed;
    (void)rng_next(rng);
}

uint32_t rng_next(Rng *rng)
{
    uint64_t old = rng->state;
    rng->state = old * 6364136223846793005ULL + rng->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

uint32_t rng_below(Rng *rng, uint32_t bound)
{
    if (bound == 0)
        return 0;
    uint32_t threshold = (uint32_t)(-bound) % bound;
    for (;;) {
        uint32_t r = rng_next(rng);
        if (r >= threshold)
            return r % bound;
    }
}

int rng_chance_bp(Rng *rng, int32_t chance_bp)
{
    if (chance_bp <= 0)
        return 0;
    if (chance_bp >= 10000)
        return 1;
    return rng_below(rng, 10000u) < (uint32_t)chance_bp;
}

uint64_t rng_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
