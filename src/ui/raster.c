/* raster — a picture in memory drawn with pixman (see raster.h). */
#include "raster.h"

#include <pixman.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct Raster {
    int w, h, pitch;
    int owned; /* bits is ours to free */
    uint32_t *bits;
    pixman_image_t *img;
};

struct RasterMask {
    int ox, oy; /* the ink's offset from the text's top-left corner */
    int w, h;   /* the ink's size: the rest of the text's box is transparent */
    uint8_t *bits;
    pixman_image_t *img; /* a8 */
    pixman_image_t *src; /* the colour, solid */
};

Raster *raster_wrap(Uint32 *pixels, int w, int h, int pitch)
{
    if (!pixels || w <= 0 || h <= 0 || pitch < w * 4 || pitch % 4 != 0)
        return NULL;
    Raster *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->w = w;
    r->h = h;
    r->pitch = pitch;
    r->bits = pixels;
    r->img = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, r->bits, pitch);
    if (!r->img) {
        free(r);
        return NULL;
    }
    return r;
}

Raster *raster_new(int w, int h)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384)
        return NULL;
    Uint32 *bits = calloc((size_t)w * (size_t)h, 4);
    Raster *r = bits ? raster_wrap(bits, w, h, w * 4) : NULL;
    if (!r) {
        free(bits);
        return NULL;
    }
    r->owned = 1;
    return r;
}

void raster_free(Raster *r)
{
    if (!r)
        return;
    if (r->img)
        pixman_image_unref(r->img);
    if (r->owned)
        free(r->bits);
    free(r);
}

int raster_width(const Raster *r) { return r->w; }
int raster_height(const Raster *r) { return r->h; }

const Uint32 *raster_pixels(const Raster *r, int *pitch)
{
    if (pitch)
        *pitch = r->pitch;
    return r->bits;
}

void raster_copy(Raster *dst, const Raster *src)
{
    if (dst->w != src->w || dst->h != src->h)
        return;
    for (int y = 0; y < dst->h; y++)
        memcpy((uint8_t *)dst->bits + (size_t)y * (size_t)dst->pitch,
               (const uint8_t *)src->bits + (size_t)y * (size_t)src->pitch, (size_t)dst->w * 4);
}

/* rect within clip and the picture; 0 when nothing is left. */
static int clipped(const Raster *r, SDL_Rect rect, SDL_Rect clip, SDL_Rect *out)
{
    SDL_Rect all = {0, 0, r->w, r->h}, c;
    if (!SDL_IntersectRect(&clip, &all, &c))
        return 0;
    return SDL_IntersectRect(&rect, &c, out) == SDL_TRUE;
}

static uint32_t pixel_of(SDL_Color c)
{
    return 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | (uint32_t)c.b;
}

/* pixman's colours are 16 bits a channel, premultiplied by alpha. */
static pixman_color_t premultiplied(SDL_Color c)
{
    pixman_color_t p;
    p.red = (uint16_t)(((unsigned)c.r * c.a + 127) / 255 * 257);
    p.green = (uint16_t)(((unsigned)c.g * c.a + 127) / 255 * 257);
    p.blue = (uint16_t)(((unsigned)c.b * c.a + 127) / 255 * 257);
    p.alpha = (uint16_t)(c.a * 257);
    return p;
}

void raster_fill(Raster *r, SDL_Rect rect, SDL_Color c, int blend, SDL_Rect clip)
{
    SDL_Rect d;
    if (!clipped(r, rect, clip, &d))
        return;
    if (!blend || c.a == 255) {
        uint32_t px = pixel_of(c);
        if (pixman_fill(r->bits, r->pitch / 4, 32, d.x, d.y, d.w, d.h, px))
            return;
        for (int y = d.y; y < d.y + d.h; y++) {
            uint32_t *row = r->bits + (size_t)y * (size_t)(r->pitch / 4);
            for (int x = d.x; x < d.x + d.w; x++)
                row[x] = px;
        }
        return;
    }
    if (c.a == 0)
        return;
    pixman_color_t pc = premultiplied(c);
    pixman_box32_t box = {d.x, d.y, d.x + d.w, d.y + d.h};
    pixman_image_fill_boxes(PIXMAN_OP_OVER, r->img, &pc, 1, &box);
}

