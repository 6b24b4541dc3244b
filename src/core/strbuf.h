/* strbuf — a growable string for the core's writers (results files, class reports).
 * Internal to src/core. A StrBuf starts zeroed ({0}); strbuf_done hands its text to the
 * caller, who frees it with free(); after running out of memory every call is a no-op and
 * strbuf_done frees what there was and returns NULL. */
#ifndef UPFRONT_STRBUF_H
#define UPFRONT_STRBUF_H

#include <stddef.h>

typedef struct StrBuf {
    char *s;     /* NUL-terminated once anything was added */
    size_t len, cap;
    int oom;     /* 1 after an allocation failed */
} StrBuf;

/* Appends n bytes of s. */
void strbuf_add(StrBuf *b, const char *s, size_t n);
/* Appends a NUL-terminated string. */
void strbuf_puts(StrBuf *b, const char *s);
/* Appends printf-formatted text, however long. */
void strbuf_printf(StrBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Returns the text ("" when nothing was added), or NULL when out of memory. */
char *strbuf_done(StrBuf *b);

#endif
