/* diag — positioned diagnostics (errors and warnings) about an input file.
 * A DiagList owns copies of every string added to it; free it with diag_list_free. */
#ifndef UPFRONT_DIAG_H
#define UPFRONT_DIAG_H

#include <stdio.h>

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct Diag {
    DiagSeverity severity;
    int line;          /* 1-based; 0 when the problem has no position (e.g. unreadable file) */
    int col;           /* 1-based, counted in bytes */
    const char *pointer; /* RFC 6901 JSON pointer, "" for the whole document */
    const char *message;
} Diag;

typedef struct DiagList DiagList;

/* Returns an empty list, or NULL when out of memory. */
DiagList *diag_list_new(void);
/* Frees the list and every string in it; NULL is fine. */
void diag_list_free(DiagList *list);

/* Appends a diagnostic; the pointer and formatted message are copied. Returns 0, or -1 when out of memory. */
int diag_add(DiagList *list, DiagSeverity severity, int line, int col, const char *pointer,
             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

int diag_count(const DiagList *list);
int diag_error_count(const DiagList *list);
int diag_warning_count(const DiagList *list);
/* Returns the i-th diagnostic (0 <= i < diag_count), borrowed from the list. */
const Diag *diag_get(const DiagList *list, int i);
/* Sorts the diagnostics by line, then column, keeping insertion order for ties. */
void diag_sort(DiagList *list);

/* Prints each diagnostic as "FILE:LINE:COL: error: POINTER: message" ("warning:" for
 * warnings). A diagnostic at line 0 has no position and prints as "FILE: error: ...";
 * an empty pointer (the whole document) is left out with its ": ", so the part after
 * "error: " starts with '/' exactly when a pointer is present. Control characters in the
 * pointer or message print as \uXXXX, so each diagnostic is one line. A NULL file prints
 * as "<input>". Returns 0, or -1 on a write error. */
int diag_print(FILE *out, const char *file, const DiagList *list);
/* The same lines, with "error" in bold red and "warning" in bold yellow (ANSI) when color
 * is non-zero: for a terminal. */
int diag_print_styled(FILE *out, const char *file, const DiagList *list, int color);

/* Writes s for a terminal: control characters (C0, DEL, C1), the invisible characters that
 * reorder or hide text (bidirectional overrides and isolates, zero-width characters, the
 * byte order mark) and bytes that are not UTF-8 are written as visible escapes ("\\u001B",
 * "\\u202E", "\\xFF"), so text read from a file cannot drive the terminal. Returns 0 or -1. */
int diag_fputs_safe(FILE *out, const char *s);
/* 1 for a code point diag_fputs_safe escapes. */
int diag_is_unsafe_char(unsigned long cp);

/* Prints the diagnostics as one JSON array of objects {"file", "line", "column",
 * "pointer", "severity", "message"} followed by a newline; line and column are 0 for a
 * diagnostic without position. Returns 0, or -1 on a write error or when out of memory. */
int diag_print_json(FILE *out, const char *file, const DiagList *list);

#endif
