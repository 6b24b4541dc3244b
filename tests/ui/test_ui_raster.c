/* Tests of the picture in memory (raster) and of drawing only the damage (rec): fills,
 * blends, lines and text masks put the right pixels where they should and nowhere else,
 * whatever the clip; and for random pairs of recorded frames, drawing the second only in
 * the regions rec_damage gives, over the first's picture, gives the second's picture. */
#include "check.h"
#include "raster.h"
#include "rec.h"
#include "upfront/rng.h"

#include <stdlib.h>
#include <string.h>

static Uint32 at(const Raster *r, int x, int y)
{
    int pitch;
    const Uint32 *px = raster_pixels(r, &pitch);
    return px[(size_t)y * (size_t)(pitch / 4) + (size_t)x] & 0xFFFFFFu;
}

static int same_pixels(const Raster *a, const Raster *b)
{
    for (int y = 0; y < raster_height(a); y++)
        for (int x = 0; x < raster_width(a); x++)
            if (at(a, x, y) != at(b, x, y))
                return 0;
    return 1;
}

static const SDL_Rect everything = {-10000, -10000, 20000, 20000};

static void raster_fill_should_cover_the_rectangle_within_the_clip_only(void)
{
    Raster *r = raster_new(40, 30);
    CHECK(r != NULL);
    if (!r)
        return;
    SDL_Color red = {200, 10, 20, 255};
    SDL_Rect rect = {5, 5, 20, 10}, clip = {0, 0, 15, 30};
    raster_fill(r, rect, red, 0, clip);
    CHECK_EQ_INT(at(r, 5, 5), 0xC80A14);
    CHECK_EQ_INT(at(r, 14, 14), 0xC80A14);
    CHECK_EQ_INT(at(r, 15, 5), 0);  /* outside the clip */
    CHECK_EQ_INT(at(r, 4, 5), 0);   /* outside the rectangle */
    CHECK_EQ_INT(at(r, 5, 15), 0);
    /* off the picture: nothing, and no write out of bounds */
    SDL_Rect off = {-50, -50, 200, 200};
    raster_fill(r, off, red, 0, everything);
    CHECK_EQ_INT(at(r, 39, 29), 0xC80A14);
    raster_free(r);
}

static void raster_fill_should_blend_a_translucent_colour_over_what_is_there(void)
{
    Raster *r = raster_new(8, 8);
    if (!r)
        return;
    SDL_Rect all = {0, 0, 8, 8};
    SDL_Color white = {255, 255, 255, 255}, half_black = {0, 0, 0, 128};
    raster_fill(r, all, white, 0, everything);
    raster_fill(r, all, half_black, 1, everything);
    Uint32 p = at(r, 3, 3);
    int g = (int)(p & 255);
    CHECK(g >= 126 && g <= 128);
    CHECK_EQ_INT((p >> 8) & 255, g);
    /* unblended, the same colour replaces */
    raster_fill(r, all, half_black, 0, everything);
    CHECK_EQ_INT(at(r, 3, 3), 0);
    raster_free(r);
}

static void raster_line_should_draw_both_ends_and_the_same_pixels_whatever_the_clip(void)
{
    Raster *whole = raster_new(50, 50), *parts = raster_new(50, 50);
    if (!whole || !parts) {
        raster_free(whole);
        raster_free(parts);
        return;
    }
    SDL_Color c = {1, 2, 3, 255};
    raster_line(whole, 3, 7, 44, 31, c, 0, everything);
    CHECK_EQ_INT(at(whole, 3, 7), 0x010203);
    CHECK_EQ_INT(at(whole, 44, 31), 0x010203);
    /* drawn in four clipped quarters, the line is the same */
    for (int q = 0; q < 4; q++) {
        SDL_Rect clip = {(q % 2) * 25, (q / 2) * 25, 25, 25};
        raster_line(parts, 3, 7, 44, 31, c, 0, clip);
    }
    CHECK(same_pixels(whole, parts));
    raster_free(whole);
    raster_free(parts);
}

/* A mask w x h whose alpha is a (x, y), in colour c. */
static RasterMask *make_mask(int w, int h, SDL_Color c, Uint8 (*a)(int, int))
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            Uint32 *p = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch) + x;
            *p = SDL_MapRGBA(s->format, c.r, c.g, c.b, a(x, y));
        }
    RasterMask *m = raster_mask_new(s, c);
    SDL_FreeSurface(s);
    return m;
}

