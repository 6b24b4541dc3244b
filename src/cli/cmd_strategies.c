/* cmd_strategies — list the built-in strategies, one "NAME  description" per line. */
#include <stdlib.h>

#include "cli.h"
#include "upfront/strategy.h"

int cmd_strategies(int argc, char **argv)
{
    const CliCommand *cmd = cli_command_find("strategies");
    int rc = CLI_OK;
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos)
        return CLI_FAILURE;
    int npos = cli_parse_options(cmd, argc, argv, NULL, 0, pos, &rc);
    free(pos);
    if (npos < 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("strategies", "takes no arguments");
    int n = strategy_count();
    for (int i = 0; i < n; i++) {
        const Strategy *s = strategy_get(i);
        printf("%-8s  %s\n", strategy_name(s), strategy_description(s));
    }
    return cli_finish(CLI_OK);
}
