-- Statutory duties (issue 10): the notifications the law and the guidance
-- expect (to the local authority, to a pupil's social worker and virtual
-- school), the ground on which a pupil's name is deleted from the
-- admission register, Year 6 attendance figures of incoming pupils, and
-- the tasks those make for people.

-- The tasks table is rebuilt to let its kind CHECK take the notifications'
-- kinds, besides escalation and casework's kinds (0009-casework): SQLite
-- can't change a CHECK in place; see 0006 for the procedure store_migrate
-- follows. A notification's task carries the notification's key date in
-- absence_date, so the table's one task a pupil, kind and day still holds.
CREATE TABLE tasks_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	kind TEXT NOT NULL CHECK (kind IN ('escalation', 'pt_review', 'pt_end', 'plan_review',
		'unauthorised', 'illness', 'admission', 'deletion', 'cme', 'social_worker',
		'virtual_school')),
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
INSERT INTO tasks_new (id, school_id, pupil_id, kind, title, assignee_user, assignee_role,
	scope_form, scope_year, absence_date, day_number, due_date, created_by, created_at, state,
	done_by, done_at, outcome, log_entry)
	SELECT id, school_id, pupil_id, kind, title, assignee_user, assignee_role, scope_form,
		scope_year, absence_date, day_number, due_date, created_by, created_at, state,
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

-- The ground on which a pupil's name is deleted from the admission register
-- (the 2024 regulations, regulation 9: '9(1)(a)' ... '9(1)(o)', '9(3)'),
-- recorded when the pupil leaves. Append-only: a correction is a new row;
-- an enrolment's ground is its latest row.
CREATE TABLE leaving_grounds (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
	left_date TEXT NOT NULL,
	ground TEXT NOT NULL,
	detail TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	source TEXT NOT NULL
) STRICT;
CREATE INDEX leaving_grounds_enrolment ON leaving_grounds (school_id, enrolment_id, id);
CREATE TRIGGER leaving_grounds_no_update BEFORE UPDATE ON leaving_grounds
BEGIN
	SELECT RAISE(ABORT, 'leaving grounds are kept: record a correction as a new row');
END;
CREATE TRIGGER leaving_grounds_retention BEFORE DELETE ON leaving_grounds
WHEN old.recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'admission register entries are kept for 6 years from the date they were made');
END;

-- A notification raised from the register: to the local authority
-- (unauthorised: absent without authorisation N school days in a row;
-- illness: will miss N school days through illness; admission, deletion;
-- cme: joint enquiries after N school days of unauthorised absence) or to
-- a pupil's social worker or virtual school (an unexplained absence, on its
-- first day). key_date makes it this notification and no other (the first
-- day of the run, the school year, the admission or leaving date): the
-- same notification is never raised twice. open -> sent (through the
-- outbox, in a file for the LA's portal, or another way a person records),
-- withdrawn (its reason went away before it was sent) or dismissed (a
-- person decided, with why).
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
	kind TEXT NOT NULL CHECK (kind IN ('unauthorised', 'illness', 'admission', 'deletion', 'cme',
		'social_worker', 'virtual_school')),
	key_date TEXT NOT NULL,
	trigger_date TEXT NOT NULL,
	due_date TEXT NOT NULL,
	days INTEGER NOT NULL,
	detail TEXT NOT NULL,
	ground TEXT NOT NULL DEFAULT '',
	contact_id INTEGER REFERENCES contacts(id),
	task_id INTEGER REFERENCES tasks(id),
	raised_by TEXT NOT NULL,
	raised_at TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'sent', 'withdrawn', 'dismissed')),
	sent_via TEXT CHECK (sent_via IS NULL OR sent_via IN ('outbox', 'file', 'other')),
	outbox_id INTEGER REFERENCES outbox(id),
	file_name TEXT,
	file_sha256 TEXT,
	done_by TEXT,
	done_at TEXT,
	outcome TEXT NOT NULL DEFAULT '',
	UNIQUE (school_id, pupil_id, kind, key_date)
) STRICT;
CREATE INDEX notifications_state ON notifications (school_id, state, due_date);
CREATE TRIGGER notifications_finished_are_final BEFORE UPDATE ON notifications
WHEN old.state <> 'open'
BEGIN
	SELECT RAISE(ABORT, 'a notification sent, withdrawn or dismissed stays as it was');
END;
CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications
BEGIN
	SELECT RAISE(ABORT, 'notifications are kept');
END;

-- Year 6 attendance of incoming pupils, from their primary schools or the
-- local authority (`attend import year6`), when no CTF brings it: the
-- totals as sent, kept as received. Importing a pupil's year again
-- replaces the figures (the latest list is the one to trust), and the
-- replaced row stays in transition_figures_history.
CREATE TABLE transition_figures (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	upn TEXT NOT NULL,
	surname TEXT NOT NULL,
	forename TEXT NOT NULL,
	dob TEXT NOT NULL,
	primary_school TEXT NOT NULL,
	academic_year INTEGER NOT NULL,
	possible INTEGER NOT NULL CHECK (possible >= 0),
	attended INTEGER NOT NULL CHECK (attended >= 0),
	authorised INTEGER NOT NULL CHECK (authorised >= 0),
	unauthorised INTEGER NOT NULL CHECK (unauthorised >= 0),
	fsm TEXT NOT NULL DEFAULT '',
	send TEXT NOT NULL DEFAULT '',
	imported_by TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	UNIQUE (school_id, upn, academic_year),
	CHECK (attended + authorised + unauthorised = possible)
) STRICT;
CREATE TABLE transition_figures_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	upn TEXT NOT NULL,
	academic_year INTEGER NOT NULL,
	primary_school TEXT NOT NULL,
	possible INTEGER NOT NULL,
	attended INTEGER NOT NULL,
	authorised INTEGER NOT NULL,
	unauthorised INTEGER NOT NULL,
	imported_by TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	replaced_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER transition_figures_keep BEFORE UPDATE ON transition_figures
BEGIN
	INSERT INTO transition_figures_history (school_id, upn, academic_year, primary_school,
		possible, attended, authorised, unauthorised, imported_by, imported_at, file_sha256,
		replaced_at)
	VALUES (old.school_id, old.upn, old.academic_year, old.primary_school, old.possible,
		old.attended, old.authorised, old.unauthorised, old.imported_by, old.imported_at,
		old.file_sha256, new.imported_at);
END;
CREATE TRIGGER transition_figures_history_no_update BEFORE UPDATE ON transition_figures_history
BEGIN
	SELECT RAISE(ABORT, 'transition_figures_history is append-only');
END;
