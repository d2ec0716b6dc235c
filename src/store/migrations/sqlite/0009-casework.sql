-- Casework (issue 7): the graduated approach's stages with their history,
-- the attendance lead's review list raised by triggers, the catalogues of
-- barriers and interventions a school extends, support plans (barriers,
-- actions, meetings and reviews, the outcome), interventions, part-time
-- timetables and their review points, formal and legal steps with their
-- events and documents, casework notes (some marked safeguarding) and the
-- log of every read of a safeguarding note. Everything a person decided is
-- kept: rows are appended, and the few that change (a plan closed, an
-- action done, a review decided) change once, by a trigger's rule.

-- A pupil's stage (universal, early intervention, targeted, formal,
-- enforcement), one row a move: the current stage is the latest row, and a
-- pupil with none is universal. Who moved them, when and why.
CREATE TABLE casework_stages (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	stage TEXT NOT NULL CHECK (stage IN ('universal', 'early_intervention', 'targeted',
		'formal', 'enforcement')),
	reason TEXT NOT NULL CHECK (reason <> ''),
	review_id INTEGER REFERENCES casework_reviews(id),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX casework_stages_pupil ON casework_stages (school_id, pupil_id, id);
CREATE TRIGGER casework_stages_no_update BEFORE UPDATE ON casework_stages
BEGIN
	SELECT RAISE(ABORT, 'a pupil''s stage history is kept as it was written');
END;
CREATE TRIGGER casework_stages_no_delete BEFORE DELETE ON casework_stages
BEGIN
	SELECT RAISE(ABORT, 'a pupil''s stage history is kept as it was written');
END;

-- The review list: what a trigger raised about a pupil, with the stage it
-- suggests, until a person accepts it (moving the pupil to a stage, or
-- keeping them where they are) or dismisses it, with their reason. One
-- item for a trigger's key (e.g. crossing into persistent absence once a
-- school year; the session that reached the unauthorised threshold).
CREATE TABLE casework_reviews (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	kind TEXT NOT NULL CHECK (kind IN ('at_risk', 'persistent', 'severe', 'decline', 'pattern',
		'unauthorised', 'part_time')),
	key TEXT NOT NULL,
	raised_on TEXT NOT NULL,
	detail TEXT NOT NULL,
	stage_then TEXT NOT NULL,
	suggested TEXT NOT NULL,
	raised_at TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
	decided_by TEXT,
	decided_at TEXT,
	decision_reason TEXT,
	stage_set TEXT,
	UNIQUE (school_id, pupil_id, kind, key)
) STRICT;
CREATE INDEX casework_reviews_open ON casework_reviews (school_id, state, raised_on);
CREATE TRIGGER casework_reviews_decided_once BEFORE UPDATE ON casework_reviews
WHEN old.state <> 'open' OR new.state = 'open' OR new.decision_reason IS NULL
	OR new.decision_reason = ''
BEGIN
	SELECT RAISE(ABORT, 'a review is decided once, with a reason, and stays as decided');
END;
CREATE TRIGGER casework_reviews_no_delete BEFORE DELETE ON casework_reviews
BEGIN
	SELECT RAISE(ABORT, 'review items are kept');
END;

-- What a school adds to the built-in lists of barriers and interventions
-- (src/app/casework.c holds the built-ins), or a built-in it retires or
-- relabels. Changes are kept in casework_catalogue_history.
CREATE TABLE casework_catalogue (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('barrier', 'intervention')),
	code TEXT NOT NULL,
	label TEXT NOT NULL CHECK (label <> ''),
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	UNIQUE (school_id, kind, code)
) STRICT;
CREATE TABLE casework_catalogue_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL,
	code TEXT NOT NULL,
	label TEXT NOT NULL,
	retired INTEGER NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER casework_catalogue_history_kept BEFORE UPDATE ON casework_catalogue_history
BEGIN
	SELECT RAISE(ABORT, 'catalogue history is kept');
END;
CREATE TRIGGER casework_catalogue_history_no_delete BEFORE DELETE ON casework_catalogue_history
BEGIN
	SELECT RAISE(ABORT, 'catalogue history is kept');
END;
CREATE TRIGGER casework_catalogue_no_delete BEFORE DELETE ON casework_catalogue
BEGIN
	SELECT RAISE(ABORT, 'a catalogue entry is retired, not deleted');
END;

