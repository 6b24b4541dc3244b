/* widget — drawing functions over the theme and the hit regions of the last frame. */
#include "widget.h"

#include <string.h>

void widget_begin(Ui *ui)
{
    ui->hit_count = 0;
}

void widget_hit(Ui *ui, SDL_Rect r, int id, const char *tip)
{
    if (ui->hit_count >= UI_MAX_HITS || id <= 0)
        return;
    UiHit *h = &ui->hits[ui->hit_count++];
    h->rect = r;
    h->id = id;
    SDL_strlcpy(h->tip, tip ? tip : "", sizeof h->tip);
}

int widget_hit_at(const Ui *ui, int x, int y)
{
    SDL_Point p = {x, y};
    for (int i = ui->hit_count - 1; i >= 0; i--)
        if (SDL_PointInRect(&p, &ui->hits[i].rect))
            return ui->hits[i].id;
    return 0;
}

const char *widget_tip(const Ui *ui, int id)
{
    for (int i = ui->hit_count - 1; i >= 0; i--)
        if (ui->hits[i].id == id)
            return ui->hits[i].tip[0] ? ui->hits[i].tip : NULL;
    return NULL;
}

int widget_line(const Ui *ui, ThemeFont f)
{
    return ui->theme->line[f];
}

static void set_color(Ui *ui, SDL_Color c)
{
    rec_color(ui->rec, c, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

void widget_fill(Ui *ui, SDL_Rect r, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    set_color(ui, c);
    rec_fill(ui->rec, &r);
}

/* The radius widget_round draws r with. */
static int fit_radius(SDL_Rect r, int radius)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    return radius;
}

/* widget_round without the full-width rows from hide_y0 to hide_y1 (exclusive), which
 * something opaque is about to cover. */
static void round_except(Ui *ui, SDL_Rect r, int radius, SDL_Color c, int hide_y0, int hide_y1)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    radius = fit_radius(r, radius);
    set_color(ui, c);
    int y0 = r.y + radius, y1 = r.y + r.h - radius;
    if (hide_y1 > hide_y0 && hide_y0 <= y0 && hide_y1 >= y1)
        y0 = y1; /* all hidden */
    else if (hide_y1 > hide_y0 && hide_y0 <= y0 && hide_y1 > y0)
        y0 = hide_y1;
    else if (hide_y1 > hide_y0 && hide_y1 >= y1 && hide_y0 < y1)
        y1 = hide_y0;
    SDL_Rect mid = {r.x, y0, r.w, y1 - y0};
    if (mid.h > 0)
        rec_fill(ui->rec, &mid);
    for (int i = 0; i < radius; i++) {
        /* inset of row i from the top of a quarter circle */
        int dy = radius - i;
        int dx = 0;
        while ((dx + 1) * (dx + 1) + dy * dy <= radius * radius + radius / 2)
            dx++;
        int inset = radius - dx;
        SDL_Rect top = {r.x + inset, r.y + i, r.w - 2 * inset, 1};
        SDL_Rect bottom = {r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1};
        rec_fill(ui->rec, &top);
        rec_fill(ui->rec, &bottom);
    }
}

void widget_round(Ui *ui, SDL_Rect r, int radius, SDL_Color c)
{
    round_except(ui, r, radius, c, 0, 0);
}

