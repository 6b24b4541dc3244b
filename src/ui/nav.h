/* nav — keyboard and mouse helpers shared by the menu-like screens (a focused item moved
 * with Tab, arrows and Home/End, chosen with Enter or a click). No allocation. */
#ifndef UPFRONT_UI_NAV_H
#define UPFRONT_UI_NAV_H

#include <SDL.h>

typedef enum NavResult { NAV_NONE, NAV_MOVED, NAV_CHOSEN, NAV_BACK } NavResult;

/* Moves *focus within [0, count) on Tab/Shift+Tab/Up/Down/Home/End, reports Enter/Space as
 * NAV_CHOSEN and Esc/Backspace as NAV_BACK. */
NavResult nav_key(const SDL_Event *ev, int *focus, int count);

/* A key that chooses an item at once. */
typedef struct NavShortcut {
    SDL_Keycode key;
    int item;
} NavShortcut;

/* The item of the shortcut whose key ev presses (one of n), or -1. */
int nav_shortcut(const SDL_Event *ev, const NavShortcut *keys, int n);

/* 1 for a left click released (the App's hit regions decide what was clicked). */
int nav_click(const SDL_Event *ev);

/* A compact number for screens: 1234567 -> "1.23M", 45600 -> "45.6k". */
void nav_money(char *out, size_t cap, long long v, const char *currency);
/* A whole number with thousands separators: 1250 -> "1,250". */
void nav_int(char *out, size_t cap, long long v);
/* n filled stars out of max ("★★☆"). */
void nav_stars(char *out, size_t cap, int n, int max);
/* Minutes as "1h 30m", "45m", "2h". */
void nav_minutes(char *out, size_t cap, int minutes);

#endif
