/* Tests of the diagnostic list and its two printed forms. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "upfront/diag.h"

/* Prints through fn into a string the caller frees. */
static char *print_to_string(int (*fn)(FILE *, const char *, const DiagList *), const char *file,
                             const DiagList *list, int *rc)
{
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    *rc = fn(f, file, list);
    long n = ftell(f);
    rewind(f);
    char *s = calloc(1, n > 0 ? (size_t)n + 1 : 1);
    if (s && n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n)
        s[0] = '\0';
    fclose(f);
    return s;
}

static void diag_should_count_errors_and_warnings(void)
{
    DiagList *d = diag_list_new();
    CHECK_EQ_INT(diag_count(d), 0);
    CHECK_EQ_INT(diag_add(d, DIAG_ERROR, 1, 2, "/a", "bad %d", 1), 0);
    CHECK_EQ_INT(diag_add(d, DIAG_WARNING, 3, 4, "/b", "odd"), 0);
    CHECK_EQ_INT(diag_add(d, DIAG_ERROR, 0, 0, "", "gone"), 0);
    CHECK_EQ_INT(diag_count(d), 3);
    CHECK_EQ_INT(diag_error_count(d), 2);
    CHECK_EQ_INT(diag_warning_count(d), 1);
    CHECK_EQ_STR(diag_get(d, 0)->message, "bad 1");
    CHECK(diag_get(d, 3) == NULL);
    CHECK(diag_get(d, -1) == NULL);
    diag_list_free(d);
    diag_list_free(NULL);
    CHECK_EQ_INT(diag_count(NULL), 0);
}

static void diag_should_copy_the_pointer_and_message(void)
{
    DiagList *d = diag_list_new();
    char ptr[8] = "/x";
    diag_add(d, DIAG_ERROR, 1, 1, ptr, "%s", ptr);
    ptr[1] = 'y';
    CHECK_EQ_STR(diag_get(d, 0)->pointer, "/x");
    CHECK_EQ_STR(diag_get(d, 0)->message, "/x");
    diag_add(d, DIAG_ERROR, 1, 1, NULL, "no pointer");
    CHECK_EQ_STR(diag_get(d, 1)->pointer, "");
    diag_list_free(d);
}

static void diag_should_grow_past_its_first_block(void)
{
    DiagList *d = diag_list_new();
    for (int i = 0; i < 1000; i++)
        diag_add(d, DIAG_WARNING, i + 1, 1, "", "w%d", i);
    CHECK_EQ_INT(diag_count(d), 1000);
    CHECK_EQ_STR(diag_get(d, 999)->message, "w999");
    diag_list_free(d);
}

static void diag_sort_should_order_by_line_and_column_and_keep_ties_stable(void)
{
    DiagList *d = diag_list_new();
    diag_add(d, DIAG_ERROR, 5, 1, "", "c");
    diag_add(d, DIAG_ERROR, 2, 9, "", "b1");
    diag_add(d, DIAG_ERROR, 2, 3, "", "a");
    diag_add(d, DIAG_WARNING, 2, 9, "", "b2");
    diag_add(d, DIAG_ERROR, 0, 0, "", "z");
    diag_sort(d);
    CHECK_EQ_STR(diag_get(d, 0)->message, "z");
    CHECK_EQ_STR(diag_get(d, 1)->message, "a");
    CHECK_EQ_STR(diag_get(d, 2)->message, "b1");
    CHECK_EQ_STR(diag_get(d, 3)->message, "b2");
    CHECK_EQ_STR(diag_get(d, 4)->message, "c");
    diag_list_free(d);
}

static void diag_print_should_use_the_file_line_col_pointer_format(void)
{
    DiagList *d = diag_list_new();
    diag_add(d, DIAG_ERROR, 7, 5, "/calendar/weeks", "expected an integer from 1 to 26, found 40");
    diag_add(d, DIAG_WARNING, 3, 1, "/budget", "low");
    diag_add(d, DIAG_ERROR, 1, 1, "", "expected a JSON value, found the end of the file");
    diag_add(d, DIAG_ERROR, 0, 0, "", "cannot read the file: No such file or directory");
    diag_add(d, DIAG_ERROR, 0, 9, "/x", "no position but a pointer");
    int rc = -1;
    char *s = print_to_string(diag_print, "a.json", d, &rc);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_STR(s, "a.json:7:5: error: /calendar/weeks: expected an integer from 1 to 26, found 40\n"
                    "a.json:3:1: warning: /budget: low\n"
                    "a.json:1:1: error: expected a JSON value, found the end of the file\n"
                    "a.json: error: cannot read the file: No such file or directory\n"
                    "a.json: error: /x: no position but a pointer\n");
    free(s);
    s = print_to_string(diag_print, NULL, d, &rc);
    CHECK(s && strncmp(s, "<input>:7:5: error:", 19) == 0);
    free(s);
    diag_list_free(d);
}

static void diag_print_should_keep_each_diagnostic_on_one_line(void)
{
    DiagList *d = diag_list_new();
    diag_add(d, DIAG_ERROR, 2, 3, "/a\nb", "unknown key \"a\nb\"\t!");
    int rc = -1;
    char *s = print_to_string(diag_print, "f.json", d, &rc);
    CHECK_EQ_STR(s, "f.json:2:3: error: /a\\u000Ab: unknown key \"a\\u000Ab\"\\u0009!\n");
    free(s);
    diag_list_free(d);
}

static void diag_print_json_should_print_an_array_with_escaped_strings(void)
{
    DiagList *d = diag_list_new();
    diag_add(d, DIAG_ERROR, 2, 3, "/a~1b", "found \"x\"\tand \\");
    diag_add(d, DIAG_WARNING, 0, 0, "", "w");
    int rc = -1;
    char *s = print_to_string(diag_print_json, "dir/\"q\".json", d, &rc);
    CHECK_EQ_INT(rc, 0);
    cJSON *j = s ? cJSON_Parse(s) : NULL;
    CHECK(cJSON_IsArray(j));
    CHECK_EQ_INT(cJSON_GetArraySize(j), 2);
    const cJSON *o = cJSON_GetArrayItem(j, 0);
    CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "file")), "dir/\"q\".json");
    CHECK_EQ_INT(cJSON_GetObjectItem(o, "line")->valuedouble, 2);
    CHECK_EQ_INT(cJSON_GetObjectItem(o, "column")->valuedouble, 3);
    CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "pointer")), "/a~1b");
    CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "severity")), "error");
    CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "message")), "found \"x\"\tand \\");
    o = cJSON_GetArrayItem(j, 1);
    CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "severity")), "warning");
    CHECK_EQ_INT(cJSON_GetObjectItem(o, "line")->valuedouble, 0);
    cJSON_Delete(j);
    free(s);
    diag_list_free(d);

    DiagList *empty = diag_list_new();
    s = print_to_string(diag_print_json, "x", empty, &rc);
    CHECK_EQ_STR(s, "[]\n");
    free(s);
    diag_list_free(empty);
}

int main(void)
{
    RUN(diag_should_count_errors_and_warnings);
    RUN(diag_should_copy_the_pointer_and_message);
    RUN(diag_should_grow_past_its_first_block);
    RUN(diag_sort_should_order_by_line_and_column_and_keep_ties_stable);
    RUN(diag_print_should_use_the_file_line_col_pointer_format);
    RUN(diag_print_should_keep_each_diagnostic_on_one_line);
    RUN(diag_print_json_should_print_an_array_with_escaped_strings);
    return check_done();
}
