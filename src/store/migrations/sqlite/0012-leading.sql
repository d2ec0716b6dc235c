-- Leading attendance (issue 13): the self-assessment of the toolkit's
-- Annex B, the attendance action plan (targets, actions, review meetings),
-- the monitoring schedule of Annex C (recurring tasks and their
-- completions, the daily digest and the weekly leadership pack), the log of
-- which staff opened which views, and recognition (awards, their lists,
-- and pupils kept out of public recognition).

-- The self-assessment's questions: data the school extends. builtin_key
-- names the toolkit's own questions (seeded at `attend init` and when the
-- server starts; a school's edits and retirements are never undone);
-- NULL for the school's own. evidence names what attend offers beside the
-- question ('' for nothing). Areas are ordered by their first question.
CREATE TABLE sa_questions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	builtin_key TEXT,
	area TEXT NOT NULL,
	section TEXT NOT NULL,
	position INTEGER NOT NULL,
	text TEXT NOT NULL,
	evidence TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (school_id, builtin_key)
) STRICT;

-- One self-assessment, dated and kept: a draft until completed, then kept
-- as it was (its answers too).
CREATE TABLE sa_assessments (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	completed_by TEXT,
	completed_at TEXT
) STRICT;

-- An answer: the score on the toolkit's key (1 in place or in the early
-- stages of development ... 4 in place and known to be effective; NULL not
-- scored yet), the evidence, the agreed actions, what attend offered as
-- evidence when it was saved, and the action-plan item made from it.
CREATE TABLE sa_answers (
	assessment_id INTEGER NOT NULL REFERENCES sa_assessments(id),
	question_id INTEGER NOT NULL REFERENCES sa_questions(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	score INTEGER CHECK (score BETWEEN 1 AND 4),
	evidence TEXT NOT NULL,
	actions TEXT NOT NULL,
	offered TEXT NOT NULL,
	plan_action_id INTEGER REFERENCES plan_actions(id),
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (assessment_id, question_id)
) STRICT;

CREATE TRIGGER sa_assessments_kept BEFORE UPDATE ON sa_assessments
WHEN old.status = 'complete'
BEGIN
	SELECT RAISE(ABORT, 'a completed self-assessment is kept as it was');
END;
CREATE TRIGGER sa_assessments_no_delete BEFORE DELETE ON sa_assessments
BEGIN
	SELECT RAISE(ABORT, 'self-assessments are kept');
END;
-- No answer given after an assessment was completed. (Answers given before
-- it may be written after it: attend migrate copies the assessment first.)
CREATE TRIGGER sa_answers_kept_insert BEFORE INSERT ON sa_answers
WHEN new.updated_at > (SELECT completed_at FROM sa_assessments WHERE id = new.assessment_id
	AND status = 'complete')
BEGIN
	SELECT RAISE(ABORT, 'a completed self-assessment is kept as it was');
END;
-- Once complete, only the link to the plan item made from an answer may be set.
CREATE TRIGGER sa_answers_kept_update BEFORE UPDATE ON sa_answers
WHEN (SELECT status FROM sa_assessments WHERE id = old.assessment_id) = 'complete'
	AND (new.score IS NOT old.score OR new.evidence <> old.evidence
	     OR new.actions <> old.actions OR new.offered <> old.offered)
BEGIN
	SELECT RAISE(ABORT, 'a completed self-assessment is kept as it was');
END;
CREATE TRIGGER sa_answers_no_delete BEFORE DELETE ON sa_answers
BEGIN
	SELECT RAISE(ABORT, 'self-assessments are kept');
END;

-- The action plan. A target names, where it is a figure, a measure of the
-- register (computed live by attend, never stored), a cohort ('all',
-- 'year=8', 'form=7A', 'fsm=Y', 'send=K', ...), the span each figure is
-- measured over ('year', 'term' or 'half_term' to date), a baseline on a
-- date and a goal by a date; values in hundredths of a percent.
-- foundation: the strategy's five foundations (1-5); step: the roadmap's
-- five steps (1-5).
CREATE TABLE plan_targets (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	title TEXT NOT NULL,
	measure TEXT CHECK (measure IN ('attendance_pct', 'absence_pct', 'unauthorised_pct',
		'persistent_pct', 'severe_pct')),
	cohort TEXT NOT NULL,
	span TEXT NOT NULL CHECK (span IN ('year', 'term', 'half_term')),
	baseline100 INTEGER CHECK (baseline100 BETWEEN 0 AND 10000),
	baseline_date TEXT,
	goal100 INTEGER CHECK (goal100 BETWEEN 0 AND 10000),
	goal_date TEXT NOT NULL,
	foundation INTEGER CHECK (foundation BETWEEN 1 AND 5),
	step INTEGER CHECK (step BETWEEN 1 AND 5),
	owner TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'met', 'not_met', 'withdrawn')),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK ((measure IS NULL) = (baseline100 IS NULL) AND (measure IS NULL) = (goal100 IS NULL))
) STRICT;

