/* json_strict — a strict, positioned scan of a JSON buffer, then cJSON for the tree.
 *
 * Positions are kept in a trie of (parent, segment) entries indexed by a hash table, so
 * the memory stays proportional to the number of values however deep or long the keys
 * are; json_doc_find walks a pointer through it segment by segment. */
#include "json_strict.h"
#include "upfront/alloc.h"
#include "upfront/rng.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_ENTRY UINT32_MAX
/* At most this many values in one document: far more than any scenario (a few thousand)
 * or results file (100,000 actions of about five values) holds, and it bounds the memory a
 * hostile file of tiny values can take (about 56 bytes each, plus cJSON's tree). */
#define MAX_ENTRIES (1u << 21)

typedef struct Entry {
    uint32_t parent;   /* index of the container, NO_ENTRY for the root */
    uint32_t seg_len;  /* the member name or array index, decoded */
    size_t seg_off;    /* into JsonDoc.names */
    uint64_t hash;
    JsonLoc loc;
} Entry;

struct JsonDoc {
    cJSON *root;
    const char *buf;
    Entry *entries;
    uint32_t count, cap;
    char *names;
    size_t names_len, names_cap;
    uint32_t *table; /* entry index + 1; 0 is empty */
    size_t table_cap;
};

/* ---------------------------------------------------------------- the position map */

static uint64_t segment_hash(uint32_t parent, const char *seg, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)seg[i];
        h *= 1099511628211ull;
    }
    /* FNV's low bits depend only on the input's low bits, so keys that collide in the
     * table's slot are cheap to make: mix every bit in before the slot is taken. */
    return rng_mix64(h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull));
}

static long map_find(const JsonDoc *d, uint32_t parent, const char *seg, size_t n)
{
    if (!d->table_cap)
        return -1;
    uint64_t h = segment_hash(parent, seg, n);
    size_t mask = d->table_cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t slot = d->table[i];
        if (!slot)
            return -1;
        const Entry *e = &d->entries[slot - 1];
        if (e->hash == h && e->parent == parent && e->seg_len == n &&
            memcmp(d->names + e->seg_off, seg, n) == 0)
            return (long)(slot - 1);
    }
}

static int map_grow(JsonDoc *d)
{
    size_t cap = d->table_cap ? d->table_cap * 2 : 256;
    uint32_t *t = alloc_calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (uint32_t k = 0; k < d->count; k++) {
        size_t i = (size_t)d->entries[k].hash & (cap - 1);
        while (t[i])
            i = (i + 1) & (cap - 1);
        t[i] = k + 1;
    }
    alloc_free(d->table);
    d->table = t;
    d->table_cap = cap;
    return 0;
}

