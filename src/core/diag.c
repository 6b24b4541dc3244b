/* diag — a growable list of positioned diagnostics and their two printed forms. */
#include "upfront/diag.h"
#include "upfront/alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_strict.h"

typedef struct DiagItem {
    Diag d;
    size_t seq; /* insertion order, the tie-break of diag_sort */
} DiagItem;

struct DiagList {
    DiagItem *items;
    int count;
    int cap;
    int errors;
    int warnings;
    size_t next_seq;
};

DiagList *diag_list_new(void)
{
    return alloc_calloc(1, sizeof(DiagList));
}

void diag_list_free(DiagList *list)
{
    if (!list)
        return;
    for (int i = 0; i < list->count; i++) {
        alloc_free((char *)list->items[i].d.pointer);
        alloc_free((char *)list->items[i].d.message);
    }
    alloc_free(list->items);
    alloc_free(list);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = alloc_malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

int diag_add(DiagList *list, DiagSeverity severity, int line, int col, const char *pointer,
             const char *fmt, ...)
{
    if (!list || !fmt)
        return -1;
    if (list->count == list->cap) {
        if (list->cap > (1 << 28))
            return -1;
        int cap = list->cap ? list->cap * 2 : 16;
        DiagItem *items = alloc_realloc(list->items, (size_t)cap * sizeof *items);
        if (!items)
            return -1;
        list->items = items;
        list->cap = cap;
    }

    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return -1;
    }
    char *message = alloc_malloc((size_t)n + 1);
    if (message)
        vsnprintf(message, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    char *ptr = copy_string(pointer ? pointer : "");
    if (!message || !ptr) {
        alloc_free(message);
        alloc_free(ptr);
        return -1;
    }

    DiagItem *it = &list->items[list->count++];
    it->d.severity = severity;
    it->d.line = line > 0 ? line : 0;
    it->d.col = line > 0 && col > 0 ? col : 0;
    it->d.pointer = ptr;
    it->d.message = message;
    it->seq = list->next_seq++;
    if (severity == DIAG_ERROR)
        list->errors++;
    else
        list->warnings++;
    return 0;
}

int diag_count(const DiagList *list) { return list ? list->count : 0; }
int diag_error_count(const DiagList *list) { return list ? list->errors : 0; }
int diag_warning_count(const DiagList *list) { return list ? list->warnings : 0; }

const Diag *diag_get(const DiagList *list, int i)
{
    if (!list || i < 0 || i >= list->count)
        return NULL;
    return &list->items[i].d;
}

static int compare_items(const void *pa, const void *pb)
{
    const DiagItem *a = pa, *b = pb;
    if (a->d.line != b->d.line)
        return a->d.line < b->d.line ? -1 : 1;
    if (a->d.col != b->d.col)
        return a->d.col < b->d.col ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

void diag_sort(DiagList *list)
{
    if (list && list->count > 1)
        qsort(list->items, (size_t)list->count, sizeof list->items[0], compare_items);
}

static const char *severity_name(DiagSeverity s)
{
    return s == DIAG_WARNING ? "warning" : "error";
}

/* Writes s with control characters shown as \uXXXX, so that each diagnostic stays on one
 * line whatever names the file contains. */
int diag_is_unsafe_char(unsigned long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

int diag_fputs_safe(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i = 0;
    while (i < n) {
        uint32_t cp;
        int l = json_utf8_decode(p + i, n - i, &cp);
        int rc;
        if (l <= 0) {
            rc = fprintf(out, "\\x%02X", (unsigned)p[i]);
            l = 1;
        } else if (diag_is_unsafe_char(cp)) {
            rc = fprintf(out, "\\u%04X", (unsigned)cp);
        } else {
            rc = fwrite(p + i, 1, (size_t)l, out) == (size_t)l ? 1 : -1;
        }
        if (rc < 0)
            return -1;
        i += (size_t)l;
    }
    return 0;
}

static int put_one_line(FILE *out, const char *s)
{
    return diag_fputs_safe(out, s);
}

int diag_print(FILE *out, const char *file, const DiagList *list)
{
    return diag_print_styled(out, file, list, 0);
}

int diag_print_styled(FILE *out, const char *file, const DiagList *list, int color)
{
    if (!out)
        return -1;
    if (!file)
        file = "<input>";
    int n = diag_count(list);
    for (int i = 0; i < n; i++) {
        const Diag *d = &list->items[i].d;
        if (put_one_line(out, file) != 0)
            return -1;
        if (d->line > 0 && fprintf(out, ":%d:%d", d->line, d->col) < 0)
            return -1;
        const char *on = !color ? "" : d->severity == DIAG_WARNING ? "\033[1;33m" : "\033[1;31m";
        if (fprintf(out, ": %s%s%s: ", on, severity_name(d->severity), color ? "\033[0m" : "") < 0)
            return -1;
        if (d->pointer[0] && (put_one_line(out, d->pointer) != 0 || fputs(": ", out) == EOF))
            return -1;
        if (put_one_line(out, d->message) != 0 || putc('\n', out) == EOF)
            return -1;
    }
    return ferror(out) ? -1 : 0;
}

int diag_print_json(FILE *out, const char *file, const DiagList *list)
{
    if (!out)
        return -1;
    if (!file)
        file = "<input>";
    cJSON *array = cJSON_CreateArray();
    if (!array)
        return -1;
    int n = diag_count(list);
    for (int i = 0; i < n; i++) {
        const Diag *d = &list->items[i].d;
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddStringToObject(o, "file", file) ||
            !cJSON_AddNumberToObject(o, "line", d->line) ||
            !cJSON_AddNumberToObject(o, "column", d->col) ||
            !cJSON_AddStringToObject(o, "pointer", d->pointer) ||
            !cJSON_AddStringToObject(o, "severity", severity_name(d->severity)) ||
            !cJSON_AddStringToObject(o, "message", d->message)) {
            cJSON_Delete(o);
            cJSON_Delete(array);
            return -1;
        }
        cJSON_AddItemToArray(array, o);
    }
    char *text = cJSON_PrintUnformatted(array);
    cJSON_Delete(array);
    if (!text)
        return -1;
    int rc = fprintf(out, "%s\n", text) < 0 ? -1 : 0;
    cJSON_free(text);
    if (ferror(out))
        rc = -1;
    return rc;
}
