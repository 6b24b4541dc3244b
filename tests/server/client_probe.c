/* client_probe — the class client (src/server/client.c) without a window, for
 * test_server.py's client case: queues results files and a progress report for a server
 * and waits for the queue to empty.
 * Usage: client_probe URL QUEUE_ROOT [--results FILE]... [--progress-of FILE] [--wait MS]
 * Prints "queued N sent N refused N reachable N" at the end; exit 0 when the queue
 * emptied within --wait (default 0: just queue and stop; a later probe sends it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "upfront/diag.h"
#include "upfront/file.h"
#include "upfront/results.h"
#include "upfront/scenario.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: client_probe URL QUEUE_ROOT [--results FILE]... [--wait MS]\n");
        return 2;
    }
    char err[256];
    ClassClient *c = client_new(argv[1], argv[2], err, sizeof err);
    if (!c) {
        fprintf(stderr, "client_probe: %s\n", err);
        return 2;
    }
    long wait_ms = 0;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--wait") == 0) {
            wait_ms = strtol(argv[i + 1], NULL, 10);
            continue;
        }
        char *buf = NULL;
        size_t len = 0;
        if (file_read_all(argv[i + 1], RESULTS_MAX_BYTES, &buf, &len) != FILE_OK) {
            fprintf(stderr, "client_probe: cannot read %s\n", argv[i + 1]);
            client_free(c);
            return 2;
        }
        int rc = 0;
        if (strcmp(argv[i], "--results") == 0) {
            rc = client_send_results(c, buf, len);
        } else if (strcmp(argv[i], "--progress-of") == 0) {
            /* the progress of the game in a results file, replayed on its recorded scenario */
            DiagList *d = diag_list_new();
            ActionLog hdr, log;
            memset(&hdr, 0, sizeof hdr);
            memset(&log, 0, sizeof log);
            Scenario *s = NULL;
            Game *g = NULL;
            int unreadable = 0;
            if (results_read_header(buf, len, argv[i + 1], &hdr, d) == 0 && hdr.scenario_path)
                s = scenario_load_file(hdr.scenario_path, d, &unreadable);
            if (s && results_read_actions(buf, len, argv[i + 1], s, &log, d) == 0)
                g = results_replay(s, log.seed, &log, argv[i + 1], d);
            char *json = g ? client_progress_json(g, log.player, 600) : NULL;
            rc = json ? client_send_progress(c, json, strlen(json)) : -1;
            free(json);
            game_free(g);
            scenario_free(s);
            action_log_free(&hdr);
            action_log_free(&log);
            diag_list_free(d);
        }
        free(buf);
        if (rc != 0) {
            fprintf(stderr, "client_probe: could not queue %s\n", argv[i + 1]);
            client_free(c);
            return 2;
        }
    }
    int flushed = wait_ms > 0 ? client_flush(c, (int)wait_ms) : 0;
    ClientStatus st;
    client_status(c, &st);
    client_free(c);
    printf("queued %d sent %d refused %d reachable %d error %s\n", st.queued, st.sent, st.refused,
           st.reachable, st.last_error[0] ? st.last_error : "-");
    return wait_ms > 0 && !flushed ? 1 : 0;
}
