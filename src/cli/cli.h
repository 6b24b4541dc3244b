/* cli — what the subcommands share: option parsing, number parsing, finding the data
 * folder, loading scenarios and results files, and checked output. Each subcommand lives
 * in its own cmd_*.c and returns the process exit code (CLI_OK, CLI_INVALID, CLI_FAILURE). */
#ifndef UPFRONT_CLI_H
#define UPFRONT_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "upfront/game.h"
#include "upfront/results.h"
#include "upfront/scenario.h"

enum {
    CLI_OK = 0,      /* success */
    CLI_INVALID = 1, /* the input was read but is invalid, or a check failed */
    CLI_FAILURE = 2  /* usage error, unreadable file, other failure */
};

#define CLI_DEFAULT_SCENARIO "midmarket-quarter"

/* The program name used in messages ("upfront"). */
extern const char *cli_program;
/* argv[0] as the program was started (to find the data folder beside it). */
extern const char *cli_argv0;

/* One subcommand: its name, usage line, one-line summary and entry point. */
typedef struct CliCommand {
    const char *name;
    const char *usage;   /* "run SCENARIO (--actions FILE | --strategy NAME) ..." */
    const char *summary; /* one line for --help */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
} CliCommand;

int cmd_play(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_balance(int argc, char **argv);
int cmd_strategies(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_whatif(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_paths(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* The command table (for --help), and a lookup by name (NULL when unknown). */
const CliCommand *cli_commands(int *count);
const CliCommand *cli_command_find(const char *name);
/* The examples shown by 'upfront COMMAND --help' (lines starting "upfront "), or NULL. */
const char *cli_command_examples(const char *name);
/* Prints a command's usage, summary and examples to stdout (its --help). */
void cli_print_command_help(const CliCommand *cmd);

/* --- terminal habits --- */

/* 1 once --quiet (or -q) was given: no progress and no "ok" chatter, only problems. */
extern int cli_quiet;
/* 1 when stream is a terminal (the one place that asks the operating system). */
int cli_is_terminal(FILE *stream);
/* 1 when diagnostics on stderr may be coloured: stderr is a terminal, TERM is not "dumb"
 * and NO_COLOR is unset or empty (https://no-color.org). */
int cli_color_stderr(void);
/* Shows "upfront CMD: WHAT done/total (P%)" on stderr, redrawn in place at most ten times
 * a second, only when stderr is a terminal and --quiet was not given. cli_progress_end
 * erases the line (call it before printing anything else). */
void cli_progress(const char *cmd, const char *what, long done, long total);
void cli_progress_end(void);

/* --- options --- */

/* A long option: "--name VALUE" / "--name=VALUE" when value is set, else a flag. */
typedef struct CliOpt {
    const char *name;    /* without the dashes */
    const char **value;  /* receives the value (borrowed from argv); NULL for a flag */
    int *flag;           /* set to 1 when a flag is given; NULL for a valued option */
} CliOpt;

/* Parses argv[1..argc) of a subcommand: options anywhere, "--" ends them, the rest are
 * positional (written to pos, which has room for argc entries). "-h"/"--help" prints the
 * command's usage to stdout and returns -1 with *exit_code 0. On a usage error prints one
 * line to stderr and returns -1 with *exit_code 2. Returns the number of positionals. */
int cli_parse_options(const CliCommand *cmd, int argc, char **argv, const CliOpt *opts,
                      int nopts, const char **pos, int *exit_code);

/* Takes every "--name VALUE" / "--name=VALUE" of a repeatable option out of argv (before
 * cli_parse_options), writing the values to values (room for argc entries) and their
 * number to *count. Returns 0, or CLI_FAILURE after a usage error (a missing value). */
int cli_take_repeated(const char *cmd, int *argc, char **argv, const char *name,
                      const char **values, int *count);

/* Prints "upfront CMD: MESSAGE (try 'upfront CMD --help')" to stderr; returns CLI_FAILURE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "upfront: MESSAGE" (or "upfront CMD: MESSAGE") to stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints a formatted text whose arguments may come from files: control, bidirectional and
 * invisible characters are written as visible escapes (diag_fputs_safe). */
void cli_print_safe(FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_vprint_safe(FILE *out, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

/* Parses a whole decimal number (digits only, no sign or spaces). Returns 0, or -1 when it
 * is not a number or outside [min, max]. */
int cli_parse_u64(const char *s, uint64_t *out);
int cli_parse_long(const char *s, long min, long max, long *out);

/* The shared options: --seed N (0..2^64-1) and --threads N (0 = one per core, up to 256).
 * A NULL value leaves *out as it is. Return 0, or print a one-line usage error for cmd
 * and return CLI_FAILURE. */
int cli_opt_seed(const char *cmd, const char *value, uint64_t *out);
int cli_opt_threads(const char *cmd, const char *value, long *out);
/* The built-in strategy with this name, or NULL after printing the names there are. */
struct Strategy;
const struct Strategy *cli_find_strategy(const char *cmd, const char *name);

/* --- files and folders --- */

/* The data folder (holding scenarios/): $UPFRONT_DATA_DIR, else ../share/upfront beside
 * the executable, else the source tree of a build. Returns a static string, or NULL with
 * the folders searched written to searched (when searched is not NULL). */
const char *cli_data_dir(char *searched, size_t cap);
/* The folders cli_data_dir tries, in order, as a malloc'd array of count malloc'd strings
 * (free with cli_free_list); where[i] says why ("UPFRONT_DATA_DIR", "beside the
 * executable", ...). Returns 0, or -1 when out of memory. */
int cli_data_dir_candidates(char ***dirs, const char ***where, int *count);
void cli_free_list(char **list, int count);
/* The folder holding the running executable (malloc'd), from the operating system, else
 * from argv[0]; NULL when unknown. */
char *cli_exe_folder(void);
/* The same from the operating system only (cli_platform.c); NULL when it cannot say. */
char *cli_exe_folder_os(void);
/* The per-user data folder, where SDL_GetPrefPath("", "upfront") puts it, ending
 * in a separator (malloc'd; not made), or NULL when the environment names no home folder
 * (cli_user_dir_none says which variables). */
char *cli_user_dir(void);
const char *cli_user_dir_none(void);
/* 0 when dir exists and can be written or can be made; -1 with why ("/x cannot be
 * written") when not. */
int cli_user_dir_problem(const char *dir, char *why, size_t cap);
/* The default scenario's path (malloc'd, caller frees), or NULL after printing to stderr
 * which folders were searched. */
char *cli_default_scenario_path(const char *cmd);
/* Where the data folder keeps the shipped scenario with this id (scenarios/ID.json;
 * malloc'd, caller frees; the file may not exist), or NULL when id is not a plain id
 * ([a-z0-9_-], at most 200 bytes: nothing that leaves the folder), there is no data
 * folder, or out of memory. */
char *cli_shipped_scenario_path(const char *id);
/* path joined to folder (malloc'd, caller frees); NULL when out of memory. */
char *cli_join(const char *folder, const char *path);
/* The folder part of path ("." when none), malloc'd. */
char *cli_dirname(const char *path);
/* 1 for an absolute path. */
int cli_path_is_absolute(const char *p);
/* Makes the per-user folder when missing; CLI_OK, or CLI_FAILURE after saying why it
 * cannot be used (no HOME, an unwritable XDG_DATA_HOME) and what to do. */
int cli_check_user_dir(const char *cmd);
/* 1 when anything is at path: a file, readable or not, a folder, a link (even broken). */
int cli_path_taken(const char *path);
/* 1 when a file can be created in folder (tried, then removed). */
int cli_folder_writable(const char *folder);
/* 1 when a regular file can be opened for reading. */
int cli_file_exists(const char *path);

/* Loads a scenario, printing its diagnostics (warnings included) to stderr. Returns the
 * scenario, or NULL with *exit_code set to 1 (invalid) or 2 (unreadable). */
Scenario *cli_load_scenario(const char *cmd, const char *path, int *exit_code);

/* Reads a whole file (RESULTS_MAX_BYTES cap), printing why it failed. Returns the buffer
 * (caller frees) or NULL. */
char *cli_read_file(const char *cmd, const char *path, size_t max, size_t *len);

/* Prints diagnostics about file to stderr. */
void cli_print_diags(const char *file, const DiagList *diags);

/* Flushes stdout and checks it for write errors. Returns code, or CLI_FAILURE (after a
 * message) when stdout could not be written. */
int cli_finish(int code);

/* The start time of a new game: $SOURCE_DATE_EPOCH when set and valid, else the clock. */
int64_t cli_start_time(void);

/* Formats a non-negative double with up to decimals digits, trimming zeros ("12.5"). */
void cli_format_number(char *out, size_t cap, double v, int decimals);

/* Seconds on a monotonic-enough clock (C11 timespec_get), for measurements. */
double cli_now(void);

/* --- verification (verify and report) --- */

/* The scenarios a class was meant to play (report --scenario, else the data folder's):
 * a results file is replayed only on one of these with its recorded hash. */
typedef struct CliTrusted {
    Scenario **scenarios; /* owned */
    char **paths;         /* owned */
    int count;
    const char *origin;   /* "the data folder's scenarios" or "the --scenario files" */
} CliTrusted;
void cli_trusted_free(CliTrusted *t);

typedef struct CliVerified {
    int ok;                  /* 1 when the replay gives every recorded figure */
    int exit_code;           /* 0, 1 or 2 */
    int older_model;         /* 1 when made by another model (not replayable here) */
    int unfinished;          /* ok, but the game was not played to its end */
    int not_regular;         /* the path is not a regular file: not read */
    char why[512];           /* when not ok: the first reason, for the report */
    char model_verdict[256]; /* older_model: "made by an older model (upfront 0.1.0): ..." */
    char *player;            /* owned */
    char *scenario_id;       /* owned */
    int64_t total;           /* recorded score total */
    int64_t revenue;
    int attainment_bp;
    int deals_won;
    int64_t started;
    int days_played, days;   /* days played of the scenario's days */
    PlayedBy played_by;      /* as recorded */
    char strategy[RESULTS_MAX_STRATEGY_NAME + 1];
    int strategy_weeks;
    int rewound_day;         /* > 0: a practice game rewound to the start of that day */
} CliVerified;

/* How to verify: verify's --scenario, or report's trusted scenarios. */
typedef struct CliVerifyOpts {
    const char *scenario_path;  /* verify --scenario; NULL: recorded path, then data folder */
    const CliTrusted *trusted;  /* when set, only these scenarios (matched by hash) */
    int regular_only;           /* read regular files only (report) */
    int quiet_errors;           /* do not print the reasons (the caller prints why) */
    void (*visit)(void *ctx, const Game *g, const CliVerified *v); /* called when ok */
    void *ctx;
} CliVerifyOpts;

/* Verifies one results file: reads it, finds its scenario, replays it and compares every
 * recorded figure (score and its figures, effort, deals, days, finished, state hash; not
 * the player, start time, paths or sentences). Prints "FILE: error: ..." lines to stderr
 * on failure unless quiet_errors. */
void cli_verify_with(const char *path, const CliVerifyOpts *opts, CliVerified *out);
/* As cli_verify_with, on a results file already in memory (buf, len; at most
 * RESULTS_MAX_BYTES), named path in messages; buf stays the caller's. Safe to call from
 * several threads at once (each with its own out) when opts->quiet_errors is set. */
void cli_verify_buffer(const char *path, const char *buf, size_t len, const CliVerifyOpts *opts,
                       CliVerified *out);
void cli_verify_file(const char *cmd, const char *path, const char *scenario_path,
                     CliVerified *out);
void cli_verified_free(CliVerified *v);

#endif
