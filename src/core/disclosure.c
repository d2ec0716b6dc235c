#include "core/disclosure.h"

bool disclosure_small(int64_t count)
{
	return count > 0 && count < DISCLOSE_MIN_PUPILS;
}

void disclosure_suppress(const int64_t *counts, int n, bool *hidden)
{
	int n_hidden = 0, smallest = -1;
	for (int i = 0; i < n; i++) {
		hidden[i] = disclosure_small(counts[i]);
		n_hidden += hidden[i];
	}
	if (n_hidden != 1)
		return;
	/* One hidden count could be worked out from the total: hide the next
	 * smallest non-zero one with it. */
	for (int i = 0; i < n; i++)
		if (!hidden[i] && counts[i] > 0 && (smallest < 0 || counts[i] < counts[smallest]))
			smallest = i;
	if (smallest >= 0)
		hidden[smallest] = true;
}
