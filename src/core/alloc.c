/* alloc — counting allocator with a k-th-failure test hook (see alloc.h). */
#include "upfront/alloc.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

static long fail_at;  /* 0: disarmed */
static long counted;
static long live;
static int failed;
static int sticky; /* fail every allocation from the k-th on */

/* 1 when this allocation is to fail. */
static int should_fail(void)
{
    if (fail_at == 0)
        return 0;
    counted++;
    if (counted == fail_at || (sticky && counted > fail_at)) {
        failed = 1;
        return 1;
    }
    return 0;
}

void *alloc_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p && fail_at)
        live++;
    return p;
}

void *alloc_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p && fail_at)
        live++;
    return p;
}

void *alloc_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr && fail_at)
        live++;
    return p;
}

void alloc_free(void *ptr)
{
    if (ptr && fail_at)
        live--;
    free(ptr);
}

void alloc_install_cjson_hooks(void)
{
    cJSON_Hooks hooks = {alloc_malloc, alloc_free};
    cJSON_InitHooks(&hooks);
}

void alloc_fail_at(long k)
{
    alloc_install_cjson_hooks();
    sticky = 0;
    fail_at = k > 0 ? k : 0;
    counted = 0;
    live = 0;
    failed = 0;
}

void alloc_fail_from(long k)
{
    alloc_fail_at(k);
    sticky = fail_at > 0;
}

long alloc_count(void)
{
    return counted;
}

int alloc_failed(void)
{
    return failed;
}

long alloc_live(void)
{
    return live;
}