void widget_outline(Ui *ui, SDL_Rect r, int thickness, SDL_Color c)
{
    set_color(ui, c);
    for (int i = 0; i < thickness; i++) {
        SDL_Rect o = {r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
        if (o.w <= 0 || o.h <= 0)
            break;
        rec_outline(ui->rec, &o);
    }
}

void widget_card(Ui *ui, SDL_Rect r, int flags, SDL_Color accent)
{
    const Theme *t = ui->theme;
    int rad = theme_px(t, 8);
    SDL_Color face = (flags & WIDGET_HOVER) ? t->c.surface_alt : t->c.surface;
    if (t->palette == PALETTE_OKABE_ITO) {
        SDL_Rect sh = {r.x, r.y + theme_px(t, 2), r.w, r.h};
        /* the card's own full-width rows will hide the shadow's: only its rim is filled */
        int cr = r.w > 0 && r.h > 0 ? fit_radius(r, rad) : 0;
        if (face.a == 255 && r.w > 0 && r.h > 0)
            round_except(ui, sh, rad, t->c.shadow, r.y + cr, r.y + r.h - cr);
        else
            widget_round(ui, sh, rad, t->c.shadow);
    } else {
        SDL_Rect b = {r.x - 1, r.y - 1, r.w + 2, r.h + 2};
        widget_round(ui, b, rad, t->c.border);
    }
    if (flags & WIDGET_FOCUSED) {
        int f = theme_px(t, 3);
        SDL_Rect fr = {r.x - f, r.y - f, r.w + 2 * f, r.h + 2 * f};
        widget_round(ui, fr, rad + f, t->c.focus);
    }
    widget_round(ui, r, rad, face);
    if (accent.a > 0) {
        SDL_Rect edge = {r.x, r.y + rad / 2, theme_px(t, 4), r.h - rad};
        widget_fill(ui, edge, accent);
    }
}

void widget_button(Ui *ui, SDL_Rect r, const char *label, const char *key, int flags, int id,
                   const char *tip)
{
    const Theme *t = ui->theme;
    int rad = theme_px(t, 6);
    SDL_Color bg = (flags & WIDGET_PRIMARY) ? t->c.accent : t->c.surface;
    SDL_Color fg = (flags & WIDGET_PRIMARY) ? t->c.on_accent : t->c.text;
    if (flags & WIDGET_DISABLED) {
        bg = t->c.surface_alt;
        fg = t->c.muted;
    } else if (flags & WIDGET_HOVER) {
        bg = theme_mix(bg, t->c.text, (flags & WIDGET_PRIMARY) ? 15 : 6);
    }
    if (flags & WIDGET_FOCUSED) {
        int f = theme_px(t, 3);
        SDL_Rect fr = {r.x - f, r.y - f, r.w + 2 * f, r.h + 2 * f};
        widget_round(ui, fr, rad + f, t->c.focus);
        SDL_Rect gap = {r.x - 1, r.y - 1, r.w + 2, r.h + 2};
        widget_round(ui, gap, rad + 1, t->c.bg);
    }
    if (!(flags & WIDGET_PRIMARY)) {
        SDL_Rect b = {r.x, r.y, r.w, r.h};
        widget_round(ui, b, rad, t->c.border);
        SDL_Rect in = {r.x + 1, r.y + 1, r.w - 2, r.h - 2};
        widget_round(ui, in, rad - 1, bg);
    } else {
        widget_round(ui, r, rad, bg);
    }
    ThemeFont f = FONT_BODY_BOLD;
    int kw = 0;
    if (key && key[0]) {
        kw = text_width(t->font[FONT_BODY], key) + theme_px(t, 12) + theme_px(t, 8);
    }
    int lw = text_width(t->font[f], label);
    int total = lw + kw;
    int x = r.x + (r.w - total) / 2;
    if (x < r.x + theme_px(t, 8))
        x = r.x + theme_px(t, 8);
    int y = r.y + (r.h - t->line[f]) / 2;
    widget_label(ui, x, y, r.w - theme_px(t, 16) - kw, f, fg, label, ALIGN_LEFT);
    if (kw) {
        int kx = x + (lw < r.w - theme_px(t, 16) - kw ? lw : r.w - theme_px(t, 16) - kw) +
                 theme_px(t, 8);
        int ky = r.y + (r.h - (t->line[FONT_BODY] + theme_px(t, 2))) / 2;
        widget_key(ui, kx, ky, key, flags);
    }
    if (id > 0)
        widget_hit(ui, r, id, tip);
}

int widget_label(Ui *ui, int x, int y, int w, ThemeFont f, SDL_Color c, const char *text,
                 Align align)
{
    if (!text || !text[0])
        return 0;
    TTF_Font *font = ui->theme->font[f];
    char buf[512];
    const char *s = text;
    if (w > 0 && text_width(font, text) > w)
        s = text_fit(font, text, w, buf, sizeof buf);
    int tw, th;
    const RasterMask *mask = text_get(ui->text, font, s, c, 0, &tw, &th);
    if (!mask)
        return 0;
    int dx = x;
    if (w > 0 && align == ALIGN_CENTER)
        dx = x + (w - tw) / 2;
    else if (w > 0 && align == ALIGN_RIGHT)
        dx = x + w - tw;
    SDL_Rect dst = {dx, y, tw, th};
    rec_text(ui->rec, mask, text_last_serial(ui->text), dst.x, dst.y);
    return tw;
}

int widget_text(Ui *ui, int x, int y, int w, ThemeFont f, SDL_Color c, const char *text)
{
    return text_draw_wrapped(ui->text, ui->theme->font[f], text, c, x, y, w);
}

void widget_progress(Ui *ui, SDL_Rect r, long long value, long long max, SDL_Color fill)
{
    const Theme *t = ui->theme;
    int rad = r.h / 2;
    widget_round(ui, r, rad, t->c.track);
    if (max <= 0 || value <= 0)
        return;
    if (value > max)
        value = max;
    int w = (int)((long long)r.w * value / max);
    if (w < r.h)
        w = w > 0 ? r.h : 0;
    SDL_Rect f = {r.x, r.y, w, r.h};
    widget_round(ui, f, rad, fill);
}

void widget_stacked(Ui *ui, SDL_Rect r, const long long *values, const SDL_Color *colors, int n)
{
    long long total = 0;
    for (int i = 0; i < n; i++)
        total += values[i] > 0 ? values[i] : 0;
    widget_fill(ui, r, ui->theme->c.track);
    if (total <= 0)
        return;
    int x = r.x;
    long long acc = 0;
    for (int i = 0; i < n; i++) {
        if (values[i] <= 0)
            continue;
        acc += values[i];
        int end = r.x + (int)((long long)r.w * acc / total);
        SDL_Rect part = {x, r.y, end - x, r.h};
        widget_fill(ui, part, colors[i]);
        x = end;
    }
}

int widget_chip(Ui *ui, int x, int y, ThemeFont f, const char *text, SDL_Color bg, SDL_Color fg)
{
    const Theme *t = ui->theme;
    int pad = theme_px(t, 8);
    int w = text_width(t->font[f], text) + 2 * pad;
    int h = t->line[f] + theme_px(t, 2);
    SDL_Rect r = {x, y, w, h};
    widget_round(ui, r, h / 2, bg);
    text_draw(ui->text, t->font[f], text, fg, x + pad, y + theme_px(t, 1));
    return w;
}

int widget_icon_text(Ui *ui, int x, int y, ThemeFont f, const char *icon, const char *text,
                     SDL_Color icon_color, SDL_Color color)
{
    const Theme *t = ui->theme;
    int w = 0;
    if (icon && icon[0]) {
        int iw = theme_px(t, 20) * t->font_px[f] / (t->font_px[FONT_BODY] ? t->font_px[FONT_BODY] : 1);
        int gw = text_width(t->font[f], icon);
        text_draw(ui->text, t->font[f], icon, icon_color, x + (iw - gw) / 2, y);
        w = iw + theme_px(t, 4);
    }
    w += text_draw(ui->text, t->font[f], text, color, x + w, y);
    return w;
}

int widget_key(Ui *ui, int x, int y, const char *key, int flags)
{
    const Theme *t = ui->theme;
    int pad = theme_px(t, 6);
    int tw = text_width(t->font[FONT_BODY], key);
    int h = t->line[FONT_BODY] + theme_px(t, 2);
    int w = tw + 2 * pad;
    if (w < h)
        w = h;
    SDL_Rect r = {x, y, w, h};
    SDL_Color bg = t->c.surface_alt, fg = t->c.text, edge = t->c.border;
    if (flags & WIDGET_PRIMARY) {
        bg = theme_mix(t->c.accent, t->c.on_accent, 18);
        fg = t->c.on_accent;
        edge = bg;
    }
    if (flags & WIDGET_DISABLED)
        fg = t->c.muted;
    widget_round(ui, r, theme_px(t, 4), edge);
    SDL_Rect in = {x + 1, y + 1, w - 2, h - 2 - theme_px(t, 1)};
    widget_round(ui, in, theme_px(t, 3), bg);
    text_draw(ui->text, t->font[FONT_BODY], key, fg, x + (w - tw) / 2, y + theme_px(t, 1));
    return w;
}

void widget_tooltip(Ui *ui, int x, int y, const char *text)
{
    const Theme *t = ui->theme;
    int ow = ui->out_w, oh = ui->out_h;
    int pad = theme_grid(t, 1);
    int wrap = theme_px(t, 320);
    int tw, th;
    SDL_Color fg = t->palette == PALETTE_HIGH_CONTRAST ? t->c.bg : t->c.surface;
    SDL_Color bg = t->palette == PALETTE_HIGH_CONTRAST ? t->c.text : t->c.text;
    const RasterMask *mask = text_get(ui->text, t->font[FONT_BODY], text, fg, wrap, &tw, &th);
    if (!mask)
        return;
    SDL_Rect box = {x + theme_px(t, 14), y + theme_px(t, 18), tw + 2 * pad, th + 2 * pad};
    if (box.x + box.w > ow - pad)
        box.x = ow - pad - box.w;
    if (box.y + box.h > oh - pad)
        box.y = y - box.h - theme_px(t, 8);
    if (box.x < pad)
        box.x = pad;
    if (box.y < pad)
        box.y = pad;
    widget_round(ui, box, theme_px(t, 6), bg);
    SDL_Rect dst = {box.x + pad, box.y + pad, tw, th};
    rec_text(ui->rec, mask, text_last_serial(ui->text), dst.x, dst.y);
}

int widget_heading(Ui *ui, int x, int y, int w, const char *text, SDL_Color marker)
{
    const Theme *t = ui->theme;
    int mx = 0;
    if (marker.a > 0) {
        int s = theme_px(t, 10);
        SDL_Rect m = {x, y + (t->line[FONT_BODY_BOLD] - s) / 2, s, s};
        widget_round(ui, m, theme_px(t, 2), marker);
        mx = s + theme_px(t, 8);
    }
    widget_label(ui, x + mx, y, w - mx, FONT_BODY_BOLD, t->c.muted, text, ALIGN_LEFT);
    return t->line[FONT_BODY_BOLD];
}