-- A support plan: what it is for, when it started, when it is next
-- reviewed (a meeting sets the next review), and its outcome once closed.
CREATE TABLE casework_plans (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	title TEXT NOT NULL CHECK (title <> ''),
	started_on TEXT NOT NULL,
	review_on TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
	outcome TEXT,
	closed_on TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	closed_by TEXT,
	closed_at TEXT
) STRICT;
CREATE INDEX casework_plans_pupil ON casework_plans (school_id, pupil_id);
CREATE TRIGGER casework_plans_closed_final BEFORE UPDATE ON casework_plans
WHEN old.state <> 'open' OR new.title <> old.title OR new.started_on <> old.started_on
	OR new.pupil_id <> old.pupil_id
BEGIN
	SELECT RAISE(ABORT, 'a closed plan stays as it was closed; a plan keeps its title and start');
END;
CREATE TRIGGER casework_plans_no_delete BEFORE DELETE ON casework_plans
BEGIN
	SELECT RAISE(ABORT, 'plans are kept');
END;

-- The barriers a plan names (codes from the catalogue), with a note.
CREATE TABLE casework_plan_barriers (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	plan_id INTEGER NOT NULL REFERENCES casework_plans(id),
	code TEXT NOT NULL,
	note TEXT NOT NULL,
	added_by TEXT NOT NULL,
	added_at TEXT NOT NULL,
	UNIQUE (plan_id, code)
) STRICT;
CREATE TRIGGER casework_plan_barriers_kept BEFORE UPDATE ON casework_plan_barriers
BEGIN
	SELECT RAISE(ABORT, 'a plan''s barriers are kept as written');
END;
CREATE TRIGGER casework_plan_barriers_no_delete BEFORE DELETE ON casework_plan_barriers
BEGIN
	SELECT RAISE(ABORT, 'a plan''s barriers are kept as written');
END;

-- The actions agreed: what, who owns it (a person, in or outside the
-- school), by when; done or dropped once, with a note.
CREATE TABLE casework_plan_actions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	plan_id INTEGER NOT NULL REFERENCES casework_plans(id),
	action TEXT NOT NULL CHECK (action <> ''),
	owner TEXT NOT NULL CHECK (owner <> ''),
	due_on TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dropped')),
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	done_by TEXT,
	done_at TEXT
) STRICT;
CREATE TRIGGER casework_plan_actions_final BEFORE UPDATE ON casework_plan_actions
WHEN old.state <> 'open' OR new.action <> old.action OR new.owner <> old.owner
	OR new.due_on <> old.due_on
BEGIN
	SELECT RAISE(ABORT, 'an action is finished once and keeps what was agreed');
END;
CREATE TRIGGER casework_plan_actions_no_delete BEFORE DELETE ON casework_plan_actions
BEGIN
	SELECT RAISE(ABORT, 'a plan''s actions are kept');
END;

-- A support meeting (or a review of the plan): when, who attended, the
-- pupil's voice and the parent's, what was agreed, and the next review.
CREATE TABLE casework_meetings (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	plan_id INTEGER NOT NULL REFERENCES casework_plans(id),
	kind TEXT NOT NULL CHECK (kind IN ('meeting', 'review')),
	held_on TEXT NOT NULL,
	attendees TEXT NOT NULL CHECK (attendees <> ''),
	pupil_voice TEXT NOT NULL,
	parent_voice TEXT NOT NULL,
	notes TEXT NOT NULL,
	next_review_on TEXT,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX casework_meetings_plan ON casework_meetings (school_id, plan_id);
CREATE TRIGGER casework_meetings_kept BEFORE UPDATE ON casework_meetings
BEGIN
	SELECT RAISE(ABORT, 'meeting records are kept as written');
END;
CREATE TRIGGER casework_meetings_no_delete BEFORE DELETE ON casework_meetings
BEGIN
	SELECT RAISE(ABORT, 'meeting records are kept as written');
END;

-- An intervention of a type from the catalogue, for a pupil (in a plan or
-- not): start, planned end, and the day it ended (once).
CREATE TABLE casework_interventions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	plan_id INTEGER REFERENCES casework_plans(id),
	type TEXT NOT NULL,
	started_on TEXT NOT NULL,
	planned_end TEXT,
	ended_on TEXT,
	note TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	ended_by TEXT,
	ended_at TEXT
) STRICT;
CREATE INDEX casework_interventions_type ON casework_interventions (school_id, type, started_on);
CREATE TRIGGER casework_interventions_end_once BEFORE UPDATE ON casework_interventions
WHEN old.ended_on IS NOT NULL OR new.type <> old.type OR new.started_on <> old.started_on
	OR new.pupil_id <> old.pupil_id
BEGIN
	SELECT RAISE(ABORT, 'an intervention ends once and keeps its type and start');
