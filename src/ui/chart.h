/* chart — the debrief's charts drawn with the theme: the effort curve against the Sales
 * 1.0 and 2.0 reference curves, effort per week stacked by stage, and a prospect's touch
 * timeline. Drawing only; nothing to free. */
#ifndef UPFRONT_UI_CHART_H
#define UPFRONT_UI_CHART_H

#include "upfront/game.h"
#include "widget.h"

/* Lines over the four stages of the player's shares (basis points) and the two reference
 * curves (percent). */
void chart_curve(Ui *ui, SDL_Rect r, const int *player_bp, const int *sales1_pct, const int *sales2_pct);
/* One stacked bar per week of minutes by stage. */
void chart_weeks(Ui *ui, SDL_Rect r, const Game *g);
/* A prospect's touches on a day axis, one glyph per touch coloured by outcome. */
void chart_timeline(Ui *ui, SDL_Rect r, const Game *g, int prospect);

#endif
