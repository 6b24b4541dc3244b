/* json_strict — an internal strict JSON front end for the loaders.
 *
 * cJSON builds a tree but knows no positions and silently keeps duplicate keys, so this
 * module first scans the buffer itself: it rejects what RFC 8259 forbids (and a few
 * things it allows but a scenario must not contain: a BOM, duplicate keys, NUL bytes,
 * "\u0000", numbers that overflow or are longer than cJSON can read, nesting deeper than
 * a limit), reporting each problem with line, column and JSON pointer. It records the
 * position of every value and member name under its RFC 6901 pointer, then lets cJSON
 * parse the same bytes for the tree. A JsonDoc owns both; free it with json_doc_free.
 * Nothing returned by a JsonDoc outlives it. */
#ifndef UPFRONT_JSON_STRICT_H
#define UPFRONT_JSON_STRICT_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "upfront/diag.h"

#define JSON_STRICT_MAX_NUMBER_CHARS 63 /* cJSON reads at most this many */
#define JSON_STRICT_MAX_ERRORS 100      /* the scan stops after this many errors */

/* Where one value sits in the buffer. Lines and columns are 1-based; columns count bytes. */
typedef struct JsonLoc {
    int line, col;         /* the value's first byte */
    int key_line, key_col; /* its member name's opening quote; 0 for array items and the root */
    size_t offset, length; /* the value's bytes, buf[offset .. offset + length) */
} JsonLoc;

typedef struct JsonDoc JsonDoc;

/* Scans buf[0..len) strictly and parses it. Returns the document, or NULL after adding
 * every syntax error found to diags (the scan goes on past errors it can recover from;
 * an out-of-memory failure adds one diagnostic at line 0). */
JsonDoc *json_strict_parse(const char *buf, size_t len, int max_depth, DiagList *diags);

/* Frees the document, its tree and its positions; NULL is fine. */
void json_doc_free(JsonDoc *doc);

/* The cJSON tree, borrowed from the document. */
const cJSON *json_doc_root(const JsonDoc *doc);

/* The position of the value at an RFC 6901 pointer ("" is the root), or NULL. */
const JsonLoc *json_doc_find(const JsonDoc *doc, const char *pointer);

/* The value's source text at loc, borrowed from the buffer passed to json_strict_parse
 * (which must still be alive); *len receives its length. */
const char *json_doc_text(const JsonDoc *doc, const JsonLoc *loc, size_t *len);

/* Appends "/" and the RFC 6901 escape of key ('~' -> "~0", '/' -> "~1") to the
 * NUL-terminated string in *buf (capacity *cap, grown with realloc; both may start as
 * NULL/0). Returns 0, or -1 when out of memory (the string is then unchanged). */
int json_pointer_append(char **buf, size_t *cap, const char *key);

/* The same for a string whose length the caller keeps in *len (updated), so that deep
 * pointers are not measured again at every step. */
int json_pointer_append_len(char **buf, size_t *len, size_t *cap, const char *key);

/* Decodes one strictly valid UTF-8 sequence at p[0..n) (the scanner's own rule): returns
 * its length (1..4) with the code point in *cp, or 0 when the bytes are not valid UTF-8. */
int json_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

#endif
