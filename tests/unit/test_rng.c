#include "check.h"
#include "upfront/rng.h"

/* Known answers from the PCG reference (pcg32-demo: seed 42, stream 54). */
static void rng_should_match_pcg32_reference_output(void)
{
    static const uint32_t expected[6] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                         0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
    Rng r;
    rng_seed(&r, 42u, 54u);
    for (int i = 0; i < 6; i++)
        CHECK_EQ_INT(rng_next(&r), expected[i]);
}

static void rng_below_should_stay_in_range(void)
{
    Rng r;
    rng_seed(&r, 7u, 1u);
    for (int i = 0; i < 10000; i++)
        CHECK(rng_below(&r, 13u) < 13u);
    CHECK_EQ_INT(rng_below(&r, 0u), 0);
}

static void rng_chance_should_honour_the_extremes_and_the_mean(void)
{
    Rng r;
    rng_seed(&r, 9u, 3u);
    int hits = 0;
    for (int i = 0; i < 100000; i++) {
        CHECK_EQ_INT(rng_chance_bp(&r, 0), 0);
        CHECK_EQ_INT(rng_chance_bp(&r, 10000), 1);
        hits += rng_chance_bp(&r, 2500);
    }
    CHECK(hits > 24000 && hits < 26000);
}

static void rng_same_seed_should_give_the_same_sequence(void)
{
    Rng a, b;
    rng_seed(&a, 123u, 5u);
    rng_seed(&b, 123u, 5u);
    for (int i = 0; i < 1000; i++)
        CHECK_EQ_INT(rng_next(&a), rng_next(&b));
}

int main(void)
{
    RUN(rng_should_match_pcg32_reference_output);
    RUN(rng_below_should_stay_in_range);
    RUN(rng_chance_should_honour_the_extremes_and_the_mean);
    RUN(rng_same_seed_should_give_the_same_sequence);
    return check_done();
}
