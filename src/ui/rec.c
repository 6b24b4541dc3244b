/* rec — recorded drawing and the damage between two recordings (see rec.h).
 *
 * Why a repaint is pixel-identical: a pixel outside every damaged region is touched by the
 * same operations, in the same order, in both lists (any operation that differs, or has no
 * counterpart at the same position, has its bounds in the damage), so the kept picture is
 * already right there. Inside a region everything is redrawn, in order, clipped to it.
 * Fills and unscaled copies give the same pixels clipped or not; lines, outlines and
 * scaled copies might not, so a region grows until each of them it touches lies wholly
 * inside it. */
#include "rec.h"

#include <stdlib.h>
#include <string.h>

enum { OP_FILL, OP_OUTLINE, OP_LINE, OP_COPY };

void rec_begin(Rec *rec)
{
    rec->on = 1;
    rec->failed = 0;
    rec->count = 0;
    memset(&rec->c, 0, sizeof rec->c);
    rec->blend = SDL_BLENDMODE_NONE;
    memset(&rec->clip, 0, sizeof rec->clip);
    rec->has_clip = 0;
}

void rec_free(Rec *rec)
{
    free(rec->ops);
    memset(rec, 0, sizeof *rec);
}

static RecOp *push(Rec *rec, int kind)
{
    if (rec->count == rec->cap) {
        int cap = rec->cap ? rec->cap * 2 : 512;
        RecOp *ops = realloc(rec->ops, (size_t)cap * sizeof *ops);
        if (!ops) {
            rec->failed = 1;
            return NULL;
        }
        rec->ops = ops;
        rec->cap = cap;
    }
    RecOp *o = &rec->ops[rec->count++];
    memset(o, 0, sizeof *o); /* padding too: operations are compared with memcmp */
    o->kind = kind;
    o->c = rec->c;
    o->blend = rec->blend;
    if (rec->has_clip) {
        o->has_clip = 1;
        o->clip = rec->clip;
    }
    return o;
}

static int recording(const Rec *rec) { return rec && rec->on; }

void rec_color(Rec *rec, SDL_Renderer *ren, SDL_Color c, SDL_BlendMode blend)
{
    if (recording(rec)) {
        rec->c = c;
        rec->blend = (int)blend;
        return;
    }
    SDL_SetRenderDrawBlendMode(ren, blend);
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
}

void rec_fill(Rec *rec, SDL_Renderer *ren, const SDL_Rect *r)
{
    if (!recording(rec)) {
        SDL_RenderFillRect(ren, r);
        return;
    }
    RecOp *o = push(rec, OP_FILL);
    if (o)
        o->r = *r;
}

void rec_outline(Rec *rec, SDL_Renderer *ren, const SDL_Rect *r)
{
    if (!recording(rec)) {
        SDL_RenderDrawRect(ren, r);
        return;
    }
    RecOp *o = push(rec, OP_OUTLINE);
    if (o)
        o->r = *r;
}

void rec_line(Rec *rec, SDL_Renderer *ren, int x1, int y1, int x2, int y2)
{
    if (!recording(rec)) {
        SDL_RenderDrawLine(ren, x1, y1, x2, y2);
        return;
    }
    RecOp *o = push(rec, OP_LINE);
    if (o) {
        o->r.x = x1;
        o->r.y = y1;
        o->r.w = x2;
        o->r.h = y2;
    }
}

void rec_copy(Rec *rec, SDL_Renderer *ren, SDL_Texture *tex, unsigned long serial, const SDL_Rect *dst,
              int tw, int th)
{
    if (!recording(rec)) {
        SDL_RenderCopy(ren, tex, NULL, dst);
        return;
    }
    RecOp *o = push(rec, OP_COPY);
    if (o) {
        o->tex = tex;
        o->serial = serial;
        o->r = *dst;
        o->tw = tw;
        o->th = th;
    }
}

void rec_clip(Rec *rec, SDL_Renderer *ren, const SDL_Rect *clip)
{
    if (!recording(rec)) {
        SDL_RenderSetClipRect(ren, clip);
        return;
    }
    /* as SDL: an empty rectangle turns clipping off */
    rec->has_clip = clip && clip->w > 0 && clip->h > 0;
    if (rec->has_clip)
        rec->clip = *clip;
    else
        memset(&rec->clip, 0, sizeof rec->clip);
}

/* The pixels an operation may touch; 0 when none. */
static int bounds(const RecOp *o, SDL_Rect *b)
{
    if (o->kind == OP_LINE) {
        int x1 = o->r.x, y1 = o->r.y, x2 = o->r.w, y2 = o->r.h;
        b->x = x1 < x2 ? x1 : x2;
        b->y = y1 < y2 ? y1 : y2;
        b->w = abs(x2 - x1) + 1;
        b->h = abs(y2 - y1) + 1;
    } else {
        *b = o->r;
    }
    if (b->w <= 0 || b->h <= 0)
        return 0;
    if (o->has_clip) {
        SDL_Rect c;
        if (!SDL_IntersectRect(b, &o->clip, &c))
            return 0;
        *b = c;
    }
    return 1;
}

/* Lines, outlines and scaled copies are repainted only whole. */
static int whole_only(const RecOp *o)
{
    return o->kind == OP_LINE || o->kind == OP_OUTLINE ||
           (o->kind == OP_COPY && (o->r.w != o->tw || o->r.h != o->th));
}

static int contains(const SDL_Rect *outer, const SDL_Rect *in)
{
    return in->x >= outer->x && in->y >= outer->y && in->x + in->w <= outer->x + outer->w &&
           in->y + in->h <= outer->y + outer->h;
}

static long area(const SDL_Rect *r) { return (long)r->w * r->h; }

/* Adds r to the regions: merged into one it touches, else a new one, else into the one
 * it grows least. */
