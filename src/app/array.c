#include "app/array.h"

#include <stdlib.h>
#include <string.h>

int array_push(void *v, int *n, size_t size, const void *item)
{
	char **p = v;
	char *grown = realloc(*p, (size_t)(*n + 1) * size);
	if (!grown)
		return -1;
	memcpy(grown + (size_t)*n * size, item, size);
	*p = grown;
	(*n)++;
	return 0;
}
