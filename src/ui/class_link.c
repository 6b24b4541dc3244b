/* class_link — the window's side of the live class: a ClassClient (src/server/client.h)
 * for the server given with `upfront play --server URL` or typed on the class screen,
 * fed the progress at each day's end and the results file when the game ends. Without
 * libcurl the build has none, and joining a server says so. A host that sends them itself
 * (the browser version, src/web, with fetch) gets the same two calls through its UiHost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "upfront/results.h"

#if defined(UPFRONT_HAVE_CLIENT)
#include "client.h"
#endif

int app_join_server(App *app, const char *url, char *err, size_t cap)
{
#if defined(UPFRONT_HAVE_CLIENT)
    if (!url || !url[0]) {
        client_free(app->class_client);
        app->class_client = NULL;
        return 0;
    }
    if (app->class_client) {
        size_t n = strlen(url);
        while (n > 0 && url[n - 1] == '/')
            n--;
        const char *now = client_url(app->class_client);
        if (strlen(now) == n && strncmp(now, url, n) == 0)
            return 0;
    }
    if (!app->pref_dir[0]) {
        SDL_snprintf(err, cap, "there is no per-user folder to keep the games to send");
        return -1;
    }
    char root[1200];
    SDL_snprintf(root, sizeof root, "%soutbox", app->pref_dir);
    ClassClient *c = client_new(url, root, err, cap);
    if (!c)
        return -1;
    client_free(app->class_client);
    app->class_client = c;
    return 0;
#else
    (void)app;
    if (!url || !url[0])
        return 0; /* no server: nothing to join (a class code alone works without one) */
    SDL_snprintf(err, cap, "this upfront was built without the class client (libcurl)");
    return -1;
#endif
}

const char *app_server_url(const App *app)
{
#if defined(UPFRONT_HAVE_CLIENT)
    return app->class_client ? client_url(app->class_client) : "";
#else
    (void)app;
    return "";
#endif
}

void app_class_progress(App *app)
{
    const UiHost *h = app->opts.host;
    if (h && h->class_progress && app->session)
        h->class_progress(h->ctx, app->session->game, app->session->player, app_round_seconds_left(app));
#if defined(UPFRONT_HAVE_CLIENT)
    Session *s = app->session;
    if (!app->class_client || !s)
        return;
    char *json = client_progress_json(s->game, s->player, app_round_seconds_left(app));
    if (!json || client_send_progress(app->class_client, json, strlen(json)) != 0)
        app_toast(app, "Could not queue the progress for the class server");
    free(json);
#else
    (void)app;
#endif
}

void app_class_results(App *app)
{
    const UiHost *h = app->opts.host;
    if (h && h->class_results && app->session) {
        ResultsMeta meta = session_meta(app->session);
        char *json = results_to_json(app->session->game, &meta);
        if (json)
            h->class_results(h->ctx, json, strlen(json));
        else
            app_toast(app, "Could not queue the game for the class server: it is in your results folder");
        free(json);
    }
#if defined(UPFRONT_HAVE_CLIENT)
    Session *s = app->session;
    if (!app->class_client || !s)
        return;
    /* the same text as the results file saved beside it; the server answers 200 to a game
     * it already has, so sending twice does no harm */
    ResultsMeta meta = session_meta(s);
    char *json = results_to_json(s->game, &meta);
    if (!json || client_send_results(app->class_client, json, strlen(json)) != 0) {
        app_toast(app, "Could not queue the game for the class server: it is in your results folder");
        app->class_send = APP_CLASS_NONE;
    } else {
        app->class_send = APP_CLASS_WAITING;
    }
    free(json);
#else
    (void)app;
#endif
}

void app_class_close(App *app)
{
#if defined(UPFRONT_HAVE_CLIENT)
    if (!app->class_client)
        return;
    /* a moment for the last game to go out; what is left stays queued for next time */
    client_flush(app->class_client, 2000);
    client_free(app->class_client);
    app->class_client = NULL;
#else
    (void)app;
#endif
}

AppClassSend app_class_send(const App *app, char *why, size_t cap)
{
    if (cap)
        why[0] = '\0';
#if defined(UPFRONT_HAVE_CLIENT)
    if (!app->class_client || app->class_send == APP_CLASS_NONE)
        return APP_CLASS_NONE;
    ClientStatus st; /* the fate of the results file queued last: this game's */
    client_status(app->class_client, &st);
    if (st.last_results == CLIENT_REFUSED) {
        snprintf(why, cap, "%s", st.last_refusal);
        return APP_CLASS_REFUSED;
    }
    if (st.last_results == CLIENT_SENT)
        return APP_CLASS_SENT;
    if (!st.reachable)
        snprintf(why, cap, "%s", st.last_error);
    return APP_CLASS_WAITING;
#else
    (void)app;
    return APP_CLASS_NONE;
#endif
}

void app_class_poll(App *app)
{
    if (app->class_send == APP_CLASS_NONE)
        return;
    char why[256];
    AppClassSend now = app_class_send(app, why, sizeof why);
    if ((int)now != app->class_shown) {
        app->class_shown = (int)now;
        app->dirty = 1;
    }
}
