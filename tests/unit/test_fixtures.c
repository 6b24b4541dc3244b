/* Bad-scenario fixtures: each tests/fixtures/bad/NAME.json is loaded and its diagnostics,
 * printed exactly as `upfront validate` prints them, must match NAME.expected byte for
 * byte. Run with --regenerate (from the repository root) to rewrite the .expected files
 * after an intended change to a message, then review the diff. */
#include "fixture_util.h"

#include "check.h"
#include "upfront/scenario.h"

#define BAD_DIR "tests/fixtures/bad"

static int regenerate;
static const char *self = "test_fixtures";

/* The diagnostics of loading path, as diag_print prints them (malloc'd). */
static char *diagnostics_of(const char *path, int *errors)
{
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load_file(path, d, NULL);
    *errors = diag_error_count(d);
    if (s)
        *errors = -1; /* a bad fixture must not load */
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

/* Prints the lines that differ, diff style. */
static void show_difference(const char *want, const char *got)
{
    const char *a = want, *b = got;
    int line = 1;
    while (*a || *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || memcmp(a, b, la) != 0) {
            if (*a)
                fprintf(stderr, "    line %d -%.*s\n", line, (int)la, a);
            if (*b)
                fprintf(stderr, "    line %d +%.*s\n", line, (int)lb, b);
        }
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
        line++;
    }
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(text);
    int rc = fwrite(text, 1, n, f) == n ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

static void check_fixture(const char *name)
{
    char path[FIXTURE_MAX_NAME + 32], expected_path[FIXTURE_MAX_NAME + 32];
    snprintf(path, sizeof path, "%s/%s", BAD_DIR, name);
    snprintf(expected_path, sizeof expected_path, "%.*s.expected", (int)(strlen(path) - 5), path);
    int errors = 0;
    char *got = diagnostics_of(path, &errors);
    CHECK(got != NULL);
    if (!got)
        return;
    if (errors < 1) {
        fprintf(stderr, "%s: expected the fixture to fail to load with at least one error\n", path);
        check_failures_++;
    }
    if (regenerate) {
        if (write_file(expected_path, got) != 0) {
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
        fprintf(stderr, "%s: missing %s; it should hold:\n%s", path, expected_path, got);
        check_failures_++;
    } else if (strcmp(want, got) != 0) {
        fprintf(stderr, "%s: diagnostics differ from %s (- expected, + actual):\n", path,
                expected_path);
        show_difference(want, got);
        fprintf(stderr, "  if the change is intended, regenerate with:\n    (cd %s && %s --regenerate)\n",
                UPFRONT_SOURCE_DIR, self);
        check_failures_++;
    }
    free(want);
    free(got);
}

static void bad_fixtures_should_print_exactly_their_expected_diagnostics(void)
{
    static char names[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int n = fixture_list(BAD_DIR, ".json", names, FIXTURE_MAX_FILES);
    CHECK(n >= 20);
    for (int i = 0; i < n; i++)
        check_fixture(names[i]);
}

static void every_expected_file_should_have_its_fixture(void)
{
    static char names[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int n = fixture_list(BAD_DIR, ".expected", names, FIXTURE_MAX_FILES);
    for (int i = 0; i < n; i++) {
        char path[FIXTURE_MAX_NAME + 32];
        snprintf(path, sizeof path, "%s/%.*s.json", BAD_DIR, (int)(strlen(names[i]) - 9), names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "%s/%s has no fixture %s\n", BAD_DIR, names[i], path);
            check_failures_++;
        } else {
            fclose(f);
        }
    }
}

/* The file past the size cap is made here rather than committed. */
static void a_file_past_the_size_cap_should_be_refused_as_invalid_at_its_first_byte(void)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/upfront-fixture-too-big.json", tmp && *tmp ? tmp : "/tmp");
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char chunk[1 << 16];
    memset(chunk, ' ', sizeof chunk);
    chunk[0] = '{';
    size_t total = 0;
    while (total <= SCENARIO_MAX_BYTES) {
        total += fwrite(chunk, 1, sizeof chunk, f);
        chunk[0] = ' ';
    }
    CHECK_EQ_INT(fclose(f), 0);
    DiagList *d = diag_list_new();
    int unreadable = 0;
    Scenario *s = scenario_load_file(path, d, &unreadable);
    CHECK(s == NULL);
    CHECK_EQ_INT(unreadable, 0);
    char *got = NULL;
    FILE *o = tmpfile();
    if (o && diag_print(o, "too-big.json", d) == 0) {
        long n = ftell(o);
        rewind(o);
        got = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
        if (got && n > 0 && fread(got, 1, (size_t)n, o) != (size_t)n)
            got[0] = '\0';
    }
    if (o)
        fclose(o);
    CHECK_EQ_STR(got, "too-big.json:1:1: error: expected a scenario of at most 4194304 bytes "
                      "(4 MiB), found a larger file\n");
    free(got);
    diag_list_free(d);
    remove(path);
}

int main(int argc, char **argv)
{
    if (argc > 0 && argv[0])
        self = argv[0];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--regenerate") == 0) {
            regenerate = 1;
        } else {
            fprintf(stderr, "usage: %s [--regenerate]\n", self);
            return 2;
        }
    }
    RUN(bad_fixtures_should_print_exactly_their_expected_diagnostics);
    RUN(every_expected_file_should_have_its_fixture);
    RUN(a_file_past_the_size_cap_should_be_refused_as_invalid_at_its_first_byte);
    return check_done();
}
