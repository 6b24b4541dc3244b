/* classcode — compact and long class codes (scenario + seed). */
#include "upfront/classcode.h"

#include <stdio.h>
#include <string.h>

static const char SYMBOLS[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

unsigned classcode_tag(const char *id)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return (unsigned)((h ^ (h >> 10) ^ (h >> 20)) & 1023u);
}

static unsigned check_of(uint64_t data35)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 5; i++) {
        h ^= (uint32_t)((data35 >> (8 * i)) & 0xffu);
        h *= 16777619u;
    }
    return (unsigned)((h ^ (h >> 5) ^ (h >> 10) ^ (h >> 15) ^ (h >> 20) ^ (h >> 25)) & 31u);
}

int classcode_make(const char *scenario_id, uint64_t seed, char *out, size_t cap)
{
    if (cap > 0)
        out[0] = '\0';
    if (seed > CLASSCODE_MAX_SEED || cap < 10)
        return -1;
    uint64_t data = ((uint64_t)classcode_tag(scenario_id) << 25) | seed;
    uint64_t v = (data << 5) | check_of(data);
    int j = 0;
    for (int i = 7; i >= 0; i--) {
        out[j++] = SYMBOLS[(v >> (5 * i)) & 31u];
        if (i == 4)
            out[j++] = '-';
    }
    out[j] = '\0';
    return 0;
}

void classcode_write(const char *scenario_id, uint64_t seed, char *out, size_t cap)
{
    if (classcode_make(scenario_id, seed, out, cap) != 0)
        snprintf(out, cap, "%s:%llu", scenario_id, (unsigned long long)seed);
}

static int symbol_value(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L')
        return 1;
    if (c == 'O')
        return 0;
    const char *p = strchr(SYMBOLS, c);
    return c && p ? (int)(p - SYMBOLS) : -1;
}

static int parse_long(const char *text, ClassCode *out)
{
    size_t n = strlen(text);
    size_t end = n;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    size_t d = end;
    while (d > 0 && text[d - 1] >= '0' && text[d - 1] <= '9')
        d--;
    if (d == end || d == 0)
        return -1;
    char sep = text[d - 1];
    if (sep != ':' && sep != '/' && sep != '#' && sep != ' ' && sep != '-')
        return -1;
    size_t start = 0;
    while (start < d - 1 && (text[start] == ' ' || text[start] == '\t'))
        start++;
    size_t idlen = d - 1 - start;
    while (idlen > 0 && text[start + idlen - 1] == ' ')
        idlen--;
    if (idlen == 0 || idlen >= sizeof out->id || end - d > 20)
        return -1;
    uint64_t seed = 0;
    for (size_t i = d; i < end; i++) {
        unsigned dig = (unsigned)(text[i] - '0');
        if (seed > (UINT64_MAX - dig) / 10)
            return -1;
        seed = seed * 10 + dig;
    }
    memcpy(out->id, text + start, idlen);
    out->id[idlen] = '\0';
    out->seed = seed;
    return 0;
}

ClassCodeKind classcode_parse(const char *text, ClassCode *out)
{
    memset(out, 0, sizeof *out);
    /* compact: exactly eight symbols once hyphens and spaces are dropped */
    uint64_t v = 0;
    int count = 0, other = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '-' || *p == ' ' || *p == '\t')
            continue;
        int s = symbol_value(*p);
        if (s < 0) {
            other = 1;
            break;
        }
        if (++count <= 8)
            v = (v << 5) | (uint64_t)s;
    }
    if (!other && count == 8) {
        uint64_t data = v >> 5;
        if (check_of(data) != (unsigned)(v & 31u)) {
            snprintf(out->error, sizeof out->error, "%s",
                     "That code has a typo: check each character with your instructor.");
            return out->kind = CLASSCODE_INVALID;
        }
        out->tag = (unsigned)(data >> 25);
        out->seed = data & CLASSCODE_MAX_SEED;
        return out->kind = CLASSCODE_COMPACT;
    }
    if (parse_long(text, out) == 0)
        return out->kind = CLASSCODE_LONG;
    memset(out, 0, sizeof *out);
    snprintf(out->error, sizeof out->error, "%s",
             count > 0 && !other ? "A class code has eight characters, like K3M2-9QXA."
                                 : "Type the code your instructor gave you, like K3M2-9QXA.");
    return out->kind = CLASSCODE_INVALID;
}
