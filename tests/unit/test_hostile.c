/* Hostile input. (1) Each tests/fixtures/hostile/NAME.json (written by make_hostile.py
 * there) fails to load with at least one positioned error, and its diagnostics, printed as
 * `upfront validate` prints them, match NAME.expected byte for byte; run with --regenerate
 * from the repository root after an intended change, and review the diff. (2) Every value
 * of the default scenario, one at a time, is given a value of a wrong type: the load fails
 * with an error at exactly that value's line, column and JSON pointer. The basic bad inputs
 * (empty, BOM, truncated, NUL, UTF-8, nesting, 1e999, integer range, duplicate and
 * wrong-case keys, the size cap) are tests/fixtures/bad, checked by test_fixtures. */
#include "fixture_util.h"

#include "check.h"
#include "json_strict.h"
#include "upfront/file.h"
#include "upfront/scenario.h"

#define HOSTILE_DIR "tests/fixtures/hostile"
#define DEFAULT_SCENARIO "scenarios/midmarket-quarter.json"

static int regenerate;

/* The diagnostics of loading path, as diag_print prints them (malloc'd); *errors gets the
 * error count (-1 when the file loaded) and *unpositioned the errors without a line. */
static char *diagnostics_of(const char *path, int *errors, int *positioned)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    *errors = s ? -1 : diag_error_count(d);
    *positioned = 0;
    for (int i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == DIAG_ERROR && diag_get(d, i)->line > 0)
            (*positioned)++;
    scenario_free(s);
    char *out = NULL;
    FILE *f = tmpfile();
    if (f && diag_print(f, path, d) == 0) {
        long n = ftell(f);
        rewind(f);
        out = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
        if (out && n > 0 && fread(out, 1, (size_t)n, f) != (size_t)n) {
            free(out);
            out = NULL;
        }
    }
    if (f)
        fclose(f);
    diag_list_free(d);
    return out;
}

static void check_fixture(const char *name)
{
    char path[FIXTURE_MAX_NAME + 32], expected_path[FIXTURE_MAX_NAME + 32];
    snprintf(path, sizeof path, "%s/%s", HOSTILE_DIR, name);
    snprintf(expected_path, sizeof expected_path, "%.*s.expected", (int)(strlen(path) - 5), path);
    int errors = 0, positioned = 0;
    char *got = diagnostics_of(path, &errors, &positioned);
    CHECK(got != NULL);
    if (!got)
        return;
    if (errors < 1 || positioned < 1) {
        fprintf(stderr, "%s: expected a refusal with a positioned error (%d errors, %d positioned)\n",
                path, errors, positioned);
        check_failures_++;
    }
    if (regenerate) {
        FILE *f = fopen(expected_path, "wb");
        size_t n = strlen(got);
        if (!f || fwrite(got, 1, n, f) != n || fclose(f) != 0) {
            fprintf(stderr, "cannot write %s\n", expected_path);
            check_failures_++;
        } else {
            printf("wrote %s\n", expected_path);
        }
        free(got);
        return;
    }
    char *want = fixture_read(expected_path, NULL);
    if (!want) {
        fprintf(stderr, "%s: missing %s\n", path, expected_path);
        check_failures_++;
    } else if (strcmp(want, got) != 0) {
        fprintf(stderr, "%s: diagnostics differ from %s; if intended, run test_hostile "
                        "--regenerate from the repository root\n--- expected\n%.2000s\n+++ actual\n%.2000s\n",
                path, expected_path, want, got);
        check_failures_++;
    }
    free(want);
    free(got);
}

