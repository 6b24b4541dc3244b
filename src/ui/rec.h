/* rec — the screens' drawing recorded as a list of operations (fills, outlines, lines,
 * text, each with its colour, blend mode and clip) and replayed into the window's picture
 * (raster.h). Every frame is recorded; comparing its list with the frame before's gives the
 * regions where the picture may differ (the damage), and only those are drawn again.
 * A Rec is a plain struct the App owns; rec_free frees its list. */
#ifndef UPFRONT_UI_REC_H
#define UPFRONT_UI_REC_H

#include <SDL.h>

#include "raster.h"

#define REC_MAX_DAMAGE 64

typedef struct RecOp {
    unsigned key;           /* a hash of the rest: unequal keys, unequal operations */
    const RasterMask *mask; /* text: borrowed from the text cache */
    unsigned long serial;   /* the text cache's id of mask's content (never reused) */
    SDL_Rect r;             /* fill, outline, text destination; line: x1, y1, x2, y2 */
    SDL_Rect clip;
    SDL_Rect b; /* the pixels it may touch, clipped (w 0: none) */
    int has_clip;
    int kind;
    int blend;
    SDL_Color c;
} RecOp;

typedef struct Rec {
    int on;
    int failed; /* out of memory: the list is incomplete */
    unsigned long stamp0; /* the text cache's stamp when recording began */
    RecOp *ops;
    int count, cap;
    SDL_Color c; /* the drawing state while recording */
    int blend;
    SDL_Rect clip;
    int has_clip;
    int *big; /* after rec_end: the indices of the large opaque fills, in order */
    int big_count, big_cap;
    int (*box)[4]; /* after rec_end: each operation's bounds as x0, y0, x1, y1, packed */
    int box_cap;
} Rec;

void rec_begin(Rec *rec);
/* Ends the recording (what follows records nothing) and indexes the list for replay. */
void rec_end(Rec *rec);
void rec_free(Rec *rec);

/* Each adds an operation to rec (nothing when rec is NULL or off). */
void rec_color(Rec *rec, SDL_Color c, SDL_BlendMode blend);
void rec_fill(Rec *rec, const SDL_Rect *r);
void rec_outline(Rec *rec, const SDL_Rect *r);
void rec_line(Rec *rec, int x1, int y1, int x2, int y2);
/* Text: mask with the text's top-left corner at (x, y). */
void rec_text(Rec *rec, const RasterMask *mask, unsigned long serial, int x, int y);
/* Clips what follows to clip; NULL or an empty rectangle: no clip. */
void rec_clip(Rec *rec, const SDL_Rect *clip);

/* The regions (at most max) where the pixels of cur's picture may differ from old's,
 * both drawn on a w×h picture. */
int rec_damage(const Rec *old, const Rec *cur, SDL_Rect *out, int max, int w, int h);
/* The regions (at most max) that hold every operation of rec but the first (the frame's
 * background): outside them the picture is the background colour. */
int rec_cover(const Rec *rec, SDL_Rect *out, int max, int w, int h);
/* Draws the operations of rec into the picture, clipped to region d: the pixels inside d
 * are those of the whole list drawn on a blank picture's d, whatever was there before
 * (the first operation of every frame fills the whole picture). */
void rec_replay(const Rec *rec, Raster *pic, SDL_Rect d);

#endif
