#include <jansson.h>
#include <stdio.h>

#include "cli/commands.h"
#include "core/codes.h"

static const char usage[] =
	"usage: attend codes [--json]\n\n"
	"The DfE attendance codes in force since 19 August 2024, what each means and\n"
	"how it counts in the statistics, then the withdrawn codes that may appear in\n"
	"history from earlier years.\n";

int cmd_codes(struct cli *c, int argc, char **argv)
{
	bool json = false;
	const struct cli_opt opts[] = {{"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	json_t *list = json ? json_array() : NULL;
	if (!json)
		printf("%-5s %-31s %s\n", "code", "counts as", "meaning");
	for (int k = CODE_PRESENT; k < CODE__MAX; k++) {
		const struct code_info *ci = code_info((enum code)k);
		const char *text = k == CODE_PRESENT ? "/ \\" : ci->text;
		bool legacy = ci->flags & CODE_FLAG_LEGACY;
		if (json) {
			json_array_append_new(
				list, json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "code", text, "meaning",
						ci->meaning, "category", code_category_name(ci->category),
						"withdrawn", legacy, "known_in_advance",
						(ci->flags & CODE_FLAG_FUTURE_OK) != 0, "minutes_late",
						(ci->flags & CODE_FLAG_MINUTES_LATE) != 0));
			continue;
		}
		if (legacy && k == CODE_LEGACY_H)
			printf("\nwithdrawn in 2024 (read-only, in history from earlier years):\n");
		printf("%-5s %-31s %s\n", text, code_category_name(ci->category), ci->meaning);
	}
	if (json) {
		json_dumpf(list, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(list);
	}
	return EXIT_OK;
}
