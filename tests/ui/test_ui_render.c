/* Headless UI tests of rendering: no redraw and no new text texture while nothing
 * changes, fonts fitted to the output size, and the settings taking effect. */
#include "uitest.h"

#include "platform.h"

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

int main(void)
{
    RUN(ui_should_not_redraw_or_render_text_when_nothing_changed);
    RUN(ui_should_fit_fonts_to_the_output_size);
    RUN(ui_settings_should_change_text_size_and_palette);
    return check_done();
}
