/* cmd_paths — where the program finds its data (scenarios, fonts) and where it keeps each
 * user's results, settings and personal bests: for IT staff, instructors and bug reports. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

typedef struct Paths {
    const char *data_dir;  /* NULL when not found */
    char *scenarios;       /* owned; NULL when data_dir is NULL */
    char *user_dir;        /* owned; NULL when there is no home folder */
    char *results;         /* owned */
    char *settings;        /* owned */
    char *save;            /* owned: the game in progress (src/ui/app.c) */
    char problem[1200];    /* why there is no usable user folder, "" when there is */
    char searched[8192];
} Paths;

static void paths_free(Paths *p)
{
    free(p->scenarios);
    free(p->user_dir);
    free(p->results);
    free(p->settings);
    free(p->save);
}

static int print_json(const Paths *p, char **dirs, const char **where, int n)
{
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL;
    ok = ok && (p->data_dir ? cJSON_AddStringToObject(o, "data_dir", p->data_dir)
                            : cJSON_AddNullToObject(o, "data_dir")) != NULL;
    ok = ok && (p->scenarios ? cJSON_AddStringToObject(o, "scenarios", p->scenarios)
                             : cJSON_AddNullToObject(o, "scenarios")) != NULL;
    cJSON *searched = ok ? cJSON_AddArrayToObject(o, "data_dir_searched") : NULL;
    for (int i = 0; ok && i < n; i++) {
        cJSON *c = cJSON_CreateObject();
        ok = c && cJSON_AddStringToObject(c, "folder", dirs[i]) &&
             cJSON_AddStringToObject(c, "why", where[i]);
        if (c && (!searched || !cJSON_AddItemToArray(searched, c))) {
            cJSON_Delete(c);
            ok = 0;
        }
    }
    const char *keys[] = {"user_dir", "results", "settings", "save"};
    const char *vals[] = {p->user_dir, p->results, p->settings, p->save};
    for (int i = 0; ok && i < 4; i++)
        ok = (vals[i] ? cJSON_AddStringToObject(o, keys[i], vals[i])
                      : cJSON_AddNullToObject(o, keys[i])) != NULL;
    ok = ok && (p->problem[0] ? cJSON_AddStringToObject(o, "user_dir_problem", p->problem)
                              : cJSON_AddNullToObject(o, "user_dir_problem")) != NULL;
    char *text = ok ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        cli_error("paths", "out of memory");
        return CLI_FAILURE;
    }
    fputs(text, stdout);
    fputc('\n', stdout);
    cJSON_free(text);
    return CLI_OK;
}

static void print_text(const Paths *p, char **dirs, const char **where, int n)
{
    char none[1300];
    snprintf(none, sizeof none, "(none: %s)", p->problem);
    if (p->data_dir) {
        const char *why = "";
        for (int i = 0; i < n; i++)
            if (strcmp(dirs[i], p->data_dir) == 0) {
                why = where[i];
                break;
            }
        printf("data folder   %s  (%s)\n", p->data_dir, why);
        printf("scenarios     %s\n", p->scenarios);
    } else {
        printf("data folder   not found; looked in:\n");
        for (int i = 0; i < n; i++)
            printf("                %s  (%s)\n", dirs[i], where[i]);
    }
    if (p->user_dir && p->problem[0])
        printf("user data     %s  (unusable: %s)\n", p->user_dir, p->problem);
    else
        printf("user data     %s\n", p->user_dir ? p->user_dir : none);
    printf("results       %s  (games played in the window; 'play --results DIR' "
           "overrides)\n",
           p->results ? p->results : none);
    printf("settings      %s  (preferences and personal bests)\n",
           p->settings ? p->settings : none);
    printf("saved game    %s  (the game in progress, to resume)\n", p->save ? p->save : none);
}

int cmd_paths(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("paths");
    int json = 0, rc = CLI_OK;
    const CliOpt opts[] = {{"json", NULL, &json}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 1, pos, &rc);
    free(pos);
    if (npos < 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("paths", "takes no arguments");

    Paths p;
    memset(&p, 0, sizeof p);
    char **dirs = NULL;
    const char **where = NULL;
    int n = 0;
    if (cli_data_dir_candidates(&dirs, &where, &n) != 0) {
        cli_error("paths", "out of memory");
        return CLI_FAILURE;
    }
    p.data_dir = cli_data_dir(p.searched, sizeof p.searched);
    int oom = 0;
    if (p.data_dir)
        oom |= !(p.scenarios = cli_join(p.data_dir, "scenarios"));
    p.user_dir = cli_user_dir();
    if (!p.user_dir)
        snprintf(p.problem, sizeof p.problem, "%s", cli_user_dir_none());
    else
        cli_user_dir_problem(p.user_dir, p.problem, sizeof p.problem);
    if (p.user_dir) {
        oom |= !(p.results = cli_join(p.user_dir, "results"));
        oom |= !(p.settings = cli_join(p.user_dir, "settings.json"));
        oom |= !(p.save = cli_join(p.user_dir, "save.json"));
    }
    if (oom) {
        cli_error("paths", "out of memory");
        rc = CLI_FAILURE;
    } else if (json) {
        rc = print_json(&p, dirs, where, n);
    } else {
        print_text(&p, dirs, where, n);
    }
    if (rc == CLI_OK && !p.data_dir) {
        cli_error("paths",
                  "cannot find the data folder (scenarios/%s.json); looked in: %s; set "
                  "UPFRONT_DATA_DIR to the folder that holds scenarios/",
                  CLI_DEFAULT_SCENARIO, p.searched[0] ? p.searched : "nothing");
        rc = CLI_FAILURE;
    }
    cli_free_list(dirs, n);
    free(where);
    paths_free(&p);
    return cli_finish(rc);
}
