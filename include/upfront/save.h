/* save — a game in progress, saved to a file and resumed from it.
 *
 * A save is a results file of the unfinished game (results_to_json: format, scenario id
 * and hash, seed, player, start time, the full action log, the score so far), written
 * atomically, so a crash or a full disk leaves the previous save intact. Resuming reads it
 * and replays the action log on a fresh game, which reaches the same state: the same
 * scenario, seed and actions give the same game. save_load returns a Game the caller frees
 * with game_free and fills a caller-owned ActionLog (player, start time, scenario facts)
 * freed with action_log_free. */
#ifndef UPFRONT_SAVE_H
#define UPFRONT_SAVE_H

#include <stddef.h>

#include "upfront/diag.h"
#include "upfront/file.h"
#include "upfront/game.h"
#include "upfront/results.h"

#define SAVE_MAX_BYTES RESULTS_MAX_BYTES

/* Writes the game to path atomically (temporary file, fsync, rename, fsync of the folder).
 * Returns FILE_OK, or the failure with errno set (FILE_ERR_NOMEM when out of memory); on
 * failure the previous file at path is intact. */
FileStatus save_write(const char *path, const Game *g, const ResultsMeta *meta);

/* Reads which scenario a save is for (info->scenario_id, scenario_hash, scenario_path,
 * seed, player, started) without a scenario. Returns 0, or -1 with diagnostics; an
 * unreadable file adds one diagnostic at line 0 and sets *unreadable (may be NULL). */
int save_read_header(const char *path, ActionLog *info, DiagList *diags, int *unreadable);

/* Resumes a save from buf[0..len) on scenario s: checks that it was saved on this
 * scenario (same id and hash) and replays its actions. Returns the game, or NULL with
 * positioned diagnostics. info (may be NULL) receives the save's facts and actions. */
Game *save_load_buffer(const char *buf, size_t len, const char *file, const Scenario *s,
                       ActionLog *info, DiagList *diags);

/* The same from a file; an unreadable or oversized file adds one diagnostic at line 0
 * and sets *unreadable (may be NULL). */
Game *save_load(const char *path, const Scenario *s, ActionLog *info, DiagList *diags,
                int *unreadable);

#endif
