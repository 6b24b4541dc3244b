/* cmd_new — write a starting scenario (three weeks, twenty-two accounts) that validates
 * without a warning and teaches the lesson, ready to edit. The texts of its first six
 * accounts and its events explain what each account, insight and event demonstrates. "$schema" is the path of the data folder's
 * scenarios/scenario.schema.json relative to the new file's folder, so editors find the
 * schema wherever the file is written; the id is made from the file name. */
#if !defined(_WIN32) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* realpath, strdup */
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "upfront/file.h"

/* The template after its "$schema" line and before the id line is filled in; "id" is the
 * first line of TEMPLATE_BODY, written by new_scenario_text. Keep it warning-free under
 * 'upfront validate --lesson' and teaching under 'upfront balance' (tests/authoring.cmake
 * checks both). */
static const char *const TEMPLATE_BODY[] = {
    "  \"format\": 1,\n",
    "  \"id\": \"my-scenario\",\n",
    "  \"title\": \"My first scenario: three weeks, twenty-two accounts\",\n",
    "  \"summary\": \"You sell scheduling software to twenty-two regional businesses and have three weeks to reach the quota: more accounts than you can work well, so choose. Research an account before you contact it (research also shows how well it fits), run a campaign of personal touches with the phone at its centre, call back whoever asks, prepare your meetings, and let ready buyers ask for the contract. (A starting scenario written by 'upfront new': the first six accounts and the events explain what each part does; edit them, then run 'upfront validate' and 'upfront balance' on this file.)\",\n",
    "  \"difficulty\": 2,\n",
    "  \"currency\": \"USD\",\n",
    "  \"calendar\": { \"weeks\": 3, \"days_per_week\": 5, \"hours_per_day\": 8 },\n",
    "  \"energy\": { \"daily\": 100, \"recovery\": 80, \"overwork_recovery\": 50, \"tired_below\": 20, \"tired_quality\": 75 },\n",
    "  \"budget\": 2000,\n",
    "  \"quota\": 220000,\n",
    "  \"prepare\": {\n",
    "    \"company\":           { \"minutes\": 30, \"energy\": 4, \"cost\": 0, \"prep\": 25 },\n",
    "    \"person\":            { \"minutes\": 30, \"energy\": 4, \"cost\": 0, \"prep\": 25 },\n",
    "    \"industry\":          { \"minutes\": 45, \"energy\": 5, \"cost\": 0, \"prep\": 15 },\n",
    "    \"trigger\":           { \"minutes\": 30, \"energy\": 4, \"cost\": 0, \"prep\": 15 },\n",
    "    \"value_proposition\": { \"minutes\": 45, \"energy\": 6, \"cost\": 0, \"prep\": 25 }\n",
    "  },\n",
    "  \"channels\": {\n",
    "    \"phone\":   { \"minutes\": 30, \"energy\": 5, \"cost\": 0,  \"delay_days\": 0, \"reach\": 8,  \"reach_cap\": 11, \"response\": 8.5, \"response_cap\": 14, \"attention\": 14, \"fatigue\": 10, \"prep_multiplier\": 3.0, \"attempts\": 3 },\n",
    "    \"email\":   { \"minutes\": 15, \"energy\": 2, \"cost\": 0,  \"delay_days\": 1, \"reach\": 35, \"reach_cap\": 70, \"response\": 3.5, \"response_cap\": 16, \"attention\": 12, \"fatigue\": 25, \"prep_multiplier\": 1.8 },\n",
    "    \"mail\":    { \"minutes\": 30, \"energy\": 3, \"cost\": 5,  \"delay_days\": 2, \"reach\": 40, \"reach_cap\": 70, \"response\": 6,   \"response_cap\": 12, \"attention\": 15, \"fatigue\": 40, \"prep_multiplier\": 1.6 },\n",
    "    \"fax\":     { \"minutes\": 15, \"energy\": 2, \"cost\": 1,  \"delay_days\": 0, \"reach\": 20, \"reach_cap\": 45, \"response\": 1.5, \"response_cap\": 6,  \"attention\": 5,  \"fatigue\": 50, \"prep_multiplier\": 1.5 },\n",
    "    \"courier\": { \"minutes\": 30, \"energy\": 3, \"cost\": 40, \"delay_days\": 1, \"reach\": 80, \"reach_cap\": 95, \"response\": 5,   \"response_cap\": 14, \"attention\": 18, \"fatigue\": 50, \"prep_multiplier\": 1.8 },\n",
    "    \"gift\":    { \"minutes\": 45, \"energy\": 4, \"cost\": 70, \"delay_days\": 2, \"reach\": 90, \"reach_cap\": 95, \"response\": 4.2, \"response_cap\": 15, \"attention\": 28, \"fatigue\": 60, \"prep_multiplier\": 1.6 },\n",
    "    \"book\":    { \"minutes\": 60, \"energy\": 5, \"cost\": 30, \"delay_days\": 2, \"reach\": 70, \"reach_cap\": 90, \"response\": 6,   \"response_cap\": 15, \"attention\": 24, \"fatigue\": 60, \"prep_multiplier\": 2.0 }\n",
    "  },\n",
    "  \"progress\": [\n",
    "    { \"id\": \"discovery\", \"name\": \"Discovery meeting\", \"minutes\": 75, \"energy\": 10, \"cost\": 0, \"readiness\": 40, \"success\": 28, \"prep_multiplier\": 3.5, \"stall\": 20 },\n",
    "    { \"id\": \"demo\", \"name\": \"Tailored demo\", \"minutes\": 60, \"energy\": 10, \"cost\": 0, \"readiness\": 30, \"success\": 50, \"prep_multiplier\": 2.1, \"stall\": 20, \"requires\": [\"discovery\"] },\n",
    "    { \"id\": \"proposal\", \"name\": \"Proposal\", \"minutes\": 60, \"energy\": 8, \"cost\": 0, \"readiness\": 30, \"success\": 50, \"prep_multiplier\": 2.0, \"stall\": 20, \"requires\": [\"discovery\"] }\n",
    "  ],\n",
    "  \"close\": {\n",
    "    \"ask\":      { \"minutes\": 45, \"energy\": 8,  \"cost\": 0 },\n",
    "    \"pressure\": { \"minutes\": 150, \"energy\": 12, \"cost\": 0 },\n",
    "    \"contract\": { \"minutes\": 15, \"energy\": 2,  \"cost\": 0 }\n",
    "  },\n",
    "  \"rules\": {\n",
    "    \"buyer_ready\": 70,\n",
    "    \"contract_win\": 75,\n",
    "    \"pressure_loss\": 15,\n",
    "    \"pressure_win\": 8\n",
    "  },\n",
    "  \"prospects\": [\n",
    "    {\n",
    "      \"id\": \"harbor\", \"company\": \"Harbor Foods\", \"contact\": \"Maya Lindqvist\",\n",
    "      \"title\": \"Chief Operating Officer\", \"seniority\": \"clevel\", \"industry\": \"Food distribution\",\n",
    "      \"deal_value\": 45000, \"importance\": 3, \"inbox_noise\": 70, \"cycle_days\": 5, \"fit\": 70,\n",
    "      \"affinity\": { \"phone\": 0.8, \"courier\": 1.3 },\n",
    "      \"competitors\": [\"ShiftPro\"],\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Harbor Foods plans its drivers' shifts on a whiteboard, and overtime doubled this winter (a pain: research on the company reveals it).\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Maya promised her board a ten per cent cut in overtime this year (an interest: research on the person reveals it).\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Harbor Foods just opened a second depot and is hiring forty drivers (a trigger event worth a personal note).\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"summit\", \"company\": \"Summit Physio Clinics\", \"contact\": \"Daniel Osei\",\n",
    "      \"title\": \"VP of Operations\", \"seniority\": \"vp\", \"industry\": \"Healthcare\",\n",
    "      \"deal_value\": 35000, \"importance\": 3, \"inbox_noise\": 60, \"cycle_days\": 4, \"fit\": 70,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"One appointment in eight is a no-show across Summit's five clinics.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Daniel is measured on how many hours each physiotherapist spends with patients.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"Clinics pay therapists for empty slots; a no-show costs the whole hour.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"crestline\", \"company\": \"Crestline Hotels\", \"contact\": \"Priya Raman\",\n",
    "      \"title\": \"Director of Housekeeping\", \"seniority\": \"director\", \"industry\": \"Hospitality\",\n",
    "      \"deal_value\": 30000, \"importance\": 2, \"inbox_noise\": 50, \"cycle_days\": 4, \"fit\": 70,\n",
    "      \"affinity\": { \"email\": 1.2, \"fax\": 0 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Room turnaround slips every Friday, when half the housekeeping team swaps shifts by text message.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Priya is piloting a staff app and wants every rota in one place.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"beacon\", \"company\": \"Beacon Property Services\", \"contact\": \"Tom Becker\",\n",
    "      \"title\": \"Facilities Manager\", \"seniority\": \"manager\", \"industry\": \"Facilities management\",\n",
    "      \"deal_value\": 20000, \"importance\": 2, \"inbox_noise\": 40, \"cycle_days\": 3, \"fit\": 70,\n",
    "      \"affinity\": { \"phone\": 1.2 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Beacon's cleaners work across thirty sites, and missed shifts are found only when a client complains.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Beacon won a contract for a new business park and must staff it next month.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"willow\", \"company\": \"Willow Care Homes\", \"contact\": \"Grace Adeyemi\",\n",
    "      \"title\": \"Registered Manager\", \"seniority\": \"manager\", \"industry\": \"Social care\",\n",
    "      \"deal_value\": 15000, \"importance\": 1, \"inbox_noise\": 35, \"cycle_days\": 2, \"fit\": 70,\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 35 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Agency staff fill a fifth of Willow's night shifts, at twice the cost.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Grace replied to your newsletter and asked for a call: this account starts engaged, so call her back.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"ridge\", \"company\": \"Ridge Cycles\", \"contact\": \"Sam Kowalski\",\n",
    "      \"title\": \"Store Supervisor\", \"seniority\": \"staff\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 10000, \"importance\": 1, \"inbox_noise\": 25, \"cycle_days\": 2, \"fit\": 70,\n",
    "      \"affinity\": { \"mail\": 1.3 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Ridge's two shops are short-staffed every Saturday, their busiest day.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"westbrook\", \"company\": \"Westbrook Hotels Systems\", \"contact\": \"Fiona Petrov\",\n",
    "      \"title\": \"Fleet Manager\", \"seniority\": \"manager\", \"industry\": \"Hospitality\",\n",
    "      \"deal_value\": 30000, \"importance\": 3, \"inbox_noise\": 39, \"cycle_days\": 3, \"fit\": 52,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"interest\", \"text\": \"Opened a second site this year and wants the same processes in both.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"New reporting rules in hospitality take effect next year.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"silver\", \"company\": \"Silver Hotels & Sons\", \"contact\": \"Quentin Chowdhury\",\n",
    "      \"title\": \"Director of Operations\", \"seniority\": \"director\", \"industry\": \"Hospitality\",\n",
    "      \"deal_value\": 20000, \"importance\": 2, \"inbox_noise\": 65, \"cycle_days\": 5, \"fit\": 71,\n",
    "      \"affinity\": { \"book\": 1.2, \"fax\": 1.2 },\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 34 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"interest\", \"text\": \"Peers in hospitality are consolidating suppliers to fewer, better ones.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Hired a new head of operations last month.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Quentin posts about measurable quick wins and hates long projects.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"quarry\", \"company\": \"Quarry Stores Co\", \"contact\": \"Hana Fontaine\",\n",
    "      \"title\": \"Managing Director\", \"seniority\": \"clevel\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 25000, \"importance\": 2, \"inbox_noise\": 87, \"cycle_days\": 2, \"fit\": 19,\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 37 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"New reporting rules in retail take effect next year.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Won a large contract that starts next quarter.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Hana was promoted this year and wants a visible success.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"goldcrest\", \"company\": \"Goldcrest Hotels Co\", \"contact\": \"Colm Varga\",\n",
    "      \"title\": \"IT Manager\", \"seniority\": \"manager\", \"industry\": \"Hospitality\",\n",
    "      \"deal_value\": 30000, \"importance\": 3, \"inbox_noise\": 32, \"cycle_days\": 5, \"fit\": 53,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"New reporting rules in hospitality take effect next year.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"driftwood\", \"company\": \"Driftwood Freight Associates\", \"contact\": \"Omar Tanaka\",\n",
    "      \"title\": \"IT Director\", \"seniority\": \"director\", \"industry\": \"Logistics\",\n",
    "      \"deal_value\": 35000, \"importance\": 3, \"inbox_noise\": 59, \"cycle_days\": 5, \"fit\": 85,\n",
    "      \"start\": { \"status\": \"meeting\", \"readiness\": 19, \"attention\": 21, \"prep\": 12 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"interest\", \"text\": \"Announced a plan to double revenue in three years.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Won a large contract that starts next quarter.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"New reporting rules in logistics take effect next year.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"yarrow\", \"company\": \"Yarrow Freight & Sons\", \"contact\": \"Rosa Esposito\",\n",
    "      \"title\": \"Director of Customer Service\", \"seniority\": \"director\", \"industry\": \"Logistics\",\n",
    "      \"deal_value\": 10000, \"importance\": 1, \"inbox_noise\": 60, \"cycle_days\": 4, \"fit\": 86,\n",
    "      \"affinity\": { \"gift\": 0.8 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Rosa posts about measurable quick wins and hates long projects.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"lantern\", \"company\": \"Lantern Hotels Associates\", \"contact\": \"Lena Rossi\",\n",
    "      \"title\": \"Operations Manager\", \"seniority\": \"manager\", \"industry\": \"Hospitality\",\n",
    "      \"deal_value\": 20000, \"importance\": 2, \"inbox_noise\": 47, \"cycle_days\": 4, \"fit\": 25,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"person\", \"kind\": \"pain\", \"text\": \"Lena inherited a backlog of complaints from the previous Operations Manager.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"New reporting rules in hospitality take effect next year.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"pain\", \"text\": \"A failed system rollout made the local news in spring.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"clearwater\", \"company\": \"Clearwater Freight Co\", \"contact\": \"Samir Mbeki\",\n",
    "      \"title\": \"Finance Director\", \"seniority\": \"director\", \"industry\": \"Logistics\",\n",
    "      \"deal_value\": 15000, \"importance\": 1, \"inbox_noise\": 65, \"cycle_days\": 3, \"fit\": 10,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"interest\", \"text\": \"Announced a plan to double revenue in three years.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Samir posts about measurable quick wins and hates long projects.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"interest\", \"text\": \"Peers in logistics are consolidating suppliers to fewer, better ones.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"atlas\", \"company\": \"Atlas Stores Holdings\", \"contact\": \"Gustavo Nakamura\",\n",
    "      \"title\": \"Director of Operations\", \"seniority\": \"director\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 30000, \"importance\": 3, \"inbox_noise\": 61, \"cycle_days\": 3, \"fit\": 80,\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"interest\", \"text\": \"Peers in retail are consolidating suppliers to fewer, better ones.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Raised new funding to expand this year.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"crescent\", \"company\": \"Crescent Stores Services\", \"contact\": \"Ulla Varga\",\n",
    "      \"title\": \"IT Director\", \"seniority\": \"director\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 15000, \"importance\": 1, \"inbox_noise\": 63, \"cycle_days\": 4, \"fit\": 91,\n",
    "      \"affinity\": { \"fax\": 1.2 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"Labour shortages in retail push costs up across the sector.\" },\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Margins fell two points last year while volumes grew.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"birch\", \"company\": \"Birch Care Industries\", \"contact\": \"Ulla Grieg\",\n",
    "      \"title\": \"Director of Customer Service\", \"seniority\": \"director\", \"industry\": \"Social care\",\n",
    "      \"deal_value\": 35000, \"importance\": 3, \"inbox_noise\": 65, \"cycle_days\": 4, \"fit\": 91,\n",
    "      \"affinity\": { \"phone\": 1.5, \"gift\": 0.7 },\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 40 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Ulla posts about measurable quick wins and hates long projects.\" },\n",
    "        { \"topic\": \"company\", \"kind\": \"interest\", \"text\": \"Opened a second site this year and wants the same processes in both.\" },\n",
    "        { \"topic\": \"industry\", \"kind\": \"pain\", \"text\": \"Labour shortages in social care push costs up across the sector.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"harbor2\", \"company\": \"Harbor Freight Industries\", \"contact\": \"Paula Young\",\n",
    "      \"title\": \"Director of Operations\", \"seniority\": \"director\", \"industry\": \"Logistics\",\n",
    "      \"deal_value\": 35000, \"importance\": 3, \"inbox_noise\": 54, \"cycle_days\": 3, \"fit\": 43,\n",
    "      \"affinity\": { \"phone\": 1.2 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"trigger\", \"kind\": \"pain\", \"text\": \"A failed system rollout made the local news in spring.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Paula spoke at a trade event about cutting manual work.\" },\n",
    "        { \"topic\": \"company\", \"kind\": \"pain\", \"text\": \"Lost two large customers last year to faster competitors.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"maple\", \"company\": \"Maple Stores Holdings\", \"contact\": \"Jade Holt\",\n",
    "      \"title\": \"Director of Customer Service\", \"seniority\": \"director\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 20000, \"importance\": 3, \"inbox_noise\": 56, \"cycle_days\": 3, \"fit\": 17,\n",
    "      \"affinity\": { \"gift\": 0.6 },\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 25 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Jade spoke at a trade event about cutting manual work.\" },\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Won a large contract that starts next quarter.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"lantern2\", \"company\": \"Lantern Clinics Systems\", \"contact\": \"Gustavo Zhang\",\n",
    "      \"title\": \"Fleet Manager\", \"seniority\": \"manager\", \"industry\": \"Healthcare\",\n",
    "      \"deal_value\": 10000, \"importance\": 1, \"inbox_noise\": 34, \"cycle_days\": 2, \"fit\": 48,\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 38 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"industry\", \"kind\": \"interest\", \"text\": \"Peers in healthcare are consolidating suppliers to fewer, better ones.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"pain\", \"text\": \"Gustavo inherited a backlog of complaints from the previous Fleet Manager.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"westbrook2\", \"company\": \"Westbrook Freight Co\", \"contact\": \"Mona Mbeki\",\n",
    "      \"title\": \"Fleet Manager\", \"seniority\": \"manager\", \"industry\": \"Logistics\",\n",
    "      \"deal_value\": 20000, \"importance\": 3, \"inbox_noise\": 31, \"cycle_days\": 3, \"fit\": 80,\n",
    "      \"start\": { \"status\": \"engaged\", \"attention\": 25 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"trigger\", \"kind\": \"interest\", \"text\": \"Hired a new head of operations last month.\" }\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"id\": \"granite\", \"company\": \"Granite Stores Partners\", \"contact\": \"Tessa Tanaka\",\n",
    "      \"title\": \"IT Manager\", \"seniority\": \"manager\", \"industry\": \"Retail\",\n",
    "      \"deal_value\": 25000, \"importance\": 3, \"inbox_noise\": 48, \"cycle_days\": 3, \"fit\": 70,\n",
    "      \"start\": { \"status\": \"meeting\", \"readiness\": 12, \"attention\": 35, \"prep\": 0 },\n",
    "      \"insights\": [\n",
    "        { \"topic\": \"company\", \"kind\": \"interest\", \"text\": \"Opened a second site this year and wants the same processes in both.\" },\n",
    "        { \"topic\": \"person\", \"kind\": \"interest\", \"text\": \"Tessa posts about measurable quick wins and hates long projects.\" }\n",
    "      ]\n",
    "    }\n",
    "  ],\n",
    "  \"events\": [\n",
    "    { \"id\": \"tip-start\", \"kind\": \"news\", \"day\": 1,\n",
    "      \"text\": \"Tip: research Harbor Foods first (the company, then Maya herself), craft a value proposition, then start a campaign: an email, a call the next day, and more channels after that. Willow Care Homes asked for a call: research them and call back.\" },\n",
    "    { \"id\": \"beacon-referral\", \"kind\": \"referral\", \"prospect\": \"beacon\", \"day\": 3,\n",
    "      \"text\": \"A client of yours has told Tom Becker at Beacon Property Services about you. He expects your call (a referral: attention rises and a cold account becomes engaged).\" },\n",
    "    { \"id\": \"summit-freeze\", \"kind\": \"budget_freeze\", \"prospect\": \"summit\", \"day\": 7, \"days\": 3,\n",
    "      \"text\": \"Summit Physio Clinics has paused purchases for three days while its budget is reviewed (a budget freeze: no progress or close with them until it ends).\" },\n",
    "    { \"id\": \"harbor-competitor\", \"kind\": \"competitor_enters\", \"prospect\": \"harbor\", \"day\": 9,\n",
    "      \"text\": \"ShiftPro has offered Harbor Foods a free trial (a competitor: winning gets harder unless your demo and proposal are done).\" },\n",
    "    { \"id\": \"crestline-champion\", \"kind\": \"champion_leaves\", \"prospect\": \"crestline\", \"chance\": 5, \"from_day\": 6, \"to_day\": 12,\n",
    "      \"text\": \"Priya Raman has moved to another hotel, and her successor at Crestline knows little about your proposal (a random event: 5% a day from day 6 to day 12; readiness and attention halve).\" },\n",
    "    { \"id\": \"harbor2-referral\", \"kind\": \"referral\", \"prospect\": \"harbor2\", \"chance\": 2, \"from_day\": 2, \"to_day\": 10, \"text\": \"A customer of yours who knows Paula Young at Harbor Freight Industries offers to introduce you.\" },\n",
    "    { \"id\": \"goldcrest-referral\", \"kind\": \"referral\", \"prospect\": \"goldcrest\", \"chance\": 2, \"from_day\": 2, \"to_day\": 10, \"text\": \"A customer of yours who knows Colm Varga at Goldcrest Hotels Co offers to introduce you.\" },\n",
    "    { \"id\": \"atlas-referral\", \"kind\": \"referral\", \"prospect\": \"atlas\", \"chance\": 2, \"from_day\": 2, \"to_day\": 10, \"text\": \"A customer of yours who knows Gustavo Nakamura at Atlas Stores Holdings offers to introduce you.\" },\n",
    "    { \"id\": \"westbrook-inbound\", \"kind\": \"referral\", \"prospect\": \"westbrook\", \"chance\": 4, \"from_day\": 2, \"to_day\": 11, \"text\": \"Fiona Petrov at Westbrook Hotels Systems filled in the contact form on your website and asked for a call (a random inbound lead: 4% a day from day 2 to day 11).\" },\n",
    "    { \"id\": \"yarrow-inbound\", \"kind\": \"referral\", \"prospect\": \"yarrow\", \"chance\": 4, \"from_day\": 2, \"to_day\": 11, \"text\": \"Rosa Esposito at Yarrow Freight & Sons filled in the contact form on your website and asked for a call (a random inbound lead: 4% a day from day 2 to day 11).\" },\n",
    "    { \"id\": \"ridge-inbound\", \"kind\": \"referral\", \"prospect\": \"ridge\", \"chance\": 4, \"from_day\": 2, \"to_day\": 11, \"text\": \"Sam Kowalski at Ridge Cycles filled in the contact form on your website and asked for a call (a random inbound lead: 4% a day from day 2 to day 11).\" },\n",
    "    { \"id\": \"clearwater-inbound\", \"kind\": \"referral\", \"prospect\": \"clearwater\", \"chance\": 4, \"from_day\": 2, \"to_day\": 11, \"text\": \"Samir Mbeki at Clearwater Freight Co filled in the contact form on your website and asked for a call (a random inbound lead: 4% a day from day 2 to day 11).\" },\n",
    "    { \"id\": \"crescent-inbound\", \"kind\": \"referral\", \"prospect\": \"crescent\", \"chance\": 4, \"from_day\": 2, \"to_day\": 11, \"text\": \"Ulla Varga at Crescent Stores Services filled in the contact form on your website and asked for a call (a random inbound lead: 4% a day from day 2 to day 11).\" },\n",
    "    { \"id\": \"tip-last-day\", \"kind\": \"news\", \"day\": 15,\n",
    "      \"text\": \"Last day. A buyer who is ready but has not asked can be asked for the business today; anything still open tonight ends in no decision.\" }\n",
    "  ]\n",
    "}\n",
};