static Uint8 stripes(int x, int y)
{
    (void)y;
    return x % 3 == 0 ? 255 : x % 3 == 1 ? 0 : 100;
}

static void raster_mask_should_draw_its_colour_through_its_alpha(void)
{
    Raster *r = raster_new(30, 20);
    SDL_Color blue = {0, 0, 250, 255};
    RasterMask *m = make_mask(9, 4, blue, stripes);
    CHECK(r && m);
    if (r && m) {
        SDL_Color white = {255, 255, 255, 255};
        SDL_Rect all = {0, 0, 30, 20};
        raster_fill(r, all, white, 0, everything);
        raster_mask_draw(r, m, 10, 5, everything);
        CHECK_EQ_INT(at(r, 10, 5), 0x0000FA); /* alpha 255: the colour */
        CHECK_EQ_INT(at(r, 11, 5), 0xFFFFFF); /* alpha 0: untouched */
        Uint32 mid = at(r, 12, 5);            /* alpha 100: between */
        CHECK(((mid >> 16) & 255) > 140 && ((mid >> 16) & 255) < 170);
        CHECK_EQ_INT(at(r, 10, 9), 0xFFFFFF); /* below the mask */
        /* clipped: only the clip's part changes */
        raster_fill(r, all, white, 0, everything);
        SDL_Rect clip = {13, 0, 3, 20};
        raster_mask_draw(r, m, 10, 5, clip);
        CHECK_EQ_INT(at(r, 10, 5), 0xFFFFFF);
        CHECK_EQ_INT(at(r, 13, 5), 0x0000FA);
        CHECK_EQ_INT(at(r, 16, 5), 0xFFFFFF);
    }
    raster_mask_free(m);
    raster_free(r);
}

static Uint8 blob(int x, int y) { return x >= 3 && x <= 5 && y >= 2 && y <= 3 ? 255 : 0; }
static Uint8 none(int x, int y)
{
    (void)x;
    (void)y;
    return 0;
}

static void raster_mask_should_keep_only_the_ink_where_the_text_put_it(void)
{
    Raster *r = raster_new(30, 20);
    SDL_Color red = {255, 0, 0, 255};
    RasterMask *m = make_mask(10, 6, red, blob), *empty = make_mask(7, 5, red, none);
    CHECK(r && m && empty);
    if (r && m && empty) {
        SDL_Rect ink = raster_mask_ink(m);
        CHECK_EQ_INT(ink.x, 3);
        CHECK_EQ_INT(ink.y, 2);
        CHECK_EQ_INT(ink.w, 3);
        CHECK_EQ_INT(ink.h, 2);
        raster_mask_draw(r, m, 10, 5, everything); /* the text's top-left at (10, 5) */
        CHECK_EQ_INT(at(r, 13, 7), 0xFF0000);
        CHECK_EQ_INT(at(r, 15, 8), 0xFF0000);
        CHECK_EQ_INT(at(r, 12, 7), 0);
        CHECK_EQ_INT(at(r, 16, 7), 0);
        CHECK_EQ_INT(at(r, 13, 9), 0);
        /* a text of spaces has no ink and draws nothing */
        raster_mask_draw(r, empty, 0, 0, everything);
        CHECK_EQ_INT(at(r, 0, 0), 0);
        CHECK(raster_mask_ink(empty).w <= 1);
    }
    raster_mask_free(m);
    raster_mask_free(empty);
    raster_free(r);
}

static void raster_should_refuse_bad_sizes(void)
{
    CHECK(raster_new(0, 10) == NULL);
    CHECK(raster_new(10, -1) == NULL);
    Uint32 px[16];
    CHECK(raster_wrap(px, 4, 4, 8) == NULL); /* pitch under a row */
    Raster *w = raster_wrap(px, 4, 4, 16);
    CHECK(w != NULL);
    raster_free(w);
    CHECK(raster_mask_new(NULL, (SDL_Color){0, 0, 0, 255}) == NULL);
}

#define PIC_W 120
#define PIC_H 90
#define MAX_OPS 60

/* A frame: a background fill, then n random operations. */
typedef struct Op {
    int kind; /* 0 fill, 1 outline, 2 line, 3 text, 4 clip on, 5 clip off */
    SDL_Rect r;
    SDL_Color c;
    int mask;
} Op;