/* Adds an entry (the caller checked it is new); returns its index or -1 when out of memory. */
static long map_insert(JsonDoc *d, uint32_t parent, const char *seg, size_t n)
{
    if (d->count >= MAX_ENTRIES || n > UINT32_MAX)
        return -1;
    if ((size_t)(d->count + 1) * 2 > d->table_cap && map_grow(d) != 0)
        return -1;
    if (d->count == d->cap) {
        uint32_t cap = d->cap ? d->cap * 2 : 256;
        Entry *e = alloc_realloc(d->entries, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        d->entries = e;
        d->cap = cap;
    }
    if (d->names_len + n + 1 > d->names_cap) {
        size_t cap = d->names_cap ? d->names_cap : 1024;
        while (cap < d->names_len + n + 1)
            cap *= 2;
        char *names = alloc_realloc(d->names, cap);
        if (!names)
            return -1;
        d->names = names;
        d->names_cap = cap;
    }
    if (n)
        memcpy(d->names + d->names_len, seg, n);
    Entry *e = &d->entries[d->count];
    memset(e, 0, sizeof *e);
    e->parent = parent;
    e->seg_off = d->names_len;
    e->seg_len = (uint32_t)n;
    e->hash = segment_hash(parent, seg, n);
    d->names_len += n;
    size_t mask = d->table_cap - 1;
    size_t i = (size_t)e->hash & mask;
    while (d->table[i])
        i = (i + 1) & mask;
    d->table[i] = d->count + 1;
    return (long)d->count++;
}

/* ---------------------------------------------------------------- the scanner */

typedef struct Scan {
    const unsigned char *p;
    size_t len;
    size_t pos;
    int line;
    size_t line_start;
    DiagList *diags;
    int errors;
    int stop;      /* a fatal error (or too many errors): no further scanning */
    int depth;
    int max_depth;
    char *path;    /* the JSON pointer of where the scan is, for diagnostics */
    size_t path_len, path_cap;
    int recording; /* 0 inside the value of a duplicate member */
    uint32_t parent; /* the entry of the enclosing container */
    JsonDoc *doc;
    char *key;     /* the last decoded member name */
    size_t key_len, key_cap;
} Scan;

static int col_at(const Scan *s, size_t pos)
{
    return (int)(pos - s->line_start + 1);
}

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

static void scan_error_v(Scan *s, int line, int col, int fatal, const char *fmt, va_list ap)
    PRINTF_LIKE(5, 0);
static void scan_error_v(Scan *s, int line, int col, int fatal, const char *fmt, va_list ap)
{
    if (s->stop)
        return;
    char msg[640];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(s->diags, DIAG_ERROR, line, col, s->path ? s->path : "", "%s", msg);
    s->errors++;
    if (fatal) {
        s->stop = 1;
    } else if (s->errors >= JSON_STRICT_MAX_ERRORS) {
        diag_add(s->diags, DIAG_ERROR, line, col, s->path ? s->path : "",
                 "too many errors; the scan stops here");
        s->stop = 1;
    }
}

static void scan_error_at(Scan *s, size_t pos, int line, int fatal, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
static void scan_error_at(Scan *s, size_t pos, int line, int fatal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scan_error_v(s, line, col_at(s, pos), fatal, fmt, ap);
    va_end(ap);
}

/* An error at an explicit line and column. */
static void scan_error_lc(Scan *s, int line, int col, int fatal, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
static void scan_error_lc(Scan *s, int line, int col, int fatal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scan_error_v(s, line, col, fatal, fmt, ap);
    va_end(ap);
}

/* An error at the current position. */
static void scan_error(Scan *s, int fatal, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void scan_error(Scan *s, int fatal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scan_error_v(s, s->line, col_at(s, s->pos), fatal, fmt, ap);
    va_end(ap);
}

static void out_of_memory(Scan *s)
{
    if (!s->stop)
        diag_add(s->diags, DIAG_ERROR, 0, 0, "", "out of memory while reading the JSON");
    s->errors++;
    s->stop = 1;
}

/* Decodes one strictly valid UTF-8 sequence at p[0..n); returns its length (1..4) and the
 * code point, or 0 when the bytes are not valid UTF-8. */
static int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

int json_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp) { return utf8_decode(p, n, cp); }

static int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < (size_t)len)
        return 0;
    for (int i = 1; i < len; i++) {
        unsigned char b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return 0;
        v = (v << 6) | (b & 0x3Fu);
    }
    *cp = v;
    return len;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Describes what sits at pos, for "found ..." in messages. */
static void describe_at(const Scan *s, size_t pos, char *out, size_t outsz)
{
    if (pos >= s->len) {
        snprintf(out, outsz, "the end of the file");
        return;
    }
    unsigned char c = s->p[pos];
    if (is_word_byte(c)) {
        size_t n = 0;
        while (pos + n < s->len && n < 24 && is_word_byte(s->p[pos + n]))
            n++;
        const char *more = (pos + n < s->len && is_word_byte(s->p[pos + n])) ? "..." : "";
        const char *w = (const char *)s->p + pos;
        const char *hint = "";
        if ((n == 4 && (memcmp(w, "True", 4) == 0 || memcmp(w, "TRUE", 4) == 0 ||
                        memcmp(w, "Null", 4) == 0 || memcmp(w, "NULL", 4) == 0 ||
                        memcmp(w, "None", 4) == 0)) ||
            (n == 5 && (memcmp(w, "False", 5) == 0 || memcmp(w, "FALSE", 5) == 0)))
            hint = " (JSON literals are lower case: true, false, null)";
        else if ((n == 3 && memcmp(w, "NaN", 3) == 0) || (n == 8 && memcmp(w, "Infinity", 8) == 0))
            hint = " (JSON has no NaN or Infinity)";
        snprintf(out, outsz, "'%.*s%s'%s", (int)n, w, more, hint);
    } else if (c == '\'') {
        snprintf(out, outsz, "''' (JSON strings use double quotes)");
    } else if (c >= 0x21 && c < 0x7F) {
        snprintf(out, outsz, "'%c'", c);
    } else if (c < 0x20 || c == 0x7F) {
        snprintf(out, outsz, "control character U+%04X", (unsigned)c);
    } else {
        uint32_t cp = 0;
        int n = utf8_decode(s->p + pos, s->len - pos, &cp);
        if (n == 0)
            snprintf(out, outsz, "byte 0x%02X, which is not UTF-8", (unsigned)c);
        else if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019)
            snprintf(out, outsz, "'%.*s' (U+%04X, a curly quote; JSON needs straight quotes)", n,
                     (const char *)s->p + pos, (unsigned)cp);
        else
            snprintf(out, outsz, "'%.*s' (U+%04X)", n, (const char *)s->p + pos, (unsigned)cp);
    }
}

static void newline(Scan *s)
{
    s->line++;
    s->line_start = s->pos;
}

static void skip_ws(Scan *s)
{
    while (!s->stop && s->pos < s->len) {
        unsigned char c = s->p[s->pos];
        if (c == ' ' || c == '\t') {
            s->pos++;
        } else if (c == '\n') {
            s->pos++;
            newline(s);
        } else if (c == '\r') {
            s->pos++;
            if (s->pos < s->len && s->p[s->pos] == '\n')
                s->pos++;
            newline(s);
        } else if (c == '/' && s->pos + 1 < s->len &&
                   (s->p[s->pos + 1] == '/' || s->p[s->pos + 1] == '*')) {
            int line = s->line;
            size_t start = s->pos;
            scan_error(s, 0, "comments are not allowed in JSON");
            if (s->p[s->pos + 1] == '/') {
                while (s->pos < s->len && s->p[s->pos] != '\n' && s->p[s->pos] != '\r')
                    s->pos++;
                continue;
            }
            s->pos += 2;
            for (;;) {
                if (s->pos >= s->len) {
                    scan_error(s, 1,
                               "expected '*/' to close the comment that starts at line %d, "
                               "column %d, found the end of the file",
                               line, (int)(start - s->line_start + 1));
                    return;
                }
                unsigned char d = s->p[s->pos];
                if (d == '*' && s->pos + 1 < s->len && s->p[s->pos + 1] == '/') {
                    s->pos += 2;
                    break;
                }
                s->pos++;
                if (d == '\n' || (d == '\r' && (s->pos >= s->len || s->p[s->pos] != '\n')))
                    newline(s);
            }
        } else {
            return;
        }
    }
}

/* The path stack: push returns the old length to restore with path_pop. */
static int path_push_key(Scan *s, const char *key, size_t *mark)
{
    *mark = s->path_len;
    return json_pointer_append_len(&s->path, &s->path_len, &s->path_cap, key);
}

static int path_push_index(Scan *s, const char *seg, size_t *mark)
{
    return path_push_key(s, seg, mark);
}

static void path_pop(Scan *s, size_t mark)
{
    s->path_len = mark;
    s->path[mark] = '\0';
}

static int key_put(Scan *s, const char *bytes, size_t n)
{
    if (s->key_len + n + 1 > s->key_cap) {
        size_t cap = s->key_cap ? s->key_cap : 64;
        while (cap < s->key_len + n + 1)
            cap *= 2;
        char *k = alloc_realloc(s->key, cap);
        if (!k)
            return -1;
        s->key = k;
        s->key_cap = cap;
    }
    memcpy(s->key + s->key_len, bytes, n);
    s->key_len += n;
    s->key[s->key_len] = '\0';
    return 0;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

static int key_put_cp(Scan *s, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        return key_put(s, REPLACEMENT, 3);
    } else if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return key_put(s, b, n);
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits after "\u" at s->pos; returns the value or -1 (reported). */
static long read_hex4(Scan *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = s->pos < s->len ? hex_value(s->p[s->pos]) : -1;
        if (h < 0) {
            char found[96];
            describe_at(s, s->pos, found, sizeof found);
            scan_error(s, 0, "expected 4 hex digits after '\\u', found %s", found);
            return -1;
        }
        v = v * 16 + h;
        s->pos++;
    }
    return v;
}

/* Scans a string at s->pos (a '"'). When decode is set, the decoded text goes to s->key.
 * Returns 0, or -1 after a fatal error. */
static int scan_string(Scan *s, int decode)
{
    int line = s->line;
    size_t start = s->pos;
    int bad_utf8 = 0;
    s->key_len = 0;
    if (decode && key_put(s, "", 0) != 0) {
        out_of_memory(s);
        return -1;
    }
    s->pos++;
    for (;;) {
        if (s->stop)
            return -1;
        if (s->pos >= s->len || s->p[s->pos] == '\n' || s->p[s->pos] == '\r') {
            scan_error(s, 1,
                       "expected '\"' to close the string that starts at line %d, column %d, "
                       "found %s",
                       line, col_at(s, start),
                       s->pos >= s->len ? "the end of the file" : "a line break");
            return -1;
        }
        /* a run of plain ASCII (no quote, backslash, control or line break) at once */
        size_t run = s->pos;
        while (run < s->len && s->p[run] >= 0x20 && s->p[run] < 0x80 && s->p[run] != '"' &&
               s->p[run] != '\\')
            run++;
        if (run > s->pos) {
            if (decode && key_put(s, (const char *)s->p + s->pos, run - s->pos) != 0) {
                out_of_memory(s);
                return -1;
            }
            s->pos = run;
            continue;
        }
        unsigned char c = s->p[s->pos];
        if (c == '"') {
            s->pos++;
            return 0;
        }
        if (c == '\\') {
            size_t esc = s->pos;
            s->pos++;
            if (s->pos >= s->len)
                continue; /* reported as an unterminated string */
            unsigned char e = s->p[s->pos];
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e != 0 && simple) {
                static const char decoded[] = "\"\\/\b\f\n\r\t";
                s->pos++;
                if (decode && key_put(s, &decoded[simple - "\"\\/bfnrt"], 1) != 0) {
                    out_of_memory(s);
                    return -1;
                }
                continue;
            }
            if (e == 'u') {
                s->pos++;
                long v = read_hex4(s);
                if (v < 0)
                    continue;
                uint32_t cp = (uint32_t)v;
                if (cp == 0) {
                    scan_error_at(s, esc, s->line, 0, "'\\u0000' (a NUL character) is not allowed in a string");
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    scan_error_at(s, esc, s->line, 0,
                                  "unpaired UTF-16 surrogate '\\u%04lX': a low surrogate must "
                                  "follow a high one (\\uD800 to \\uDBFF)",
                                  v);
                    cp = 0xFFFD;
                } else if (cp >= 0xD800 && cp <= 0xDBFF) {
                    long lo = -1;
                    if (s->pos + 1 < s->len && s->p[s->pos] == '\\' && s->p[s->pos + 1] == 'u') {
                        size_t save = s->pos;
                        s->pos += 2;
                        lo = read_hex4(s);
                        if (lo >= 0 && (lo < 0xDC00 || lo > 0xDFFF)) {
                            s->pos = save; /* scan that escape on its own */
                            lo = -1;
                        } else if (lo < 0) {
                            continue;
                        }
                    }
                    if (lo < 0) {
                        scan_error_at(s, esc, s->line, 0,
                                      "unpaired UTF-16 surrogate '\\u%04lX': a high surrogate "
                                      "must be followed by a low one (\\uDC00 to \\uDFFF)",
                                      v);
                        cp = 0xFFFD;
                    } else {
                        cp = 0x10000u + (((uint32_t)v - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u);
                    }
                }
                if (decode && key_put_cp(s, cp) != 0) {
                    out_of_memory(s);
                    return -1;
                }
                continue;
            }
            if (e >= 0x21 && e < 0x7F) {
                s->pos++;
                scan_error_at(s, esc, s->line, 0,
                              "invalid escape '\\%c' in a string; the escapes are \\\" \\\\ \\/ "
                              "\\b \\f \\n \\r \\t and \\uXXXX",
                              e);
            } else {
                char found[96];
                describe_at(s, s->pos, found, sizeof found);
                scan_error_at(s, esc, s->line, 0, "invalid escape: '\\' followed by %s", found);
                if (e != '\n' && e != '\r')
                    s->pos++;
            }
            if (decode && key_put(s, REPLACEMENT, 3) != 0) {
                out_of_memory(s);
                return -1;
            }
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            if (c < 0x20) {
                const char *esc = c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
                if (esc)
                    scan_error(s, 0, "unescaped control character U+%04X in a string; write it as %s",
                               (unsigned)c, esc);
                else
                    scan_error(s, 0,
                               "unescaped control character U+%04X in a string; write it as \\u%04X",
                               (unsigned)c, (unsigned)c);
                s->pos++;
                if (decode && key_put(s, REPLACEMENT, 3) != 0) {
                    out_of_memory(s);
                    return -1;
                }
                continue;
            }
            /* DEL is legal JSON; keep it. */
        }
        if (c < 0x80) {
            s->pos++;
            if (decode && key_put(s, (const char *)&c, 1) != 0) {
                out_of_memory(s);
                return -1;
            }
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(s->p + s->pos, s->len - s->pos, &cp);
        if (n == 0) {
            if (!bad_utf8)
                scan_error(s, 0,
                           "invalid UTF-8 in a string: byte 0x%02X cannot be decoded (is the file "
                           "saved as UTF-8?)",
                           (unsigned)c);
            bad_utf8 = 1;
            s->pos++;
            if (decode && key_put(s, REPLACEMENT, 3) != 0) {
                out_of_memory(s);
                return -1;
            }
            continue;
        }
        if (decode && key_put(s, (const char *)s->p + s->pos, (size_t)n) != 0) {
            out_of_memory(s);
            return -1;
        }
        s->pos += (size_t)n;
    }
}

static int is_digit(const Scan *s, size_t pos)
{
    return pos < s->len && s->p[pos] >= '0' && s->p[pos] <= '9';
}

static void scan_number(Scan *s)
{
    size_t start = s->pos;
    char found[96];
    if (s->p[s->pos] == '-')
        s->pos++;
    if (is_digit(s, s->pos) && s->p[s->pos] == '0') {
        s->pos++;
        if (is_digit(s, s->pos)) {
            scan_error_at(s, start, s->line, 0, "a number may not have a leading zero");
            while (is_digit(s, s->pos))
                s->pos++;
        }
    } else if (is_digit(s, s->pos)) {
        while (is_digit(s, s->pos))
            s->pos++;
    } else {
        describe_at(s, s->pos, found, sizeof found);
        scan_error(s, 1, "expected a digit after '-', found %s", found);
        return;
    }
    if (s->pos < s->len && s->p[s->pos] == '.') {
        s->pos++;
        if (!is_digit(s, s->pos)) {
            describe_at(s, s->pos, found, sizeof found);
            scan_error(s, 1, "expected a digit after the decimal point, found %s", found);
            return;
        }
        while (is_digit(s, s->pos))
            s->pos++;
    }
    if (s->pos < s->len && (s->p[s->pos] == 'e' || s->p[s->pos] == 'E')) {
        s->pos++;
        if (s->pos < s->len && (s->p[s->pos] == '+' || s->p[s->pos] == '-'))
            s->pos++;
        if (!is_digit(s, s->pos)) {
            describe_at(s, s->pos, found, sizeof found);
            scan_error(s, 1, "expected a digit in the exponent, found %s", found);
            return;
        }
        while (is_digit(s, s->pos))
            s->pos++;
    }
    size_t n = s->pos - start;
    if (n > JSON_STRICT_MAX_NUMBER_CHARS) {
        scan_error_at(s, start, s->line, 0, "a number longer than %d characters",
                      JSON_STRICT_MAX_NUMBER_CHARS);
        return;
    }
    /* without an exponent, at most 63 characters stay far below DBL_MAX (309 digits):
     * only a number with an exponent can overflow */
    if (!memchr(s->p + start, 'e', n) && !memchr(s->p + start, 'E', n))
        return;
    char text[JSON_STRICT_MAX_NUMBER_CHARS + 1];
    memcpy(text, s->p + start, n);
    text[n] = '\0';
    const struct lconv *lc = localeconv();
    char point = lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point[0] : '.';
    for (size_t i = 0; i < n; i++)
        if (text[i] == '.')
            text[i] = point;
    double v = strtod(text, NULL);
    if (!isfinite(v))
        scan_error_at(s, start, s->line, 0,
                      "the number %.*s is out of range (it overflows to infinity)", (int)n,
                      (const char *)s->p + start);
}

static void scan_value(Scan *s, const char *seg, size_t seg_len, int key_line, int key_col);

static void found_here(const Scan *s, char *found, size_t n)
{
    describe_at(s, s->pos, found, n);
}

static void scan_object(Scan *s)
{
    char found[128];
    s->pos++; /* '{' */
    skip_ws(s);
    if (s->stop)
        return;
    if (s->pos < s->len && s->p[s->pos] == '}') {
        s->pos++;
        return;
    }
    int first = 1;
    for (;;) {
        if (s->pos >= s->len || s->p[s->pos] != '"') {
            found_here(s, found, sizeof found);
            scan_error(s, 1, "expected a member name in double quotes%s, found %s",
                       first ? " or '}'" : "", found);
            return;
        }
        first = 0;
        int key_line = s->line, key_col = col_at(s, s->pos);
        if (scan_string(s, 1) != 0)
            return;
        size_t mark;
        if (path_push_key(s, s->key, &mark) != 0) {
            out_of_memory(s);
            return;
        }
        skip_ws(s);
        if (s->stop)
            return;
        if (s->pos >= s->len || s->p[s->pos] != ':') {
            found_here(s, found, sizeof found);
            scan_error(s, 1, "expected ':' after the member name, found %s", found);
            return;
        }
        s->pos++;

        int saved_recording = s->recording;
        if (s->recording) {
            long dup = map_find(s->doc, s->parent, s->key, s->key_len);
            if (dup >= 0) {
                const JsonLoc *first_loc = &s->doc->entries[dup].loc;
                size_t k = s->key_len < 60 ? s->key_len : 60;
                while (k > 0 && k < s->key_len && ((unsigned char)s->key[k] & 0xC0) == 0x80)
                    k--;
                scan_error_lc(s, key_line, key_col, 0,
                                "duplicate key \"%.*s%s\"; it is already defined at line %d, "
                                "column %d",
                                (int)k, s->key, k < s->key_len ? "..." : "", first_loc->key_line,
                                first_loc->key_col);
                s->recording = 0; /* the duplicate's value is scanned but not recorded */
            }
        }
        scan_value(s, s->key, s->key_len, key_line, key_col);
        s->recording = saved_recording;
        path_pop(s, mark);
        if (s->stop)
            return;
        int value_end_line = s->line;
        skip_ws(s);
        if (s->stop)
            return;
        if (s->pos < s->len && s->p[s->pos] == ',') {
            int comma_line = s->line, comma_col = col_at(s, s->pos);
            s->pos++;
            skip_ws(s);
            if (s->stop)
                return;
            if (s->pos < s->len && s->p[s->pos] == '}') {
                scan_error_lc(s, comma_line, comma_col, 0,
                              "expected another member after ',', found '}' (JSON does not "
                              "allow a trailing comma)");
                s->pos++;
                return;
            }
            continue;
        }
        if (s->pos < s->len && s->p[s->pos] == '}') {
            s->pos++;
            return;
        }
        found_here(s, found, sizeof found);
        /* another member name where a ',' should be: one forgotten at the end of a line, or
         * between two members on one line */
        if (s->pos < s->len && s->p[s->pos] == '"' && s->line > value_end_line)
            scan_error(s, 1,
                       "expected ',' or '}' after an object member, found %s (is a ',' missing "
                       "at the end of line %d?)",
                       found, value_end_line);
        else if (s->pos < s->len && s->p[s->pos] == '"')
            scan_error(s, 1,
                       "expected ',' or '}' after an object member, found %s (is a ',' missing "
                       "before it?)",
                       found);
        else
            scan_error(s, 1, "expected ',' or '}' after an object member, found %s", found);
        return;
    }
}

static int match_word(const Scan *s, const char *w);

/* Whether a JSON value begins at the current position. */
static int starts_a_value(const Scan *s)
{
    if (s->pos >= s->len)
        return 0;
    unsigned char c = s->p[s->pos];
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') ||
           match_word(s, "true") || match_word(s, "false") || match_word(s, "null");
}

/* index in decimal into seg (at least 21 bytes); returns its length */
static int format_index(char *seg, size_t index)
{
    char rev[24];
    int n = 0;
    do {
        rev[n++] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    for (int i = 0; i < n; i++)
        seg[i] = rev[n - 1 - i];
    seg[n] = '\0';
    return n;
}

static void scan_array(Scan *s)
{
    char found[128];
    s->pos++; /* '[' */
    skip_ws(s);
    if (s->stop)
        return;
    if (s->pos < s->len && s->p[s->pos] == ']') {
        s->pos++;
        return;
    }
    for (size_t index = 0;; index++) {
        size_t mark;
        char seg[32];
        int seg_len = format_index(seg, index);
        if (path_push_index(s, seg, &mark) != 0) {
            out_of_memory(s);
            return;
        }
        scan_value(s, seg, (size_t)seg_len, 0, 0);
        path_pop(s, mark);
        if (s->stop)
            return;
        int value_end_line = s->line;
        skip_ws(s);
        if (s->stop)
            return;
        if (s->pos < s->len && s->p[s->pos] == ',') {
            int comma_line = s->line, comma_col = col_at(s, s->pos);
            s->pos++;
            skip_ws(s);
            if (s->stop)
                return;
            if (s->pos < s->len && s->p[s->pos] == ']') {
                scan_error_lc(s, comma_line, comma_col, 0,
                              "expected another element after ',', found ']' (JSON does not "
                              "allow a trailing comma)");
                s->pos++;
                return;
            }
            continue;
        }
        if (s->pos < s->len && s->p[s->pos] == ']') {
            s->pos++;
            return;
        }
        found_here(s, found, sizeof found);
        /* anything but '}' on a later line: a ',' forgotten at the end of a line; another
         * value on the same line: a ',' forgotten between two elements */
        if (s->pos < s->len && s->line > value_end_line && s->p[s->pos] != '}')
            scan_error(s, 1,
                       "expected ',' or ']' after an array element, found %s (is a ',' missing "
                       "at the end of line %d?)",
                       found, value_end_line);
        else if (starts_a_value(s))
            scan_error(s, 1,
                       "expected ',' or ']' after an array element, found %s (is a ',' missing "
                       "before it?)",
                       found);
        else
            scan_error(s, 1, "expected ',' or ']' after an array element, found %s", found);
        return;
    }
}

static int match_word(const Scan *s, const char *w)
{
    size_t n = strlen(w);
    return s->len - s->pos >= n && memcmp(s->p + s->pos, w, n) == 0 &&
           !(s->pos + n < s->len && is_word_byte(s->p[s->pos + n]));
}

/* Scans one value at the next token; records its position unless inside a duplicate.
 * seg names it in its container: the decoded member name, the array index, or "" (root). */
static void scan_value(Scan *s, const char *seg, size_t seg_len, int key_line, int key_col)
{
    char found[128];
    skip_ws(s);
    if (s->stop)
        return;
    if (s->pos >= s->len) {
        scan_error(s, 1, "expected a value, found the end of the file");
        return;
    }
    long entry = -1;
    uint32_t saved_parent = s->parent;
    if (s->recording) {
        if (s->doc->count >= MAX_ENTRIES) {
            scan_error(s, 1, "expected at most %u values in one file, found more", MAX_ENTRIES);
            return;
        }
        entry = map_insert(s->doc, s->parent, seg, seg_len);
        if (entry < 0) {
            out_of_memory(s);
            return;
        }
        JsonLoc *loc = &s->doc->entries[entry].loc;
        loc->line = s->line;
        loc->col = col_at(s, s->pos);
        loc->key_line = key_line;
        loc->key_col = key_col;
        loc->offset = s->pos;
    }
    size_t start = s->pos;
    unsigned char c = s->p[s->pos];
    if (c == '{' || c == '[') {
        if (s->depth >= s->max_depth) {
            scan_error(s, 1, "nesting deeper than %d levels", s->max_depth);
            return;
        }
        s->depth++;
        if (entry >= 0)
            s->parent = (uint32_t)entry;
        if (c == '{')
            scan_object(s);
        else
            scan_array(s);
        s->parent = saved_parent;
        s->depth--;
    } else if (c == '"') {
        scan_string(s, 0);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        scan_number(s);
    } else if (match_word(s, "true")) {
        s->pos += 4;
    } else if (match_word(s, "false")) {
        s->pos += 5;
    } else if (match_word(s, "null")) {
        s->pos += 4;
    } else {
        found_here(s, found, sizeof found);
        scan_error(s, 1, "expected a value, found %s", found);
        return;
    }
    if (entry >= 0)
        s->doc->entries[entry].loc.length = s->pos - start;
}

/* ---------------------------------------------------------------- the public side */

int json_pointer_append(char **buf, size_t *cap, const char *key)
{
    size_t len = *buf ? strlen(*buf) : 0;
    return json_pointer_append_len(buf, &len, cap, key);
}

int json_pointer_append_len(char **buf, size_t *len, size_t *cap, const char *key)
{
    size_t used = *buf ? *len : 0;
    size_t extra = 1;
    for (const char *k = key; *k; k++)
        extra += (*k == '~' || *k == '/') ? 2 : 1;
    if (used + extra + 1 > *cap) {
        size_t ncap = *cap ? *cap : 64;
        while (ncap < used + extra + 1)
            ncap *= 2;
        char *b = alloc_realloc(*buf, ncap);
        if (!b)
            return -1;
        *buf = b;
        *cap = ncap;
    }
    char *o = *buf + used;
    *o++ = '/';
    for (const char *k = key; *k; k++) {
        if (*k == '~') {
            *o++ = '~';
            *o++ = '0';
        } else if (*k == '/') {
            *o++ = '~';
            *o++ = '1';
        } else {
            *o++ = *k;
        }
    }
    *o = '\0';
    *len = (size_t)(o - *buf);
    return 0;
}

static void count_position(const unsigned char *p, size_t upto, int *line, int *col)
{
    int l = 1;
    size_t start = 0;
    for (size_t i = 0; i < upto; i++) {
        if (p[i] == '\n' || (p[i] == '\r' && !(i + 1 < upto && p[i + 1] == '\n'))) {
            l++;
            start = i + 1;
        }
    }
    *line = l;
    *col = (int)(upto - start + 1);
}

JsonDoc *json_strict_parse(const char *buf, size_t len, int max_depth, DiagList *diags)
{
    JsonDoc *doc = alloc_calloc(1, sizeof *doc);
    if (!doc) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory while reading the JSON");
        return NULL;
    }
    doc->buf = buf;
    Scan s;
    memset(&s, 0, sizeof s);
    s.p = (const unsigned char *)buf;
    s.len = buf ? len : 0;
    s.line = 1;
    s.diags = diags;
    s.max_depth = max_depth;
    s.recording = 1;
    s.parent = NO_ENTRY;
    s.doc = doc;
    s.path = alloc_calloc(1, 64);
    s.path_cap = 64;
    if (!s.path) {
        out_of_memory(&s);
        goto done;
    }

    if (s.len == 0) {
        scan_error(&s, 1, "the file is empty; expected a JSON value");
        goto done;
    }
    if (s.len >= 2 && ((s.p[0] == 0xFF && s.p[1] == 0xFE) || (s.p[0] == 0xFE && s.p[1] == 0xFF))) {
        scan_error(&s, 1,
                   "the file starts with a UTF-16 byte order mark; save it as UTF-8 without a "
                   "byte order mark");
        goto done;
    }
    const unsigned char *nul = memchr(s.p, 0, s.len);
    if (nul) {
        int line, col;
        count_position(s.p, (size_t)(nul - s.p), &line, &col);
        scan_error_lc(&s, line, col, 1,
                      "the file contains a NUL byte; it looks like a binary or UTF-16 file, not "
                      "UTF-8 text");
        goto done;
    }
    if (s.len >= 3 && s.p[0] == 0xEF && s.p[1] == 0xBB && s.p[2] == 0xBF) {
        scan_error(&s, 0,
                   "the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not "
                   "allow; save it as UTF-8 without a BOM");
        s.pos = 3;
        s.line_start = 3;
    }
    skip_ws(&s);
    if (!s.stop && s.pos >= s.len) {
        scan_error(&s, 1, "expected a JSON value, found the end of the file");
        goto done;
    }
    scan_value(&s, "", 0, 0, 0);
    skip_ws(&s);
    if (!s.stop && s.pos < s.len) {
        char found[128];
        found_here(&s, found, sizeof found);
        scan_error(&s, 1, "expected the end of the file after the top-level value, found %s", found);
    }

done:
    alloc_free(s.path);
    alloc_free(s.key);
    if (s.errors) {
        json_doc_free(doc);
        return NULL;
    }
    doc->root = cJSON_ParseWithLength(buf, len);
    if (!doc->root) {
        diag_add(diags, DIAG_ERROR, 0, 0, "", "out of memory while reading the JSON");
        json_doc_free(doc);
        return NULL;
    }
    return doc;
}

void json_doc_free(JsonDoc *doc)
{
    if (!doc)
        return;
    cJSON_Delete(doc->root);
    alloc_free(doc->entries);
    alloc_free(doc->names);
    alloc_free(doc->table);
    alloc_free(doc);
}

const cJSON *json_doc_root(const JsonDoc *doc)
{
    return doc ? doc->root : NULL;
}

const JsonLoc *json_doc_find(const JsonDoc *doc, const char *pointer)
{
    if (!doc || !pointer || doc->count == 0)
        return NULL;
    uint32_t at = 0; /* the root is always the first entry */
    const char *p = pointer;
    if (*p && *p != '/')
        return NULL;
    char small[128];
    char *seg = small;
    size_t seg_cap = sizeof small;
    const JsonLoc *result = NULL;
    while (*p) {
        p++; /* '/' */
        const char *end = strchr(p, '/');
        size_t raw = end ? (size_t)(end - p) : strlen(p);
        if (raw + 1 > seg_cap) {
            char *big = alloc_malloc(raw + 1);
            if (!big)
                goto out;
            if (seg != small)
                alloc_free(seg);
            seg = big;
            seg_cap = raw + 1;
        }
        size_t n = 0;
        for (size_t i = 0; i < raw; i++) {
            if (p[i] == '~' && i + 1 < raw && (p[i + 1] == '0' || p[i + 1] == '1')) {
                seg[n++] = p[i + 1] == '0' ? '~' : '/';
                i++;
            } else {
                seg[n++] = p[i];
            }
        }
        long k = map_find(doc, at, seg, n);
        if (k < 0)
            goto out;
        at = (uint32_t)k;
        p += raw;
    }
    result = &doc->entries[at].loc;
out:
    if (seg != small)
        alloc_free(seg);
    return result;
}

const char *json_doc_text(const JsonDoc *doc, const JsonLoc *loc, size_t *len)
{
    if (!doc || !loc) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = loc->length;
    return doc->buf + loc->offset;
}
