/* Tests of the strict JSON scan: what it rejects, where it says so, and the positions it
 * records for the loader. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json_strict.h"

/* Parses text; returns the document (or NULL) and leaves the diagnostics in *out. */
static JsonDoc *parse(const char *text, size_t len, DiagList **out)
{
    *out = diag_list_new();
    return json_strict_parse(text, len, 32, *out);
}

/* Parses text and expects exactly one error with this position and message. */
static void expect_one_error(const char *text, int line, int col, const char *pointer,
                             const char *message)
{
    DiagList *d;
    JsonDoc *doc = parse(text, strlen(text), &d);
    CHECK(doc == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    const Diag *g = diag_get(d, 0);
    if (g) {
        CHECK_EQ_INT(g->line, line);
        CHECK_EQ_INT(g->col, col);
        CHECK_EQ_STR(g->pointer, pointer);
        CHECK_EQ_STR(g->message, message);
    }
    json_doc_free(doc);
    diag_list_free(d);
}

static void json_strict_should_accept_valid_json_and_build_the_tree(void)
{
    const char *t = "{\"a\": [1, 2.5, -3e2], \"b\": {\"c\": \"x\\u00e9\\ud83d\\ude00\"}, \"d\": null,"
                    " \"e\": true, \"f\": false}";
    DiagList *d;
    JsonDoc *doc = parse(t, strlen(t), &d);
    CHECK(doc != NULL);
    CHECK_EQ_INT(diag_count(d), 0);
    const cJSON *root = json_doc_root(doc);
    CHECK(cJSON_IsObject(root));
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "b"), "c");
    CHECK(cJSON_IsString(c));
    if (cJSON_IsString(c))
        CHECK_EQ_STR(c->valuestring, "x\xc3\xa9\xf0\x9f\x98\x80");
    json_doc_free(doc);
    diag_list_free(d);
}

static void json_strict_should_record_value_and_key_positions_by_pointer(void)
{
    const char *t = "{\n  \"a\": [10,\n        20],\n  \"b/c\": {\"~x\": \"y\"}\n}";
    DiagList *d;
    JsonDoc *doc = parse(t, strlen(t), &d);
    CHECK(doc != NULL);
    const JsonLoc *root = json_doc_find(doc, "");
    CHECK(root && root->line == 1 && root->col == 1 && root->key_line == 0);
    const JsonLoc *a = json_doc_find(doc, "/a");
    CHECK(a && a->line == 2 && a->col == 8 && a->key_line == 2 && a->key_col == 3);
    const JsonLoc *a1 = json_doc_find(doc, "/a/1");
    CHECK(a1 && a1->line == 3 && a1->col == 9 && a1->key_line == 0);
    if (a1) {
        size_t n;
        const char *text = json_doc_text(doc, a1, &n);
        CHECK(n == 2 && memcmp(text, "20", 2) == 0);
    }
    const JsonLoc *x = json_doc_find(doc, "/b~1c/~0x");
    CHECK(x && x->line == 4 && x->col == 17 && x->key_col == 11);
    CHECK(json_doc_find(doc, "/a/2") == NULL);
    CHECK(json_doc_find(doc, "/b/c") == NULL);
    CHECK(json_doc_find(doc, "a") == NULL);
    json_doc_free(doc);
    diag_list_free(d);
}

static void json_pointer_append_should_escape_tilde_and_slash(void)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    CHECK_EQ_INT(json_pointer_append_len(&buf, &len, &cap, "a/b"), 0);
    CHECK_EQ_INT(json_pointer_append_len(&buf, &len, &cap, "~c"), 0);
    CHECK_EQ_INT(json_pointer_append(&buf, &cap, ""), 0);
    CHECK_EQ_STR(buf, "/a~1b/~0c/");
    CHECK_EQ_INT(len, 9);
    free(buf);
    buf = NULL;
    cap = 0;
    CHECK_EQ_INT(json_pointer_append(&buf, &cap, "x"), 0);
    CHECK_EQ_STR(buf, "/x");
    free(buf);
}

