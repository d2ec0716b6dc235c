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
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_migrate(struct cli *c, int argc, char **argv);
/* Data exchanged with other schools, the DfE and MIS exports. */
int cmd_import_ctf(struct cli *c, int argc, char **argv); /* import ctf */
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_transfers(struct cli *c, int argc, char **argv);
int cmd_trends(struct cli *c, int argc, char **argv);
int cmd_patterns(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_user_2fa(struct cli *c, int argc, char **argv); /* `user 2fa reset` */
/* Families and messages (issue 6). */
int cmd_import_contacts(struct cli *c, int argc, char **argv); /* import contacts */
int cmd_contacts(struct cli *c, int argc, char **argv);
int cmd_contact(struct cli *c, int argc, char **argv);
int cmd_absence(struct cli *c, int argc, char **argv);
int cmd_template(struct cli *c, int argc, char **argv);
int cmd_message(struct cli *c, int argc, char **argv);
int cmd_outbox(struct cli *c, int argc, char **argv);
int cmd_settings(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_lessons(struct cli *c, int argc, char **argv);
/* Benchmarks (national, LA, similar schools) for the dashboards. */
int cmd_import_benchmarks(struct cli *c, int argc, char **argv); /* import benchmarks */
int cmd_benchmarks(struct cli *c, int argc, char **argv);
/* Leading attendance (issue 13): the monitoring schedule and its digests. */
int cmd_schedule(struct cli *c, int argc, char **argv);
/* Statutory duties: notifications, the admission register's deletions, the
 * legal record's evidence, transition into Year 7 (issue 10). */
int cmd_notifications(struct cli *c, int argc, char **argv);
int cmd_pupils(struct cli *c, int argc, char **argv);
int cmd_import_year6(struct cli *c, int argc, char **argv); /* import year6 */
int cmd_transition(struct cli *c, int argc, char **argv);
/* Casework: triggers, the review list, impact, the LA pack (issue 7). */
int cmd_casework(struct cli *c, int argc, char **argv);
/* Families' and pupils' own accounts (issue 12). */
int cmd_family(struct cli *c, int argc, char **argv);

#endif
