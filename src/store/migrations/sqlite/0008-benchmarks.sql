-- Benchmarks: published attendance figures a school compares itself with
-- (national, regional, local authority, similar schools), loaded from data
-- (`attend import benchmarks`, and the national file shipped with attend at
-- `attend init`), never written into code. One row per figure and source
-- (the DfE publishes some figures twice: from the census and from the daily
-- data); a newer import of the same figure from the same source replaces
-- its value.
-- value100: the figure in hundredths of a percent (7.5% is 750).

CREATE TABLE benchmarks (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	scope TEXT NOT NULL CHECK (scope IN ('national', 'regional', 'la', 'similar')),
	phase TEXT NOT NULL
		CHECK (phase IN ('all', 'nursery', 'primary', 'secondary', 'all-through', 'special')),
	year TEXT NOT NULL,
	period TEXT NOT NULL
		CHECK (period IN ('autumn', 'spring', 'summer', 'autumn_spring', 'full_year')),
	measure TEXT NOT NULL CHECK (measure IN ('attendance_pct', 'absence_pct', 'authorised_pct',
		'unauthorised_pct', 'persistent_pct', 'severe_pct', 'band_share_pct')),
	cohort TEXT NOT NULL,
	value100 INTEGER NOT NULL CHECK (value100 BETWEEN 0 AND 10000),
	source TEXT NOT NULL,
	imported_by TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	UNIQUE (school_id, scope, phase, year, period, measure, cohort, source)
) STRICT;
