#include "cli/cli_list.h"

#include <stdio.h>

int cli_pupil_id(struct cli *c, const struct engine *e, const char *upn, int64_t *pupil_id)
{
	*pupil_id = 0;
	if (!upn)
		return EXIT_OK;
	int row = engine_pupil_row(e, upn);
	if (row < 0) {
		struct app_error err = {0};
		app_fail(&err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upn);
		return cli_fail(c, &err);
	}
	*pupil_id = e->m.rows[row].pupil_id;
	return EXIT_OK;
}

int cli_list_end(struct cli *c, struct store *s, int each_rc, struct cli_list *l, const char *key,
		 const char *upn, const char *none)
{
	int rc = EXIT_OK;
	if (each_rc < 0) {
		struct app_error err = {0};
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
		rc = cli_fail(c, &err);
	} else if (l->items) {
		json_t *out = upn ? json_pack("{s:s, s:O}", "upn", upn, key, l->items)
				  : json_pack("{s:O}", key, l->items);
		rc = cli_print_json(c, out);
	} else if (l->n == 0) {
		printf("%s\n", none);
	}
	json_decref(l->items);
	l->items = NULL;
	return rc;
}
