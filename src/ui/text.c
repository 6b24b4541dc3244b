/* text — rendered text cached as textures, evicted least recently used first. */
#include "text.h"

#include "rec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct TextEntry {
    uint64_t hash;
    char *text;
    TTF_Font *font;
    SDL_Color color;
    int wrap;
    RasterMask *mask;
    int w, h;
    unsigned long serial; /* this mask's id: never reused, so a recording can name it */
    unsigned long used; /* stamp of the last lookup */
    int next;           /* the next entry in the same bucket, -1 at the end */
} TextEntry;

struct TextCache {
    TextEntry *entries;
    int count, capacity;
    int *buckets; /* nbuckets chains of entries by hash: a lookup is not a scan */
    int nbuckets; /* a power of two */
    unsigned long stamp;
    unsigned long serials, last_serial;
    Rec *rec; /* the App's recorder, or NULL */
    TextStats stats;
};

static void width_cache_clear(void);

TextCache *text_cache_new(int capacity)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (!tc)
        return NULL;
    tc->nbuckets = 64;
    while (tc->nbuckets < 2 * capacity)
        tc->nbuckets *= 2;
    tc->entries = calloc((size_t)capacity, sizeof *tc->entries);
    tc->buckets = malloc((size_t)tc->nbuckets * sizeof *tc->buckets);
    if (!tc->entries || !tc->buckets) {
        free(tc->entries);
        free(tc->buckets);
        free(tc);
        return NULL;
    }
    for (int i = 0; i < tc->nbuckets; i++)
        tc->buckets[i] = -1;
    tc->capacity = capacity;
    return tc;
}

static void entry_free(TextEntry *e)
{
    raster_mask_free(e->mask);
    SDL_free(e->text);
    memset(e, 0, sizeof *e);
}

void text_cache_clear(TextCache *tc)
{
    for (int i = 0; i < tc->count; i++)
        entry_free(&tc->entries[i]);
    tc->count = 0;
    for (int i = 0; i < tc->nbuckets; i++)
        tc->buckets[i] = -1;
    width_cache_clear(); /* the fonts changed */
}

