/* theme — sizes, fonts and colours shared by every screen. */
#include "theme.h"

#include <math.h>
#include <string.h>

static const int base_px[FONT_COUNT] = {14, 14, 18, 18, 24, 32};
static const int is_bold[FONT_COUNT] = {0, 1, 0, 1, 1, 1};

static const float text_sizes[THEME_TEXT_SIZES] = {0.9f, 1.0f, 1.15f, 1.3f};
static const char *const text_size_labels[THEME_TEXT_SIZES] = {"Small", "Normal", "Large",
                                                               "Extra large"};

float theme_text_size_factor(int index)
{
    if (index < 0 || index >= THEME_TEXT_SIZES)
        return 1.0f;
    return text_sizes[index];
}

const char *theme_text_size_label(int index)
{
    if (index < 0 || index >= THEME_TEXT_SIZES)
        return "Normal";
    return text_size_labels[index];
}

const char *theme_palette_label(ThemePalette p)
{
    return p == PALETTE_HIGH_CONTRAST ? "High contrast" : "Colour-blind safe (Okabe-Ito)";
}

static SDL_Color rgb(unsigned hex)
{
    SDL_Color c = {(Uint8)(hex >> 16), (Uint8)(hex >> 8), (Uint8)hex, 255};
    return c;
}

static void set_palette(ThemeColors *c, ThemePalette p)
{
    if (p == PALETTE_HIGH_CONTRAST) {
        c->bg = rgb(0x000000);
        c->surface = rgb(0x141414);
        c->surface_alt = rgb(0x262626);
        c->border = rgb(0xBDBDBD);
        c->text = rgb(0xFFFFFF);
        c->muted = rgb(0xDADADA);
        c->accent = rgb(0xF0E442);
        c->on_accent = rgb(0x000000);
        c->focus = rgb(0xF0E442);
        c->good = rgb(0x4FD6A8);
        c->bad = rgb(0xFF7A45);
        c->warn = rgb(0xF0E442);
        c->track = rgb(0x3A3A3A);
        c->shadow = rgb(0x000000);
        c->overlay = rgb(0x000000);
        /* the light Okabe-Ito hues, all well above 7:1 on black */
        c->stage[STAGE_PREPARE] = rgb(0x56B4E9);
        c->stage[STAGE_PROSPECT] = rgb(0x2EE6A8);
        c->stage[STAGE_PROGRESS] = rgb(0xF0E442);
        c->stage[STAGE_CLOSE] = rgb(0xF5A3D0);
        for (int s = 0; s < STAGE_COUNT; s++)
            c->on_stage[s] = rgb(0x000000);
        return;
    }
    c->bg = rgb(0xF3F4F6);
    c->surface = rgb(0xFFFFFF);
    c->surface_alt = rgb(0xEEF0F3);
    c->border = rgb(0xD5DAE1);
    c->text = rgb(0x1B2330);
    c->muted = rgb(0x5B6574);
    c->accent = rgb(0x1F3A5F);
    c->on_accent = rgb(0xFFFFFF);
    c->focus = rgb(0x1F3A5F);
    c->good = rgb(0x007A5A);
    c->bad = rgb(0xC2410C);
    c->warn = rgb(0x9A6700);
    c->track = rgb(0xE2E6EB);
    c->shadow = rgb(0xC9CFD8);
    c->overlay = rgb(0x0B1220);
    /* Okabe & Ito (2008), colour-blind safe */
    c->stage[STAGE_PREPARE] = rgb(0x0072B2);  /* blue */
    c->stage[STAGE_PROSPECT] = rgb(0x009E73); /* bluish green */
    c->stage[STAGE_PROGRESS] = rgb(0xE69F00); /* orange */
    c->stage[STAGE_CLOSE] = rgb(0xCC79A7);    /* reddish purple */
    c->on_stage[STAGE_PREPARE] = rgb(0xFFFFFF);
    c->on_stage[STAGE_PROSPECT] = rgb(0xFFFFFF);
    c->on_stage[STAGE_PROGRESS] = rgb(0x1B2330);
    c->on_stage[STAGE_CLOSE] = rgb(0x1B2330);
}

