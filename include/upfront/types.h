/* types — the vocabulary shared by every core module: stages, channels, research
 * topics, seniority and close techniques, with their stable names. No allocation. */
#ifndef UPFRONT_TYPES_H
#define UPFRONT_TYPES_H

#include <stdint.h>

/* The four stages of selling. */
typedef enum Stage {
    STAGE_PREPARE,
    STAGE_PROSPECT,
    STAGE_PROGRESS,
    STAGE_CLOSE,
    STAGE_COUNT
} Stage;

/* The seven prospecting channels. */
typedef enum Channel {
    CHANNEL_PHONE,
    CHANNEL_EMAIL,
    CHANNEL_MAIL,
    CHANNEL_FAX,
    CHANNEL_COURIER,
    CHANNEL_GIFT,
    CHANNEL_BOOK,
    CHANNEL_COUNT
} Channel;

/* What preparation can look into; each reveals the pains and interests tagged with it. */
typedef enum Research {
    RESEARCH_COMPANY,
    RESEARCH_PERSON,
    RESEARCH_INDUSTRY,
    RESEARCH_TRIGGER,
    RESEARCH_COUNT
} Research;

typedef enum Seniority {
    SENIORITY_STAFF,
    SENIORITY_MANAGER,
    SENIORITY_DIRECTOR,
    SENIORITY_VP,
    SENIORITY_CLEVEL,
    SENIORITY_COUNT
} Seniority;

/* Ways to close: ask for the business, closing tricks (pressure), or send the contract
 * the buyer asked for. */
typedef enum CloseTechnique {
    CLOSE_ASK,
    CLOSE_PRESSURE,
    CLOSE_CONTRACT,
    CLOSE_COUNT
} CloseTechnique;

/* Stable lower-case names used in JSON ("prepare", "phone", "company", "vp", "pressure").
 * Each returns "?" for an out-of-range value. */
const char *stage_name(Stage s);
const char *channel_name(Channel c);
const char *research_name(Research r);
const char *seniority_name(Seniority s);
const char *close_name(CloseTechnique t);
/* Human labels for screens ("Prepare", "Ground mail", "Research the company", "C-level"). */
const char *stage_label(Stage s);
const char *channel_label(Channel c);
const char *research_label(Research r);
const char *seniority_label(Seniority s);
const char *close_label(CloseTechnique t);

/* Parse a stable name; return the value, or -1 when the name is unknown. */
int stage_from_name(const char *name);
int channel_from_name(const char *name);
int research_from_name(const char *name);
int seniority_from_name(const char *name);
int close_from_name(const char *name);

/* 1 for VP and C-level. */
int seniority_is_executive(Seniority s);

#endif
