/* settings — preferences and personal bests as a small JSON file. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "upfront/file.h"

void settings_default(Settings *s)
{
    memset(s, 0, sizeof *s);
    s->text_size = 1;
    s->palette = PALETTE_OKABE_ITO;
}

int settings_load(Settings *s, const char *path)
{
    settings_default(s);
    char *buf = NULL;
    size_t len = 0;
    if (!path || file_read_all(path, 1u << 20, &buf, &len) != FILE_OK)
        return -1;
    cJSON *root = cJSON_ParseWithLength(buf, len);
    free(buf);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return -1;
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "text_size");
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < THEME_TEXT_SIZES)
        s->text_size = (int)v->valuedouble;
    v = cJSON_GetObjectItemCaseSensitive(root, "palette");
    if (cJSON_IsString(v))
        s->palette = strcmp(v->valuestring, "high_contrast") == 0 ? PALETTE_HIGH_CONTRAST
                                                                   : PALETTE_OKABE_ITO;
    v = cJSON_GetObjectItemCaseSensitive(root, "fullscreen");
    s->fullscreen = cJSON_IsTrue(v);
    const cJSON *bests = cJSON_GetObjectItemCaseSensitive(root, "best");
    const cJSON *b;
    cJSON_ArrayForEach(b, bests)
    {
        if (s->best_count >= SETTINGS_MAX_BESTS || !b->string || !cJSON_IsNumber(b))
            continue;
        if (b->valuedouble < 0 || b->valuedouble > 1e12)
            continue;
        SDL_strlcpy(s->best_id[s->best_count], b->string, sizeof s->best_id[0]);
        s->best_score[s->best_count] = (int64_t)b->valuedouble;
        s->best_rewound[s->best_count] = 0;
        s->best_count++;
    }
    /* which bests came from a rewound game (practice), by the day rewound to */
    const cJSON *rewound = cJSON_GetObjectItemCaseSensitive(root, "best_rewound");
    cJSON_ArrayForEach(b, rewound)
    {
        if (!b->string || !cJSON_IsNumber(b) || b->valuedouble < 1 || b->valuedouble > 100000)
            continue;
        for (int i = 0; i < s->best_count; i++)
            if (strcmp(s->best_id[i], b->string) == 0)
                s->best_rewound[i] = (int)b->valuedouble;
    }
    cJSON_Delete(root);
    return 0;
}

int settings_save(const Settings *s, const char *path)
{
    if (!path)
        return -1;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return -1;
    cJSON_AddNumberToObject(root, "text_size", s->text_size);
    cJSON_AddStringToObject(root, "palette",
                            s->palette == PALETTE_HIGH_CONTRAST ? "high_contrast" : "okabe_ito");
    cJSON_AddBoolToObject(root, "fullscreen", s->fullscreen);
    cJSON *bests = cJSON_AddObjectToObject(root, "best");
    for (int i = 0; bests && i < s->best_count; i++)
        cJSON_AddNumberToObject(bests, s->best_id[i], (double)s->best_score[i]);
    cJSON *rewound = NULL;
    for (int i = 0; i < s->best_count; i++)
        if (s->best_rewound[i] > 0 && (rewound || (rewound = cJSON_AddObjectToObject(root, "best_rewound"))))
            cJSON_AddNumberToObject(rewound, s->best_id[i], s->best_rewound[i]);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    FileStatus st = file_write_atomic(path, text, strlen(text));
    cJSON_free(text);
    return st == FILE_OK ? 0 : -1;
}

int64_t settings_best(const Settings *s, const char *id)
{
    for (int i = 0; i < s->best_count; i++)
        if (strcmp(s->best_id[i], id) == 0)
            return s->best_score[i];
    return -1;
}

int settings_best_rewound(const Settings *s, const char *id)
{
    for (int i = 0; i < s->best_count; i++)
        if (strcmp(s->best_id[i], id) == 0)
            return s->best_rewound[i];
    return 0;
}

int settings_record_best(Settings *s, const char *id, int64_t score)
{
    return settings_record_best_rewound(s, id, score, 0);
}

int settings_record_best_rewound(Settings *s, const char *id, int64_t score, int rewound_day)
{
    for (int i = 0; i < s->best_count; i++) {
        if (strcmp(s->best_id[i], id) == 0) {
            if (score <= s->best_score[i])
                return 0;
            s->best_score[i] = score;
            s->best_rewound[i] = rewound_day > 0 ? rewound_day : 0;
            return 1;
        }
    }
    if (s->best_count >= SETTINGS_MAX_BESTS)
        return 0;
    SDL_strlcpy(s->best_id[s->best_count], id, sizeof s->best_id[0]);
    s->best_rewound[s->best_count] = rewound_day > 0 ? rewound_day : 0;
    s->best_score[s->best_count++] = score;
    return 1;
}
