/* The local authority's targeting support meeting pack: every pupil on
 * roll who is persistently or severely absent this school year to date
 * (core/stats over the engine's register), with their stage and tier, the
 * barriers and open actions of their support plan, their interventions and
 * their trend (this half-term to date against the last), severe absence
 * first, then by absence. As CSV and as an A4 landscape PDF. It names
 * pupils: only those who lead casework print it. */
#ifndef ATTEND_APP_CASEWORK_PACK_H
#define ATTEND_APP_CASEWORK_PACK_H

#include <stdio.h>

#include "app/casework.h"
#include "app/dash.h"

struct cw_pack_row {
	int row;
	struct figures f; /* this school year to date */
	struct trend_change half, week;
	enum cw_stage stage;
	date_t review_on; /* of the open plan; DATE_INVALID: none */
	char barriers[600];
	char actions[1200];
	char interventions[600];
};

struct cw_pack {
	date_t from, to;
	int persistent, severe; /* of the rows */
	struct cw_pack_row *rows;
	int n;
};

int cw_pack_build(const struct engine *e, struct store *s, date_t as_of, struct cw_pack *out,
		  struct app_error *err);
void cw_pack_free(struct cw_pack *p);
/* "down 3.2 points on last half-term (91.0% to 87.8%)" */
char *cw_pack_trend(const struct trend_change *c, const char *period, char *buf, size_t len);
void cw_pack_csv(FILE *out, const struct engine *e, const struct cw_pack *p);
int cw_pack_pdf(const struct engine *e, const struct cw_pack *p, unsigned char **pdf, size_t *len);

#endif
