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
/* Mon..Sun for a 0-based day of the week. */
const char *play_weekday(int i);
/* A one-line cost: "45m · 5 energy · $80". */
void play_cost_text(char *out, size_t cap, Cost c, const char *currency);
/* The same in words: "45m, 5 energy, $80". */
void play_cost_long(char *out, size_t cap, Cost c, const char *currency);

#endif
