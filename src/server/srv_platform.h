/* srv_platform — the little the server needs from the operating system: random bytes,
 * clocks and this machine's network addresses (POSIX here; one file to port). */
#ifndef UPFRONT_SRV_PLATFORM_H
#define UPFRONT_SRV_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/* Fills buf with n bytes from the system's random source; 0, or -1 when it failed. */
int srv_random_bytes(void *buf, size_t n);
/* Seconds since 1970 (wall clock). */
int64_t srv_wall_time(void);
/* Seconds on a clock that never goes back (for ages and deadlines). */
double srv_monotonic(void);
/* This machine's IPv4 addresses other than loopback, dotted, one per entry (up to max,
 * each of cap bytes). Returns how many. */
int srv_lan_addresses(char (*out)[64], int max);

#endif
