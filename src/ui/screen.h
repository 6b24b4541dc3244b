/* screen — one screen of the game as a small set of functions on a stack (enter, event,
 * update on a fixed step, draw, leave). The stack in the App owns its screens: leave
 * frees the screen it is given. Screens turn input into core Actions; drawing never
 * changes game state. */
#ifndef UPFRONT_UI_SCREEN_H
#define UPFRONT_UI_SCREEN_H

#include <SDL.h>

typedef struct App App;
typedef struct Screen Screen;

struct Screen {
    const char *name;
    int overlay; /* 1: the screen below is drawn first (menus, dialogs) */
    void (*enter)(Screen *s, App *app);                       /* may be NULL */
    void (*leave)(Screen *s, App *app);                       /* frees s */
    int (*event)(Screen *s, App *app, const SDL_Event *ev);   /* 1 when it changed something */
    int (*update)(Screen *s, App *app, int step_ms);          /* may be NULL; 1 while animating */
    /* draw must depend only on state that changes through events, screen changes,
     * settings, the window's size or app_redraw (never on app->now): the App may keep its
     * picture and reuse it while only time passes. What moves with time alone is drawn by
     * draw_live (may be NULL), every frame, over draw's picture. */
    void (*draw)(Screen *s, App *app);
    void (*draw_live)(Screen *s, App *app);
};

/* Hit-region ids of the play screen, for mouse input and the tests that click them. */
enum {
    PLAY_HIT_END_DAY = 1,
    PLAY_HIT_MENU = 2,
    PLAY_HIT_HELP = 3,
    PLAY_HIT_SORT = 4,       /* the prospect list's sort control (S) */
    PLAY_HIT_FILTER = 5,     /* its filter control (F) */
    PLAY_HIT_PROSPECT = 100, /* + prospect index */
    PLAY_HIT_ACTION = 300,   /* + index in the action menu */
    PLAY_HIT_INFO = 400      /* tooltips only */
};

/* The screens; each returns a new screen for app_push / app_replace, or NULL when out
 * of memory. */
Screen *title_screen_new(void);
Screen *picker_screen_new(void);
Screen *briefing_screen_new(void);
Screen *play_screen_new(void);
Screen *pause_screen_new(void);
Screen *help_screen_new(void);
Screen *settings_screen_new(void);
Screen *debrief_screen_new(void);
Screen *class_screen_new(void);

#endif