void raster_line(Raster *r, int x1, int y1, int x2, int y2, SDL_Color c, int blend, SDL_Rect clip)
{
    SDL_Rect all = {0, 0, r->w, r->h}, lim;
    if (!SDL_IntersectRect(&clip, &all, &lim))
        return;
    int opaque = !blend || c.a == 255;
    uint32_t px = pixel_of(c);
    int dx = abs(x2 - x1), dy = -abs(y2 - y1);
    int sx = x1 < x2 ? 1 : -1, sy = y1 < y2 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        if (x1 >= lim.x && x1 < lim.x + lim.w && y1 >= lim.y && y1 < lim.y + lim.h) {
            if (opaque) {
                r->bits[(size_t)y1 * (size_t)(r->pitch / 4) + (size_t)x1] = px;
            } else {
                SDL_Rect dot = {x1, y1, 1, 1};
                raster_fill(r, dot, c, 1, lim);
            }
        }
        if (x1 == x2 && y1 == y2)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x1 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y1 += sy;
        }
    }
}

RasterMask *raster_mask_new(SDL_Surface *argb, SDL_Color c)
{
    if (!argb || argb->format->BytesPerPixel != 4 || argb->w <= 0 || argb->h <= 0)
        return NULL;
    RasterMask *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (SDL_LockSurface(argb) != 0) {
        free(m);
        return NULL;
    }
    Uint32 amask = argb->format->Amask;
    Uint8 ashift = argb->format->Ashift;
#define ALPHA(x, y)                                                                                \
    (uint8_t)(amask ? (((const Uint32 *)((const Uint8 *)argb->pixels + (size_t)(y) * (size_t)argb->pitch))[x] & \
                       amask) >> ashift                                                            \
                    : 255u)
    /* only the ink is kept: most of a text's box (above the capitals, below the
     * baseline, the ends of a fitted label) is transparent, and drawing it costs */
    int x0 = argb->w, y0 = argb->h, x1 = 0, y1 = 0;
    for (int y = 0; y < argb->h; y++)
        for (int x = 0; x < argb->w; x++)
            if (ALPHA(x, y)) {
                x0 = x < x0 ? x : x0;
                x1 = x + 1 > x1 ? x + 1 : x1;
                y0 = y < y0 ? y : y0;
                y1 = y + 1 > y1 ? y + 1 : y1;
            }
    if (x1 <= x0) { /* no ink at all (spaces): one transparent pixel */
        x0 = y0 = 0;
        x1 = y1 = 1;
    }
    m->ox = x0;
    m->oy = y0;
    m->w = x1 - x0;
    m->h = y1 - y0;
    int stride = (m->w + 3) & ~3;
    m->bits = calloc((size_t)stride * (size_t)m->h, 1);
    if (m->bits)
        for (int y = 0; y < m->h; y++)
            for (int x = 0; x < m->w; x++)
                m->bits[(size_t)y * (size_t)stride + (size_t)x] = ALPHA(x0 + x, y0 + y);
#undef ALPHA
    if (!m->bits) {
        SDL_UnlockSurface(argb);
        free(m);
        return NULL;
    }
    SDL_UnlockSurface(argb);
    c.a = 255; /* the surface's alpha already carries the colour's */
    pixman_color_t pc = premultiplied(c);
    m->img = pixman_image_create_bits(PIXMAN_a8, m->w, m->h, (uint32_t *)(void *)m->bits, stride);
    m->src = pixman_image_create_solid_fill(&pc);
    if (!m->img || !m->src) {
        raster_mask_free(m);
        return NULL;
    }
    return m;
}

void raster_mask_free(RasterMask *m)
{
    if (!m)
        return;
    if (m->img)
        pixman_image_unref(m->img);
    if (m->src)
        pixman_image_unref(m->src);
    free(m->bits);
    free(m);
}

SDL_Rect raster_mask_ink(const RasterMask *m)
{
    SDL_Rect ink = {m->ox, m->oy, m->w, m->h};
    return ink;
}

void raster_mask_draw(Raster *r, const RasterMask *m, int x, int y, SDL_Rect clip)
{
    x += m->ox;
    y += m->oy;
    SDL_Rect at = {x, y, m->w, m->h}, d;
    if (!clipped(r, at, clip, &d))
        return;
    pixman_image_composite32(PIXMAN_OP_OVER, m->src, m->img, r->img, 0, 0, d.x - x, d.y - y, d.x, d.y,
                             d.w, d.h);
}
