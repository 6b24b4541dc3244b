/* classcode — the code an instructor gives a class so every trainee plays the same
 * scenario with the same seed. Two forms are accepted:
 *   compact: eight Crockford base-32 symbols shown as "XXXX-XXXX" (case, hyphens and
 *            spaces ignored; I and L read as 1, O as 0): 10 bits of a hash of the scenario
 *            id, 25 bits of seed (0..33554431) and a 5-bit check;
 *   long:    the scenario id and the seed, "midmarket-quarter:42" (':', '/', '#', a space
 *            or a last '-' before the digits).
 * Nothing here allocates. */
#ifndef UPFRONT_CLASSCODE_H
#define UPFRONT_CLASSCODE_H

#include <stddef.h>
#include <stdint.h>

#define CLASSCODE_MAX_SEED 33554431u /* 2^25 - 1: the largest seed a compact code holds */

typedef enum ClassCodeKind { CLASSCODE_INVALID, CLASSCODE_COMPACT, CLASSCODE_LONG } ClassCodeKind;

typedef struct ClassCode {
    ClassCodeKind kind;
    unsigned tag;    /* compact: the scenario's 10-bit tag (classcode_tag) */
    char id[80];     /* long: the scenario id as typed */
    uint64_t seed;
    char error[120]; /* invalid: why, in one sentence */
} ClassCode;

/* The 10-bit tag of a scenario id (FNV-1a, folded). */
unsigned classcode_tag(const char *scenario_id);
/* Writes the compact code "XXXX-XXXX" for a scenario and seed into out (cap >= 10);
 * returns 0, or -1 when the seed is above CLASSCODE_MAX_SEED (out is then ""). */
int classcode_make(const char *scenario_id, uint64_t seed, char *out, size_t cap);
/* The code to give a class for a scenario and seed: the compact one when the seed fits
 * (CLASSCODE_MAX_SEED at most), else the long one, "id:seed"; classcode_parse reads both. */
void classcode_write(const char *scenario_id, uint64_t seed, char *out, size_t cap);
/* Parses what a trainee typed; returns the kind (also in out->kind). */
ClassCodeKind classcode_parse(const char *text, ClassCode *out);

#endif
