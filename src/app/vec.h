/* Growing an array one item at a time, for the store's callbacks that
 * collect rows. */
#ifndef ATTEND_VEC_H
#define ATTEND_VEC_H

#include <stddef.h>

/* Appends item (size bytes) to the malloc'd array *v (a pointer to the
 * array's pointer) of *n items; -1 when out of memory. */
int vec_push(void *v, int *n, size_t size, const void *item);

#endif