CREATE TABLE plan_actions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	target_id INTEGER REFERENCES plan_targets(id),
	title TEXT NOT NULL,
	owner TEXT NOT NULL,
	due_date TEXT,
	status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
	evidence TEXT NOT NULL,
	foundation INTEGER CHECK (foundation BETWEEN 1 AND 5),
	step INTEGER CHECK (step BETWEEN 1 AND 5),
	from_assessment INTEGER REFERENCES sa_assessments(id),
	from_question INTEGER REFERENCES sa_questions(id),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX plan_actions_from_answer ON plan_actions (school_id, from_assessment,
	from_question) WHERE from_assessment IS NOT NULL;

-- Every version of an action (and of a target), kept: who changed what, when.
CREATE TABLE plan_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	item TEXT NOT NULL CHECK (item IN ('target', 'action')),
	item_id INTEGER NOT NULL,
	at TEXT NOT NULL,
	by TEXT NOT NULL,
	status TEXT NOT NULL,
	detail TEXT NOT NULL
) STRICT;
CREATE INDEX plan_history_item ON plan_history (school_id, item, item_id, id);

-- Review meetings of the plan (the line manager's, the governors'): who
-- attended, what was challenged and what was agreed. Kept as recorded.
CREATE TABLE plan_reviews (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	held_on TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('line_manager', 'governor', 'other')),
	attendees TEXT NOT NULL,
	challenged TEXT NOT NULL,
	agreed TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER plan_history_no_update BEFORE UPDATE ON plan_history
BEGIN
	SELECT RAISE(ABORT, 'the plan''s history is append-only');
END;
CREATE TRIGGER plan_history_no_delete BEFORE DELETE ON plan_history
BEGIN
	SELECT RAISE(ABORT, 'the plan''s history is append-only');
END;
CREATE TRIGGER plan_reviews_no_update BEFORE UPDATE ON plan_reviews
BEGIN
	SELECT RAISE(ABORT, 'review meetings are kept as recorded');
END;
CREATE TRIGGER plan_reviews_no_delete BEFORE DELETE ON plan_reviews
BEGIN
	SELECT RAISE(ABORT, 'review meetings are kept as recorded');
END;
CREATE TRIGGER plan_targets_no_delete BEFORE DELETE ON plan_targets
BEGIN
	SELECT RAISE(ABORT, 'targets are kept: withdraw one instead');
END;
CREATE TRIGGER plan_actions_no_delete BEFORE DELETE ON plan_actions
BEGIN
	SELECT RAISE(ABORT, 'actions are kept: drop one instead');
END;

-- The monitoring schedule (Annex C): recurring tasks by cadence, the part
-- of their period they are due in (timing), the role that owns them, and
-- how attend proves one by itself (proof, '' for none). Occurrences are
-- worked out from the calendar (core/schedule), never stored; only their
-- completions are.
CREATE TABLE schedule_tasks (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	builtin_key TEXT,
	title TEXT NOT NULL,
	cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly', 'half_termly', 'termly')),
	timing TEXT NOT NULL CHECK (timing IN ('start', 'end', 'any')),
	owner_role TEXT NOT NULL,
	proof TEXT NOT NULL,
	position INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (school_id, builtin_key)
) STRICT;

