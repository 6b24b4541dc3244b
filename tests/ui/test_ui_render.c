/* Headless UI tests of rendering: no redraw and no new text texture while nothing
 * changes, fonts fitted to the output size, and the settings taking effect. */
#include "uitest.h"

#include <stdlib.h>

#include "platform.h"
#include "upfront/file.h"

static void ui_should_not_redraw_or_render_text_when_nothing_changed(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "idle", "short.json", 1024, 640) == 0);
    if (!t.app)
        return;
    uitest_settle(&t);
    CHECK_EQ_INT(uitest_tick(&t, 500), 0);
    TextStats before = app_text_stats(t.app);
    CHECK(before.created > 0);
    /* moving the focus redraws with text already cached */
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_UP);
    TextStats after = app_text_stats(t.app);
    CHECK_EQ_INT(after.created, before.created);
    CHECK(after.hits > before.hits);
    /* a new screen renders its text once, then nothing while idle */
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    uitest_settle(&t);
    TextStats play = app_text_stats(t.app);
    CHECK_EQ_INT(uitest_tick(&t, 500), 0);
    CHECK_EQ_INT(uitest_tick(&t, 500), 0);
    CHECK_EQ_INT(app_text_stats(t.app).created, play.created);
    uitest_finish(&t);
}

static void ui_should_fit_fonts_to_the_output_size(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "resize", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    CHECK_EQ_INT(t.app->theme.font_px[FONT_BODY], 14);
    CHECK_EQ_INT(t.app->theme.font_px[FONT_DISPLAY], 32);
    SDL_SetWindowSize(t.app->win, 1920, 1080);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    ev.window.data1 = 1920;
    ev.window.data2 = 1080;
    app_handle_event(t.app, &ev);
    CHECK_EQ_INT(uitest_tick(&t, 20), 1);
    CHECK_EQ_INT(t.app->out_w, 1920);
    CHECK_EQ_INT(t.app->theme.font_px[FONT_BODY], 21);
    CHECK_EQ_INT(t.app->theme.font_px[FONT_DISPLAY], 48);
    uitest_finish(&t);
}

static void ui_settings_should_change_text_size_and_palette(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "settings", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_s);
    CHECK_EQ_STR(app_screen_name(t.app), "settings");
    int body = t.app->theme.font_px[FONT_BODY];
    uitest_key(&t, SDLK_RIGHT); /* text size: Normal -> Large */
    CHECK(t.app->theme.font_px[FONT_BODY] > body);
    uitest_key(&t, SDLK_DOWN);
    uitest_key(&t, SDLK_RETURN); /* colours: high contrast */
    CHECK_EQ_INT(t.app->settings.palette, PALETTE_HIGH_CONTRAST);
    CHECK_EQ_INT(t.app->theme.palette, PALETTE_HIGH_CONTRAST);
    uitest_key(&t, SDLK_ESCAPE);
    CHECK_EQ_STR(app_screen_name(t.app), "title");
    CHECK(platform_is_file(t.app->settings_path));
    /* the next start reads them back */
    Settings s;
    CHECK_EQ_INT(settings_load(&s, t.app->settings_path), 0);
    CHECK_EQ_INT(s.palette, PALETTE_HIGH_CONTRAST);
    CHECK_EQ_INT(s.text_size, 2);
    uitest_finish(&t);
}

static int copy_file(const char *from, const char *to, const char *find, const char *replace)
{
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(from, 1u << 20, &buf, &len) != FILE_OK)
        return -1;
    char *at = find ? strstr(buf, find) : NULL;
    FILE *f = fopen(to, "wb");
    int rc = f ? 0 : -1;
    if (f) {
        size_t head = at ? (size_t)(at - buf) : len;
        fwrite(buf, 1, head, f);
        if (at) {
            fputs(replace, f);
            fputs(at + strlen(find), f);
        }
        rc = fclose(f) == 0 ? 0 : -1;
    }
    free(buf);
    return rc;
}

