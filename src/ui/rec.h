/* rec — the screens' drawing recorded as a list of operations (fills, outlines, lines,
 * texture copies, each with its colour, blend mode and clip), so that a frame after input
 * repaints only where the list differs from the frame before (the damage) over the picture
 * kept from it. Every drawing call of the screens goes through rec_*: with no recorder (or
 * one that is off) they draw straight away. */
#ifndef UPFRONT_UI_REC_H
#define UPFRONT_UI_REC_H

#include <SDL.h>

#define REC_MAX_DAMAGE 24

typedef struct RecOp {
    SDL_Texture *tex;
    unsigned long serial; /* the text cache's id of tex's content (never reused) */
    SDL_Rect r;           /* fill, outline, copy destination; line: x1, y1, x2, y2 */
    SDL_Rect clip;
    int has_clip;
    int kind;
    int blend;
    int tw, th; /* tex's size: a copy to another size is scaled */
    SDL_Color c;
} RecOp;

typedef struct Rec {
    int on;
    int failed; /* out of memory, or a texture recorded this frame was destroyed */
    unsigned long stamp0; /* the text cache's stamp when recording began */
    RecOp *ops;
    int count, cap;
    SDL_Color c; /* the drawing state while recording */
    int blend;
    SDL_Rect clip;
    int has_clip;
} Rec;

void rec_begin(Rec *rec);
void rec_free(Rec *rec);

/* Each draws at once when rec is NULL or off, and is recorded otherwise. */
void rec_color(Rec *rec, SDL_Renderer *ren, SDL_Color c, SDL_BlendMode blend);
void rec_fill(Rec *rec, SDL_Renderer *ren, const SDL_Rect *r);
void rec_outline(Rec *rec, SDL_Renderer *ren, const SDL_Rect *r);
void rec_line(Rec *rec, SDL_Renderer *ren, int x1, int y1, int x2, int y2);
void rec_copy(Rec *rec, SDL_Renderer *ren, SDL_Texture *tex, unsigned long serial, const SDL_Rect *dst,
              int tw, int th);
void rec_clip(Rec *rec, SDL_Renderer *ren, const SDL_Rect *clip);

/* The regions (at most max) where the pixels of new's picture may differ from old's,
 * both drawn on a w×h output; each is safe to repaint alone with rec_replay. */
int rec_damage(const Rec *old, const Rec *cur, SDL_Rect *out, int max, int w, int h);
/* Repaints region d of the current render target from the operations of rec. */
void rec_replay(const Rec *rec, SDL_Renderer *ren, SDL_Rect d);

#endif