-- A task's occurrence done (period_start names the occurrence): by a
-- person with one click (an optional note), or by attend from the data
-- (auto = 1, done_by 'attend', the evidence as it stood). Kept.
CREATE TABLE schedule_done (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	task_id INTEGER NOT NULL REFERENCES schedule_tasks(id),
	period_start TEXT NOT NULL,
	due_date TEXT NOT NULL,
	done_by TEXT NOT NULL,
	done_at TEXT NOT NULL,
	note TEXT NOT NULL,
	auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
	evidence TEXT NOT NULL,
	UNIQUE (school_id, task_id, period_start)
) STRICT;
CREATE TRIGGER schedule_done_no_update BEFORE UPDATE ON schedule_done
BEGIN
	SELECT RAISE(ABORT, 'a task done stays done, as it was recorded');
END;
CREATE TRIGGER schedule_done_no_delete BEFORE DELETE ON schedule_done
BEGIN
	SELECT RAISE(ABORT, 'a task done stays done, as it was recorded');
END;

-- Who gets the daily digest and the weekly leadership pack (the leads the
-- school chooses). Removed recipients are kept with when and by whom.
CREATE TABLE digest_recipients (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	name TEXT NOT NULL,
	email TEXT NOT NULL,
	daily INTEGER NOT NULL CHECK (daily IN (0, 1)),
	weekly INTEGER NOT NULL CHECK (weekly IN (0, 1)),
	added_by TEXT NOT NULL,
	added_at TEXT NOT NULL,
	removed_by TEXT,
	removed_at TEXT
) STRICT;
CREATE UNIQUE INDEX digest_recipients_email ON digest_recipients (school_id, email)
	WHERE removed_at IS NULL;

-- Each digest sent, once: the daily one for its day, the weekly pack for
-- its week (for_date: the Monday).
CREATE TABLE digest_runs (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
	for_date TEXT NOT NULL,
	run_at TEXT NOT NULL,
	run_by TEXT NOT NULL,
	messages INTEGER NOT NULL,
	UNIQUE (school_id, kind, for_date)
) STRICT;

-- Which staff (and, with the family pages, which families) opened which
-- views, once a day each: the view's name ('form_view', 'year_view',
-- 'dashboard', 'governor_report', 'family_view', ...) and what it was of
-- (a form, a year group; '' for none). Never a pupil's data: no UPN, no
-- name, no pupil a staff member looked at.
CREATE TABLE view_log (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	day TEXT NOT NULL,
	username TEXT NOT NULL,
	role TEXT NOT NULL,
	view TEXT NOT NULL,
	subject TEXT NOT NULL,
	first_at TEXT NOT NULL,
	PRIMARY KEY (school_id, day, view, username, subject)
) STRICT, WITHOUT ROWID;

-- Recognition: the awards the school gives. kind: full_attendance (100%
-- over the period), most_improved (the largest rise against the pupil's
-- own previous period of as many school days), form_of_week (the form
-- with the highest attendance). minimum: possible sessions a pupil needs
-- in each period (pupils a form needs, for form_of_week); top: winners
-- listed (0: all who qualify); min_rise100: the least rise counted;
-- template: the message to families ('' none).
CREATE TABLE award_rules (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	builtin_key TEXT,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('full_attendance', 'most_improved', 'form_of_week')),
	period TEXT NOT NULL CHECK (period IN ('week', 'half_term', 'term', 'year')),
	minimum INTEGER NOT NULL CHECK (minimum BETWEEN 1 AND 400),
	top INTEGER NOT NULL CHECK (top BETWEEN 0 AND 500),
	min_rise100 INTEGER NOT NULL CHECK (min_rise100 BETWEEN 1 AND 10000),
	template TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (school_id, builtin_key)
) STRICT;

