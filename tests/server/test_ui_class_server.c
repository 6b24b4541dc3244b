/* test_ui_class_server — the window's side of the live class, headless (SDL's dummy
 * driver): a server typed on the Join-a-class screen (a bad address refused there, with
 * why), the progress queued at each day's end and the results file when the game ends.
 * With UPFRONT_TEST_SERVER=URL (test_server.py's window case starts `upfront serve`) the
 * queue must empty into that server; without it the server is unreachable and everything
 * must wait in the queue on disk, and the results file is saved as always.
 * Screenshot of the class screen: BUILD/tests/server-class-screen.bmp. */
#include <dirent.h>

#include "client.h"
#include "upfront/classcode.h"
#include "uitest.h"

static int count_files(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

/* Empties a queue folder left by an earlier run. */
static void clear_queue(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[1400];
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            SDL_snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            remove(path);
        }
    closedir(d);
}

static void window_should_send_progress_and_results_to_the_class_server(void)
{
    const char *server = SDL_getenv("UPFRONT_TEST_SERVER");
    int live = server && server[0];
    const char *url = live ? server : "http://127.0.0.1:9";
    UiTest t;
    CHECK(uitest_start(&t, live ? "classserver-live" : "classserver", "short.json", 1280, 720) == 0);
    if (!t.app)
        return;
    char queue[1200];
    SDL_snprintf(queue, sizeof queue, "%soutbox/http-127-0-0-1-%s", t.app->pref_dir,
                 strrchr(url, ':') + 1);
    clear_queue(queue);
    char err[300];
    CHECK(app_join_server(t.app, "ftp://example", err, sizeof err) != 0);
    CHECK(strstr(err, "http://") != NULL);
    /* the class screen: name, code, then the server */
    const Scenario *sc = app_scenario(t.app);
    char code[16];
    CHECK_EQ_INT(classcode_make(scenario_id(sc), 3, code, sizeof code), 0);
    uitest_key(&t, SDLK_j);
    CHECK_EQ_STR(app_screen_name(t.app), "class");
    uitest_text(&t, code); /* the name is filled in: the code has the focus */
    uitest_key(&t, SDLK_TAB);
    uitest_text(&t, "not a server");
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "class"); /* refused, with why */
    for (int i = 0; i < 12; i++)
        uitest_key(&t, SDLK_BACKSPACE);
    uitest_text(&t, url);
    uitest_settle(&t);
    SDL_Surface *shot = app_screenshot(t.app);
    CHECK(shot != NULL);
    if (shot) {
        SDL_SaveBMP(shot, UI_TEST_BUILD_DIR "/server-class-screen.bmp");
        SDL_FreeSurface(shot);
    }
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "briefing");
    CHECK_EQ_STR(app_server_url(t.app), url);
    CHECK(t.app->class_client != NULL);
    uitest_key(&t, SDLK_RETURN);
    CHECK_EQ_STR(app_screen_name(t.app), "play");
    /* end every day: progress at each, the results at the last */
    for (int day = 0; day < 10 && strcmp(app_screen_name(t.app), "play") == 0; day++) {
        uitest_key(&t, SDLK_1);
        uitest_key(&t, SDLK_RETURN);
        uitest_key(&t, SDLK_e);
        uitest_settle(&t);
    }
    CHECK_EQ_STR(app_screen_name(t.app), "debrief");
    const Session *s = app_session(t.app);
    CHECK(s && s->saved); /* the local results file, as always */
    if (live) {
        CHECK(client_flush(t.app->class_client, 20000) == 1);
        ClientStatus st;
        client_status(t.app->class_client, &st);
        CHECK_EQ_INT(st.sent, 1);
        CHECK_EQ_INT(st.refused, 0);
        char why[200];
        CHECK_EQ_INT(app_class_send(t.app, why, sizeof why), APP_CLASS_SENT); /* the debrief says so */
    } else {
        uitest_tick(&t, 200);
        CHECK_EQ_INT(count_files(queue, "results-"), 1);
        CHECK_EQ_INT(count_files(queue, "progress.json"), 1);
        char why[200];
        CHECK_EQ_INT(app_class_send(t.app, why, sizeof why), APP_CLASS_WAITING);
        CHECK(why[0] != '\0'); /* why: the server cannot be reached */
    }
    uitest_finish(&t);
}

int main(void)
{
    RUN(window_should_send_progress_and_results_to_the_class_server);
    return check_done();
}
