/* theme — the one source of sizes, fonts and colours for every screen: an 8-px grid, the
 * 14/18/24/32 px type scale (scaled by the output size and the text-size setting) and
 * the stage palette (Okabe–Ito, or a high-contrast alternative). A Theme owns its fonts;
 * theme_close frees them. */
#ifndef UPFRONT_UI_THEME_H
#define UPFRONT_UI_THEME_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "upfront/types.h"

typedef enum ThemeFont {
    FONT_BODY,       /* 14 px */
    FONT_BODY_BOLD,
    FONT_LABEL,      /* 18 px */
    FONT_LABEL_BOLD,
    FONT_TITLE,      /* 24 px bold */
    FONT_DISPLAY,    /* 32 px bold */
    FONT_COUNT
} ThemeFont;

typedef enum ThemePalette { PALETTE_OKABE_ITO, PALETTE_HIGH_CONTRAST, PALETTE_COUNT } ThemePalette;

typedef struct ThemeColors {
    SDL_Color bg, surface, surface_alt, border, text, muted, accent, on_accent, focus,
        good, bad, warn, track, shadow, overlay;
    SDL_Color stage[STAGE_COUNT];    /* one per stage, used wherever that stage appears */
    SDL_Color on_stage[STAGE_COUNT]; /* readable text on the stage colour */
} ThemeColors;

typedef struct Theme {
    float scale;      /* layout scale: output pixels per design pixel */
    float text_scale; /* the text-size setting (1.0 = normal) */
    ThemePalette palette;
    ThemeColors c;
    TTF_Font *font[FONT_COUNT];
    int font_px[FONT_COUNT];
    int line[FONT_COUNT];   /* line height of each font in output pixels */
    char font_dir[1024];
} Theme;

/* Text-size settings offered to the trainee. */
#define THEME_TEXT_SIZES 4
float theme_text_size_factor(int index);    /* 0 small .. 3 extra large */
const char *theme_text_size_label(int index);
const char *theme_palette_label(ThemePalette p);

/* Opens the fonts from font_dir at a scale fitting an output of out_w x out_h pixels.
 * Returns 0, or -1 (with SDL_GetError set) when a font can't be opened. */
int theme_open(Theme *t, const char *font_dir, int out_w, int out_h, float text_scale,
               ThemePalette palette);
/* Re-fits the theme to a new output size or setting; returns 1 when fonts were reopened
 * (text textures made with the old fonts must then be dropped), 0 when nothing changed,
 * -1 on failure (the old fonts stay). */
int theme_refit(Theme *t, int out_w, int out_h, float text_scale, ThemePalette palette);
void theme_close(Theme *t);

/* n design pixels in output pixels. */
int theme_px(const Theme *t, int n);
/* n design pixels of room for text (scaled by the text-size setting too). */
int theme_tpx(const Theme *t, int n);
/* n steps of the 8-px grid in output pixels. */
int theme_grid(const Theme *t, int n);

/* The layout scale for an output size: 1.0 at 1280x720, never under 0.8. */
float theme_scale_for(int out_w, int out_h);

SDL_Color theme_mix(SDL_Color a, SDL_Color b, int b_pct);
SDL_Color theme_alpha(SDL_Color c, Uint8 a);

#endif