-- A list generated for a period: proposed, then approved by a person (or
-- withdrawn). The figures are those of when it was generated.
CREATE TABLE award_lists (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	rule_id INTEGER NOT NULL REFERENCES award_rules(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	prev_from TEXT,
	prev_to TEXT,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'withdrawn')),
	generated_by TEXT NOT NULL,
	generated_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	note TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX award_lists_once ON award_lists (school_id, rule_id, period_from, period_to)
	WHERE status <> 'withdrawn';

-- Who is on a list: a pupil (form_of_week: a form, pupil_id NULL), their
-- rank, the figure (and the previous period's), and whether the approver
-- kept them (included) or staff exclude them from public recognition
-- (excluded: never on a certificate or in a message).
CREATE TABLE award_winners (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	list_id INTEGER NOT NULL REFERENCES award_lists(id),
	pupil_id INTEGER REFERENCES pupils(id),
	form TEXT NOT NULL,
	rank INTEGER NOT NULL,
	value100 INTEGER NOT NULL,
	before100 INTEGER,
	rise100 INTEGER, -- most improved: the rise, exact from the sessions
	sessions INTEGER NOT NULL,
	prev_sessions INTEGER,
	excluded INTEGER NOT NULL CHECK (excluded IN (0, 1)),
	included INTEGER NOT NULL CHECK (included IN (0, 1)),
	outbox_id INTEGER REFERENCES outbox(id)
) STRICT;
CREATE INDEX award_winners_list ON award_winners (school_id, list_id, rank);

-- Pupils kept out of public recognition by staff, with the reason (kept;
-- lifting records who, when and why).
CREATE TABLE recognition_exclusions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	reason TEXT NOT NULL,
	excluded_by TEXT NOT NULL,
	excluded_at TEXT NOT NULL,
	lifted_by TEXT,
	lifted_at TEXT,
	lift_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX recognition_exclusions_open ON recognition_exclusions (school_id, pupil_id)
	WHERE lifted_at IS NULL;
CREATE TRIGGER recognition_exclusions_kept BEFORE UPDATE ON recognition_exclusions
WHEN old.lifted_at IS NOT NULL OR new.reason <> old.reason OR new.pupil_id <> old.pupil_id
BEGIN
	SELECT RAISE(ABORT, 'an exclusion from recognition is kept as it was');
END;
CREATE TRIGGER recognition_exclusions_no_delete BEFORE DELETE ON recognition_exclusions
BEGIN
	SELECT RAISE(ABORT, 'exclusions from recognition are kept');
END;

-- The outbox carries messages to staff too (the daily digest, the weekly
-- pack): they have no pupil and no contact. SQLite can't drop a NOT NULL
-- in place, so the table is rebuilt as 0006 rebuilt users (foreign keys
-- are checked as a whole after the migrations).
CREATE TABLE outbox_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER REFERENCES pupils(id),
	contact_id INTEGER REFERENCES contacts(id),
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'post')),
	template TEXT NOT NULL,
	language TEXT NOT NULL,
	recipient TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	message BLOB,
	pdf BLOB,
	message_id TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown',
					      'to_print', 'posted')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT,
	attempt_id TEXT,
	handed_over INTEGER NOT NULL DEFAULT 0 CHECK (handed_over IN (0, 1)),
	accepted_id TEXT,
	last_error TEXT NOT NULL DEFAULT '',
	queued_by TEXT NOT NULL,
	queued_at TEXT NOT NULL,
	sent_at TEXT,
	updated_at TEXT NOT NULL,
	CHECK ((pupil_id IS NULL) = (contact_id IS NULL))
) STRICT;
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (school_id, status, next_attempt_at, id);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN
	SELECT RAISE(ABORT, 'the outbox keeps every message');
END;
CREATE TRIGGER outbox_sent_is_final BEFORE UPDATE OF status ON outbox
WHEN old.status IN ('sent', 'posted') AND new.status <> old.status
BEGIN
	SELECT RAISE(ABORT, 'a message that was sent is never sent again');
END;
CREATE TRIGGER outbox_sending_from_queued BEFORE UPDATE OF status ON outbox
WHEN new.status = 'sending' AND old.status <> 'queued'
BEGIN
	SELECT RAISE(ABORT, 'only a queued message can be sent');
END;
