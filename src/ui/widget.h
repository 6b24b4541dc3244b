/* widget — plain drawing functions over the theme (card, button, label, bar, chip,
 * tooltip), recorded into the frame's drawing (rec.h), and the list of hit regions that
 * mouse input is matched against. A Ui borrows its theme, text cache and recorder; it owns
 * nothing that needs freeing. */
#ifndef UPFRONT_UI_WIDGET_H
#define UPFRONT_UI_WIDGET_H

#include <SDL.h>

#include "rec.h"
#include "text.h"
#include "theme.h"

#define UI_MAX_HITS 160
#define UI_TIP_MAX 320

/* A clickable region drawn in the last frame: id chosen by the screen, with a tooltip. */
typedef struct UiHit {
    SDL_Rect rect;
    int id;
    char tip[UI_TIP_MAX];
} UiHit;

typedef struct Ui {
    Theme *theme;
    TextCache *text;
    Rec *rec;        /* the frame's drawing is recorded into it */
    int out_w, out_h; /* the picture's size in pixels */
    UiHit hits[UI_MAX_HITS];
    int hit_count;
    int hover_id;      /* hit id under the mouse, or 0 */
    int mouse_x, mouse_y; /* in output pixels */
} Ui;

typedef enum Align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

enum { WIDGET_FOCUSED = 1, WIDGET_HOVER = 2, WIDGET_DISABLED = 4, WIDGET_PRIMARY = 8 };

/* Forgets last frame's hit regions (called before drawing a frame). */
void widget_begin(Ui *ui);
/* Registers a clickable region with an id (> 0) and an optional tooltip (may be NULL). */
void widget_hit(Ui *ui, SDL_Rect r, int id, const char *tip);
/* The id of the topmost region at (x, y) in output pixels, or 0. */
int widget_hit_at(const Ui *ui, int x, int y);
/* The tooltip of region id, or NULL. */
const char *widget_tip(const Ui *ui, int id);

void widget_fill(Ui *ui, SDL_Rect r, SDL_Color c);
void widget_round(Ui *ui, SDL_Rect r, int radius, SDL_Color c);
void widget_outline(Ui *ui, SDL_Rect r, int thickness, SDL_Color c);

/* A white card with a soft shadow; accent (when a > 0) draws a stage-coloured edge. */
void widget_card(Ui *ui, SDL_Rect r, int flags, SDL_Color accent);
/* A button with a label and an optional key hint ("Enter"); registers hit id. */
void widget_button(Ui *ui, SDL_Rect r, const char *label, const char *key, int flags, int id,
                   const char *tip);
/* One line of text, aligned within [x, x+w) and cut with an ellipsis to fit; returns the
 * width drawn. w <= 0 means no limit (left aligned at x). */
int widget_label(Ui *ui, int x, int y, int w, ThemeFont f, SDL_Color c, const char *text,
                 Align align);
/* Wrapped text; returns its height. */
int widget_text(Ui *ui, int x, int y, int w, ThemeFont f, SDL_Color c, const char *text);
/* A horizontal bar filled value/max of its width. */
void widget_progress(Ui *ui, SDL_Rect r, long long value, long long max, SDL_Color fill);
/* A bar split into n coloured parts proportional to values. */
void widget_stacked(Ui *ui, SDL_Rect r, const long long *values, const SDL_Color *colors, int n);
/* A rounded pill with text; returns its width. */
int widget_chip(Ui *ui, int x, int y, ThemeFont f, const char *text, SDL_Color bg, SDL_Color fg);
/* An icon glyph then text; returns the total width. */
int widget_icon_text(Ui *ui, int x, int y, ThemeFont f, const char *icon, const char *text,
                     SDL_Color icon_color, SDL_Color color);
/* A keyboard-key badge ("1", "Tab"); returns its width. */
int widget_key(Ui *ui, int x, int y, const char *key, int flags);
/* A tooltip box near (x, y), kept inside the output. */
void widget_tooltip(Ui *ui, int x, int y, const char *text);
/* A section heading in small capitals style with an optional coloured marker. */
int widget_heading(Ui *ui, int x, int y, int w, const char *text, SDL_Color marker);

/* Line height of a font in output pixels. */
int widget_line(const Ui *ui, ThemeFont f);

#endif