#define TEMPLATE_ID_LINE "  \"id\": \"my-scenario\",\n"
#define TEMPLATE_DEFAULT_ID "my-scenario"

/* A growing string. */
typedef struct Buf {
    char *p;
    size_t n, cap;
    int oom;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t k = strlen(s);
    if (b->oom)
        return;
    if (b->n + k + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->n + k + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, k + 1);
    b->n += k;
}

/* Appends s as the inside of a JSON string (quotes, backslashes and controls escaped). */
static void put_json_chars(Buf *b, const char *s)
{
    for (; *s; s++) {
        char one[8];
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            snprintf(one, sizeof one, "\\%c", c);
        else if (c < 0x20)
            snprintf(one, sizeof one, "\\u%04x", c);
        else
            snprintf(one, sizeof one, "%c", c);
        put(b, one);
    }
}

/* The scenario id made from the file name: its base name without ".json", lower-cased,
 * every other character than [a-z0-9_-] turned into '-', at most 40 characters; the
 * template's own id when nothing is left. Writes into out (at least 41 bytes). */
static void id_from_path(const char *path, char *out, size_t cap)
{
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t len = strlen(base);
    if (len >= 5 && strcmp(base + len - 5, ".json") == 0)
        len -= 5;
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap && n < 40; i++) {
        char c = base[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok && n == 0)
            continue; /* an id starts with a letter or digit */
        if (n == 0 && (c == '_' || c == '-'))
            continue;
        out[n++] = ok ? c : '-';
    }
    while (n > 0 && (out[n - 1] == '-' || out[n - 1] == '_'))
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, cap, "%s", TEMPLATE_DEFAULT_ID);
}

