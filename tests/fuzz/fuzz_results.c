/* libFuzzer harness: the results loader. Arbitrary bytes go through results_read_header
 * (no scenario) and results_read_actions against the default scenario; an accepted log is
 * replayed and its recorded figures compared with the replay through one parsed
 * ResultsDoc, as verify does (which must read the same log); and the bytes are resumed as
 * a save (save_load_buffer). Any crash, hang, leak or sanitizer report is a finding. */
#include "fuzz_common.h"

#include <string.h>

#include "upfront/results.h"
#include "upfront/save.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Scenario *s = fuzz_default_scenario();
    DiagList *d = diag_list_new();
    if (!d)
        return 0;
    ActionLog log;
    memset(&log, 0, sizeof log);
    if (results_read_header((const char *)data, size, "fuzz.json", &log, d) != 0 &&
        diag_error_count(d) == 0)
        abort(); /* a refused file says why */
    action_log_free(&log);

    memset(&log, 0, sizeof log);
    int rc = results_read_actions((const char *)data, size, "fuzz.json", s, &log, d);
    if (rc == 0) {
        Game *g = results_replay(s, log.has_seed ? log.seed : 1, &log, "fuzz.json", d);
        ResultsDoc *doc = results_doc_parse((const char *)data, size, d);
        ActionLog again;
        memset(&again, 0, sizeof again);
        if (!doc || results_doc_actions(doc, "fuzz.json", s, &again, d) != 0 ||
            again.count != log.count)
            abort(); /* one parse reads what two did */
        if (g) /* whatever it finds, under the sanitizers */
            (void)results_doc_compare(doc, g, NULL, NULL);
        action_log_free(&again);
        results_doc_free(doc);
        game_free(g);
    }
    Game *resumed = save_load_buffer((const char *)data, size, "fuzz.json", s, NULL, d);
    if (rc != 0 && resumed)
        abort(); /* what does not read as a results file cannot resume */
    game_free(resumed);
    FILE *sink = fuzz_sink();
    if (sink)
        diag_print(sink, "fuzz.json", d);
    action_log_free(&log);
    diag_list_free(d);
    return 0;
}
