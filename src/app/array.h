/* Growing arrays of records, for the store's callbacks that collect rows. */
#ifndef ATTEND_ARRAY_H
#define ATTEND_ARRAY_H

#include <stddef.h>

/* Appends item (size bytes) to the malloc'd array *v (a T **, passed as
 * void *) of *n; -1 when out of memory (the array is left as it was). */
int array_push(void *v, int *n, size_t size, const void *item);

#endif
