/* types — stable names and labels of the shared enumerations. */
#include "upfront/types.h"

#include <string.h>

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const stage_names[STAGE_COUNT] = {"prepare", "prospect", "progress", "close"};
static const char *const stage_labels[STAGE_COUNT] = {"Prepare", "Prospect", "Progress", "Close"};
static const char *const channel_names[CHANNEL_COUNT] = {"phone",   "email", "mail", "fax",
                                                         "courier", "gift",  "book"};
static const char *const channel_labels[CHANNEL_COUNT] = {"Phone",   "Email", "Ground mail", "Fax",
                                                          "Courier", "Gift",  "Book"};
static const char *const research_names[RESEARCH_COUNT] = {"company", "person", "industry",
                                                           "trigger"};
static const char *const research_labels[RESEARCH_COUNT] = {
    "Research the company", "Research the person", "Research the industry",
    "Look for trigger events"};
static const char *const seniority_names[SENIORITY_COUNT] = {"staff", "manager", "director", "vp",
                                                             "clevel"};
static const char *const seniority_labels[SENIORITY_COUNT] = {"Staff", "Manager", "Director", "VP",
                                                              "C-level"};
static const char *const close_names[CLOSE_COUNT] = {"ask", "pressure", "contract"};
static const char *const close_labels[CLOSE_COUNT] = {"Ask for the business", "Closing tricks",
                                                      "Send the contract"};

static const char *name_at(const char *const *names, int count, int i)
{
    return (i >= 0 && i < count) ? names[i] : "?";
}

static int index_of(const char *const *names, int count, const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *stage_name(Stage s) { return name_at(stage_names, COUNT_OF(stage_names), (int)s); }
const char *channel_name(Channel c) { return name_at(channel_names, COUNT_OF(channel_names), (int)c); }
const char *research_name(Research r) { return name_at(research_names, COUNT_OF(research_names), (int)r); }
const char *seniority_name(Seniority s) { return name_at(seniority_names, COUNT_OF(seniority_names), (int)s); }
const char *close_name(CloseTechnique t) { return name_at(close_names, COUNT_OF(close_names), (int)t); }
const char *stage_label(Stage s) { return name_at(stage_labels, COUNT_OF(stage_labels), (int)s); }
const char *channel_label(Channel c) { return name_at(channel_labels, COUNT_OF(channel_labels), (int)c); }
const char *research_label(Research r) { return name_at(research_labels, COUNT_OF(research_labels), (int)r); }
const char *seniority_label(Seniority s) { return name_at(seniority_labels, COUNT_OF(seniority_labels), (int)s); }
const char *close_label(CloseTechnique t) { return name_at(close_labels, COUNT_OF(close_labels), (int)t); }

int stage_from_name(const char *name) { return index_of(stage_names, COUNT_OF(stage_names), name); }
int channel_from_name(const char *name) { return index_of(channel_names, COUNT_OF(channel_names), name); }
int research_from_name(const char *name) { return index_of(research_names, COUNT_OF(research_names), name); }
int seniority_from_name(const char *name) { return index_of(seniority_names, COUNT_OF(seniority_names), name); }
int close_from_name(const char *name) { return index_of(close_names, COUNT_OF(close_names), name); }

int seniority_is_executive(Seniority s) { return s == SENIORITY_VP || s == SENIORITY_CLEVEL; }
