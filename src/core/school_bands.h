/* The school's own attendance bands, shown to pupils and parents beside
 * (never instead of) the DfE's absence bands: the toolkit's pupil banding
 * card. A school setting (`attendance_bands`): named bands by attendance %,
 * highest first, each "LOWER:NAME" with LOWER its lowest attendance %
 * (included) and the band running up to the next band's LOWER (excluded),
 * the first up to 100%:
 *
 *     100:Outstanding|97:Excellent|95:Good|90:Needs improvement|50:Persistent absence|0:Severe absence
 *
 * is the default (domain.md: 100, 97-<100, 95-<97, 90-<95, 50-<90, <50).
 * A band with LOWER 100 holds exactly 100%. Pure: no I/O. */
#ifndef ATTEND_SCHOOL_BANDS_H
#define ATTEND_SCHOOL_BANDS_H

#include <stddef.h>
#include <stdint.h>

#define SCHOOL_BANDS_MAX 10
#define SCHOOL_BAND_NAME_MAX 48
#define SCHOOL_BANDS_DEFAULT                                                                 \
	"100:Outstanding|97:Excellent|95:Good|90:Needs improvement|50:Persistent absence|"  \
	"0:Severe absence"
/* The default names in Polish (TO REVIEW by a native speaker). */
#define SCHOOL_BANDS_DEFAULT_PL                                                              \
	"100:Wzorowa|97:Bardzo dobra|95:Dobra|90:Wymaga poprawy|50:Częste nieobecności|"   \
	"0:Bardzo częste nieobecności"
/* A school year of 190 days, for a band's meaning in days (domain.md). */
#define SCHOOL_BANDS_YEAR_DAYS 190

struct school_band {
	int64_t lower100, upper100; /* attendance % in hundredths: [lower, upper); upper 10001 for the top */
	char name[SCHOOL_BAND_NAME_MAX];
};

struct school_bands {
	struct school_band band[SCHOOL_BANDS_MAX];
	int n;
};

/* Parses a setting's text; -1 with the rule broken in why. Bands must go
 * from highest to lowest, the last starting at 0, each with a name of 1 to
 * 47 bytes without '|' or ':'. */
int school_bands_parse(const char *text, struct school_bands *out, char *why, size_t why_len);
/* The band of an attendance % (hundredths, 0..10000); -1 when pct100 < 0. */
int school_bands_find(const struct school_bands *b, int64_t pct100);
/* Days missed in a 190-day year at the band's two ends, in tenths of a day:
 * *most at its lower end, *least at its upper end (0 for the top band). */
void school_bands_days(const struct school_band *band, int64_t *least_tenths, int64_t *most_tenths);
/* Whether two parsed lists have the same bounds (a language's names). */
int school_bands_same_bounds(const struct school_bands *a, const struct school_bands *b);

#endif
