/* Tests of the scenario loader: what it keeps (and in which units), what it rejects and how
 * it says so, its warnings, and that no input crashes it. Variants are made by editing the
 * text of tests/fixtures/valid/full.json (a frozen copy of the first default scenario, so
 * that tuning the shipped one does not move these tests), each showing only its change. */
#include "fixture_util.h"

#include <stdint.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "upfront/scenario.h"

#define DEFAULT_SCENARIO "scenarios/midmarket-quarter.json"
#define FULL_SCENARIO "tests/fixtures/valid/full.json"

static char *default_text(size_t *len)
{
    char *t = fixture_read(FULL_SCENARIO, len);
    if (!t)
        fprintf(stderr, "cannot read %s (run from the repository root)\n", FULL_SCENARIO);
    return t;
}

/* The test scenario with the first occurrence of from replaced by to (malloc'd). */
static char *edited(const char *from, const char *to)
{
    size_t len;
    char *t = default_text(&len);
    if (!t)
        return NULL;
    char *at = strstr(t, from);
    if (!at) {
        fprintf(stderr, "test bug: \"%s\" is not in %s\n", from, FULL_SCENARIO);
        free(t);
        return NULL;
    }
    size_t a = (size_t)(at - t), nf = strlen(from), nt = strlen(to);
    char *out = malloc(len - nf + nt + 1);
    if (out) {
        memcpy(out, t, a);
        memcpy(out + a, to, nt);
        memcpy(out + a + nt, at + nf, len - a - nf + 1);
    }
    free(t);
    return out;
}

/* Loads text (NULL-safe) and returns the scenario; diagnostics go to *d. */
static Scenario *load(const char *text, DiagList **d)
{
    *d = diag_list_new();
    if (!text)
        return NULL;
    return scenario_load(text, strlen(text), "test.json", *d);
}

static void dump(const DiagList *d)
{
    diag_print(stderr, "test.json", d);
}

/* 1 when d holds a diagnostic of this severity at pointer whose message contains text. */
static int has(const DiagList *d, DiagSeverity sev, const char *pointer, const char *text)
{
    for (int i = 0; i < diag_count(d); i++) {
        const Diag *g = diag_get(d, i);
        if (g->severity == sev && strcmp(g->pointer, pointer) == 0 && strstr(g->message, text))
            return 1;
    }
    dump(d);
    fprintf(stderr, "  (wanted %s at %s: %s)\n", sev == DIAG_ERROR ? "error" : "warning", pointer, text);
    return 0;
}

/* Edits the default scenario, loads it, and expects failure with this error. */
static void expect_error(const char *from, const char *to, const char *pointer, const char *text)
{
    char *t = edited(from, to);
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s == NULL);
    CHECK(has(d, DIAG_ERROR, pointer, text));
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

