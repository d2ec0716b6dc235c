/* The small-number rule for aggregate-only readers (governors, and any
 * role that must not identify pupils): a figure about pupils rests on at
 * least DISCLOSE_MIN_PUPILS of them. A count of 1 to 5 pupils is hidden,
 * and where one count of a set that adds up to a shown total is hidden,
 * the next smallest is hidden with it, so it cannot be worked out.
 * One rule, used by the governor report and the aggregate figures. */
#ifndef ATTEND_DISCLOSURE_H
#define ATTEND_DISCLOSURE_H

#include <stdbool.h>
#include <stdint.h>

#define DISCLOSE_MIN_PUPILS 6
#define DISCLOSE_HIDDEN "fewer than 6"

/* A count of 1 to DISCLOSE_MIN_PUPILS - 1 pupils. */
bool disclosure_small(int64_t count);
/* hidden[i] for each of n counts that add up to a shown total. */
void disclosure_suppress(const int64_t *counts, int n, bool *hidden);

#endif
