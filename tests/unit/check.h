/* check.h — a minimal test harness: CHECK records a failure and goes on; RUN runs a test
 * function; check_done prints "N passed, N failed" and returns the exit code. */
#ifndef UPFRONT_CHECK_H
#define UPFRONT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures_;
static int check_passed_;
static int check_failed_;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            check_failures_++;                                                        \
        }                                                                             \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                            \
    do {                                                                              \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);               \
        if (check_a_ != check_b_) {                                                   \
            fprintf(stderr, "%s:%d: check failed: %s == %s (%lld != %lld)\n", __FILE__, \
                    __LINE__, #a, #b, check_a_, check_b_);                            \
            check_failures_++;                                                        \
        }                                                                             \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                            \
    do {                                                                              \
        const char *check_a_ = (a), *check_b_ = (b);                                  \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {              \
            fprintf(stderr, "%s:%d: check failed: %s == %s (\"%s\" != \"%s\")\n",      \
                    __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",       \
                    check_b_ ? check_b_ : "(null)");                                  \
            check_failures_++;                                                        \
        }                                                                             \
    } while (0)

#define RUN(test)                                                     \
    do {                                                              \
        int check_before_ = check_failures_;                          \
        test();                                                       \
        if (check_failures_ == check_before_) {                       \
            check_passed_++;                                          \
        } else {                                                      \
            check_failed_++;                                          \
            fprintf(stderr, "FAIL %s\n", #test);                      \
        }                                                             \
    } while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed_, check_failed_);
    return check_failed_ ? 1 : 0;
}

#endif