static void ui_watch_should_reload_the_scenario_and_replay_the_game(void)
{
    char src[1024], copy[1024];
    SDL_snprintf(src, sizeof src, "%s/tests/ui/short.json", UPFRONT_SOURCE_DIR);
    SDL_snprintf(copy, sizeof copy, "%s/ui-watch.json", UI_TEST_BUILD_DIR);
    CHECK_EQ_INT(copy_file(src, copy, NULL, NULL), 0);
    UiTest t;
    CHECK(uitest_start_watch(&t, "watch", copy, 1280, 720, 1) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_1);
    CHECK(app_game(t.app) != NULL && game_action_count(app_game(t.app)) == 1);
    /* the author renames an account and saves */
    CHECK_EQ_INT(copy_file(src, copy, "Acme Freight", "Acme Freight Lines"), 0);
    uitest_tick(&t, 600);
    const Game *g = app_game(t.app);
    CHECK(g != NULL);
    if (g) {
        CHECK_EQ_STR(scenario_prospect(game_scenario(g), 0)->company, "Acme Freight Lines");
        CHECK_EQ_INT(game_action_count(g), 1);
    }
    CHECK(strstr(t.app->toast, "reloaded") != NULL);
    /* a broken save keeps the game going and says why */
    CHECK_EQ_INT(copy_file(src, copy, "\"quota\"", "\"quota\": -1, \"x\""), 0);
    uitest_tick(&t, 600);
    CHECK(app_game(t.app) != NULL);
    CHECK(strstr(t.app->toast, "not reloaded") != NULL);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    /* the diagnostics stay in the window, each with file, line, column and message */
    CHECK(t.app->watch_broken);
    CHECK(strstr(t.app->watch_diags, "ui-watch.json:") == t.app->watch_diags);
    CHECK(strstr(t.app->watch_diags, "/quota") != NULL);
    CHECK(strchr(t.app->watch_diags, '\n') != NULL); /* two mistakes, two lines */
    uitest_tick(&t, 5000);
    CHECK(t.app->watch_broken); /* still shown once the toast has gone */
    SDL_Surface *shot = app_screenshot(t.app); /* for a person to look at */
    if (shot) {
        char out[1200];
        SDL_snprintf(out, sizeof out, "%s/ui-watch-panel.bmp", UI_TEST_BUILD_DIR);
        SDL_SaveBMP(shot, out);
        SDL_FreeSurface(shot);
    }
    /* fixed: the panel goes and the game carries on */
    CHECK_EQ_INT(copy_file(src, copy, NULL, NULL), 0);
    uitest_tick(&t, 600);
    CHECK(!t.app->watch_broken);
    CHECK(app_game(t.app) != NULL && game_action_count(app_game(t.app)) == 1);
    uitest_finish(&t);
}

/* Pixels of the window's surface more than tolerance away, in any channel, from the last
 * frame's recording drawn whole into a picture of its own with the background colour laid
 * over it at alpha (0: none). */
static long window_mismatch(App *app, int alpha, int tolerance)
{
    SDL_Surface *ws = SDL_GetWindowSurface(app->win);
    Raster *pic = raster_new(app->out_w, app->out_h);
    if (!ws || !pic || ws->format->BytesPerPixel != 4 || ws->w != app->out_w || ws->h != app->out_h) {
        raster_free(pic);
        return -1;
    }
    SDL_Rect all = {0, 0, app->out_w, app->out_h};
    rec_replay(&app->rec[!app->rec_cur], pic, all);
    SDL_Color bg = app->theme.c.bg;
    int ch[3] = {bg.r, bg.g, bg.b}, pitch;
    const Uint8 *px = (const Uint8 *)raster_pixels(pic, &pitch);
    long n = 0;
    for (int y = 0; y < app->out_h; y++)
        for (int x = 0; x < app->out_w; x++) {
            Uint32 got, want;
            memcpy(&got, (const Uint8 *)ws->pixels + (size_t)y * (size_t)ws->pitch + (size_t)x * 4, 4);
            memcpy(&want, px + (size_t)y * (size_t)pitch + (size_t)x * 4, 4);
            for (int c = 0; c < 3; c++) {
                int w = (int)((want >> (16 - 8 * c)) & 255), g = (int)((got >> (16 - 8 * c)) & 255);
                int veiled = (w * (255 - alpha) + ch[c] * alpha + 127) / 255;
                if (abs(g - veiled) > tolerance) {
                    n++;
                    break;
                }
            }
        }
    raster_free(pic);
    return n;
}

/* Pixels of the window that differ from the last frame's picture drawn whole. */
static long window_differs(App *app) { return window_mismatch(app, 0, 0); }

/* Pixels of the window more than 3 away from that picture with the fade's veil (the
 * background colour at app_fade) laid over it. */
static long window_off_the_veil(App *app) { return window_mismatch(app, app_fade(app), 3); }

