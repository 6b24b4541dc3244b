/* tween — a number eased from one value to another over at most 200 ms, for counters and
 * bars. A Tween is a plain value; nothing to free. */
#ifndef UPFRONT_UI_TWEEN_H
#define UPFRONT_UI_TWEEN_H

#include <SDL.h>

#define TWEEN_MS 180

typedef struct Tween {
    float from, to;
    Uint32 start;
} Tween;

/* Jumps to v with no animation. */
void tween_set(Tween *t, float v);
/* Starts easing from the value shown at now towards v. */
void tween_to(Tween *t, float v, Uint32 now);
/* The value to show at now. */
float tween_value(const Tween *t, Uint32 now);
/* 1 while still moving at now. */
int tween_active(const Tween *t, Uint32 now);
/* Ease-out cubic of p in [0, 1]. */
float tween_ease(float p);

#endif
