/* alloc — the core's allocator. Every malloc, calloc, realloc and free in src/core goes
 * through these (and cJSON's, once alloc_install_cjson_hooks ran), so that a test can make
 * the k-th allocation fail and check that nothing crashes or leaks. The memory is the C
 * library's: a block from alloc_malloc may be freed with free(), and the reverse.
 * The failure hook and the counters are for single-threaded tests; while no failure is
 * armed these functions are exactly malloc, calloc, realloc and free. */
#ifndef UPFRONT_ALLOC_H
#define UPFRONT_ALLOC_H

#include <stddef.h>

void *alloc_malloc(size_t size);
void *alloc_calloc(size_t count, size_t size);
void *alloc_realloc(void *ptr, size_t size);
void alloc_free(void *ptr);

/* Routes cJSON's allocations through alloc_malloc and alloc_free (cJSON_InitHooks). */
void alloc_install_cjson_hooks(void);

/* Test hook: counts allocations from now on and makes the k-th one (1-based) return NULL;
 * k = 0 disarms it and stops counting. Installs the cJSON hooks. */
void alloc_fail_at(long k);
/* The same, but every allocation from the k-th on fails (the error paths get nothing). */
void alloc_fail_from(long k);
/* Allocations counted since alloc_fail_at (the failed one included). */
long alloc_count(void);
/* 1 when the armed failure has happened. */
int alloc_failed(void);
/* Blocks allocated minus blocks freed through these functions since alloc_fail_at: equal
 * before and after an operation that leaks nothing. */
long alloc_live(void);

#endif
