-- Data exchanged with other schools and the DfE.
--
-- Attendance history that arrives in a Common Transfer File when a pupil
-- joins: kept exactly as the old school sent it, as that school's, and never
-- changed. It is not part of this school's register and never counts in its
-- figures. One row per file, per pupil in it, and per year of attendance.

CREATE TABLE transfer_files (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	file_name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	ctf_version TEXT NOT NULL,
	source_lea TEXT NOT NULL,
	source_estab TEXT NOT NULL,
	source_urn TEXT NOT NULL,
	source_name TEXT NOT NULL,
	academic_year TEXT NOT NULL,
	dest_lea TEXT NOT NULL,
	dest_estab TEXT NOT NULL,
	imported_by TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	UNIQUE (school_id, sha256)
) STRICT;

CREATE TABLE transfer_pupils (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	file_id INTEGER NOT NULL REFERENCES transfer_files(id),
	upn TEXT NOT NULL,
	surname TEXT NOT NULL,
	forename TEXT NOT NULL,
	dob TEXT NOT NULL,
	sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U'))
) STRICT;
CREATE INDEX transfer_pupils_upn ON transfer_pupils (school_id, upn);

-- marks: the AttendanceMarks string as received (NULL when the file sent
-- totals only); discrepancy: NULL when the marks agree with the file's own
-- totals, else what differs.
CREATE TABLE transfer_years (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	transfer_pupil_id INTEGER NOT NULL REFERENCES transfer_pupils(id),
	academic_year INTEGER NOT NULL,
	lea TEXT NOT NULL,
	estab TEXT NOT NULL,
	school_name TEXT NOT NULL,
	sessions_possible INTEGER NOT NULL CHECK (sessions_possible >= 0),
	sessions_authorised INTEGER NOT NULL CHECK (sessions_authorised >= 0),
	sessions_attended INTEGER NOT NULL CHECK (sessions_attended >= 0),
	sessions_unauthorised INTEGER NOT NULL CHECK (sessions_unauthorised >= 0),
	start_date TEXT,
	marks TEXT,
	discrepancy TEXT
) STRICT;
CREATE INDEX transfer_years_pupil ON transfer_years (transfer_pupil_id, academic_year);

CREATE TRIGGER transfer_files_read_only BEFORE UPDATE ON transfer_files
BEGIN
	SELECT RAISE(ABORT, 'a received transfer file is kept as it was received');
END;
CREATE TRIGGER transfer_pupils_read_only BEFORE UPDATE ON transfer_pupils
BEGIN
	SELECT RAISE(ABORT, 'a received transfer file is kept as it was received');
END;
CREATE TRIGGER transfer_years_read_only BEFORE UPDATE ON transfer_years
BEGIN
	SELECT RAISE(ABORT, 'attendance history from another school is kept as that school sent it');
END;

-- Pupil items the DfE's daily attendance data asks for that the admission
-- register did not hold yet. ethnicity: the census code ('' not recorded);
-- looked_after, cin (child in need), cp (child protection plan): 0 or 1.
ALTER TABLE pupils ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
ALTER TABLE enrolments ADD COLUMN looked_after INTEGER NOT NULL DEFAULT 0
	CHECK (looked_after IN (0, 1));
ALTER TABLE enrolments ADD COLUMN cin INTEGER NOT NULL DEFAULT 0 CHECK (cin IN (0, 1));
ALTER TABLE enrolments ADD COLUMN cp INTEGER NOT NULL DEFAULT 0 CHECK (cp IN (0, 1));
ALTER TABLE pupil_history ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
ALTER TABLE pupil_history ADD COLUMN looked_after INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pupil_history ADD COLUMN cin INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pupil_history ADD COLUMN cp INTEGER NOT NULL DEFAULT 0;