static void add(SDL_Rect *out, int *n, int max, SDL_Rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    /* near ones too: the rows of a rounded corner are one region, not one each */
    SDL_Rect near = {r.x - 8, r.y - 8, r.w + 16, r.h + 16};
    for (int i = 0; i < *n; i++) {
        if (SDL_HasIntersection(&out[i], &near)) {
            SDL_UnionRect(&out[i], &r, &out[i]);
            return;
        }
    }
    if (*n < max) {
        out[(*n)++] = r;
        return;
    }
    int best = 0;
    long grow = -1;
    for (int i = 0; i < *n; i++) {
        SDL_Rect u;
        SDL_UnionRect(&out[i], &r, &u);
        long g = area(&u) - area(&out[i]);
        if (grow < 0 || g < grow) {
            grow = g;
            best = i;
        }
    }
    SDL_UnionRect(&out[best], &r, &out[best]);
}

static int same(const RecOp *a, const RecOp *b) { return memcmp(a, b, sizeof *a) == 0; }

static void add_op(const RecOp *o, SDL_Rect *out, int *n, int max)
{
    SDL_Rect r;
    if (bounds(o, &r))
        add(out, n, max, r);
}

#define REC_LOOKAHEAD 96

int rec_damage(const Rec *old, const Rec *cur, SDL_Rect *out, int max, int w, int h)
{
    /* the operations of both lists not in a common subsequence of the two (found greedily,
     * resynchronising within REC_LOOKAHEAD operations) are the damage: any common
     * subsequence keeps the order of what is drawn on every pixel outside it */
    int n = 0, i = 0, j = 0;
    while (i < old->count && j < cur->count) {
        if (same(&old->ops[i], &cur->ops[j])) {
            i++;
            j++;
            continue;
        }
        int skip_old = -1, skip_new = -1;
        for (int k = 1; k <= REC_LOOKAHEAD; k++) {
            if (i + k < old->count && same(&old->ops[i + k], &cur->ops[j])) {
                skip_old = k;
                break;
            }
            if (j + k < cur->count && same(&old->ops[i], &cur->ops[j + k])) {
                skip_new = k;
                break;
            }
        }
        if (skip_old > 0) {
            for (int k = 0; k < skip_old; k++)
                add_op(&old->ops[i + k], out, &n, max);
            i += skip_old;
        } else if (skip_new > 0) {
            for (int k = 0; k < skip_new; k++)
                add_op(&cur->ops[j + k], out, &n, max);
            j += skip_new;
        } else {
            add_op(&old->ops[i++], out, &n, max);
            add_op(&cur->ops[j++], out, &n, max);
        }
    }
    while (i < old->count)
        add_op(&old->ops[i++], out, &n, max);
    while (j < cur->count)
        add_op(&cur->ops[j++], out, &n, max);
    /* grow each region over the whole-only operations it cuts */
    SDL_Rect screen = {0, 0, w, h};
    for (int k = 0; k < n; k++) {
        int grew = 1;
        while (grew) {
            grew = 0;
            for (int q = 0; q < cur->count; q++) {
                SDL_Rect r;
                if (!whole_only(&cur->ops[q]) || !bounds(&cur->ops[q], &r))
                    continue;
                SDL_Rect on;
                if (!SDL_IntersectRect(&r, &screen, &on) || !SDL_HasIntersection(&out[k], &on) ||
                    contains(&out[k], &on))
                    continue;
                SDL_UnionRect(&out[k], &on, &out[k]);
                grew = 1;
            }
        }
        SDL_Rect c;
        if (!SDL_IntersectRect(&out[k], &screen, &c))
            c.w = c.h = 0;
        out[k] = c;
    }
    /* most of the screen: one region, each operation replayed once */
    long total = 0;
    for (int k = 0; k < n; k++)
        total += area(&out[k]);
    if (n > 1 && total * 2 > (long)w * h) {
        for (int k = 1; k < n; k++)
            SDL_UnionRect(&out[0], &out[k], &out[0]);
        n = 1;
    }
    return n;
}

void rec_replay(const Rec *rec, SDL_Renderer *ren, SDL_Rect d)
{
    if (d.w <= 0 || d.h <= 0)
        return;
    SDL_Color c = {0, 0, 0, 0};
    int have_c = 0, blend = -1;
    SDL_Rect clip = {0, 0, 0, 0};
    for (int i = 0; i < rec->count; i++) {
        const RecOp *o = &rec->ops[i];
        SDL_Rect b, want;
        if (!bounds(o, &b) || !SDL_HasIntersection(&b, &d))
            continue;
        want = d;
        if (o->has_clip && !SDL_IntersectRect(&d, &o->clip, &want))
            continue;
        if (memcmp(&want, &clip, sizeof want) != 0) {
            SDL_RenderSetClipRect(ren, &want);
            clip = want;
        }
        if (o->kind == OP_COPY) {
            SDL_RenderCopy(ren, o->tex, NULL, &o->r);
            continue;
        }
        if (o->blend != blend) {
            SDL_SetRenderDrawBlendMode(ren, (SDL_BlendMode)o->blend);
            blend = o->blend;
        }
        if (!have_c || memcmp(&o->c, &c, sizeof c) != 0) {
            SDL_SetRenderDrawColor(ren, o->c.r, o->c.g, o->c.b, o->c.a);
            c = o->c;
            have_c = 1;
        }
        if (o->kind == OP_FILL)
            SDL_RenderFillRect(ren, &o->r);
        else if (o->kind == OP_OUTLINE)
            SDL_RenderDrawRect(ren, &o->r);
        else
            SDL_RenderDrawLine(ren, o->r.x, o->r.y, o->r.w, o->r.h);
    }
    SDL_RenderSetClipRect(ren, NULL);
}