static void ui_window_should_show_the_fade_in_then_exactly_the_picture(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "fade", "short.json", 1024, 640) == 0);
    if (!t.app)
        return;
    uitest_settle(&t);
    CHECK_EQ_INT(window_differs(t.app), 0);
    uitest_key(&t, SDLK_RETURN); /* the briefing, 20 ms into its fade-in */
    long faded = window_differs(t.app);
    CHECK(faded > 1024 * 640 / 4); /* the cards, text and more are veiled */
    uitest_tick(&t, 40);
    long later = window_differs(t.app);
    CHECK(later > 0);
    uitest_settle(&t);
    CHECK_EQ_INT(window_differs(t.app), 0);
    /* input after the fade draws into the window where it changes, and nowhere else */
    uitest_key(&t, SDLK_TAB);
    CHECK_EQ_INT(window_differs(t.app), 0);
    uitest_finish(&t);
}

static void ui_a_screen_changed_during_a_fade_should_get_the_veil_of_each_frame(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "refade", "short.json", 1024, 640) == 0);
    if (!t.app)
        return;
    uitest_settle(&t);
    uitest_key(&t, SDLK_j);      /* the class screen, fading in */
    uitest_key(&t, SDLK_ESCAPE); /* back to the title within its fade */
    uitest_key(&t, SDLK_j);      /* and the class screen again */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_INT(window_off_the_veil(t.app), 0);
        uitest_tick(&t, 16);
    }
    uitest_settle(&t);
    uitest_key(&t, SDLK_ESCAPE); /* the title, fading in (its veil over little) */
    uitest_key(&t, SDLK_j);      /* the class screen within the title's fade */
    CHECK(app_fade(t.app) > 0);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_INT(window_off_the_veil(t.app), 0);
        uitest_tick(&t, 16);
    }
    uitest_settle(&t);
    CHECK_EQ_INT(app_fade(t.app), 0);
    CHECK_EQ_INT(window_off_the_veil(t.app), 0);
    uitest_finish(&t);
}

static void text_fit_lines_should_cut_after_a_word_within_the_lines_sdl_ttf_wraps(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "fitlines", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    const Theme *th = &t.app->theme;
    TTF_Font *f = th->font[FONT_BODY];
    const char *text = "Four weeks to sell vehicle tracking to sixteen small businesses with vans on the road: "
                       "plumbers, couriers, florists, removal firms. Deals are small and quick, and the hours are "
                       "the limit. A short, sharp look at each business makes every call count.";
    char out[600];
    int cut = 0;
    for (int wrap = 160; wrap <= 520; wrap += 40)
        for (int lines = 1; lines <= 4; lines++) {
            text_fit_lines(f, text, wrap, lines, out, sizeof out);
            int w, h;
            CHECK(text_get(t.app->ui.text, f, out, th->c.text, wrap, &w, &h) != NULL);
            /* SDL_ttf's own wrapping of the result takes no more lines than asked */
            CHECK(h <= lines * TTF_FontLineSkip(f) + 1);
            size_t n = strlen(out);
            if (strcmp(out, text) != 0) { /* cut: with an ellipsis */
                cut++;
                CHECK(n < strlen(text) + 3);
                CHECK(n >= 3 && strcmp(out + n - 3, "\xE2\x80\xA6") == 0);
            }
        }
    CHECK(cut >= 30);
    /* tabs, runs of spaces and a word wider than a line */
    const char *odd[] = {"A  double  spaced   text\twith\ttabs and more words than fit on two short lines.",
                         "see https://example.com/a/very/long/path/that/does/not/fit/on/one/line/at/all and then more"};
    for (int i = 0; i < 2; i++)
        for (int wrap = 60; wrap <= 260; wrap += 50) {
            text_fit_lines(f, odd[i], wrap, 3, out, sizeof out);
            int w, h;
            CHECK(text_get(t.app->ui.text, f, out, th->c.text, wrap, &w, &h) != NULL);
            CHECK(h <= 3 * TTF_FontLineSkip(f) + 1);
        }
    /* a text that fits is left alone */
    text_fit_lines(f, "Short.", 400, 1, out, sizeof out);
    CHECK_EQ_STR(out, "Short.");
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_should_not_redraw_or_render_text_when_nothing_changed);
    RUN(ui_should_fit_fonts_to_the_output_size);
    RUN(ui_settings_should_change_text_size_and_palette);
    RUN(ui_watch_should_reload_the_scenario_and_replay_the_game);
    RUN(ui_window_should_show_the_fade_in_then_exactly_the_picture);
    RUN(ui_a_screen_changed_during_a_fade_should_get_the_veil_of_each_frame);
    RUN(text_fit_lines_should_cut_after_a_word_within_the_lines_sdl_ttf_wraps);
    return check_done();
}
