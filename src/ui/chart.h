/* chart — the debrief's charts drawn with the theme: the effort curve against the Sales
 * 1.0 and 2.0 reference curves, effort per week stacked by stage, and a prospect's touch
 * timeline. Drawing only; nothing to free. */
#ifndef UPFRONT_UI_CHART_H
#define UPFRONT_UI_CHART_H

#include "upfront/game.h"
#include "upfront/whatif.h"
#include "widget.h"

/* Lines over the four stages of the player's shares (basis points) and the two reference
 * curves (percent); who labels the player's line ("You"). */
void chart_curve(Ui *ui, SDL_Rect r, const int *player_bp, const int *sales1_pct, const int *sales2_pct,
                 const char *who);
/* One bar per week as tall as the week's working hours: the minutes spent by stage stacked
 * from the bottom, the hours no action used in chart_unused_color above them (never shown
 * as effort). Each bar gets a tooltip, hit id + week index (0-based), when hit_id > 0. */
void chart_weeks(Ui *ui, SDL_Rect r, const Game *g, int hit_id);
/* The neutral colour of unused time. */
SDL_Color chart_unused_color(const Theme *th);
/* What if: a dot per day at the score the strategy would have reached had it taken over
 * at the start of that day, joined by a line; the trainee's own score as a dashed line
 * across; the day chosen (1-based) in a band; the turning day ringed. Dots over the
 * trainee's score are drawn in the good colour (a filled dot), the others hollow. Each
 * day is a hit region hit_id + day index with a tooltip giving its figures, currency
 * from the scenario (past 100 days, one region per few days, named by its first); week
 * numbers under the axis. */
void chart_whatif(Ui *ui, SDL_Rect r, const WhatIf *w, const Scenario *sc, int chosen_day, int hit_id);
/* A prospect's touches on a day axis, one glyph per touch coloured by outcome. */
void chart_timeline(Ui *ui, SDL_Rect r, const Game *g, int prospect);

#endif
