/* save — saves are results files of unfinished games; resuming replays them (save.h). */
#include "upfront/save.h"
#include "upfront/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "json_strict.h"

#define SAVE_MAX_DEPTH 32 /* as deep as a results file may nest */

FileStatus save_write(const char *path, const Game *g, const ResultsMeta *meta)
{
    char *text = results_to_json(g, meta);
    if (!text) {
        errno = ENOMEM;
        return FILE_ERR_NOMEM;
    }
    FileStatus st = file_write_atomic(path, text, strlen(text));
    int e = errno;
    alloc_free(text);
    errno = e;
    return st;
}

/* Reads path into a buffer (caller frees), or adds the one unreadable-file diagnostic. */
static char *read_save(const char *path, size_t *len, DiagList *diags, int *unreadable)
{
    char *buf = NULL;
    errno = 0;
    FileStatus st = file_read_all(path, SAVE_MAX_BYTES, &buf, len);
    if (st == FILE_OK)
        return buf;
    int e = errno;
    if (unreadable)
        *unreadable = 1;
    if (st == FILE_ERR_TOO_BIG)
        diag_add(diags, DIAG_ERROR, 0, 0, "", "file too large (the limit is %u bytes)",
                 SAVE_MAX_BYTES);
    else
        diag_add(diags, DIAG_ERROR, 0, 0, "", "cannot read the save: %s",
                 file_status_message(st, e));
    return NULL;
}

int save_read_header(const char *path, ActionLog *info, DiagList *diags, int *unreadable)
{
    memset(info, 0, sizeof *info);
    size_t len = 0;
    char *buf = read_save(path, &len, diags, unreadable);
    if (!buf)
        return -1;
    int rc = results_read_header(buf, len, path, info, diags);
    alloc_free(buf);
    return rc;
}

/* Adds an error at the value that pointer names in buf, or at line 0 without it. */
static void error_at(const char *buf, size_t len, const char *pointer, DiagList *diags,
                     const char *message)
{
    int line = 0, col = 0;
    DiagList *scratch = diag_list_new();
    JsonDoc *doc = scratch ? json_strict_parse(buf, len, SAVE_MAX_DEPTH, scratch) : NULL;
    const JsonLoc *loc = doc ? json_doc_find(doc, pointer) : NULL;
    if (loc) {
        line = loc->line;
        col = loc->col;
    }
    json_doc_free(doc);
    diag_list_free(scratch);
    diag_add(diags, DIAG_ERROR, line, col, line ? pointer : "", "%s", message);
}

Game *save_load_buffer(const char *buf, size_t len, const char *file, const Scenario *s,
                       ActionLog *info, DiagList *diags)
{
    ActionLog local;
    ActionLog *log = info ? info : &local;
    memset(log, 0, sizeof *log);
    /* The header first: a save of another scenario is refused before its actions are
     * resolved against this one. */
    if (results_read_header(buf, len, file, log, diags) != 0)
        return NULL;
    int ok = 0;
    char msg[512];
    if (!log->scenario_id || strcmp(log->scenario_id, scenario_id(s)) != 0) {
        snprintf(msg, sizeof msg, "this game was saved on scenario \"%s\", not \"%s\"",
                 log->scenario_id ? log->scenario_id : "", scenario_id(s));
        error_at(buf, len, "/scenario/id", diags, msg);
    } else if (!log->scenario_hash || strcmp(log->scenario_hash, scenario_hash(s)) != 0) {
        snprintf(msg, sizeof msg,
                 "the scenario has changed since this game was saved (hash %s, now %s)",
                 log->scenario_hash ? log->scenario_hash : "", scenario_hash(s));
        error_at(buf, len, "/scenario/hash", diags, msg);
    } else {
        ok = 1;
    }
    action_log_free(log);
    if (!ok)
        return NULL;
    if (results_read_actions(buf, len, file, s, log, diags) != 0)
        return NULL;
    Game *g = results_replay(s, log->seed, log, file, diags);
    if (!g || log == &local)
        action_log_free(log);
    return g;
}

Game *save_load(const char *path, const Scenario *s, ActionLog *info, DiagList *diags,
                int *unreadable)
{
    if (info)
        memset(info, 0, sizeof *info);
    size_t len = 0;
    char *buf = read_save(path, &len, diags, unreadable);
    if (!buf)
        return NULL;
    Game *g = save_load_buffer(buf, len, path, s, info, diags);
    alloc_free(buf);
    return g;
}
