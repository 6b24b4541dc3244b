/* libFuzzer harness: the scenario loader (scenario_load) on arbitrary bytes. A loaded
 * scenario starts a game and plays a few legal actions; diagnostics are printed in both
 * formats. Any crash, hang, leak or sanitizer report is a finding. */
#include "fuzz_common.h"

#include "upfront/game.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    Scenario *s = scenario_load((const char *)data, size, "fuzz.json", d);
    FILE *sink = fuzz_sink();
    if (sink) {
        diag_print(sink, "fuzz.json", d);
        diag_print_json(sink, "fuzz.json", d);
    }
    if (s) {
        if (diag_error_count(d) != 0)
            abort(); /* a loaded scenario has no errors */
        Game *g = game_new(s, 1);
        for (int i = 0; g && i < 40 && !game_over(g); i++) {
            Action acts[256];
            int n = game_legal_actions(g, acts, 256);
            if (n <= 0)
                break;
            if (game_apply(g, &acts[(i * 7) % n]) != ACTION_OK)
                abort(); /* a legal action is accepted */
        }
        game_free(g);
    } else if (diag_error_count(d) == 0) {
        abort(); /* a refused scenario says why */
    }
    scenario_free(s);
    diag_list_free(d);
    return 0;
}
