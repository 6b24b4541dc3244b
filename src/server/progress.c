/* progress — the progress of a game as the class server reads it (POST /api/progress):
 * client_progress_json, declared in client.h. Apart from client.c (no libcurl) so the
 * browser version (src/web), which sends it with fetch, builds the same text. */
#include "client.h"

#include <inttypes.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "upfront/score.h"

char *client_progress_json(const Game *g, const char *player, long time_left_s)
{
    const Scenario *s = game_scenario(g);
    ScoreCard card;
    score_compute(g, &card);
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, game_seed(g));
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "player", player ? player : "");
    cJSON_AddStringToObject(o, "scenario", scenario_id(s));
    cJSON_AddStringToObject(o, "scenario_hash", scenario_hash(s));
    cJSON_AddStringToObject(o, "seed", seed);
    int days = scenario_day_count(s);
    int day = game_day(g);
    cJSON_AddNumberToObject(o, "day", day > days + 1 ? days + 1 : day);
    cJSON_AddNumberToObject(o, "days", days);
    cJSON_AddNumberToObject(o, "week", game_week(g));
    cJSON *e = cJSON_AddObjectToObject(o, "effort");
    for (int st = 0; st < STAGE_COUNT; st++)
        cJSON_AddNumberToObject(e, stage_name((Stage)st), game_effort_minutes(g, (Stage)st));
    cJSON_AddNumberToObject(o, "score", (double)card.total);
    cJSON_AddBoolToObject(o, "finished", game_over(g));
    if (time_left_s >= 0)
        cJSON_AddNumberToObject(o, "time_left_s", (double)time_left_s);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}