static void json_strict_should_reject_empty_input(void)
{
    expect_one_error("", 1, 1, "", "the file is empty; expected a JSON value");
    expect_one_error("  \n ", 2, 2, "", "expected a JSON value, found the end of the file");
}

static void json_strict_should_reject_a_utf8_bom_and_say_so(void)
{
    DiagList *d;
    const char *t = "\xEF\xBB\xBF{}";
    JsonDoc *doc = parse(t, strlen(t), &d);
    CHECK(doc == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    CHECK(diag_count(d) > 0 && strstr(diag_get(d, 0)->message, "byte order mark") != NULL);
    json_doc_free(doc);
    diag_list_free(d);
}

static void json_strict_should_reject_utf16(void)
{
    DiagList *d;
    JsonDoc *doc = parse("\xFF\xFE{\0}\0", 6, &d);
    CHECK(doc == NULL);
    CHECK(diag_count(d) == 1 && strstr(diag_get(d, 0)->message, "UTF-16") != NULL);
    diag_list_free(d);
}

static void json_strict_should_reject_an_embedded_nul_at_its_position(void)
{
    DiagList *d;
    JsonDoc *doc = parse("{\n  \"a\": \"x\0y\"\n}", 16, &d);
    CHECK(doc == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    if (diag_count(d) == 1) {
        CHECK_EQ_INT(diag_get(d, 0)->line, 2);
        CHECK_EQ_INT(diag_get(d, 0)->col, 10);
        CHECK(strstr(diag_get(d, 0)->message, "NUL byte") != NULL);
    }
    diag_list_free(d);
}

static void json_strict_should_reject_invalid_utf8_in_a_string(void)
{
    expect_one_error("{\"a\": \"caf\xE9\"}", 1, 11, "/a",
                     "invalid UTF-8 in a string: byte 0xE9 cannot be decoded (is the file saved "
                     "as UTF-8?)");
    /* overlong encoding and an encoded surrogate */
    expect_one_error("[\"\xC0\xAF\"]", 1, 3, "/0",
                     "invalid UTF-8 in a string: byte 0xC0 cannot be decoded (is the file saved "
                     "as UTF-8?)");
    expect_one_error("[\"\xED\xA0\x80\"]", 1, 3, "/0",
                     "invalid UTF-8 in a string: byte 0xED cannot be decoded (is the file saved "
                     "as UTF-8?)");
}

static void json_strict_should_reject_control_characters_in_strings(void)
{
    expect_one_error("[\"a\tb\"]", 1, 4, "/0",
                     "unescaped control character U+0009 in a string; write it as \\t");
    expect_one_error("[\"a\nb\"]", 1, 4, "/0",
                     "expected '\"' to close the string that starts at line 1, column 2, found a "
                     "line break");
}

static void json_strict_should_reject_bad_escapes(void)
{
    expect_one_error("[\"\\x41\"]", 1, 3, "/0",
                     "invalid escape '\\x' in a string; the escapes are \\\" \\\\ \\/ \\b \\f \\n "
                     "\\r \\t and \\uXXXX");
    expect_one_error("[\"\\u12G4\"]", 1, 7, "/0", "expected 4 hex digits after '\\u', found 'G4'");
    expect_one_error("[\"\\u0000\"]", 1, 3, "/0",
                     "'\\u0000' (a NUL character) is not allowed in a string");
    expect_one_error("[\"\\ud800x\"]", 1, 3, "/0",
                     "unpaired UTF-16 surrogate '\\uD800': a high surrogate must be followed by a "
                     "low one (\\uDC00 to \\uDFFF)");
    expect_one_error("[\"\\udc00\"]", 1, 3, "/0",
                     "unpaired UTF-16 surrogate '\\uDC00': a low surrogate must follow a high one "
                     "(\\uD800 to \\uDBFF)");
}

static void json_strict_should_reject_trailing_commas_at_the_comma(void)
{
    expect_one_error("{\"a\": [1, 2,\n]}", 1, 12, "/a",
                     "expected another element after ',', found ']' (JSON does not allow a "
                     "trailing comma)");
    expect_one_error("{\"a\": 1,\n}", 1, 8, "",
                     "expected another member after ',', found '}' (JSON does not allow a "
                     "trailing comma)");
}

static void json_strict_should_reject_comments(void)
{
    expect_one_error("{\n// note\n\"a\": 1}", 2, 1, "", "comments are not allowed in JSON");
    expect_one_error("[1 /* note */]", 1, 4, "", "comments are not allowed in JSON");
    DiagList *d;
    JsonDoc *doc = parse("[1 /* open", 10, &d);
    CHECK(doc == NULL);
    CHECK_EQ_INT(diag_count(d), 2);
    diag_list_free(d);
}

static void json_strict_should_reject_trailing_garbage(void)
{
    expect_one_error("{}\n{}", 2, 1, "",
                     "expected the end of the file after the top-level value, found '{'");
}

static void json_strict_should_report_a_missing_comma_at_the_next_member(void)
{
    expect_one_error("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "",
                     "expected ',' or '}' after an object member, found '\"' (is a ',' missing at "
                     "the end of line 2?)");
    /* inside a line, the same hint, at the value after the missing ',' */
    expect_one_error("{\"quota\": 50000 \"budget\": 1500}", 1, 17, "",
                     "expected ',' or '}' after an object member, found '\"' (is a ',' missing "
                     "before it?)");
    expect_one_error("{\"x\": {\"minutes\": 45 \"energy\": 5}}", 1, 22, "/x",
                     "expected ',' or '}' after an object member, found '\"' (is a ',' missing "
                     "before it?)");
    expect_one_error("{\n  \"a\": {\n  }  \"b\": 2\n}", 3, 6, "",
                     "expected ',' or '}' after an object member, found '\"' (is a ',' missing "
                     "before it?)");
    expect_one_error("[1 2]", 1, 4, "",
                     "expected ',' or ']' after an array element, found '2' (is a ',' missing "
                     "before it?)");
    expect_one_error("[\"a\" true]", 1, 6, "",
                     "expected ',' or ']' after an array element, found 'true' (is a ',' missing "
                     "before it?)");
    expect_one_error("[1,\n 2\n 3]", 3, 2, "",
                     "expected ',' or ']' after an array element, found '3' (is a ',' missing at "
                     "the end of line 2?)");
    /* no hint where a ',' would not help */
    expect_one_error("{\"a\": 1 2}", 1, 9, "", "expected ',' or '}' after an object member, found '2'");
    expect_one_error("[1 :]", 1, 4, "", "expected ',' or ']' after an array element, found ':'");
}

static void json_strict_should_reject_nesting_deeper_than_the_limit(void)
{
    char deep[80];
    memset(deep, '[', 33);
    memset(deep + 33, ']', 33);
    DiagList *d;
    JsonDoc *doc = parse(deep, 66, &d);
    CHECK(doc == NULL);
    CHECK(diag_count(d) == 1 && diag_get(d, 0)->col == 33);
    diag_list_free(d);
    doc = parse(deep + 1, 64, &d); /* 32 deep is fine */
    CHECK(doc != NULL);
    json_doc_free(doc);
    diag_list_free(d);
}

static void json_strict_should_reject_numbers_that_overflow(void)
{
    expect_one_error("[1, 1e999]", 1, 5, "/1",
                     "the number 1e999 is out of range (it overflows to infinity)");
    expect_one_error("[-1E+400]", 1, 2, "/0",
                     "the number -1E+400 is out of range (it overflows to infinity)");
}

static void json_strict_should_reject_malformed_numbers(void)
{
    expect_one_error("[01]", 1, 2, "/0", "a number may not have a leading zero");
    expect_one_error("[1.]", 1, 4, "/0", "expected a digit after the decimal point, found ']'");
    expect_one_error("[-]", 1, 3, "/0", "expected a digit after '-', found ']'");
    expect_one_error("[1e]", 1, 4, "/0", "expected a digit in the exponent, found ']'");
    expect_one_error("[.5]", 1, 2, "/0", "expected a value, found '.'");
    expect_one_error("[NaN]", 1, 2, "/0", "expected a value, found 'NaN' (JSON has no NaN or Infinity)");
    char longnum[80] = "[";
    memset(longnum + 1, '1', 70);
    strcpy(longnum + 71, "]");
    expect_one_error(longnum, 1, 2, "/0", "a number longer than 63 characters");
}

static void json_strict_should_reject_duplicate_keys_and_say_where_the_first_is(void)
{
    expect_one_error("{\"a\": 1,\n \"b\": {\"c\": 1},\n \"a\": {\"c\": 2}}", 3, 2, "/a",
                     "duplicate key \"a\"; it is already defined at line 1, column 2");
    /* the same name in different objects is fine; escapes are compared decoded */
    expect_one_error("{\"x\": {\"a\": 1}, \"y\": {\"a\": 1, \"\\u0061\": 2}}", 1, 31, "/y/a",
                     "duplicate key \"a\"; it is already defined at line 1, column 23");
}

static void json_strict_should_name_what_it_found(void)
{
    expect_one_error("{'a': 1}", 1, 2, "",
                     "expected a member name in double quotes or '}', found ''' (JSON strings use "
                     "double quotes)");
    expect_one_error("[True]", 1, 2, "/0",
                     "expected a value, found 'True' (JSON literals are lower case: true, false, null)");
    expect_one_error("{\"a\" 1}", 1, 6, "/a", "expected ':' after the member name, found '1'");
    expect_one_error("{\"a\": \xE2\x80\x9Cx\xE2\x80\x9D}", 1, 7, "/a",
                     "expected a value, found '\xE2\x80\x9C' (U+201C, a curly quote; JSON needs "
                     "straight quotes)");
    expect_one_error("{\"a\": [1, 2", 1, 12, "/a",
                     "expected ',' or ']' after an array element, found the end of the file");
}

static void json_strict_should_keep_going_after_recoverable_errors(void)
{
    const char *t = "{\"a\": 1e999, \"b\": \"\\q\", \"a\": 2, \"c\": [1,]}";
    DiagList *d;
    JsonDoc *doc = parse(t, strlen(t), &d);
    CHECK(doc == NULL);
    CHECK_EQ_INT(diag_count(d), 4);
    diag_list_free(d);
}

static void json_strict_should_survive_every_prefix_of_a_document(void)
{
    const char *t = "{\"a\": [1, -2.5e3, \"x\\u00e9\\n\", true, false, null, {\"b\": {}}], \"c\": \"\"}";
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++) {
        DiagList *d;
        char *copy = malloc(i + 1); /* exact-size buffer so ASan sees any overread */
        memcpy(copy, t, i);
        JsonDoc *doc = parse(copy, i, &d);
        CHECK(doc == NULL);
        CHECK(diag_error_count(d) >= 1);
        json_doc_free(doc);
        diag_list_free(d);
        free(copy);
    }
}

int main(void)
{
    RUN(json_strict_should_accept_valid_json_and_build_the_tree);
    RUN(json_strict_should_record_value_and_key_positions_by_pointer);
    RUN(json_pointer_append_should_escape_tilde_and_slash);
    RUN(json_strict_should_reject_empty_input);
    RUN(json_strict_should_reject_a_utf8_bom_and_say_so);
    RUN(json_strict_should_reject_utf16);
    RUN(json_strict_should_reject_an_embedded_nul_at_its_position);
    RUN(json_strict_should_reject_invalid_utf8_in_a_string);
    RUN(json_strict_should_reject_control_characters_in_strings);
    RUN(json_strict_should_reject_bad_escapes);
    RUN(json_strict_should_reject_trailing_commas_at_the_comma);
    RUN(json_strict_should_reject_comments);
    RUN(json_strict_should_reject_trailing_garbage);
    RUN(json_strict_should_report_a_missing_comma_at_the_next_member);
    RUN(json_strict_should_reject_nesting_deeper_than_the_limit);
    RUN(json_strict_should_reject_numbers_that_overflow);
    RUN(json_strict_should_reject_malformed_numbers);
    RUN(json_strict_should_reject_duplicate_keys_and_say_where_the_first_is);
    RUN(json_strict_should_name_what_it_found);
    RUN(json_strict_should_keep_going_after_recoverable_errors);
    RUN(json_strict_should_survive_every_prefix_of_a_document);
    return check_done();
}