/* Edits the default scenario, loads it, and expects success with this warning. */
static void expect_warning(const char *from, const char *to, const char *pointer, const char *text)
{
    char *t = edited(from, to);
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    CHECK_EQ_INT(diag_error_count(d), 0);
    CHECK(has(d, DIAG_WARNING, pointer, text));
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

/* ---------------------------------------------------------------- what it keeps */

static void scenario_should_load_the_default_scenario_without_diagnostics(void)
{
    DiagList *d = diag_list_new();
    int unreadable = -1;
    Scenario *s = scenario_load_file(DEFAULT_SCENARIO, d, &unreadable);
    CHECK(s != NULL);
    CHECK_EQ_INT(unreadable, 0);
    CHECK_EQ_INT(diag_count(d), 0);
    if (diag_count(d))
        dump(d);
    if (s) {
        CHECK_EQ_STR(scenario_id(s), "midmarket-quarter");
        CHECK_EQ_STR(scenario_title(s), "Mid-market software quarter");
        CHECK_EQ_INT(scenario_difficulty(s), 2);
        CHECK_EQ_STR(scenario_currency(s), "USD");
        CHECK_EQ_INT(scenario_day_count(s), 30);
        CHECK_EQ_INT(scenario_calendar(s)->hours_per_day, 8);
        CHECK_EQ_INT(scenario_prospect_count(s), 36);
        CHECK_EQ_INT(scenario_step_count(s), 5);
        CHECK_EQ_INT(scenario_event_count(s), 15);
        int64_t total = 0;
        int execs = 0;
        for (int i = 0; i < scenario_prospect_count(s); i++) {
            total += scenario_prospect(s, i)->deal_value;
            execs += seniority_is_executive(scenario_prospect(s, i)->seniority);
        }
        CHECK(total >= 1400000 && total <= 1700000);
        CHECK_EQ_INT(execs, 17);
        CHECK(scenario_quota(s) < total);
    }
    scenario_free(s);
    diag_list_free(d);
}

static void scenario_should_load_the_full_test_scenario(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    CHECK_EQ_INT(diag_count(d), 0);
    if (s) {
        CHECK_EQ_STR(scenario_id(s), "loader-full");
        CHECK(strncmp(scenario_summary(s), "A frozen copy", 13) == 0);
        CHECK_EQ_INT(scenario_budget(s), 2500);
        CHECK_EQ_INT(scenario_quota(s), 250000);
        CHECK_EQ_INT(scenario_energy(s)->daily, 100);
        CHECK_EQ_INT(scenario_energy(s)->recovery, 70);
        CHECK_EQ_INT(scenario_energy(s)->overwork_recovery, 40);
        CHECK_EQ_INT(scenario_energy(s)->tired_below, 25);
        CHECK_EQ_INT(scenario_energy(s)->tired_quality, 70);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_store_rates_in_basis_points_and_multipliers_in_percent(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s) {
        const ChannelRules *phone = scenario_channel(s, CHANNEL_PHONE);
        CHECK_EQ_INT(phone->reach_bp, 700);
        CHECK_EQ_INT(phone->reach_cap_bp, 3000);
        CHECK_EQ_INT(phone->prep_multiplier_pct, 250);
        CHECK_EQ_INT(phone->attempts, 3);
        CHECK_EQ_INT(phone->cost.minutes, 30);
        const ChannelRules *fax = scenario_channel(s, CHANNEL_FAX);
        CHECK_EQ_INT(fax->response_bp, 150);
        CHECK_EQ_INT(fax->prep_multiplier_pct, 150);
        CHECK_EQ_INT(fax->cost.money, 1);
        CHECK_EQ_INT(scenario_channel(s, CHANNEL_EMAIL)->attempts, 1); /* the default */
        CHECK_EQ_INT(scenario_channel(s, CHANNEL_BOOK)->delay_days, 3);
        CHECK(scenario_channel(s, CHANNEL_COUNT) == NULL);
        CHECK_EQ_INT(scenario_research(s, RESEARCH_PERSON)->prep, 25);
        CHECK_EQ_INT(scenario_value_proposition(s)->cost.energy, 8);
        CHECK_EQ_INT(scenario_close(s)->cost[CLOSE_PRESSURE].minutes, 90);
        const ProgressStep *discovery = scenario_step(s, 0);
        CHECK_EQ_INT(discovery->success_bp, 3000);
        CHECK_EQ_INT(discovery->prep_multiplier_pct, 280);
        CHECK_EQ_INT(discovery->require_count, 0);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_resolve_ids_to_indices(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s) {
        int bc = scenario_step_index(s, "business_case");
        CHECK_EQ_INT(bc, 3);
        CHECK_EQ_INT(scenario_step(s, bc)->require_count, 1);
        CHECK_EQ_INT(scenario_step(s, bc)->requires[0], scenario_step_index(s, "proposal"));
        CHECK_EQ_INT(scenario_step_index(s, "nope"), -1);
        CHECK(scenario_step(s, 5) == NULL);
        int meridian = scenario_prospect_index(s, "meridian");
        CHECK(meridian >= 0);
        const ScenarioEvent *news = scenario_event(s, 0);
        CHECK_EQ_INT(news->kind, EVENT_NEWS);
        CHECK_EQ_INT(news->prospect, -1);
        CHECK_EQ_INT(news->day, 4);
        const ScenarioEvent *pitch = scenario_event(s, 1);
        CHECK_EQ_INT(pitch->kind, EVENT_COMPETITOR_ENTERS);
        CHECK_EQ_INT(pitch->prospect, meridian);
        CHECK_EQ_INT(pitch->from_day, 10);
        CHECK_EQ_INT(pitch->to_day, 10);
        CHECK_EQ_INT(scenario_event(s, 2)->days, 5);
        const ScenarioEvent *champion = scenario_event(s, 3);
        CHECK_EQ_INT(champion->day, 0);
        CHECK_EQ_INT(champion->chance_bp, 100);
        CHECK_EQ_INT(champion->from_day, 8);
        CHECK_EQ_INT(champion->to_day, 25);
        CHECK(scenario_event(s, 5) == NULL);
        CHECK(scenario_prospect(s, -1) == NULL);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_copy_prospects_with_defaults(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    free(t); /* nothing may point into the buffer */
    CHECK(s != NULL);
    if (s) {
        const Prospect *p = scenario_prospect(s, scenario_prospect_index(s, "harborline"));
        CHECK_EQ_STR(p->company, "Harborline Cold Storage");
        CHECK_EQ_INT(p->seniority, SENIORITY_CLEVEL);
        CHECK_EQ_INT(p->deal_value, 85000);
        CHECK_EQ_INT(p->affinity_pct[CHANNEL_EMAIL], 70);
        CHECK_EQ_INT(p->affinity_pct[CHANNEL_PHONE], 100);
        CHECK_EQ_INT(p->competitor_count, 2);
        CHECK_EQ_STR(p->competitors[1], "Coldchain Cloud");
        CHECK_EQ_INT(p->insight_count, 4);
        CHECK_EQ_INT(p->insights[0].topic, RESEARCH_COMPANY);
        CHECK_EQ_INT(p->insights[0].kind, INSIGHT_PAIN);
        CHECK_EQ_INT(p->insights[3].topic, RESEARCH_TRIGGER);
        CHECK_EQ_INT(p->start_status, STATUS_COLD);
        CHECK_EQ_INT(p->start_prep, 0);
        int64_t total = 0;
        int execs = 0;
        for (int i = 0; i < scenario_prospect_count(s); i++) {
            total += scenario_prospect(s, i)->deal_value;
            execs += seniority_is_executive(scenario_prospect(s, i)->seniority);
        }
        CHECK(total >= 550000 && total <= 650000);
        CHECK_EQ_INT(execs, 4);
    }
    scenario_free(s);
    diag_list_free(d);
}

/* The defaults are the ones include/upfront/scenario.h documents. */
static void scenario_should_default_rules_and_scoring(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s) {
        const GameRules *r = scenario_rules(s);
        CHECK_EQ_INT(r->generic_below, 30);
        CHECK_EQ_INT(r->generic_exec_burn_bp, 2500);
        CHECK_EQ_INT(r->reply_engages_bp, 5000);
        CHECK_EQ_INT(r->warm_connect_bp, 8000);
        CHECK_EQ_INT(r->warm_meeting_bp, 6000);
        CHECK_EQ_INT(r->attention_decay, 1);
        CHECK_EQ_INT(r->over_touch, 8);
        CHECK_EQ_INT(r->stall_days, 8);
        CHECK_EQ_INT(r->stall_chance_bp, 1000);
        CHECK_EQ_INT(r->buyer_ready, 75);
        CHECK_EQ_INT(r->buyer_ask_bp, 4000);
        CHECK_EQ_INT(r->contract_win_bp, 8500);
        CHECK_EQ_INT(r->ask_win_bp, 6000);
        CHECK_EQ_INT(r->pressure_win_bp, 1000);
        CHECK_EQ_INT(r->pressure_loss_bp, 4000);
        CHECK_EQ_INT(r->pressure_discount_pct, 15);
        CHECK_EQ_INT(r->competitor_penalty_pct, 25);
        const ScoringRules *sc = scenario_scoring(s);
        CHECK_EQ_INT(sc->results_weight, 500);
        CHECK_EQ_INT(sc->process_weight, 300);
        CHECK_EQ_INT(sc->efficiency_weight, 200);
        CHECK_EQ_INT(sc->penalty_generic_exec, 5);
        CHECK_EQ_INT(sc->penalty_burned, 10);
        CHECK_EQ_INT(sc->penalty_pressure_loss, 5);
        CHECK_EQ_INT(sc->curve_sales1[STAGE_PREPARE], 5);
        CHECK_EQ_INT(sc->curve_sales1[STAGE_CLOSE], 40);
        CHECK_EQ_INT(sc->curve_sales2[STAGE_PROSPECT], 40);
        CHECK_EQ_INT(sc->curve_sales2[STAGE_CLOSE], 5);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

/* scenarios/scenario.schema.json states the same defaults as the loader. */
static void scenario_schema_defaults_should_match_the_loader(void)
{
    struct {
        const char *key;
        int loaded; /* in the schema's unit: percent for rates */
    } rules[32], weights[8];
    int nr = 0, nw = 0;
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    free(t);
    CHECK(s != NULL);
    if (!s) {
        diag_list_free(d);
        return;
    }
    const GameRules *r = scenario_rules(s);
#define R(k, v) (rules[nr].key = k, rules[nr++].loaded = (v))
    R("generic_below", r->generic_below);
    R("generic_exec_burn", r->generic_exec_burn_bp / 100);
    R("reply_meeting", r->reply_engages_bp / 100);
    R("warm_connect", r->warm_connect_bp / 100);
    R("warm_meeting", r->warm_meeting_bp / 100);
    R("attention_decay", r->attention_decay);
    R("over_touch", r->over_touch);
    R("stall_days", r->stall_days);
    R("stall_chance", r->stall_chance_bp / 100);
    R("buyer_ready", r->buyer_ready);
    R("buyer_ask", r->buyer_ask_bp / 100);
    R("contract_win", r->contract_win_bp / 100);
    R("ask_win", r->ask_win_bp / 100);
    R("pressure_win", r->pressure_win_bp / 100);
    R("pressure_loss", r->pressure_loss_bp / 100);
    R("pressure_discount", r->pressure_discount_pct);
    R("competitor_penalty", r->competitor_penalty_pct);
#undef R
    const ScoringRules *sc = scenario_scoring(s);
#define W(k, v) (weights[nw].key = k, weights[nw++].loaded = (v))
    W("results", sc->results_weight);
    W("process", sc->process_weight);
    W("efficiency", sc->efficiency_weight);
    W("generic_exec_call", sc->penalty_generic_exec);
    W("burned", sc->penalty_burned);
    W("pressure_loss", sc->penalty_pressure_loss);
#undef W
    char *text = fixture_read("scenarios/scenario.schema.json", NULL);
    cJSON *schema = text ? cJSON_Parse(text) : NULL;
    CHECK(schema != NULL);
    const cJSON *props = cJSON_GetObjectItem(schema, "properties");
    const cJSON *rp = cJSON_GetObjectItem(cJSON_GetObjectItem(props, "rules"), "properties");
    const cJSON *wp = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(props, "scoring"), "properties"),
                            "weights"),
        "properties");
    CHECK_EQ_INT(cJSON_GetArraySize(rp), nr);
    CHECK_EQ_INT(cJSON_GetArraySize(wp), nw);
    for (int i = 0; i < nr; i++) {
        const cJSON *def = cJSON_GetObjectItem(cJSON_GetObjectItem(rp, rules[i].key), "default");
        if (!cJSON_IsNumber(def) || (int)def->valuedouble != rules[i].loaded) {
            fprintf(stderr, "rules.%s: the loader defaults to %d, the schema says %g\n", rules[i].key,
                    rules[i].loaded, cJSON_IsNumber(def) ? def->valuedouble : -1.0);
            check_failures_++;
        }
    }
    for (int i = 0; i < nw; i++) {
        const cJSON *def = cJSON_GetObjectItem(cJSON_GetObjectItem(wp, weights[i].key), "default");
        if (!cJSON_IsNumber(def) || (int)def->valuedouble != weights[i].loaded) {
            fprintf(stderr, "scoring.weights.%s: the loader defaults to %d, the schema says %g\n",
                    weights[i].key, weights[i].loaded, cJSON_IsNumber(def) ? def->valuedouble : -1.0);
            check_failures_++;
        }
    }
    cJSON_Delete(schema);
    free(text);
    scenario_free(s);
    diag_list_free(d);
}

static void scenario_should_read_rules_and_scoring_overrides(void)
{
    char *t = edited("\"events\": [",
                     "\"rules\": {\"buyer_ready\": 70, \"ask_win\": 55.5, \"over_touch\": 6},\n"
                     "\"scoring\": {\"weights\": {\"results\": 600},\n"
                     "  \"curves\": {\"sales2\": {\"prepare\": 35, \"prospect\": 35, \"progress\": 25, \"close\": 5}}},\n"
                     "\"events\": [");
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_INT(scenario_rules(s)->buyer_ready, 70);
        CHECK_EQ_INT(scenario_rules(s)->ask_win_bp, 5550);
        CHECK_EQ_INT(scenario_rules(s)->over_touch, 6);
        CHECK_EQ_INT(scenario_rules(s)->stall_days, 8);
        CHECK_EQ_INT(scenario_scoring(s)->results_weight, 600);
        CHECK_EQ_INT(scenario_scoring(s)->process_weight, 300);
        CHECK_EQ_INT(scenario_scoring(s)->curve_sales2[STAGE_PREPARE], 35);
        CHECK_EQ_INT(scenario_scoring(s)->curve_sales1[STAGE_PREPARE], 5);
    } else {
        dump(d);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_read_a_prospects_start(void)
{
    DiagList *d;
    char *t = default_text(NULL);
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s) {
        const Prospect *p = scenario_prospect(s, scenario_prospect_index(s, "pinecrest"));
        CHECK_EQ_INT(p->start_status, STATUS_ENGAGED);
        CHECK_EQ_INT(p->start_attention, 40);
        CHECK_EQ_INT(p->start_readiness, 0);
        CHECK_EQ_INT(p->start_prep, 30);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void scenario_hash_should_be_fnv1a_of_the_exact_bytes(void)
{
    size_t len;
    char *t = default_text(&len);
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    if (s && t) {
        char want[17];
        snprintf(want, sizeof want, "%016llx", (unsigned long long)fnv1a(t, len));
        CHECK_EQ_STR(scenario_hash(s), want);
        CHECK_EQ_INT(strlen(scenario_hash(s)), 16);
    }
    /* one more space changes it */
    char *t2 = edited("\"format\": 1", "\"format\":  1");
    DiagList *d2;
    Scenario *s2 = load(t2, &d2);
    CHECK(s2 != NULL);
    if (s && s2)
        CHECK(strcmp(scenario_hash(s), scenario_hash(s2)) != 0);
    scenario_free(s);
    scenario_free(s2);
    diag_list_free(d);
    diag_list_free(d2);
    free(t);
    free(t2);
}

static void scenario_should_load_every_shipped_scenario_without_errors(void)
{
    static char names[FIXTURE_MAX_FILES][FIXTURE_MAX_NAME];
    int n = fixture_list("scenarios", ".json", names, FIXTURE_MAX_FILES);
    CHECK(n >= 1);
    int loaded = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i], "scenario.schema.json") == 0)
            continue;
        char path[FIXTURE_MAX_NAME + 16];
        snprintf(path, sizeof path, "scenarios/%.*s", FIXTURE_MAX_NAME - 1, names[i]);
        DiagList *d = diag_list_new();
        Scenario *s = scenario_load_file(path, d, NULL);
        if (!s || diag_count(d)) {
            fprintf(stderr, "%s does not load cleanly:\n", path);
            diag_print(stderr, path, d);
        }
        CHECK(s != NULL);
        CHECK_EQ_INT(diag_error_count(d), 0);
        loaded += s != NULL;
        scenario_free(s);
        diag_list_free(d);
    }
    CHECK(loaded >= 1);
}

/* ---------------------------------------------------------------- what it rejects */

static void scenario_should_match_escaped_keys_by_their_decoded_name(void)
{
    /* "\u0071uota" is "quota"; an escaped unknown key is reported at its own position */
    char *t = edited("\"quota\"", "\"\\u0071uota\"");
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    CHECK_EQ_INT(scenario_quota(s), 250000);
    scenario_free(s);
    diag_list_free(d);
    free(t);
    t = edited("\"budget\"", "\"budg\\u00e9t\"");
    s = load(t, &d);
    CHECK(s == NULL);
    CHECK(has(d, DIAG_ERROR, "/budg\xc3\xa9t", "unknown key; did you mean \"budget\"?"));
    if (diag_count(d) == 1) {
        CHECK_EQ_INT(diag_get(d, 0)->line, 11);
        CHECK_EQ_INT(diag_get(d, 0)->col, 3);
    }
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_reject_negative_quota(void)
{
    expect_error("\"quota\": 250000", "\"quota\": -5", "/quota",
                 "expected an integer from 1 to 1000000000000, found -5");
}

static void scenario_should_reject_weeks_outside_the_calendar_range(void)
{
    expect_error("\"weeks\": 6", "\"weeks\": 40", "/calendar/weeks",
                 "expected an integer from 1 to 26, found 40");
}

static void scenario_should_reject_a_fraction_where_an_integer_is_expected(void)
{
    expect_error("\"difficulty\": 2", "\"difficulty\": 2.5", "/difficulty",
                 "expected an integer from 1 to 5, found 2.5");
}

static void scenario_should_accept_an_integral_number_written_with_a_fraction(void)
{
    char *t = edited("\"difficulty\": 2", "\"difficulty\": 2.0");
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s != NULL);
    CHECK_EQ_INT(scenario_difficulty(s), 2);
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_reject_a_wrong_type_and_name_it(void)
{
    expect_error("\"deal_value\": 85000", "\"deal_value\": \"85000\"", "/prospects/0/deal_value",
                 "found a string");
    expect_error("\"calendar\": {", "\"calendar\": [], \"x\": {", "/calendar",
                 "expected an object, found an array");
}

static void scenario_should_reject_unknown_keys_with_a_suggestion(void)
{
    expect_error("\"seniority\": \"vp\"", "\"seniorty\": \"vp\"", "/prospects/1/seniorty",
                 "unknown key; did you mean \"seniority\"?");
    expect_error("\"attempts\": 3", "\"attemtps\": 3", "/channels/phone/attemtps",
                 "unknown key; did you mean \"attempts\"?");
}

static void scenario_should_suggest_the_right_case_for_a_wrong_case_key(void)
{
    char *t = edited("\"quota\"", "\"Quota\"");
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s == NULL);
    CHECK(has(d, DIAG_ERROR, "/Quota", "unknown key; did you mean \"quota\"?"));
    CHECK_EQ_INT(diag_count(d), 1); /* no second "missing quota" error */
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_list_the_allowed_keys_when_nothing_is_close(void)
{
    expect_error("\"weeks\": 6,", "\"weeks\": 6, \"holidays\": 2,", "/calendar/holidays",
                 "unknown key; expected one of \"weeks\", \"days_per_week\" or \"hours_per_day\"");
}

static void scenario_should_report_missing_required_keys_on_their_object(void)
{
    expect_error("\"hours_per_day\": 8 ", "\"hour_per_day\": 8 ", "/calendar/hour_per_day",
                 "unknown key; did you mean \"hours_per_day\"?");
    expect_error("\"weeks\": 6, ", "", "/calendar", "missing required key \"weeks\"");
}

static void scenario_should_reject_minutes_off_the_quarter_hour(void)
{
    expect_error("\"minutes\": 45, \"energy\": 5, \"cost\": 0, \"prep\": 20",
                 "\"minutes\": 50, \"energy\": 5, \"cost\": 0, \"prep\": 20",
                 "/prepare/company/minutes", "expected minutes from 0 to 600 in steps of 15, found 50");
}

static void scenario_should_reject_a_percentage_above_100(void)
{
    expect_error("\"reach\": 7,", "\"reach\": 107,", "/channels/phone/reach",
                 "expected a percentage from 0 to 100, found 107");
}

static void scenario_should_reject_a_multiplier_out_of_range(void)
{
    expect_error("\"prep_multiplier\": 2.5, \"attempts\"", "\"prep_multiplier\": 5, \"attempts\"",
                 "/channels/phone/prep_multiplier", "expected a multiplier from 1.0 to 4.0, found 5");
    expect_error("\"email\": 0.7", "\"email\": 2.5", "/prospects/0/affinity/email",
                 "expected a multiplier from 0.0 to 2.0, found 2.5");
}

static void scenario_should_reject_a_bad_enum_value_with_a_suggestion(void)
{
    expect_error("\"seniority\": \"clevel\"", "\"seniority\": \"c-level\"", "/prospects/0/seniority",
                 "expected one of \"staff\", \"manager\", \"director\", \"vp\" or \"clevel\", found "
                 "\"c-level\"; did you mean \"clevel\"?");
}

static void scenario_should_reject_a_bad_id(void)
{
    expect_error("\"id\": \"loader-full\"", "\"id\": \"Mid Market\"", "/id",
                 "found \"Mid Market\"");
    expect_error("\"id\": \"loader-full\"", "\"id\": \"-x\"", "/id", "starts with a letter");
}

static void scenario_should_reject_empty_and_overlong_strings(void)
{
    expect_error("\"title\": \"Loader test quarter\"", "\"title\": \"\"", "/title",
                 "expected a non-empty string, found an empty string");
    expect_error("\"title\": \"Loader test quarter\"", "\"title\": \"   \"", "/title",
                 "found only white space");
    char big[400] = "\"title\": \"";
    memset(big + 10, 'x', 250);
    strcpy(big + 260, "\"");
    expect_error("\"title\": \"Loader test quarter\"", big, "/title",
                 "expected a string of at most 200 bytes, found one of 250 bytes");
}

static void scenario_should_reject_a_bad_currency(void)
{
    expect_error("\"currency\": \"USD\"", "\"currency\": \"usd\"", "/currency",
                 "expected a currency code of 3 capital letters (e.g. \"USD\"), found \"usd\"");
}

static void scenario_should_reject_another_format_version(void)
{
    expect_error("\"format\": 1", "\"format\": 2", "/format",
                 "expected 1 (the only format version this program reads), found 2");
}

static void scenario_should_reject_a_top_level_that_is_not_an_object(void)
{
    DiagList *d;
    Scenario *s = load("[1, 2]", &d);
    CHECK(s == NULL);
    CHECK(has(d, DIAG_ERROR, "", "expected an object (the scenario), found an array"));
    diag_list_free(d);
}

static void scenario_should_reject_an_unknown_prospect_in_an_event(void)
{
    expect_error("\"prospect\": \"meridian\"", "\"prospect\": \"meridain\"", "/events/1/prospect",
                 "unknown prospect \"meridain\"; did you mean \"meridian\"?");
}

static void scenario_should_require_a_prospect_except_for_news(void)
{
    expect_error("\"prospect\": \"meridian\", ", "", "/events/1",
                 "missing required key \"prospect\" (every event but news names a prospect)");
}

static void scenario_should_reject_an_unknown_required_step(void)
{
    expect_error("\"requires\": [\"proposal\"]", "\"requires\": [\"propsal\"]",
                 "/progress/3/requires/0", "unknown step \"propsal\"; did you mean \"proposal\"?");
}

static void scenario_should_reject_requires_that_name_later_steps_or_itself(void)
{
    expect_error("\"stall\": 25 }", "\"stall\": 25, \"requires\": [\"proposal\"] }",
                 "/progress/0/requires/0", "may only require earlier steps");
    expect_error("\"requires\": [\"proposal\"]", "\"requires\": [\"business_case\"]",
                 "/progress/3/requires/0", "a step cannot require itself");
}

static void scenario_should_survive_references_to_ids_that_failed_to_validate(void)
{
    /* the suggestions skip the invalid ids instead of reading them */
    expect_error("\"id\": \"discovery\"", "\"id\": \"Discovery!\"", "/progress/1/requires/0",
                 "unknown step \"discovery\"");
    expect_error("\"id\": \"meridian\"", "\"id\": 12", "/events/1/prospect",
                 "unknown prospect \"meridian\"");
}

static void scenario_should_reject_duplicate_ids(void)
{
    expect_error("\"id\": \"keystone\"", "\"id\": \"harborline\"", "/prospects/2/id",
                 "duplicate id \"harborline\"; /prospects/0 already uses it");
    expect_error("\"id\": \"demo\"", "\"id\": \"discovery\"", "/progress/1/id", "duplicate id");
}

static void scenario_should_reject_an_event_with_both_day_and_chance(void)
{
    expect_error("\"day\": 10,", "\"day\": 10, \"chance\": 5,", "/events/1/chance",
                 "an event is either scheduled (\"day\") or random (\"chance\"), not both");
    /* a random event with a stray "day": the one error, at the second of the two, and no
     * follow-ons saying its window needs a "chance" it has */
    char *t = edited("\"chance\": 1, \"from_day\": 8, \"to_day\": 25,",
                     "\"chance\": 1, \"from_day\": 8, \"to_day\": 25, \"day\": 12,");
    DiagList *d;
    Scenario *s = load(t, &d);
    CHECK(s == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    CHECK(has(d, DIAG_ERROR, "/events/3/day",
              "an event is either scheduled (\"day\") or random (\"chance\"), not both"));
    scenario_free(s);
    diag_list_free(d);
    free(t);
}

static void scenario_should_reject_an_event_with_neither_day_nor_chance(void)
{
    expect_error("\"day\": 10,", "", "/events/1", "missing \"day\" (a scheduled event) or \"chance\"");
}

static void scenario_should_reject_a_day_outside_the_calendar(void)
{
    expect_error("\"day\": 10,", "\"day\": 31,", "/events/1/day",
                 "expected an integer from 1 to 30, found 31");
}

static void scenario_should_reject_a_window_that_ends_before_it_starts(void)
{
    expect_error("\"from_day\": 8, \"to_day\": 25", "\"from_day\": 20, \"to_day\": 10",
                 "/events/3/to_day", "to_day (10) is before from_day (20)");
}

static void scenario_should_reject_a_curve_that_does_not_add_up_to_100(void)
{
    expect_error("\"events\": [",
                 "\"scoring\": {\"curves\": {\"sales1\": {\"prepare\": 5, \"prospect\": 25, "
                 "\"progress\": 30, \"close\": 30}}}, \"events\": [",
                 "/scoring/curves/sales1", "expected the four shares to add up to 100, found 90");
}

static void scenario_should_reject_too_many_progress_steps(void)
{
    char steps[4096] = "\"progress\": [";
    for (int i = 0; i < 13; i++) {
        char one[256];
        snprintf(one, sizeof one,
                 "%s{\"id\": \"s%d\", \"name\": \"Step\", \"minutes\": 30, \"energy\": 1, \"cost\": 0,"
                 " \"readiness\": 10, \"success\": 50, \"prep_multiplier\": 1.5, \"stall\": 5}",
                 i ? ", " : "", i);
        strcat(steps, one);
    }
    strcat(steps, "], \"old_progress\": [");
    expect_error("\"progress\": [", steps, "/progress", "expected 1 to 12 progress steps, found 13");
}

static void scenario_should_report_every_problem_not_just_the_first(void)
{
    char *t = edited("\"weeks\": 6", "\"weeks\": \"six\"");
    char *t2 = NULL, *t3 = NULL;
    if (t) {
        /* two more mistakes far apart */
        char *at = strstr(t, "\"importance\": 3");
        if (at)
            memcpy(at, "\"importanse\": 3", 15);
        at = strstr(t, "\"response\": 4,");
        if (at)
            memcpy(at, "\"response\":-4,", 14);
        t2 = t;
    }
    DiagList *d;
    Scenario *s = load(t2, &d);
    CHECK(s == NULL);
    CHECK_EQ_INT(diag_error_count(d), 3);
    CHECK(has(d, DIAG_ERROR, "/calendar/weeks", "found a string"));
    CHECK(has(d, DIAG_ERROR, "/prospects/0/importanse", "did you mean \"importance\"?"));
    CHECK(has(d, DIAG_ERROR, "/channels/phone/response", "found -4"));
    /* sorted by position */
    for (int i = 1; i < diag_count(d); i++)
        CHECK(diag_get(d, i - 1)->line <= diag_get(d, i)->line);
    scenario_free(s);
    diag_list_free(d);
    free(t2);
    free(t3);
}

static void scenario_should_reject_an_oversized_buffer_at_its_first_byte(void)
{
    size_t n = (size_t)SCENARIO_MAX_BYTES + 1;
    char *big = malloc(n);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    DiagList *d = diag_list_new();
    Scenario *s = scenario_load(big, n, "big.json", d);
    CHECK(s == NULL);
    CHECK_EQ_INT(diag_count(d), 1);
    CHECK_EQ_INT(diag_get(d, 0)->line, 1);
    CHECK_EQ_INT(diag_get(d, 0)->col, 1);
    CHECK(strstr(diag_get(d, 0)->message, "found 4194305 bytes") != NULL);
    diag_list_free(d);
    free(big);
}

static void scenario_load_file_should_refuse_an_oversized_file_as_invalid(void)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/upfront-test-oversized-%ld.json", tmp && *tmp ? tmp : "/tmp",
             (long)(uintptr_t)&path % 100000);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char chunk[65536];
    memset(chunk, ' ', sizeof chunk);
    for (size_t written = 0; written <= SCENARIO_MAX_BYTES; written += sizeof chunk)
        fwrite(chunk, 1, sizeof chunk, f);
    CHECK_EQ_INT(fclose(f), 0);
    DiagList *d = diag_list_new();
    int unreadable = 0;
    Scenario *s = scenario_load_file(path, d, &unreadable);
    CHECK(s == NULL);
    CHECK_EQ_INT(unreadable, 0); /* read, and refused as invalid (exit 1) */
    CHECK_EQ_INT(diag_count(d), 1);
    CHECK_EQ_INT(diag_get(d, 0)->line, 1);
    CHECK_EQ_INT(diag_get(d, 0)->col, 1);
    CHECK(strstr(diag_get(d, 0)->message, "at most 4194304 bytes") != NULL);
    diag_list_free(d);
    remove(path);
}

static void scenario_load_file_should_flag_a_missing_file_as_unreadable(void)
{
    DiagList *d = diag_list_new();
    int unreadable = 0;
    Scenario *s = scenario_load_file("scenarios/no-such-scenario.json", d, &unreadable);
    CHECK(s == NULL);
    CHECK_EQ_INT(unreadable, 1);
    CHECK_EQ_INT(diag_count(d), 1);
    CHECK_EQ_INT(diag_get(d, 0)->line, 0);
    CHECK(strstr(diag_get(d, 0)->message, "cannot read the file") != NULL);
    diag_list_free(d);
}

/* ---------------------------------------------------------------- warnings */

static void scenario_should_warn_when_no_channel_can_reach_a_prospect(void)
{
    expect_warning("\"affinity\": { \"email\": 1.2 }",
                   "\"affinity\": { \"phone\": 0, \"email\": 0, \"mail\": 0, \"fax\": 0, \"courier\": 0,"
                   " \"gift\": 0, \"book\": 0 }",
                   "/prospects/10/affinity", "no touch can ever reach this prospect");
}

static void scenario_should_warn_when_the_budget_cannot_pay_for_a_channel(void)
{
    expect_warning("\"budget\": 2500", "\"budget\": 0", "/budget",
                   "the budget is 0 but \"mail\", \"fax\", \"courier\", \"gift\" and \"book\" cost money");
    expect_warning("\"budget\": 2500", "\"budget\": 50", "/budget",
                   "\"gift\" cost more than the whole budget (50)");
}

static void scenario_should_warn_when_a_window_runs_past_the_calendar(void)
{
    expect_warning("\"to_day\": 25", "\"to_day\": 40", "/events/3/to_day",
                   "to_day 40 is after the calendar's last day (30)");
    expect_warning("\"from_day\": 8, \"to_day\": 25", "\"from_day\": 31, \"to_day\": 35",
                   "/events/3/from_day", "the event never fires");
}

static void scenario_should_warn_when_the_quota_exceeds_every_deal(void)
{
    expect_warning("\"quota\": 250000", "\"quota\": 900000", "/quota",
                   "more than all the deals together (605000)");
}

static void scenario_should_warn_when_buyers_can_never_be_ready(void)
{
    expect_warning("\"events\": [", "\"rules\": {\"buyer_ready\": 100}, \"events\": [", "/progress",
                   "under buyer_ready (100)");
}

static void scenario_should_warn_when_an_action_is_longer_than_a_day(void)
{
    expect_warning("\"hours_per_day\": 8", "\"hours_per_day\": 1", "/progress/0/minutes",
                   "longer than a working day (60)");
}

/* ---------------------------------------------------------------- robustness */

static void scenario_should_survive_every_truncation_of_the_default(void)
{
    size_t len;
    char *t = default_text(&len);
    if (!t)
        return;
    size_t end = len;
    while (end > 0 && t[end - 1] != '}')
        end--; /* every prefix shorter than the whole object is broken */
    for (size_t i = 0; i + 1 < end; i += 7) {
        char *copy = malloc(i ? i : 1);
        memcpy(copy, t, i);
        DiagList *d = diag_list_new();
        Scenario *s = scenario_load(copy, i, "cut.json", d);
        CHECK(s == NULL);
        CHECK(diag_error_count(d) >= 1);
        scenario_free(s);
        diag_list_free(d);
        free(copy);
    }
    free(t);
}

static void scenario_should_survive_random_byte_changes(void)
{
    size_t len;
    char *t = default_text(&len);
    if (!t)
        return;
    uint64_t state = 0x9E3779B97F4A7C15ull;
    static const char interesting[] = "{}[],:\"\\0-e.9 \n\x80\xff/";
    for (int round = 0; round < 400; round++) {
        char *copy = malloc(len);
        memcpy(copy, t, len);
        for (int k = 0; k < 1 + round % 4; k++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(state >> 33) % len;
            copy[at] = interesting[(state >> 13) % (sizeof interesting - 1)];
        }
        DiagList *d = diag_list_new();
        Scenario *s = scenario_load(copy, len, "mutant.json", d);
        CHECK(s != NULL || diag_error_count(d) >= 1);
        scenario_free(s);
        diag_list_free(d);
        free(copy);
    }
    free(t);
}

static void scenario_accessors_should_accept_null(void)
{
    CHECK(scenario_id(NULL) == NULL);
    CHECK_EQ_INT(scenario_prospect_count(NULL), 0);
    CHECK(scenario_prospect(NULL, 0) == NULL);
    CHECK_EQ_INT(scenario_prospect_index(NULL, "x"), -1);
    CHECK(scenario_event(NULL, 0) == NULL);
    scenario_free(NULL);
}

int main(void)
{
    RUN(scenario_should_load_the_default_scenario_without_diagnostics);
    RUN(scenario_should_load_the_full_test_scenario);
    RUN(scenario_should_store_rates_in_basis_points_and_multipliers_in_percent);
    RUN(scenario_should_resolve_ids_to_indices);
    RUN(scenario_should_copy_prospects_with_defaults);
    RUN(scenario_should_default_rules_and_scoring);
    RUN(scenario_schema_defaults_should_match_the_loader);
    RUN(scenario_should_read_rules_and_scoring_overrides);
    RUN(scenario_should_read_a_prospects_start);
    RUN(scenario_hash_should_be_fnv1a_of_the_exact_bytes);
    RUN(scenario_should_load_every_shipped_scenario_without_errors);
    RUN(scenario_should_match_escaped_keys_by_their_decoded_name);
    RUN(scenario_should_reject_negative_quota);
    RUN(scenario_should_reject_weeks_outside_the_calendar_range);
    RUN(scenario_should_reject_a_fraction_where_an_integer_is_expected);
    RUN(scenario_should_accept_an_integral_number_written_with_a_fraction);
    RUN(scenario_should_reject_a_wrong_type_and_name_it);
    RUN(scenario_should_reject_unknown_keys_with_a_suggestion);
    RUN(scenario_should_suggest_the_right_case_for_a_wrong_case_key);
    RUN(scenario_should_list_the_allowed_keys_when_nothing_is_close);
    RUN(scenario_should_report_missing_required_keys_on_their_object);
    RUN(scenario_should_reject_minutes_off_the_quarter_hour);
    RUN(scenario_should_reject_a_percentage_above_100);
    RUN(scenario_should_reject_a_multiplier_out_of_range);
    RUN(scenario_should_reject_a_bad_enum_value_with_a_suggestion);
    RUN(scenario_should_reject_a_bad_id);
    RUN(scenario_should_reject_empty_and_overlong_strings);
    RUN(scenario_should_reject_a_bad_currency);
    RUN(scenario_should_reject_another_format_version);
    RUN(scenario_should_reject_a_top_level_that_is_not_an_object);
    RUN(scenario_should_reject_an_unknown_prospect_in_an_event);
    RUN(scenario_should_require_a_prospect_except_for_news);
    RUN(scenario_should_reject_an_unknown_required_step);
    RUN(scenario_should_reject_requires_that_name_later_steps_or_itself);
    RUN(scenario_should_survive_references_to_ids_that_failed_to_validate);
    RUN(scenario_should_reject_duplicate_ids);
    RUN(scenario_should_reject_an_event_with_both_day_and_chance);
    RUN(scenario_should_reject_an_event_with_neither_day_nor_chance);
    RUN(scenario_should_reject_a_day_outside_the_calendar);
    RUN(scenario_should_reject_a_window_that_ends_before_it_starts);
    RUN(scenario_should_reject_a_curve_that_does_not_add_up_to_100);
    RUN(scenario_should_reject_too_many_progress_steps);
    RUN(scenario_should_report_every_problem_not_just_the_first);
    RUN(scenario_should_reject_an_oversized_buffer_at_its_first_byte);
    RUN(scenario_load_file_should_refuse_an_oversized_file_as_invalid);
    RUN(scenario_load_file_should_flag_a_missing_file_as_unreadable);
    RUN(scenario_should_warn_when_no_channel_can_reach_a_prospect);
    RUN(scenario_should_warn_when_the_budget_cannot_pay_for_a_channel);
    RUN(scenario_should_warn_when_a_window_runs_past_the_calendar);
    RUN(scenario_should_warn_when_the_quota_exceeds_every_deal);
    RUN(scenario_should_warn_when_buyers_can_never_be_ready);
    RUN(scenario_should_warn_when_an_action_is_longer_than_a_day);
    RUN(scenario_should_survive_every_truncation_of_the_default);
    RUN(scenario_should_survive_random_byte_changes);
    RUN(scenario_accessors_should_accept_null);
    return check_done();
}
