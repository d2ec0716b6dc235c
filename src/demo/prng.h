/* A small deterministic random number generator for the demo: xoshiro256**
 * seeded through splitmix64. Not rand(): the same seed must give the same
 * school on every machine and libc. Each pupil gets its own stream (seeded
 * from the run's seed, the school and the pupil), so one pupil's register
 * does not depend on how many draws the others made. */
#ifndef ATTEND_DEMO_PRNG_H
#define ATTEND_DEMO_PRNG_H

#include <math.h>
#include <stdint.h>

struct prng {
	uint64_t s[4];
};

static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A stream named by the seed and up to two more numbers. */
static inline void prng_seed(struct prng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed ^ (a * 0xD1B54A32D192ED03ull) ^ (b * 0x8CB92BA72F3D8DD7ull);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t prng_next(struct prng *r)
{
	uint64_t *s = r->s;
	uint64_t x = s[1] * 5;
	uint64_t out = ((x << 7) | (x >> 57)) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = (s[3] << 45) | (s[3] >> 19);
	return out;
}

/* Uniform in [0, 1). */
static inline double prng_unit(struct prng *r)
{
	return (double)(prng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n). */
static inline int prng_below(struct prng *r, int n)
{
	return n <= 1 ? 0 : (int)((prng_next(r) >> 33) % (uint64_t)n);
}

static inline int prng_chance(struct prng *r, double p)
{
	return prng_unit(r) < p;
}

/* Standard normal (Box-Muller; one value per call keeps streams simple). */
static inline double prng_normal(struct prng *r)
{
	double u = prng_unit(r), v = prng_unit(r);
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Geometric on 1, 2, ... with the given mean (>= 1). */
static inline int prng_geometric(struct prng *r, double mean)
{
	if (mean <= 1.0)
		return 1;
	double p = 1.0 / mean;
	int n = 1;
	while (n < 1000 && !prng_chance(r, p))
		n++;
	return n;
}

#endif