/* The absolute, canonical form of an existing path (malloc'd), or NULL. */
static char *absolute_path(const char *path)
{
#if defined(_WIN32)
    char *p = _fullpath(NULL, path, 0);
    if (p)
        for (char *q = p; *q; q++)
            if (*q == '\\')
                *q = '/';
    return p;
#else
    return realpath(path, NULL);
#endif
}

/* The length of the next '/'-separated component of *p, after skipping separators. */
static size_t next_component(const char **p)
{
    while (**p == '/')
        (*p)++;
    size_t n = 0;
    while ((*p)[n] && (*p)[n] != '/')
        n++;
    return n;
}

/* The path of `to` relative to the folder `from` (both absolute, '/'-separated), malloc'd:
 * "../" for each of from's components past the shared ones, then the rest of to. `to`
 * itself when they share no first component on Windows (another drive). NULL when out of
 * memory. */
static char *relative_path(const char *from, const char *to)
{
    const char *f = from, *t = to;
    for (;;) {
        const char *f0 = f, *t0 = t;
        size_t fn = next_component(&f), tn = next_component(&t);
        if (fn == 0 || fn != tn || strncmp(f, t, fn) != 0) {
            f = f0;
            t = t0;
            break;
        }
        f += fn;
        t += tn;
    }
#if defined(_WIN32)
    if (f == from)
        return strdup(to);
#endif
    Buf b = {0};
    for (size_t n; (n = next_component(&f)) > 0; f += n)
        put(&b, "../");
    while (*t == '/')
        t++;
    put(&b, t);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p ? b.p : strdup(".");
}

