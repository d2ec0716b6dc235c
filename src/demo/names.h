/* Names for demo pupils, staff and schools: common names in England's
 * schools today, of many heritages. */
#ifndef ATTEND_DEMO_NAMES_H
#define ATTEND_DEMO_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "demo/prng.h"

const char *names_forename(struct prng *r, char gender); /* 'F', 'M' or 'U' */
const char *names_surname(struct prng *r);
/* A school name for the phase ("primary", "secondary", "all-through"). */
void names_school(struct prng *r, const char *phase, char *out, size_t len);

#endif
