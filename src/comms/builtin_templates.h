/* The built-in message templates, and seeding them into a school (at
 * `attend init`): a template the school has edited is never overwritten. */
#ifndef ATTEND_BUILTIN_TEMPLATES_H
#define ATTEND_BUILTIN_TEMPLATES_H

#include <stdlib.h>

#include "app/error.h"
#include "store/store.h"

struct builtin_template {
	const char *name, *language, *channel, *description, *subject, *body;
};
const struct builtin_template *templates_builtin(int *n);
/* Adds the built-ins the school does not have (one transaction). */
int templates_seed(struct store *s, int64_t school_id, const char *at, int *added,
		   struct app_error *err);

#endif
