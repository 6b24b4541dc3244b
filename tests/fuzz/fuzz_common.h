/* Shared helpers of the fuzz harnesses: the default scenario, loaded once and kept for
 * the life of the process (the fuzzer runs every input in one process). */
#ifndef UPFRONT_FUZZ_COMMON_H
#define UPFRONT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "upfront/diag.h"
#include "upfront/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef UPFRONT_SOURCE_DIR
#define UPFRONT_SOURCE_DIR "."
#endif

/* The default scenario; aborts when it cannot be loaded (a broken tree, not a finding). */
static inline const Scenario *fuzz_default_scenario(void)
{
    static Scenario *s;
    if (!s) {
        DiagList *d = diag_list_new();
        s = scenario_load_file(UPFRONT_SOURCE_DIR "/scenarios/midmarket-quarter.json", d, NULL);
        diag_list_free(d);
        if (!s) {
            fprintf(stderr, "fuzz: cannot load the default scenario\n");
            abort();
        }
    }
    return s;
}

/* A sink for printed diagnostics, so printing is exercised too. */
static inline FILE *fuzz_sink(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    return f;
}

#endif
