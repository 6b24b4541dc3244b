/* ui — placeholder front end until the game screens land: a window that waits to close. */
#include "ui.h"

#include <SDL.h>

int ui_run(const UiOptions *opts)
{
    (void)opts;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        SDL_Log("upfront: cannot start the video system: %s", SDL_GetError());
        return 2;
    }
    SDL_Window *win = SDL_CreateWindow("Upfront", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       1280, 720, SDL_WINDOW_RESIZABLE);
    if (!win) {
        SDL_Log("upfront: cannot open a window: %s", SDL_GetError());
        SDL_Quit();
        return 2;
    }
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    int running = 1;
    while (running) {
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, 250)) {
            if (ev.type == SDL_QUIT)
                running = 0;
        }
        if (ren) {
            SDL_SetRenderDrawColor(ren, 246, 247, 249, 255);
            SDL_RenderClear(ren);
            SDL_RenderPresent(ren);
        }
    }
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return 0;
}
