/* rec — recorded drawing and the damage between two recordings (see rec.h).
 *
 * Why a repaint is pixel-identical: a pixel outside every damaged region is touched by the
 * same operations, in the same order, in both lists (any operation that differs, or has no
 * counterpart at the same position, has its bounds in the damage), so the kept picture is
 * already right there. Inside a region everything is redrawn, in order, clipped to it; every
 * operation of raster.h gives the same pixels clipped or not. */
#include "rec.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { OP_FILL, OP_OUTLINE, OP_LINE, OP_TEXT };

void rec_begin(Rec *rec)
{
    rec->on = 1;
    rec->failed = 0;
    rec->count = 0;
    memset(&rec->c, 0, sizeof rec->c);
    rec->blend = SDL_BLENDMODE_NONE;
    memset(&rec->clip, 0, sizeof rec->clip);
    rec->has_clip = 0;
    rec->big_count = 0;
}

void rec_free(Rec *rec)
{
    free(rec->ops);
    free(rec->big);
    free(rec->box);
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

/* Sets o->b, the pixels o may touch. */
static void seal(RecOp *o)
{
    SDL_Rect *b = &o->b;
    if (o->kind == OP_LINE) {
        int x1 = o->r.x, y1 = o->r.y, x2 = o->r.w, y2 = o->r.h;
        b->x = x1 < x2 ? x1 : x2;
        b->y = y1 < y2 ? y1 : y2;
        b->w = abs(x2 - x1) + 1;
        b->h = abs(y2 - y1) + 1;
    } else if (o->kind == OP_TEXT) {
        *b = raster_mask_ink(o->mask);
        b->x += o->r.x;
        b->y += o->r.y;
    } else {
        *b = o->r;
    }
    SDL_Rect c;
    if (b->w <= 0 || b->h <= 0 || (o->has_clip && !SDL_IntersectRect(b, &o->clip, &c)))
        b->x = b->y = b->w = b->h = 0;
    else if (o->has_clip)
        *b = c;
    /* a multiply-xorshift hash of the 8-byte words from mask on (push zeroed the padding) */
    const unsigned char *p = (const unsigned char *)o + offsetof(RecOp, mask);
    uint64_t h = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i + 8 <= sizeof *o - offsetof(RecOp, mask); i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    o->key = (unsigned)h;
}

/* The pixels an operation may touch; 0 when none. */
static int bounds(const RecOp *o, SDL_Rect *b)
{
    *b = o->b;
    return b->w > 0;
}

/* For rectangles that are not empty (SDL's own calls cost more than the test here). */
static int overlap(const SDL_Rect *a, const SDL_Rect *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static SDL_Rect unite(const SDL_Rect *a, const SDL_Rect *b)
{
    int x0 = a->x < b->x ? a->x : b->x, y0 = a->y < b->y ? a->y : b->y;
    int x1 = a->x + a->w > b->x + b->w ? a->x + a->w : b->x + b->w;
    int y1 = a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h;
    SDL_Rect u = {x0, y0, x1 - x0, y1 - y0};
    return u;
}

void rec_color(Rec *rec, SDL_Color c, SDL_BlendMode blend)
{
    if (!recording(rec))
        return;
    rec->c = c;
    rec->blend = (int)blend;
}

static void push_rect(Rec *rec, int kind, const SDL_Rect *r)
{
    if (!recording(rec))
        return;
    RecOp *o = push(rec, kind);
    if (o) {
        o->r = *r;
        seal(o);
    }
}

void rec_fill(Rec *rec, const SDL_Rect *r) { push_rect(rec, OP_FILL, r); }
void rec_outline(Rec *rec, const SDL_Rect *r) { push_rect(rec, OP_OUTLINE, r); }

void rec_line(Rec *rec, int x1, int y1, int x2, int y2)
{
    SDL_Rect r = {x1, y1, x2, y2};
    push_rect(rec, OP_LINE, &r);
}

void rec_text(Rec *rec, const RasterMask *mask, unsigned long serial, int x, int y)
{
    if (!recording(rec) || !mask)
        return;
    RecOp *o = push(rec, OP_TEXT);
    if (o) {
        o->mask = mask;
        o->serial = serial;
        o->r.x = x;
        o->r.y = y;
        seal(o);
    }
}

void rec_clip(Rec *rec, const SDL_Rect *clip)
{
    if (!recording(rec))
        return;
    /* as SDL: an empty rectangle turns clipping off */
    rec->has_clip = clip && clip->w > 0 && clip->h > 0;
    if (rec->has_clip)
        rec->clip = *clip;
    else
        memset(&rec->clip, 0, sizeof rec->clip);
}

static int contains(const SDL_Rect *outer, const SDL_Rect *in)
{
    return in->x >= outer->x && in->y >= outer->y && in->x + in->w <= outer->x + outer->w &&
           in->y + in->h <= outer->y + outer->h;
}

static long area(const SDL_Rect *r) { return (long)r->w * r->h; }

#define REC_NEAR 24

/* Adds r to the regions: merged into one it touches, else a new one, else into the one
 * it grows least. */
static void add(SDL_Rect *out, int *n, int max, SDL_Rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    /* near ones too: the lines of a paragraph, the rows of a rounded corner are one
     * region, not one each (fewer regions, each a scan of the list, cost less than the
     * few pixels between them) */
    SDL_Rect near = {r.x - REC_NEAR, r.y - REC_NEAR, r.w + 2 * REC_NEAR, r.h + 2 * REC_NEAR};
    for (int i = 0; i < *n; i++) {
        if (overlap(&out[i], &near)) {
            out[i] = unite(&out[i], &r);
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
        SDL_Rect u = unite(&out[i], &r);
        long g = area(&u) - area(&out[i]);
        if (grow < 0 || g < grow) {
            grow = g;
            best = i;
        }
    }
    out[best] = unite(&out[best], &r);
}

static int same(const RecOp *a, const RecOp *b)
{
    return a->key == b->key && memcmp(a, b, sizeof *a) == 0;
}

static void add_op(const RecOp *o, SDL_Rect *out, int *n, int max)
{
    SDL_Rect r;
    if (bounds(o, &r))
        add(out, n, max, r);
}

/* Joins the n regions that overlap (no pixel is drawn twice), clips them to the w x h
 * picture and, with one_when_most, makes them one when they cover over half of it (each
 * region is a scan of the list); returns how many are left. */
static int finish(SDL_Rect *out, int n, int w, int h, int one_when_most)
{
    for (int merged = 1; merged;) {
        merged = 0;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (overlap(&out[a], &out[b])) {
                    out[a] = unite(&out[a], &out[b]);
                    out[b] = out[--n];
                    merged = 1;
                    b--;
                }
    }
    SDL_Rect screen = {0, 0, w, h};
    int kept = 0;
    for (int k = 0; k < n; k++) {
        SDL_Rect c;
        if (SDL_IntersectRect(&out[k], &screen, &c))
            out[kept++] = c;
    }
    n = kept;
    long total = 0;
    for (int k = 0; k < n; k++)
        total += area(&out[k]);
    if (one_when_most && n > 1 && total * 2 > (long)w * h) {
        for (int k = 1; k < n; k++)
            out[0] = unite(&out[0], &out[k]);
        n = 1;
    }
    return n;
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
    return finish(out, n, w, h, 1);
}

int rec_cover(const Rec *rec, SDL_Rect *out, int max, int w, int h)
{
    int n = 0;
    for (int i = 1; i < rec->count; i++)
        add_op(&rec->ops[i], out, &n, max);
    return finish(out, n, w, h, 0);
}

/* 1 when o leaves no pixel of d as it was: an opaque fill covering all of it. */
static int opaque_fill(const RecOp *o)
{
    return o->kind == OP_FILL && (o->blend == SDL_BLENDMODE_NONE || o->c.a == 255);
}

/* 1 when o leaves no pixel of d as it was: an opaque fill covering all of it. */
static int covers(const RecOp *o, const SDL_Rect *d)
{
    return opaque_fill(o) && o->b.w > 0 && contains(&o->b, d);
}

/* Fills this large (pixels) are drawn only where no later large opaque fill hides them:
 * the background under the cards, a card's shadow under its face. */
#define REC_BIG_FILL 4096
#define REC_MAX_PARTS 48

void rec_end(Rec *rec)
{
    rec->on = 0;
    rec->big_count = 0;
    if (rec->count > rec->box_cap) {
        int (*box)[4] = realloc(rec->box, (size_t)rec->count * sizeof *box);
        if (!box) {
            rec->failed = 1;
            return;
        }
        rec->box = box;
        rec->box_cap = rec->count;
    }
    for (int i = 0; i < rec->count; i++) {
        const RecOp *o = &rec->ops[i];
        int *bx = rec->box[i];
        if (o->b.w > 0 && o->b.h > 0) {
            bx[0] = o->b.x;
            bx[1] = o->b.y;
            bx[2] = o->b.x + o->b.w;
            bx[3] = o->b.y + o->b.h;
        } else { /* overlaps nothing */
            bx[0] = bx[1] = INT_MAX;
            bx[2] = bx[3] = INT_MIN;
        }
        if (!opaque_fill(o) || (long)o->b.w * o->b.h < REC_BIG_FILL)
            continue;
        if (rec->big_count == rec->big_cap) {
            int cap = rec->big_cap ? rec->big_cap * 2 : 64;
            int *big = realloc(rec->big, (size_t)cap * sizeof *big);
            if (!big) {
                rec->failed = 1;
                return;
            }
            rec->big = big;
            rec->big_cap = cap;
        }
        rec->big[rec->big_count++] = i;
    }
}

/* Takes hole out of the n rectangles of parts, cutting each it overlaps into the up to
 * four around it. Returns 0, parts still covering what they did less some holes, when
 * there is no room for the pieces. */
static int cut(SDL_Rect *parts, int *n, const SDL_Rect *hole)
{
    for (int i = 0; i < *n; i++) {
        SDL_Rect p = parts[i], x;
        if (!SDL_IntersectRect(&p, hole, &x))
            continue;
        SDL_Rect piece[4];
        int k = 0;
        if (x.y > p.y)
            piece[k++] = (SDL_Rect){p.x, p.y, p.w, x.y - p.y};
        if (x.y + x.h < p.y + p.h)
            piece[k++] = (SDL_Rect){p.x, x.y + x.h, p.w, p.y + p.h - x.y - x.h};
        if (x.x > p.x)
            piece[k++] = (SDL_Rect){p.x, x.y, x.x - p.x, x.h};
        if (x.x + x.w < p.x + p.w)
            piece[k++] = (SDL_Rect){x.x + x.w, x.y, p.x + p.w - x.x - x.w, x.h};
        if (*n - 1 + k > REC_MAX_PARTS)
            return 0;
        parts[i--] = parts[--*n]; /* the last one moves here and is looked at next */
        for (int j = 0; j < k; j++)
            parts[(*n)++] = piece[j];
    }
    return 1;
}

/* Draws opaque fill i of rec within clip, except where a later large opaque fill will
 * cover it: the pixels are the same, as those fills replace what was under them. */
static void fill_visible(const Rec *rec, int i, Raster *pic, SDL_Rect clip)
{
    const RecOp *o = &rec->ops[i];
    SDL_Rect parts[REC_MAX_PARTS];
    int n = 0;
    if (!SDL_IntersectRect(&o->b, &clip, &parts[0]))
        return;
    n = 1;
    SDL_Rect area = parts[0];
    /* the large opaque fills after i (rec_end indexed them) */
    int lo = 0, hi = rec->big_count;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (rec->big[mid] <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int k = lo; k < rec->big_count && n > 0; k++) {
        const RecOp *q = &rec->ops[rec->big[k]];
        if (!overlap(&q->b, &area))
            continue;
        if (!cut(parts, &n, &q->b))
            break;
    }
    for (int j = 0; j < n; j++)
        raster_fill(pic, parts[j], o->c, 0, parts[j]);
}

void rec_replay(const Rec *rec, Raster *pic, SDL_Rect d)
{
    if (d.w <= 0 || d.h <= 0)
        return;
    /* what a large opaque fill over all of d hides is not drawn */
    int first = 0;
    for (int k = rec->big_count - 1; k >= 0; k--)
        if (covers(&rec->ops[rec->big[k]], &d)) {
            first = rec->big[k];
            break;
        }
    const int x0 = d.x, y0 = d.y, x1 = d.x + d.w, y1 = d.y + d.h;
    for (int i = first; i < rec->count; i++) {
        const int *bx = rec->box[i]; /* packed: the scan stays in the cache */
        if (bx[0] >= x1 || bx[2] <= x0 || bx[1] >= y1 || bx[3] <= y0)
            continue;
        const RecOp *o = &rec->ops[i];
        SDL_Rect clip = d;
        if (o->has_clip && !SDL_IntersectRect(&d, &o->clip, &clip))
            continue;
        const SDL_Rect *r = &o->r;
        switch (o->kind) {
        case OP_TEXT:
            raster_mask_draw(pic, o->mask, r->x, r->y, clip);
            break;
        case OP_FILL:
            if (opaque_fill(o) && (long)o->b.w * o->b.h >= REC_BIG_FILL && rec->big)
                fill_visible(rec, i, pic, clip);
            else
                raster_fill(pic, *r, o->c, o->blend != SDL_BLENDMODE_NONE, clip);
            break;
        case OP_OUTLINE: {
            /* as SDL_RenderDrawRect: the rectangle's edge, each pixel once */
            SDL_Rect top = {r->x, r->y, r->w, 1}, bottom = {r->x, r->y + r->h - 1, r->w, 1};
            SDL_Rect left = {r->x, r->y + 1, 1, r->h - 2}, right = {r->x + r->w - 1, r->y + 1, 1, r->h - 2};
            int blend = o->blend != SDL_BLENDMODE_NONE;
            raster_fill(pic, top, o->c, blend, clip);
            if (r->h > 1)
                raster_fill(pic, bottom, o->c, blend, clip);
            raster_fill(pic, left, o->c, blend, clip);
            if (r->w > 1)
                raster_fill(pic, right, o->c, blend, clip);
            break;
        }
        default:
            raster_line(pic, r->x, r->y, r->w, r->h, o->c, o->blend != SDL_BLENDMODE_NONE, clip);
            break;
        }
    }
}
