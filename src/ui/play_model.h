/* play_model — what the play screen offers for the selected prospect: the actions grouped
 * by stage with their labels, icons, costs, odds and whether they can be taken now, all
 * read from the core without changing it. A PlayMenu is a plain value; nothing to free. */
#ifndef UPFRONT_UI_PLAY_MODEL_H
#define UPFRONT_UI_PLAY_MODEL_H

#include "upfront/game.h"

#define PLAY_MAX_ITEMS 40

typedef struct PlayItem {
    Action action;
    Stage stage;
    int number;          /* 1-based within its stage group */
    char label[96];
    const char *icon;    /* a UTF-8 glyph of the bundled font */
    Cost cost;
    int odds_bp;         /* -1 when the action has no uncertain outcome */
    ActionError error;   /* ACTION_OK when it can be taken now */
    char hint[48];       /* the short likely effect ("12%", "+20 prep") */
    char effect[200];    /* the likely effect in a sentence */
} PlayItem;

typedef struct PlayMenu {
    PlayItem items[PLAY_MAX_ITEMS];
    int count;
    int first[STAGE_COUNT]; /* index of each group's first item */
    int size[STAGE_COUNT];
} PlayMenu;

/* Fills menu with every action on prospect p, in stage order. */
void play_menu_build(PlayMenu *menu, const Game *g, int p);
/* The short reason an action can't be taken ("needs a meeting"). */
const char *play_short_reason(ActionError e);
/* The icon of a channel and of a stage's actions. */
const char *play_channel_icon(Channel c);
/* "Cold", "Engaged", "Opportunity", "Won"... */
const char *play_status_label(ProspectStatus s);
/* The prospect list of the play screen: which accounts it shows and in what order. */
typedef enum PlaySort {
    PLAY_SORT_DEFAULT,   /* the scenario's order (as in the briefing) */
    PLAY_SORT_STAGE,     /* opportunities, engaged, cold, then won, lost, no decision, burned */
    PLAY_SORT_VALUE,     /* deal value, largest first */
    PLAY_SORT_FIT,       /* known fit, best first; accounts whose fit is unknown after them */
    PLAY_SORT_READINESS, /* buyer readiness, highest first; closed accounts last */
    PLAY_SORT_COUNT
} PlaySort;

typedef enum PlayFilter {
    PLAY_FILTER_ALL,
    PLAY_FILTER_COLD,
    PLAY_FILTER_ENGAGED,
    PLAY_FILTER_OPPORTUNITY,
    PLAY_FILTER_CLOSED,   /* won, lost, no decision or burned */
    PLAY_FILTER_GOOD_FIT, /* open accounts whose fit is known and at least PLAY_GOOD_FIT */
    PLAY_FILTER_COUNT
} PlayFilter;

/* A fit from here up is a good fit (the list's filter and colour). */
#define PLAY_GOOD_FIT 70
/* Under this, a poor fit. */
#define PLAY_POOR_FIT 30

typedef struct PlayList {
    int order[SCENARIO_MAX_PROSPECTS]; /* prospect indices, in display order */
    int count;   /* rows in order */
    int matches; /* rows that pass the filter (count, less the kept row when there is one) */
    int kept;    /* the prospect shown although it does not pass the filter, or -1 */
    int total;   /* prospects in the scenario */
} PlayList;

/* Short names for the list's header: "default", "stage", "value", "fit", "readiness";
 * "all", "cold", "engaged", "opportunities", "closed", "good fit". */
const char *play_sort_label(PlaySort s);
const char *play_filter_label(PlayFilter f);
/* 1 when prospect p passes the filter. Reads fit only when the game has revealed it. */
int play_filter_match(const Game *g, int p, PlayFilter f);
/* The account's fit as the player knows it: 0..100, or -1 while it is hidden. */
int play_known_fit(const Game *g, int p);
/* Fills list with the prospects that pass the filter, sorted (ties: larger deal first,
 * then the scenario's order). keep (a prospect index, or -1) is listed at its sorted
 * place even when it does not pass, so that the selected account never vanishes under
 * the player: list->kept says so. A hidden fit never changes the order. */
void play_list_build(PlayList *list, const Game *g, PlaySort sort, PlayFilter filter, int keep);
/* The row of prospect p in the list, or -1. */
int play_list_find(const PlayList *list, int p);

/* Mon..Sun for a 0-based day of the week. */
const char *play_weekday(int i);
/* A one-line cost: "45m · 5 energy · $80". */
void play_cost_text(char *out, size_t cap, Cost c, const char *currency);
/* The same in words: "45m, 5 energy, $80". */
void play_cost_long(char *out, size_t cap, Cost c, const char *currency);

#endif