static void random_op(Rng *g, Op *o)
{
    memset(o, 0, sizeof *o);
    o->kind = (int)rng_below(g, 6);
    o->r.x = (int)rng_below(g, PIC_W + 20) - 10;
    o->r.y = (int)rng_below(g, PIC_H + 20) - 10;
    o->r.w = (int)rng_below(g, 60) + (o->kind == 2 ? -30 : 1);
    o->r.h = (int)rng_below(g, 40) + (o->kind == 2 ? -20 : 1);
    o->c.r = (Uint8)rng_below(g, 256);
    o->c.g = (Uint8)rng_below(g, 256);
    o->c.b = (Uint8)rng_below(g, 256);
    o->c.a = rng_below(g, 3) == 0 ? (Uint8)rng_below(g, 255) : 255;
    o->mask = (int)rng_below(g, 3);
}

static void record(Rec *rec, const Op *ops, int n, RasterMask **masks)
{
    rec_begin(rec);
    SDL_Rect all = {0, 0, PIC_W, PIC_H};
    SDL_Color bg = {240, 240, 240, 255};
    rec_color(rec, bg, SDL_BLENDMODE_NONE);
    rec_fill(rec, &all);
    for (int i = 0; i < n; i++) {
        const Op *o = &ops[i];
        rec_color(rec, o->c, o->c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        switch (o->kind) {
        case 0: rec_fill(rec, &o->r); break;
        case 1: rec_outline(rec, &o->r); break;
        case 2: rec_line(rec, o->r.x, o->r.y, o->r.x + o->r.w, o->r.y + o->r.h); break;
        case 3: rec_text(rec, masks[o->mask], (unsigned long)o->mask + 1, o->r.x, o->r.y); break;
        case 4: rec_clip(rec, &o->r); break;
        default: rec_clip(rec, NULL); break;
        }
    }
    rec_end(rec);
}

static void damage_repaint_should_equal_a_whole_draw_of_random_frames(void)
{
    RasterMask *masks[3];
    SDL_Color mc[3] = {{10, 20, 30, 255}, {200, 0, 0, 255}, {0, 120, 0, 255}};
    for (int i = 0; i < 3; i++)
        masks[i] = make_mask(9, 4, mc[i], stripes);
    Raster *pic = raster_new(PIC_W, PIC_H), *whole = raster_new(PIC_W, PIC_H);
    Rec a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    Rng g;
    rng_seed(&g, 20261127, 7);
    Op ops[MAX_OPS], next[MAX_OPS + 10];
    int bad = 0, regions = 0;
    SDL_Rect all = {0, 0, PIC_W, PIC_H};
    for (int round = 0; round < 400 && masks[0] && masks[1] && masks[2] && pic && whole; round++) {
        int n = (int)rng_below(&g, MAX_OPS);
        for (int i = 0; i < n; i++)
            random_op(&g, &ops[i]);
        /* the next frame: the same with a few operations changed, dropped or added */
        int m = 0;
        for (int i = 0; i < n; i++) {
            int what = (int)rng_below(&g, 12);
            if (what == 0)
                continue;
            next[m] = ops[i];
            if (what == 1)
                random_op(&g, &next[m]);
            else if (what == 2)
                next[m].r.x += (int)rng_below(&g, 5) - 2;
            m++;
            if (what == 3 && m < MAX_OPS + 10)
                random_op(&g, &next[m++]);
        }
        record(&a, ops, n, masks);
        record(&b, next, m, masks);
        rec_replay(&a, pic, all);
        SDL_Rect d[REC_MAX_DAMAGE];
        int k = rec_damage(&a, &b, d, REC_MAX_DAMAGE, PIC_W, PIC_H);
        regions += k;
        for (int i = 0; i < k; i++)
            rec_replay(&b, pic, d[i]);
        rec_replay(&b, whole, all);
        if (!same_pixels(pic, whole))
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(regions > 0);
    rec_free(&a);
    rec_free(&b);
    raster_free(pic);
    raster_free(whole);
    for (int i = 0; i < 3; i++)
        raster_mask_free(masks[i]);
}

int main(void)
{
    RUN(raster_fill_should_cover_the_rectangle_within_the_clip_only);
    RUN(raster_fill_should_blend_a_translucent_colour_over_what_is_there);
    RUN(raster_line_should_draw_both_ends_and_the_same_pixels_whatever_the_clip);
    RUN(raster_mask_should_draw_its_colour_through_its_alpha);
    RUN(raster_mask_should_keep_only_the_ink_where_the_text_put_it);
    RUN(raster_should_refuse_bad_sizes);
    RUN(damage_repaint_should_equal_a_whole_draw_of_random_frames);
    return check_done();
}
