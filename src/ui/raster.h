/* raster — the window's picture drawn in memory: opaque and translucent fills, one-pixel
 * lines, and text composited through its alpha mask, each clipped to a rectangle. The
 * picture is 32-bit XRGB (SDL_PIXELFORMAT_RGB888), so it is uploaded to the window as it
 * is. pixman does the filling and compositing (SIMD, plain stores: SDL's own fill streams
 * past the cache and is many times slower on the small rectangles a screen is made of).
 * raster_new returns a Raster the caller frees with raster_free; raster_mask_new returns a
 * RasterMask the caller frees with raster_mask_free. */
#ifndef UPFRONT_UI_RASTER_H
#define UPFRONT_UI_RASTER_H

#include <SDL.h>

typedef struct Raster Raster;
typedef struct RasterMask RasterMask;

/* A w x h picture, every pixel black; NULL when out of memory or the size is not
 * positive. */
Raster *raster_new(int w, int h);
/* A picture over pixels the caller owns (w x h, XRGB, pitch bytes a row, a multiple of
 * 4), which must outlive it; raster_free frees only the Raster. */
Raster *raster_wrap(Uint32 *pixels, int w, int h, int pitch);
void raster_free(Raster *r);
int raster_width(const Raster *r);
int raster_height(const Raster *r);
/* The pixels, row after row, pitch bytes apart; owned by r. */
const Uint32 *raster_pixels(const Raster *r, int *pitch);

/* Copies src's pixels into dst, which has the same size (nothing otherwise). */
void raster_copy(Raster *dst, const Raster *src);

/* Fills rect, clipped to clip, with c: replaced where c.a is 255 or blend is 0, drawn
 * over (c.a/255 of c, the rest of what was there) otherwise. */
void raster_fill(Raster *r, SDL_Rect rect, SDL_Color c, int blend, SDL_Rect clip);
/* A one-pixel line from (x1, y1) to (x2, y2), both ends drawn, clipped to clip; the same
 * pixels whatever the clip. */
void raster_line(Raster *r, int x1, int y1, int x2, int y2, SDL_Color c, int blend, SDL_Rect clip);

/* Text as SDL_ttf renders it (an ARGB8888 surface in colour c): its alpha is kept as the
 * mask, c as the colour. NULL when out of memory or the surface is not 32-bit. */
RasterMask *raster_mask_new(SDL_Surface *argb, SDL_Color c);
void raster_mask_free(RasterMask *m);
/* Where m's pixels lie from the text's top-left corner: the text's ink, the rest of its
 * box being transparent. */
SDL_Rect raster_mask_ink(const RasterMask *m);
/* Draws m's colour through its mask, the text's top-left corner at (x, y), clipped to
 * clip. */
void raster_mask_draw(Raster *r, const RasterMask *m, int x, int y, SDL_Rect clip);

#endif
