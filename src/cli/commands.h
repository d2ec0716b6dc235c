/* The `attend` commands: one function each, dispatched by src/main.c. */
#ifndef ATTEND_COMMANDS_H
#define ATTEND_COMMANDS_H

#include "cli/cli.h"

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_mark(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_codes(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);

#endif