void text_cache_free(TextCache *tc)
{
    if (!tc)
        return;
    text_cache_clear(tc);
    free(tc->entries);
    free(tc->buckets);
    free(tc);
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t key_hash(TTF_Font *font, const char *text, SDL_Color color, int wrap)
{
    uint64_t h = 14695981039346656037ull;
    h = fnv1a(h, &font, sizeof font);
    h = fnv1a(h, &color, sizeof color);
    h = fnv1a(h, &wrap, sizeof wrap);
    return fnv1a(h, text, strlen(text));
}

static int same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static int *bucket_of(TextCache *tc, uint64_t hash)
{
    return &tc->buckets[(size_t)(hash ^ (hash >> 32)) & (size_t)(tc->nbuckets - 1)];
}

static TextEntry *find(TextCache *tc, uint64_t hash, TTF_Font *font, const char *text,
                       SDL_Color color, int wrap)
{
    for (int i = *bucket_of(tc, hash); i >= 0; i = tc->entries[i].next) {
        TextEntry *e = &tc->entries[i];
        if (e->hash == hash && e->font == font && e->wrap == wrap && same_color(e->color, color) &&
            strcmp(e->text, text) == 0)
            return e;
    }
    return NULL;
}

/* Takes entry i out of its bucket's chain. */
static void unlink_entry(TextCache *tc, int i)
{
    int *at = bucket_of(tc, tc->entries[i].hash);
    while (*at >= 0 && *at != i)
        at = &tc->entries[*at].next;
    if (*at == i)
        *at = tc->entries[i].next;
}

/* Puts every entry back in its bucket (after the buckets grew). */
static void rehash(TextCache *tc)
{
    for (int i = 0; i < tc->nbuckets; i++)
        tc->buckets[i] = -1;
    for (int i = 0; i < tc->count; i++) {
        int *b = bucket_of(tc, tc->entries[i].hash);
        tc->entries[i].next = *b;
        *b = i;
    }
}

/* Room for one more entry: the least recently used is dropped, unless the recording
 * uses it; then the cache grows (NULL when it can't). */
static TextEntry *slot(TextCache *tc)
{
    if (tc->count < tc->capacity)
        return &tc->entries[tc->count++];
    int oldest = 0;
    for (int i = 1; i < tc->count; i++)
        if (tc->entries[i].used < tc->entries[oldest].used)
            oldest = i;
    if (tc->rec && tc->rec->on && tc->entries[oldest].used > tc->rec->stamp0) {
        int cap = tc->capacity * 2, nb = tc->nbuckets;
        while (nb < 2 * cap)
            nb *= 2;
        TextEntry *e = realloc(tc->entries, (size_t)cap * sizeof *e);
        if (!e)
            return NULL;
        tc->entries = e;
        int *b = realloc(tc->buckets, (size_t)nb * sizeof *b);
        if (!b)
            return NULL;
        tc->buckets = b;
        tc->nbuckets = nb;
        tc->capacity = cap;
        rehash(tc);
        memset(&tc->entries[tc->count], 0, sizeof *e);
        return &tc->entries[tc->count++];
    }
    unlink_entry(tc, oldest);
    entry_free(&tc->entries[oldest]);
    return &tc->entries[oldest];
}

const RasterMask *text_get(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int wrap,
                      int *w, int *h)
{
    if (w)
        *w = 0;
    if (h)
        *h = 0;
    if (!text || !text[0] || !font)
        return NULL;
    uint64_t hash = key_hash(font, text, color, wrap);
    TextEntry *e = find(tc, hash, font, text, color, wrap);
    if (e) {
        tc->stats.hits++;
    } else {
        SDL_Surface *surf = wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(font, text, color, (Uint32)wrap)
                                     : TTF_RenderUTF8_Blended(font, text, color);
        if (!surf)
            return NULL;
        RasterMask *mask = raster_mask_new(surf, color);
        int sw = surf->w, sh = surf->h;
        SDL_FreeSurface(surf);
        if (!mask)
            return NULL;
        char *copy = SDL_strdup(text);
        e = copy ? slot(tc) : NULL;
        if (!e) {
            SDL_free(copy);
            raster_mask_free(mask);
            return NULL;
        }
        e->hash = hash;
        e->text = copy;
        e->font = font;
        e->color = color;
        e->wrap = wrap;
        e->mask = mask;
        e->serial = ++tc->serials;
        e->w = sw;
        e->h = sh;
        int *b = bucket_of(tc, hash);
        e->next = *b;
        *b = (int)(e - tc->entries);
        tc->stats.created++;
    }
    e->used = ++tc->stamp;
    tc->last_serial = e->serial;
    if (w)
        *w = e->w;
    if (h)
        *h = e->h;
    return e->mask;
}

int text_draw(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int x, int y)
{
    int w, h;
    const RasterMask *m = text_get(tc, font, text, color, 0, &w, &h);
    if (!m)
        return 0;
    rec_text(tc->rec, m, tc->last_serial, x, y);
    return w;
}

int text_draw_wrapped(TextCache *tc, TTF_Font *font, const char *text, SDL_Color color, int x,
                      int y, int wrap)
{
    int w, h;
    const RasterMask *m = text_get(tc, font, text, color, wrap, &w, &h);
    if (!m)
        return 0;
    rec_text(tc->rec, m, tc->last_serial, x, y);
    return h;
}

/* Widths measured lately. Laying a screen out measures the same short strings every frame,
 * and shaping them costs about a third of recording the play screen; this memo holds
 * their widths until the fonts change (text_cache_clear). Each string may sit in one of
 * two slots (the one used longer ago is replaced): with one, strings that share it took
 * turns to push each other out, every frame. The front end is single-threaded. */
#define WIDTH_SLOTS 2048
#define WIDTH_MAX_TEXT 160
#define FIT_SLOTS 512

typedef struct WidthMemo {
    TTF_Font *font;
    int style, height;
    int w;
    unsigned long used; /* memo_clock when last found or stored */
    char text[WIDTH_MAX_TEXT];
} WidthMemo;

static WidthMemo widths[WIDTH_SLOTS];

/* The same for text_fit, which measures one shorter string after another: where a text
 * too wide for max_w was cut (bytes kept before the ellipsis; -1: nothing fits). */
typedef struct FitMemo {
    TTF_Font *font;
    int style, height, max_w;
    int cut;
    unsigned long used;
    char text[WIDTH_MAX_TEXT];
} FitMemo;

static FitMemo fits[FIT_SLOTS];
static unsigned long memo_clock;

/* The two slots of hash among n (a power of two). */
static void two_slots(uint64_t hash, size_t n, size_t *a, size_t *b)
{
    *a = (size_t)(hash ^ (hash >> 29)) & (n - 1);
    *b = (size_t)((hash >> 32) ^ (hash >> 47)) & (n - 1);
}

static void width_cache_clear(void)
{
    memset(widths, 0, sizeof widths);
    memset(fits, 0, sizeof fits);
}

int text_width(TTF_Font *font, const char *text)
{
    int w = 0, h = 0;
    if (!text || !text[0] || !font)
        return 0;
    size_t len = strlen(text);
    WidthMemo *m = NULL;
    int style = 0, height = 0;
    if (len < WIDTH_MAX_TEXT) {
        style = TTF_GetFontStyle(font);
        height = TTF_FontHeight(font);
        uint64_t hash = fnv1a(fnv1a(14695981039346656037ull, &font, sizeof font), text, len);
        size_t a, b;
        two_slots(hash, WIDTH_SLOTS, &a, &b);
        for (int k = 0; k < 2; k++) {
            m = &widths[k ? b : a];
            if (m->font == font && m->style == style && m->height == height && strcmp(m->text, text) == 0) {
                m->used = ++memo_clock;
                return m->w;
            }
        }
        m = widths[a].used <= widths[b].used ? &widths[a] : &widths[b];
    }
    if (TTF_SizeUTF8(font, text, &w, &h) != 0)
        return 0;
    if (m) {
        m->font = font;
        m->style = style;
        m->height = height;
        m->w = w;
        m->used = ++memo_clock;
        memcpy(m->text, text, len + 1);
    }
    return w;
}

char *text_fit(TTF_Font *font, const char *text, int max_w, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    SDL_strlcpy(out, text ? text : "", cap);
    if (text_width(font, out) <= max_w)
        return out;
    size_t n = strlen(out);
    FitMemo *m = NULL;
    if (font && n < WIDTH_MAX_TEXT) {
        int style = TTF_GetFontStyle(font), height = TTF_FontHeight(font);
        uint64_t hash = fnv1a(fnv1a(fnv1a(14695981039346656037ull, &font, sizeof font), &max_w,
                                    sizeof max_w),
                              out, n);
        size_t a, b;
        two_slots(hash, FIT_SLOTS, &a, &b);
        for (int k = 0; k < 2; k++) {
            m = &fits[k ? b : a];
            if (m->font == font && m->style == style && m->height == height && m->max_w == max_w &&
                strcmp(m->text, out) == 0 && (m->cut < 0 || (size_t)m->cut + 4 <= cap)) {
                m->used = ++memo_clock;
                if (m->cut < 0)
                    out[0] = '\0';
                else
                    memcpy(out + m->cut, "\xE2\x80\xA6", 4);
                return out;
            }
        }
        m = fits[a].used <= fits[b].used ? &fits[a] : &fits[b];
        m->font = font;
        m->style = style;
        m->height = height;
        m->max_w = max_w;
        m->cut = -1;
        m->used = ++memo_clock;
        memcpy(m->text, out, n + 1);
    }
    while (n > 0) {
        /* step back one UTF-8 character */
        n--;
        while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
            n--;
        while (n > 0 && out[n - 1] == ' ')
            n--;
        if (n + 4 > cap)
            continue;
        memcpy(out + n, "\xE2\x80\xA6", 4); /* … */
        if (text_width(font, out) <= max_w) {
            if (m)
                m->cut = (int)n;
            return out;
        }
    }
    out[0] = '\0';
    return out;
}

/* The width of out[from, to) followed by tail. */
static int span_width(TTF_Font *font, const char *out, size_t from, size_t to, const char *tail)
{
    char line[1024];
    size_t n = to - from < sizeof line - 8 ? to - from : sizeof line - 8;
    memcpy(line, out + from, n);
    SDL_strlcpy(line + n, tail, sizeof line - n);
    return text_width(font, line);
}

char *text_fit_lines(TTF_Font *font, const char *text, int wrap, int max_lines, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    /* runs of spaces and tabs become one space: the wrapping below is then SDL_ttf's */
    size_t n = 0;
    for (const char *t = text ? text : ""; *t && n + 1 < cap; t++) {
        char c = *t == '\t' ? ' ' : *t;
        if (c == ' ' && (n == 0 || out[n - 1] == ' ' || out[n - 1] == '\n'))
            continue;
        out[n++] = c;
    }
    out[n] = '\0';
    if (!font || wrap <= 0 || max_lines <= 0 || cap < 8)
        return out;
    /* as SDL_ttf wraps: a line is the longest run of whole words that fits, measured as
     * one string, with the space after its last word when more text follows; a word
     * wider than a line is broken inside, over as many lines as it needs */
    int lines = 1, any = 0;
    size_t start = 0, keep = 0; /* keep: bytes up to a word with room for the ellipsis */
    size_t p = 0;
    while (out[p]) {
        if (out[p] == '\n') {
            lines++;
            any = 0;
            start = ++p;
            continue;
        }
        if (out[p] == ' ') {
            p++;
            continue;
        }
        size_t w0 = p;
        while (out[p] && out[p] != ' ' && out[p] != '\n')
            p++;
        const char *trail = out[p] ? " " : "";
        if (any && span_width(font, out, start, p, trail) > wrap) {
            lines++;
            start = w0;
        }
        int ww = span_width(font, out, w0, p, "");
        if (ww > wrap) {
            /* broken by characters, a few pixels short of full lines: counted generously,
             * and what follows counted from a line of its own */
            ww += ww / 8;
            lines += (ww - 1) / wrap + (out[p] ? 1 : 0);
            start = p;
            any = 0;
        } else {
            any = 1;
        }
        if (lines > max_lines) {
            while (keep > 0 && strchr(" .,;:", out[keep - 1]))
                keep--;
            if (keep + 4 > cap)
                keep = cap - 4;
            while (keep > 0 && ((unsigned char)out[keep] & 0xC0) == 0x80)
                keep--; /* not inside a character */
            memcpy(out + keep, "\xE2\x80\xA6", 4);
            return out;
        }
        if (lines < max_lines || span_width(font, out, start, p, "\xE2\x80\xA6 ") <= wrap)
            keep = p;
    }
    return out;
}

TextStats text_stats(const TextCache *tc)
{
    TextStats s = tc->stats;
    s.live = tc->count;
    return s;
}

unsigned long text_last_serial(const TextCache *tc) { return tc->last_serial; }
unsigned long text_stamp(const TextCache *tc) { return tc->stamp; }
void text_set_rec(TextCache *tc, Rec *rec) { tc->rec = rec; }
