/* Headless UI tests: the key screens compared with the golden images in
 * tests/ui/golden/ (tolerances in uitest.h). Regenerate after an intended change with
 * UPFRONT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -L ui, and look at the new images. */
#include "uitest.h"

static void ui_screens_should_match_their_golden_images(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "golden", "short.json", 1024, 640) == 0);
    if (!t.app)
        return;
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "title") == 0);
    uitest_key(&t, SDLK_RETURN);
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "briefing") == 0);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_1);
    uitest_key(&t, SDLK_2);
    uitest_key(&t, SDLK_RIGHT);
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "play") == 0);
    for (int i = 0; i < 10 && strcmp(app_screen_name(t.app), "play") == 0; i++)
        uitest_key(&t, SDLK_e);
    uitest_key(&t, SDLK_2); /* the Effort page: no file path or clock on it */
    uitest_settle(&t);
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    CHECK(uitest_golden(&t, "debrief-effort") == 0);
    uitest_finish(&t);
}

/* A territory of 42 accounts: the briefing lists them all; the play screen's list sorted
 * by fit after researching one account, and filtered to engaged accounts and back. */
static void ui_territory_screens_should_match_their_golden_images(void)
{
    UiTest t;
    CHECK(uitest_start(&t, "golden-territory", "territory.json", 1024, 640) == 0);
    if (!t.app)
        return;
    uitest_key(&t, SDLK_RETURN);
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "briefing-territory") == 0);
    uitest_key(&t, SDLK_RETURN);
    uitest_key(&t, SDLK_1); /* research the company of the first account: its fit shows */
    for (int i = 0; i < 3; i++)
        uitest_key(&t, SDLK_s); /* default -> stage -> value -> fit */
    uitest_key(&t, SDLK_f);
    uitest_key(&t, SDLK_f); /* all -> cold -> engaged */
    uitest_key_mod(&t, SDLK_f, KMOD_LSHIFT); /* back to cold */
    uitest_settle(&t);
    CHECK(uitest_golden(&t, "play-territory") == 0);
    uitest_finish(&t);
}

int main(void)
{
    RUN(ui_screens_should_match_their_golden_images);
    RUN(ui_territory_screens_should_match_their_golden_images);
    return check_done();
}
