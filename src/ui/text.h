/* text — a cache of rendered text: each (string, font, colour, wrap width) is rendered
 * once into a mask (raster.h) and reused until it is the least recently used of a full
 * cache. The cache owns every mask; one it returns is borrowed until the next text_get,
 * or, while a recording is on (text_set_rec), until that recording ends: the cache grows
 * rather than drop a mask the frame being drawn uses. text_cache_free frees them all. */
#ifndef UPFRONT_UI_TEXT_H
#define UPFRONT_UI_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "raster.h"

typedef struct TextCache TextCache;

typedef struct TextStats {
    long created; /* texts rendered since the cache was made */
    long hits;    /* lookups served from the cache */
    int live;     /* masks held now */
} TextStats;

/* Returns an empty cache holding at most capacity masks (more only while one frame
 * needs them), or NULL when out of memory. */
TextCache *text_cache_new(int capacity);
void text_cache_free(TextCache *tc);
/* Drops every mask (after the fonts change). */
void text_cache_clear(TextCache *tc);

/* The mask for text in font and colour, wrapped at wrap pixels (0: one line); *w and
 * *h get its size. Returns NULL for an empty string or when rendering fails. */
const RasterMask *text_get(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int wrap,
                      int *w, int *h);

/* Draws text with its top-left corner at (x, y); returns the width drawn (0 if nothing). */
int text_draw(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int x, int y);
/* Draws text wrapped at wrap pixels; returns the height drawn. */
int text_draw_wrapped(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int x,
                      int y, int wrap);

/* Width of one line of text in font, without rendering it. */
int text_width(TTF_Font *font, const char *text);
/* Copies text into out, cut at a character boundary with an ellipsis so that it fits in
 * max_w pixels; returns out. */
char *text_fit(TTF_Font *font, const char *text, int max_w, char *out, size_t cap);

/* Copies text into out (runs of spaces and tabs made one space), cut after a word with an
 * ellipsis so that, wrapped at wrap pixels the way text_draw_wrapped wraps it, it takes
 * at most max_lines lines; returns out. */
char *text_fit_lines(TTF_Font *font, const char *text, int wrap, int max_lines, char *out, size_t cap);

TextStats text_stats(const TextCache *tc);

typedef struct Rec Rec;
/* The id of the mask the last text_get returned (ids are never reused). */
unsigned long text_last_serial(const TextCache *tc);
/* The lookup stamp: masks looked up after it are in use by the recording. */
unsigned long text_stamp(const TextCache *tc);
/* text_draw and text_draw_wrapped record into rec (NULL: they draw nothing); while rec
 * is on, the masks it uses are kept. */
void text_set_rec(TextCache *tc, Rec *rec);

#endif
