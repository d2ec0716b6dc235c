-- The first-day response and escalation (issue 6): what was done for each
-- pupil absent with no reason on a day, the tasks escalation gives people,
-- (see below for the safeguarding flag).

-- (The pupil's safeguarding flag, which puts flagged pupils first in the
-- queue, comes with 0006-lessons.)

-- Each step of the morning's response, as it was done: the message to the
-- first contact (sent through the outbox, or nobody could get one), each
-- call (reached someone, or no answer), the welfare visit (made, or why
-- not). Time-stamped and never changed; calls and visits also write the
-- contact log (log_entry), and the message its outbox row.
CREATE TABLE first_day_actions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	date TEXT NOT NULL,
	step TEXT NOT NULL CHECK (step IN ('message', 'calls', 'visit')),
	result TEXT NOT NULL
		CHECK (result IN ('sent', 'no_one', 'reached', 'no_answer', 'visited', 'no_visit')),
	contact_id INTEGER REFERENCES contacts(id),
	contact_name TEXT NOT NULL,
	note TEXT NOT NULL,
	done_by TEXT NOT NULL,
	done_at TEXT NOT NULL,
	log_entry INTEGER,
	outbox_id INTEGER REFERENCES outbox(id)
) STRICT;
CREATE INDEX first_day_actions_day ON first_day_actions (school_id, date, pupil_id);
-- One message and one visit decision a pupil a day (calls may be many).
CREATE UNIQUE INDEX first_day_once ON first_day_actions (school_id, pupil_id, date, step)
	WHERE step IN ('message', 'visit');
CREATE TRIGGER first_day_actions_no_update BEFORE UPDATE ON first_day_actions
BEGIN
	SELECT RAISE(ABORT, 'first-day actions are kept as they were done');
END;
CREATE TRIGGER first_day_actions_no_delete BEFORE DELETE ON first_day_actions
BEGIN
	SELECT RAISE(ABORT, 'first-day actions are kept as they were done');
END;

-- Tasks for people: an escalation day of unexplained absence (day 1 the
-- tutor, day 2 the head of year, day 3 a senior leader: the setting
-- `escalation`). For a person (assignee_user) or for a role within a scope
-- (a form, a year, or the whole school). open -> done (by whom, when, the
-- outcome) or closed (the absence got its reason first). One task a pupil
-- a day of absence.
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	kind TEXT NOT NULL CHECK (kind IN ('escalation')),
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
