/* settings — the trainee's preferences (text size, palette, fullscreen) and personal
 * bests, kept as JSON under the pref path. A Settings is a plain value; nothing to free. */
#ifndef UPFRONT_UI_SETTINGS_H
#define UPFRONT_UI_SETTINGS_H

#include <stdint.h>

#include "theme.h"

#define SETTINGS_MAX_BESTS 64

typedef struct Settings {
    int text_size;          /* 0..THEME_TEXT_SIZES-1 */
    ThemePalette palette;
    int fullscreen;
    int best_count;
    char best_id[SETTINGS_MAX_BESTS][64];
    int64_t best_score[SETTINGS_MAX_BESTS];
    int best_rewound[SETTINGS_MAX_BESTS]; /* > 0: that best came from a game rewound to this day */
} Settings;

void settings_default(Settings *s);
/* Reads path into s; a missing or unreadable file leaves the defaults. Returns 0 when
 * read, -1 when the defaults were kept. */
int settings_load(Settings *s, const char *path);
/* Writes s to path atomically; returns 0, or -1 on failure. */
int settings_save(const Settings *s, const char *path);
/* The best score recorded for a scenario id, or -1. */
int64_t settings_best(const Settings *s, const char *id);
/* The day the best game for a scenario id was rewound to (practice), or 0 when it was
 * played from day 1 (or there is none). */
int settings_best_rewound(const Settings *s, const char *id);
/* Records score for id; returns 1 when it is a new personal best. */
int settings_record_best(Settings *s, const char *id, int64_t score);
/* The same for a game rewound to day rewound_day (0: not rewound), which the best then
 * says ("best_rewound" in the file). */
int settings_record_best_rewound(Settings *s, const char *id, int64_t score, int rewound_day);

#endif
