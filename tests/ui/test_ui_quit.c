/* A start -> play -> quit run, as a trainee does it: the window opens on the title, a game
 * is started and played for a while, and Quit in the pause menu ends the program. In the
 * sanitizer build LeakSanitizer checks at exit that everything was freed (SDL with the
 * dummy video driver included); the game in progress is saved on the way out. */
#include "uitest.h"

#include "platform.h"

static void ui_start_play_quit_should_free_everything(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "quit", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    uitest_key(&t, SDLK_1);
    uitest_key(&t, SDLK_TAB);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_e);
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_1);
    uitest_key(&t, SDLK_h);
    uitest_key(&t, SDLK_ESCAPE);
    uitest_settle(&t);
    CHECK(app_game(t.app) != NULL && game_action_count(app_game(t.app)) == 4);
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "pause");
    uitest_key(&t, SDLK_q);
    CHECK(!app_running(t.app));
    char save[1100];
    SDL_strlcpy(save, t.app->save_path, sizeof save);
    uitest_finish(&t);
    CHECK(platform_is_file(save)); /* quitting mid-game keeps the game to resume */
    remove(save);
}

int main(void)
{
    RUN(ui_start_play_quit_should_free_everything);
    return check_done();
}
