/* nav — shared keyboard handling and number formatting for the screens. */
#include "nav.h"

#include <string.h>

NavResult nav_key(const SDL_Event *ev, int *focus, int count)
{
    if (ev->type != SDL_KEYDOWN || count <= 0)
        return NAV_NONE;
    SDL_Keycode k = ev->key.keysym.sym;
    int shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
    int f = *focus;
    switch (k) {
    case SDLK_TAB:
        f = shift ? f - 1 : f + 1;
        break;
    case SDLK_UP:
    case SDLK_LEFT:
        f--;
        break;
    case SDLK_DOWN:
    case SDLK_RIGHT:
        f++;
        break;
    case SDLK_HOME:
        f = 0;
        break;
    case SDLK_END:
        f = count - 1;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return NAV_CHOSEN;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
        return NAV_BACK;
    default:
        return NAV_NONE;
    }
    f = (f % count + count) % count;
    *focus = f;
    return NAV_MOVED;
}

int nav_shortcut(const SDL_Event *ev, const NavShortcut *keys, int n)
{
    if (ev->type != SDL_KEYDOWN)
        return -1;
    for (int i = 0; i < n; i++)
        if (keys[i].key == ev->key.keysym.sym)
            return keys[i].item;
    return -1;
}

int nav_click(const SDL_Event *ev)
{
    return ev->type == SDL_MOUSEBUTTONUP && ev->button.button == SDL_BUTTON_LEFT;
}

void nav_money(char *out, size_t cap, long long v, const char *currency)
{
    const char *sym = "";
    const char *suffix = "";
    if (!currency || strcmp(currency, "USD") == 0)
        sym = "$";
    else if (strcmp(currency, "EUR") == 0)
        sym = "\xE2\x82\xAC";
    else if (strcmp(currency, "GBP") == 0)
        sym = "\xC2\xA3";
    else
        suffix = currency;
    const char *neg = v < 0 ? "-" : "";
    long long a = v < 0 ? -v : v;
    char num[32];
    if (a >= 1000000)
        SDL_snprintf(num, sizeof num, "%lld.%02lldM", a / 1000000, (a % 1000000) / 10000);
    else if (a >= 10000)
        SDL_snprintf(num, sizeof num, "%lld.%lldk", a / 1000, (a % 1000) / 100);
    else if (a >= 1000)
        SDL_snprintf(num, sizeof num, "%lld,%03lld", a / 1000, a % 1000);
    else
        SDL_snprintf(num, sizeof num, "%lld", a);
    /* drop a trailing ".0k" or ".00M" */
    char *dot = strchr(num, '.');
    if (dot) {
        char *end = dot + 1;
        while (*end >= '0' && *end <= '9')
            end++;
        int zero = 1;
        for (char *p = dot + 1; p < end; p++)
            if (*p != '0')
                zero = 0;
        if (zero)
            memmove(dot, end, strlen(end) + 1);
    }
    if (suffix[0])
        SDL_snprintf(out, cap, "%s%s %s", neg, num, suffix);
    else
        SDL_snprintf(out, cap, "%s%s%s", neg, sym, num);
}

void nav_int(char *out, size_t cap, long long v)
{
    char digits[32], buf[48];
    unsigned long long a = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    SDL_snprintf(digits, sizeof digits, "%llu", a);
    size_t n = strlen(digits), k = 0;
    if (v < 0)
        buf[k++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    SDL_strlcpy(out, buf, cap);
}

void nav_minutes(char *out, size_t cap, int minutes)
{
    if (minutes < 0)
        minutes = 0;
    int h = minutes / 60, m = minutes % 60;
    if (h && m)
        SDL_snprintf(out, cap, "%dh %02dm", h, m);
    else if (h)
        SDL_snprintf(out, cap, "%dh", h);
    else
        SDL_snprintf(out, cap, "%dm", m);
}

void nav_stars(char *out, size_t cap, int n, int max)
{
    if (cap == 0)
        return;
    out[0] = '\0';
    for (int i = 0; i < max; i++)
        SDL_strlcat(out, i < n ? "\xE2\x98\x85" : "\xE2\x98\x86", cap);
}