/* The "$schema" value for a scenario written to path: the data folder's schema relative to
 * path's folder, else the schema's absolute path, else "scenario.schema.json" (which
 * works for a file written into scenarios/). Sets *found to 0 in that last case. */
static char *schema_reference(const char *path, int *found)
{
    *found = 0;
    const char *data = cli_data_dir(NULL, 0);
    char *schema = data ? cli_join(data, "scenarios/scenario.schema.json") : NULL;
    char *schema_abs = schema ? absolute_path(schema) : NULL;
    free(schema);
    if (!schema_abs)
        return strdup("scenario.schema.json");
    *found = 1;
    char *dir = cli_dirname(path);
    char *dir_abs = dir ? absolute_path(dir) : NULL;
    free(dir);
    if (!dir_abs)
        return schema_abs;
    char *rel = relative_path(dir_abs, schema_abs);
    free(dir_abs);
    if (!rel)
        return schema_abs;
    free(schema_abs);
    return rel;
}

int cmd_new(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("new");
    int force = 0, rc = CLI_OK;
    const CliOpt opts[] = {{"force", NULL, &force}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, opts, 1, pos, &rc);
    if (npos < 0) {
        free(pos);
        return rc;
    }
    const char *path = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (!path)
        return cli_usage_error("new", npos == 0 ? "expected the file to write"
                                                : "expected one file, found several");
    int to_stdout = strcmp(path, "-") == 0;
    if (!to_stdout && file_is_special(path)) {
        /* a device or FIFO gets the text; a folder is refused below by the write */
        force = 1;
    }
    if (!force && !to_stdout && cli_path_taken(path)) {
        /* anything there counts: an unreadable file, a link (even a broken one) */
        cli_error("new", "%s already exists; choose another name, or add --force to replace it",
                  path);
        return CLI_FAILURE;
    }

    int found = 0;
    char *schema = schema_reference(path, &found);
    char id[48];
    id_from_path(path, id, sizeof id);
    Buf b = {0};
    put(&b, "{\n  \"$schema\": \"");
    put_json_chars(&b, schema ? schema : "scenario.schema.json");
    put(&b, "\",\n");
    for (size_t i = 0; i < sizeof TEMPLATE_BODY / sizeof TEMPLATE_BODY[0]; i++) {
        if (strcmp(TEMPLATE_BODY[i], TEMPLATE_ID_LINE) == 0) {
            put(&b, "  \"id\": \"");
            put(&b, id);
            put(&b, "\",\n");
        } else {
            put(&b, TEMPLATE_BODY[i]);
        }
    }
    free(schema);
    if (b.oom) {
        free(b.p);
        cli_error("new", "out of memory");
        return CLI_FAILURE;
    }
    errno = 0;
    FileStatus st = file_write_output(path, b.p, b.n);
    int saved = errno;
    free(b.p);
    if (st != FILE_OK) {
        cli_error("new", "cannot write %s: %s", path, file_status_message(st, saved));
        return CLI_FAILURE;
    }
    if (to_stdout)
        return cli_finish(CLI_OK);
    if (!found)
        cli_error("new",
                  "note: the data folder was not found, so \"$schema\" is "
                  "\"scenario.schema.json\"; point it at scenarios/scenario.schema.json");
    printf("wrote %s (scenario id \"%s\")\nnext: edit it, then\n"
           "  %s validate %s\n  %s play %s --watch\n  %s balance %s\n",
           path, id, cli_program, path, cli_program, path, cli_program, path);
    return cli_finish(CLI_OK);
}