float theme_scale_for(int out_w, int out_h)
{
    float sx = (float)out_w / 1280.0f, sy = (float)out_h / 720.0f;
    float s = sx < sy ? sx : sy;
    return s < 0.8f ? 0.8f : s;
}

int theme_px(const Theme *t, int n)
{
    return (int)lroundf((float)n * t->scale);
}

int theme_tpx(const Theme *t, int n)
{
    return (int)lroundf((float)n * t->scale * t->text_scale);
}

int theme_grid(const Theme *t, int n)
{
    return theme_px(t, 8 * n);
}

static void close_fonts(TTF_Font **fonts)
{
    for (int i = 0; i < FONT_COUNT; i++) {
        if (fonts[i])
            TTF_CloseFont(fonts[i]);
        fonts[i] = NULL;
    }
}

static int open_fonts(const char *dir, float scale, float text_scale, TTF_Font **fonts, int *px,
                      int *line)
{
    char regular[1100], bold[1100];
    SDL_snprintf(regular, sizeof regular, "%s/DejaVuSans.ttf", dir);
    SDL_snprintf(bold, sizeof bold, "%s/DejaVuSans-Bold.ttf", dir);
    for (int i = 0; i < FONT_COUNT; i++) {
        int size = (int)lroundf((float)base_px[i] * scale * text_scale);
        if (size < 9)
            size = 9;
        fonts[i] = TTF_OpenFont(is_bold[i] ? bold : regular, size);
        if (!fonts[i]) {
            close_fonts(fonts);
            return -1;
        }
        TTF_SetFontHinting(fonts[i], TTF_HINTING_LIGHT);
        px[i] = size;
        line[i] = TTF_FontLineSkip(fonts[i]);
    }
    return 0;
}

int theme_open(Theme *t, const char *font_dir, int out_w, int out_h, float text_scale,
               ThemePalette palette)
{
    memset(t, 0, sizeof *t);
    SDL_strlcpy(t->font_dir, font_dir, sizeof t->font_dir);
    t->scale = theme_scale_for(out_w, out_h);
    t->text_scale = text_scale;
    t->palette = palette;
    set_palette(&t->c, palette);
    return open_fonts(t->font_dir, t->scale, t->text_scale, t->font, t->font_px, t->line);
}

int theme_refit(Theme *t, int out_w, int out_h, float text_scale, ThemePalette palette)
{
    if (palette != t->palette) {
        t->palette = palette;
        set_palette(&t->c, palette);
    }
    float scale = theme_scale_for(out_w, out_h);
    if (fabsf(scale - t->scale) < 0.001f && fabsf(text_scale - t->text_scale) < 0.001f)
        return 0;
    TTF_Font *fonts[FONT_COUNT] = {0};
    int px[FONT_COUNT], line[FONT_COUNT];
    if (open_fonts(t->font_dir, scale, text_scale, fonts, px, line) != 0)
        return -1;
    close_fonts(t->font);
    memcpy(t->font, fonts, sizeof fonts);
    memcpy(t->font_px, px, sizeof px);
    memcpy(t->line, line, sizeof line);
    t->scale = scale;
    t->text_scale = text_scale;
    return 1;
}

void theme_close(Theme *t)
{
    close_fonts(t->font);
}

SDL_Color theme_mix(SDL_Color a, SDL_Color b, int b_pct)
{
    SDL_Color r;
    r.r = (Uint8)((a.r * (100 - b_pct) + b.r * b_pct) / 100);
    r.g = (Uint8)((a.g * (100 - b_pct) + b.g * b_pct) / 100);
    r.b = (Uint8)((a.b * (100 - b_pct) + b.b * b_pct) / 100);
    r.a = 255;
    return r;
}

SDL_Color theme_alpha(SDL_Color c, Uint8 a)
{
    c.a = a;
    return c;
}
