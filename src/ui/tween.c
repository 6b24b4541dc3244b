/* tween — eased numbers for short animations. */
#include "tween.h"

float tween_ease(float p)
{
    if (p <= 0.0f)
        return 0.0f;
    if (p >= 1.0f)
        return 1.0f;
    float q = 1.0f - p;
    return 1.0f - q * q * q;
}

void tween_set(Tween *t, float v)
{
    t->from = t->to = v;
    t->start = 0;
}

float tween_value(const Tween *t, Uint32 now)
{
    if (now < t->start)
        return t->from;
    Uint32 dt = now - t->start;
    if (dt >= TWEEN_MS)
        return t->to;
    return t->from + (t->to - t->from) * tween_ease((float)dt / (float)TWEEN_MS);
}

void tween_to(Tween *t, float v, Uint32 now)
{
    if (v == t->to)
        return;
    t->from = tween_value(t, now);
    t->to = v;
    t->start = now;
}

int tween_active(const Tween *t, Uint32 now)
{
    return t->from != t->to && now - t->start < TWEEN_MS;
}
