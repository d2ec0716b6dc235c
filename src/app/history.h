/* Every version of one mark as JSON: the `attend history --json` and
 * /api/pupils/UPN/history contract. */
#ifndef ATTEND_HISTORY_H
#define ATTEND_HISTORY_H

#include <jansson.h>

#include "app/error.h"
#include "store/store.h"

json_t *history_version_json(const struct mark_rec *m);
/* {"upn","date","session","versions":[...]}, oldest version first. */
json_t *history_json(struct store *s, int64_t school_id, int64_t pupil_id, const char *upn,
		     date_t day, enum session session, struct app_error *err);

#endif
