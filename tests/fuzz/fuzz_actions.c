/* libFuzzer harness: the action reader. Arbitrary bytes are read as an action list against
 * the default scenario; an accepted list is replayed, the game written as a results file,
 * and that file read back and replayed again: the writer must re-read what it wrote, to the
 * same state. Any crash, hang, leak, sanitizer report or round-trip mismatch is a finding. */
#include "fuzz_common.h"

#include <string.h>

#include "upfront/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Scenario *s = fuzz_default_scenario();
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    ActionLog log;
    memset(&log, 0, sizeof log);
    int rc = results_read_actions((const char *)data, size, "fuzz.json", s, &log, d);
    if (rc != 0 && diag_error_count(d) == 0)
        abort(); /* a refused list says why */
    Game *g = rc == 0 ? results_replay(s, 7, &log, "fuzz.json", d) : NULL;
    if (g) {
        ResultsMeta meta = {.player = "fuzz", .scenario_path = "fuzz.json"};
        char *text = results_to_json(g, &meta);
        if (text) {
            ActionLog back;
            memset(&back, 0, sizeof back);
            DiagList *d2 = diag_list_new();
            if (d2) {
                if (results_read_actions(text, strlen(text), "back.json", s, &back, d2) != 0)
                    abort(); /* the writer's output must read back */
                Game *g2 = results_replay(s, back.seed, &back, "back.json", d2);
                if (!g2 || game_state_hash(g2) != game_state_hash(g))
                    abort(); /* ... and replay to the same state */
                game_free(g2);
                diag_list_free(d2);
            }
            action_log_free(&back);
            free(text);
        }
        game_free(g);
    }
    action_log_free(&log);
    diag_list_free(d);
    return 0;
}