static void hostile_fixtures_should_print_exactly_their_expected_diagnostics(void)
{
    static char names[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int n = fixture_list(HOSTILE_DIR, ".json", names, FIXTURE_MAX_FILES);
    CHECK(n >= 30);
    for (int i = 0; i < n; i++)
        check_fixture(names[i]);
    static char expected[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int m = fixture_list(HOSTILE_DIR, ".expected", expected, FIXTURE_MAX_FILES);
    CHECK_EQ_INT(m, n); /* no .expected without its fixture */
}

/* ------------------------------------------------- every value given the wrong type */

typedef struct Mutation {
    const char *text; /* the default scenario */
    size_t len;
    const JsonDoc *doc;
    int tried, failed;
} Mutation;

/* A value of a type other than v's. */
static const char *wrong_value_for(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "12";
    if (cJSON_IsNumber(v))
        return "\"12\"";
    if (cJSON_IsBool(v))
        return "\"yes\"";
    if (cJSON_IsObject(v))
        return "[]";
    if (cJSON_IsArray(v))
        return "{}";
    return "[]";
}

static void try_wrong_type(Mutation *m, const char *pointer, const cJSON *v)
{
    const JsonLoc *loc = json_doc_find(m->doc, pointer);
    CHECK(loc != NULL);
    if (!loc)
        return;
    const char *wrong = wrong_value_for(v);
    size_t wl = strlen(wrong);
    size_t n = m->len - loc->length + wl;
    char *buf = malloc(n + 1);
    memcpy(buf, m->text, loc->offset);
    memcpy(buf + loc->offset, wrong, wl);
    memcpy(buf + loc->offset + wl, m->text + loc->offset + loc->length,
           m->len - loc->offset - loc->length);
    buf[n] = '\0';
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load(buf, n, "wrong.json", d);
    int found = 0;
    for (int i = 0; i < diag_count(d); i++) {
        const Diag *e = diag_get(d, i);
        if (e->severity == DIAG_ERROR && strcmp(e->pointer, pointer) == 0 &&
            e->line == loc->line && e->col == loc->col)
            found = 1;
    }
    m->tried++;
    if (s || !found) {
        m->failed++;
        fprintf(stderr, "%s = %s: expected an error at %d:%d %s; got %s:\n", pointer, wrong,
                loc->line, loc->col, pointer, s ? "a loaded scenario" : "");
        diag_print(stderr, "wrong.json", d);
        check_failures_++;
    }
    scenario_free(s);
    diag_list_free(d);
    free(buf);
}

static void walk(Mutation *m, char **ptr, size_t *len, size_t *cap, const cJSON *v)
{
    if (*len > 0) /* not the root */
        try_wrong_type(m, *ptr, v);
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return;
    size_t keep = *len;
    int i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        char index[24];
        snprintf(index, sizeof index, "%d", i);
        if (json_pointer_append_len(ptr, len, cap, cJSON_IsObject(v) ? c->string : index) != 0) {
            CHECK(0);
            return;
        }
        walk(m, ptr, len, cap, c);
        *len = keep;
        (*ptr)[keep] = '\0';
    }
}

static void every_value_of_the_default_scenario_should_refuse_a_wrong_type_at_its_position(void)
{
    Mutation m = {0};
    char *text = NULL;
    CHECK_EQ_INT(file_read_all(DEFAULT_SCENARIO, SCENARIO_MAX_BYTES, &text, &m.len), FILE_OK);
    if (!text)
        return;
    m.text = text;
    DiagList *d = diag_list_new();
    JsonDoc *doc = json_strict_parse(text, m.len, SCENARIO_MAX_DEPTH, d);
    CHECK(doc != NULL);
    if (doc) {
        m.doc = doc;
        char *ptr = calloc(1, 16);
        size_t len = 0, cap = 16;
        walk(&m, &ptr, &len, &cap, json_doc_root(doc));
        free(ptr);
        printf("wrong types: %d values of %s tried, %d not refused at their position\n",
               m.tried, DEFAULT_SCENARIO, m.failed);
        CHECK(m.tried > 500);
    }
    json_doc_free(doc);
    diag_list_free(d);
    free(text);
}

int main(int argc, char **argv)
{
    regenerate = argc > 1 && strcmp(argv[1], "--regenerate") == 0;
    RUN(hostile_fixtures_should_print_exactly_their_expected_diagnostics);
    if (!regenerate)
        RUN(every_value_of_the_default_scenario_should_refuse_a_wrong_type_at_its_position);
    return check_done();
}
