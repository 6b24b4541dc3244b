/* ui — the game window: SDL start-up, the event loop around the App, and a clean exit on
 * window close or SIGTERM. */
#include "ui.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "platform.h"

int ui_run(const UiOptions *opts)
{
    int flags = app_renderer_policy(); /* hints must be set before SDL_Init */
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        SDL_Log("upfront: cannot start the video system: %s", SDL_GetError());
        return 2;
    }
    if (TTF_Init() != 0) {
        SDL_Log("upfront: cannot start the font renderer: %s", TTF_GetError());
        SDL_Quit();
        return 2;
    }
    /* after SDL_Init, which installs its own handlers */
    platform_install_quit_handler();
    /* 1280x720, or the whole usable screen when it is smaller */
    int w = 1280, h = 720;
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
        if (usable.w < w)
            w = usable.w;
        if (usable.h < h)
            h = usable.h;
    }
    /* UPFRONT_WINDOW=WxH asks for another size (projectors, screenshots) */
    const char *size = SDL_getenv("UPFRONT_WINDOW");
    if (size) {
        char *end = NULL;
        long ww = SDL_strtol(size, &end, 10);
        long hh = end && (*end == 'x' || *end == 'X') ? SDL_strtol(end + 1, NULL, 10) : 0;
        if (ww >= 640 && ww <= 16384 && hh >= 400 && hh <= 16384) {
            w = (int)ww;
            h = (int)hh;
        }
    }
    App *app = app_create(opts, w, h, flags);
    if (!app) {
        TTF_Quit();
        SDL_Quit();
        return 2;
    }
    while (app_running(app) && !platform_quit_requested()) {
        Uint32 now = SDL_GetTicks();
        app_frame(app, now);
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, app_wait_ms(app, now))) {
            do {
                if (!app_handle_event(app, &ev))
                    break;
            } while (SDL_PollEvent(&ev));
        }
    }
    app_destroy(app);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