END;
CREATE TRIGGER casework_interventions_no_delete BEFORE DELETE ON casework_interventions
BEGIN
	SELECT RAISE(ABORT, 'interventions are kept');
END;

-- A part-time timetable: the sessions of the week the pupil does not
-- attend (C2 on the register, through the register's rules), from start
-- to its planned end, agreed with whom and why; ended once. Its
-- intervention (type part_time_timetable) carries its impact.
CREATE TABLE casework_part_time (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	intervention_id INTEGER NOT NULL REFERENCES casework_interventions(id),
	sessions TEXT NOT NULL,
	started_on TEXT NOT NULL,
	planned_end TEXT NOT NULL,
	agreed_with TEXT NOT NULL CHECK (agreed_with <> ''),
	reason TEXT NOT NULL CHECK (reason <> ''),
	ended_on TEXT,
	end_reason TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	ended_by TEXT,
	ended_at TEXT
) STRICT;
CREATE TRIGGER casework_part_time_end_once BEFORE UPDATE ON casework_part_time
WHEN old.ended_on IS NOT NULL OR new.sessions <> old.sessions OR new.started_on <> old.started_on
	OR new.planned_end <> old.planned_end
BEGIN
	SELECT RAISE(ABORT, 'a part-time timetable ends once and keeps what was agreed');
END;
CREATE TRIGGER casework_part_time_no_delete BEFORE DELETE ON casework_part_time
BEGIN
	SELECT RAISE(ABORT, 'part-time timetables are kept');
END;

-- A part-time timetable's review points, and what each review decided.
CREATE TABLE casework_part_time_reviews (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	part_time_id INTEGER NOT NULL REFERENCES casework_part_time(id),
	due_on TEXT NOT NULL,
	held_on TEXT,
	outcome TEXT,
	held_by TEXT,
	held_at TEXT,
	UNIQUE (part_time_id, due_on)
) STRICT;
CREATE TRIGGER casework_part_time_reviews_once BEFORE UPDATE ON casework_part_time_reviews
WHEN old.held_on IS NOT NULL OR new.due_on <> old.due_on
BEGIN
	SELECT RAISE(ABORT, 'a review point is held once');
END;
CREATE TRIGGER casework_part_time_reviews_no_delete BEFORE DELETE ON casework_part_time_reviews
BEGIN
	SELECT RAISE(ABORT, 'review points are kept');
END;

-- Formal and legal steps: what, to which parent, when, and what the rules
-- made of it (a notice to improve's improvement period; a penalty notice's
-- number within 3 years and its amounts). Never changed: what happens
-- next (paid, withdrawn, a hearing, the court's decision) is an event.
CREATE TABLE casework_legal (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	kind TEXT NOT NULL CHECK (kind IN ('attendance_contract', 'notice_to_improve',
		'penalty_notice', 'education_supervision_order', 'parenting_order',
		'school_attendance_order', 'prosecution')),
	parent_name TEXT NOT NULL,
	issued_on TEXT NOT NULL,
	period_start TEXT,
	period_end TEXT,
	period_weeks INTEGER,
	number INTEGER,
	amount_pence INTEGER,
	reduced_pence INTEGER,
	reduced_until TEXT,
	pay_by TEXT,
	section TEXT CHECK (section IS NULL OR section IN ('s444(1)', 's444(1A)')),
	review_on TEXT,
	detail TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX casework_legal_pupil ON casework_legal (school_id, pupil_id, kind);
CREATE TRIGGER casework_legal_kept BEFORE UPDATE ON casework_legal
BEGIN
	SELECT RAISE(ABORT, 'a legal step is kept as recorded: add an event');
END;
CREATE TRIGGER casework_legal_no_delete BEFORE DELETE ON casework_legal
BEGIN
	SELECT RAISE(ABORT, 'legal steps are kept');
END;

CREATE TABLE casework_legal_events (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	legal_id INTEGER NOT NULL REFERENCES casework_legal(id),
	kind TEXT NOT NULL CHECK (kind IN ('paid', 'withdrawn', 'hearing', 'outcome', 'note')),
	on_date TEXT NOT NULL,
	amount_pence INTEGER,
	text TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER casework_legal_events_kept BEFORE UPDATE ON casework_legal_events
BEGIN
	SELECT RAISE(ABORT, 'events of a legal step are kept as recorded');
END;
CREATE TRIGGER casework_legal_events_no_delete BEFORE DELETE ON casework_legal_events
BEGIN
	SELECT RAISE(ABORT, 'events of a legal step are kept as recorded');
END;

-- Documents of a legal step (a signed contract, a notice, a court order):
-- kept in the database with their SHA-256, size-limited and checked to be
-- what they say they are (PDF, PNG or JPEG) before they are written.
CREATE TABLE casework_documents (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	legal_id INTEGER NOT NULL REFERENCES casework_legal(id),
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png',
		'image/jpeg')),
	size INTEGER NOT NULL CHECK (size > 0),
	sha256 TEXT NOT NULL,
	data BLOB NOT NULL,
	uploaded_by TEXT NOT NULL,
	uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX casework_documents_legal ON casework_documents (school_id, legal_id);
CREATE TRIGGER casework_documents_kept BEFORE UPDATE ON casework_documents
BEGIN
	SELECT RAISE(ABORT, 'documents are kept as uploaded');
END;
CREATE TRIGGER casework_documents_no_delete BEFORE DELETE ON casework_documents
BEGIN
	SELECT RAISE(ABORT, 'documents are kept as uploaded');
END;

-- Casework notes. A note marked safeguarding is read only by the DSL and
-- the attendance lead, and every read of it is in casework_note_reads.
CREATE TABLE casework_notes (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	safeguarding INTEGER NOT NULL CHECK (safeguarding IN (0, 1)),
	body TEXT NOT NULL CHECK (body <> ''),
	written_by TEXT NOT NULL,
	written_at TEXT NOT NULL
) STRICT;
CREATE INDEX casework_notes_pupil ON casework_notes (school_id, pupil_id, safeguarding);
CREATE TRIGGER casework_notes_kept BEFORE UPDATE ON casework_notes
BEGIN
	SELECT RAISE(ABORT, 'notes are kept as written');
END;
CREATE TRIGGER casework_notes_no_delete BEFORE DELETE ON casework_notes
BEGIN
	SELECT RAISE(ABORT, 'notes are kept as written');
END;

-- Every read of a safeguarding note: who (and their role), when, which
-- note, through what (the page or the API call), from where. Append-only.
CREATE TABLE casework_note_reads (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	note_id INTEGER NOT NULL REFERENCES casework_notes(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	username TEXT NOT NULL,
	role TEXT NOT NULL,
	read_at TEXT NOT NULL,
	via TEXT NOT NULL,
	ip TEXT NOT NULL
) STRICT;
CREATE INDEX casework_note_reads_at ON casework_note_reads (school_id, read_at);
CREATE TRIGGER casework_note_reads_kept BEFORE UPDATE ON casework_note_reads
BEGIN
	SELECT RAISE(ABORT, 'the log of safeguarding reads is append-only');
END;
CREATE TRIGGER casework_note_reads_no_delete BEFORE DELETE ON casework_note_reads
BEGIN
	SELECT RAISE(ABORT, 'the log of safeguarding reads is append-only');
END;

-- Tasks of casework for the attendance lead (through src/app/tasks.c): a
-- part-time timetable's review coming up, a part-time timetable past its
-- planned end, a support plan's review coming up. The tasks table is
-- rebuilt so its kind CHECK takes them (SQLite can't change a CHECK in
-- place); store_migrate runs migrations with foreign keys off and checks
-- them after.
CREATE TABLE tasks_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	kind TEXT NOT NULL CHECK (kind IN ('escalation', 'pt_review', 'pt_end',
		'plan_review')),
	title TEXT NOT NULL,
	assignee_user TEXT,
	assignee_role TEXT NOT NULL,
	scope_form TEXT,
	scope_year TEXT,
	absence_date TEXT NOT NULL,
	day_number INTEGER NOT NULL CHECK (day_number >= 1),
	due_date TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'closed')),
	done_by TEXT,
	done_at TEXT,
	outcome TEXT NOT NULL DEFAULT '',
	log_entry INTEGER,
	UNIQUE (school_id, pupil_id, kind, absence_date)
) STRICT;
INSERT INTO tasks_new SELECT id, school_id, pupil_id, kind, title, assignee_user, assignee_role,
	scope_form, scope_year, absence_date, day_number, due_date, created_by, created_at, state,
	done_by, done_at, outcome, log_entry FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_open ON tasks (school_id, state, due_date);
CREATE TRIGGER tasks_finished_are_final BEFORE UPDATE ON tasks
WHEN old.state <> 'open'
BEGIN
	SELECT RAISE(ABORT, 'a task that is done or closed stays as it was');
END;
CREATE TRIGGER tasks_no_delete BEFORE DELETE ON tasks
BEGIN
	SELECT RAISE(ABORT, 'tasks are kept');
END;
