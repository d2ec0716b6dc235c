/* Recognition in the store (migration 0012-leading): the awards
 * a school gives, the lists generated and approved, who is on them, and
 * pupils kept out of public recognition. */
#include <stdio.h>
#include <string.h>

#include "store/store_rows.h"
#include "store/store_leading.h"

#define RULE_COLS                                                                            \
	"id, builtin_key, name, kind, period, minimum, top, min_rise100, template, active, "    \
	"created_by, created_at, updated_by, updated_at"

static const char SQL_RULE_INSERT[] =
	"INSERT INTO award_rules (school_id, builtin_key, name, kind, period, minimum, top, "
	"min_rise100, template, active, created_by, created_at, updated_by, updated_at) VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12) "
	"ON CONFLICT (school_id, builtin_key) DO NOTHING RETURNING id";
static const char SQL_RULE_UPDATE[] =
	"UPDATE award_rules SET name = ?3, kind = ?4, period = ?5, minimum = ?6, top = ?7, "
	"min_rise100 = ?8, template = ?9, active = ?10, updated_by = ?11, updated_at = ?12 "
	"WHERE school_id = ?1 AND id = ?2"; /* ?2: the builtin key on insert */
static const char SQL_RULE_GET[] = "SELECT " RULE_COLS " FROM award_rules WHERE school_id = ?1 AND id = ?2";
static const char SQL_RULE_EACH[] =
	"SELECT " RULE_COLS " FROM award_rules WHERE school_id = ?1 AND (?2 = 1 OR active = 1) ORDER BY id";

static void read_rule(struct db_stmt *st, struct award_rule_rec *r)
{
	r->id = db_col_int64(st, 0);
	st_col_copy(st, 1, r->builtin_key, sizeof r->builtin_key);
	st_col_copy(st, 2, r->name, sizeof r->name);
	st_col_copy(st, 3, r->kind, sizeof r->kind);
	st_col_copy(st, 4, r->period, sizeof r->period);
	r->minimum = db_col_int(st, 5);
	r->top = db_col_int(st, 6);
	r->min_rise100 = db_col_int64(st, 7);
	st_col_copy(st, 8, r->template_name, sizeof r->template_name);
	r->active = db_col_int(st, 9);
	st_col_copy(st, 10, r->created_by, sizeof r->created_by);
	st_col_copy(st, 11, r->created_at, sizeof r->created_at);
	st_col_copy(st, 12, r->updated_by, sizeof r->updated_by);
	st_col_copy(st, 13, r->updated_at, sizeof r->updated_at);
}

int store_award_rule_save(struct store *s, int64_t school_id, struct award_rule_rec *r)
{
	bool insert = r->id == 0;
	struct db_stmt *st = store_prepare(s, insert ? SQL_RULE_INSERT : SQL_RULE_UPDATE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (insert)
		st_bind_text_or_null(st, 2, r->builtin_key);
	else
		db_bind_int64(st, 2, r->id);
	db_bind_text(st, 3, r->name);
	db_bind_text(st, 4, r->kind);
	db_bind_text(st, 5, r->period);
	db_bind_int(st, 6, r->minimum);
	db_bind_int(st, 7, r->top);
	db_bind_int64(st, 8, r->min_rise100);
	db_bind_text(st, 9, r->template_name);
	db_bind_int(st, 10, r->active);
	db_bind_text(st, 11, insert ? r->created_by : r->updated_by);
	db_bind_text(st, 12, insert ? r->created_at : r->updated_at);
	if (insert)
		return st_step_new_id(s, st, "adding an award", &r->id);
	return st_step_one(s, st, "changing an award");
}

int store_award_rule_get(struct store *s, int64_t school_id, int64_t id, struct award_rule_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_RULE_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_rule, "reading an award");
}

int store_award_rules_each(struct store *s, int64_t school_id, bool all, store_award_rule_cb cb,
			   void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_RULE_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int(st, 2, all);
	struct award_rule_rec rec;
	STEP_EACH(s, st, &rec, read_rule, cb, ctx, "reading awards");
}

#define LIST_COLS                                                                            \
	"id, rule_id, name, kind, period_from, period_to, prev_from, prev_to, status, "         \
	"generated_by, generated_at, decided_by, decided_at, note"

static const char SQL_LIST_INSERT[] =
	"INSERT INTO award_lists (school_id, rule_id, name, kind, period_from, period_to, "
	"prev_from, prev_to, status, generated_by, generated_at, note) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, 'proposed', ?9, ?10, ?11) ON CONFLICT DO NOTHING RETURNING id";
static const char SQL_LIST_GET[] = "SELECT " LIST_COLS " FROM award_lists WHERE school_id = ?1 AND id = ?2";
static const char SQL_LIST_EACH[] =
	"SELECT " LIST_COLS " FROM award_lists WHERE school_id = ?1 ORDER BY id DESC";
static const char SQL_LIST_DECIDE[] =
	"UPDATE award_lists SET status = ?3, decided_by = ?4, decided_at = ?5, note = ?6 "
	"WHERE school_id = ?1 AND id = ?2 AND status = 'proposed'";

static void read_list(struct db_stmt *st, struct award_list_rec *l)
{
	l->id = db_col_int64(st, 0);
	l->rule_id = db_col_int64(st, 1);
	st_col_copy(st, 2, l->name, sizeof l->name);
	st_col_copy(st, 3, l->kind, sizeof l->kind);
	l->period_from = st_col_date(st, 4);
	l->period_to = st_col_date(st, 5);
	l->prev_from = st_col_date(st, 6);
	l->prev_to = st_col_date(st, 7);
	st_col_copy(st, 8, l->status, sizeof l->status);
	st_col_copy(st, 9, l->generated_by, sizeof l->generated_by);
	st_col_copy(st, 10, l->generated_at, sizeof l->generated_at);
	st_col_copy(st, 11, l->decided_by, sizeof l->decided_by);
	st_col_copy(st, 12, l->decided_at, sizeof l->decided_at);
	st_col_copy(st, 13, l->note, sizeof l->note);
}

int store_award_list_insert(struct store *s, int64_t school_id, struct award_list_rec *l)
{
	struct db_stmt *st = store_prepare(s, SQL_LIST_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, l->rule_id);
	db_bind_text(st, 3, l->name);
	db_bind_text(st, 4, l->kind);
	st_bind_date(st, 5, l->period_from);
	st_bind_date(st, 6, l->period_to);
	st_bind_date(st, 7, l->prev_from);
	st_bind_date(st, 8, l->prev_to);
	db_bind_text(st, 9, l->generated_by);
	db_bind_text(st, 10, l->generated_at);
	db_bind_text(st, 11, l->note);
	snprintf(l->status, sizeof l->status, "proposed");
	return st_step_new_id(s, st, "generating an award list", &l->id);
}

int store_award_list_get(struct store *s, int64_t school_id, int64_t id, struct award_list_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_LIST_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_list, "reading an award list");
}

int store_award_lists_each(struct store *s, int64_t school_id, store_award_list_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_LIST_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct award_list_rec rec;
	STEP_EACH(s, st, &rec, read_list, cb, ctx, "reading award lists");
}

int store_award_list_decide(struct store *s, int64_t school_id, int64_t id, const char *status,
			    const char *by, const char *at, const char *note)
{
	struct db_stmt *st = store_prepare(s, SQL_LIST_DECIDE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, status);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	db_bind_text(st, 6, note ? note : "");
	return st_step_one(s, st, "deciding an award list");
}

#define WIN_COLS                                                                             \
	"id, list_id, pupil_id, form, rank, value100, before100, sessions, prev_sessions, "     \
	"excluded, included, outbox_id, rise100"

static const char SQL_WIN_ADD[] =
	"INSERT INTO award_winners (school_id, list_id, pupil_id, form, rank, value100, before100, "
	"sessions, prev_sessions, excluded, included, rise100) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12) RETURNING id";
static const char SQL_WIN_EACH[] =
	"SELECT " WIN_COLS " FROM award_winners WHERE school_id = ?1 AND list_id = ?2 "
	"ORDER BY rank, id";
static const char SQL_WIN_INCLUDED[] =
	"UPDATE award_winners SET included = ?4 WHERE school_id = ?1 AND list_id = ?2 AND id = ?3";
static const char SQL_WIN_OUTBOX[] =
	"UPDATE award_winners SET outbox_id = ?3 WHERE school_id = ?1 AND id = ?2 AND "
	"outbox_id IS NULL";

static void read_winner(struct db_stmt *st, struct award_winner_rec *w)
{
	w->id = db_col_int64(st, 0);
	w->list_id = db_col_int64(st, 1);
	w->pupil_id = db_col_int64(st, 2);
	st_col_copy(st, 3, w->form, sizeof w->form);
	w->rank = db_col_int(st, 4);
	w->value100 = db_col_int64(st, 5);
	w->before100 = st_col_opt_int(st, 6, -1);
	w->sessions = db_col_int(st, 7);
	w->prev_sessions = (int)st_col_opt_int(st, 8, -1);
	w->excluded = db_col_int(st, 9);
	w->included = db_col_int(st, 10);
	w->outbox_id = db_col_int64(st, 11);
	w->rise100 = db_col_int64(st, 12);
}

int store_award_winner_add(struct store *s, int64_t school_id, struct award_winner_rec *w)
{
	struct db_stmt *st = store_prepare(s, SQL_WIN_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, w->list_id);
	st_bind_id_or_null(st, 3, w->pupil_id);
	db_bind_text(st, 4, w->form);
	db_bind_int(st, 5, w->rank);
	db_bind_int64(st, 6, w->value100);
	st_bind_opt_int(st, 7, w->before100, -1);
	db_bind_int(st, 8, w->sessions);
	st_bind_opt_int(st, 9, w->prev_sessions, -1);
	db_bind_int(st, 10, w->excluded);
	db_bind_int(st, 11, w->included);
	st_bind_opt_int(st, 12, w->rise100, 0);
	return st_step_id(s, st, "listing a winner", &w->id);
}

int store_award_winners_each(struct store *s, int64_t school_id, int64_t list_id,
			     store_award_winner_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_WIN_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, list_id);
	struct award_winner_rec rec;
	STEP_EACH(s, st, &rec, read_winner, cb, ctx, "reading winners");
}

int store_award_winner_set_included(struct store *s, int64_t school_id, int64_t list_id,
				    int64_t id, bool included)
{
	struct db_stmt *st = store_prepare(s, SQL_WIN_INCLUDED);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, list_id);
	db_bind_int64(st, 3, id);
	db_bind_int(st, 4, included);
	return st_step_one(s, st, "keeping a winner");
}

int store_award_winner_set_outbox(struct store *s, int64_t school_id, int64_t id, int64_t outbox_id)
{
	struct db_stmt *st = store_prepare(s, SQL_WIN_OUTBOX);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_int64(st, 3, outbox_id);
	return st_step_one(s, st, "recording a praise message");
}

#define EXCL_COLS                                                                            \
	"id, pupil_id, reason, excluded_by, excluded_at, lifted_by, lifted_at, lift_reason"

static const char SQL_EXCL_ADD[] =
	"INSERT INTO recognition_exclusions (school_id, pupil_id, reason, excluded_by, excluded_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING RETURNING id";
static const char SQL_EXCL_LIFT[] =
	"UPDATE recognition_exclusions SET lifted_by = ?3, lifted_at = ?4, lift_reason = ?5 "
	"WHERE school_id = ?1 AND id = ?2 AND lifted_at IS NULL";
static const char SQL_EXCL_EACH[] =
	"SELECT " EXCL_COLS " FROM recognition_exclusions WHERE school_id = ?1 AND "
	"(?2 = 0 OR lifted_at IS NULL) AND (?3 = 0 OR pupil_id = ?3) ORDER BY id DESC";

static void read_exclusion(struct db_stmt *st, struct recog_exclusion_rec *x)
{
	x->id = db_col_int64(st, 0);
	x->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, x->reason, sizeof x->reason);
	st_col_copy(st, 3, x->excluded_by, sizeof x->excluded_by);
	st_col_copy(st, 4, x->excluded_at, sizeof x->excluded_at);
	st_col_copy(st, 5, x->lifted_by, sizeof x->lifted_by);
	st_col_copy(st, 6, x->lifted_at, sizeof x->lifted_at);
	st_col_copy(st, 7, x->lift_reason, sizeof x->lift_reason);
}

int store_recog_exclusion_add(struct store *s, int64_t school_id, struct recog_exclusion_rec *x)
{
	struct db_stmt *st = store_prepare(s, SQL_EXCL_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, x->pupil_id);
	db_bind_text(st, 3, x->reason);
	db_bind_text(st, 4, x->excluded_by);
	db_bind_text(st, 5, x->excluded_at);
	return st_step_new_id(s, st, "excluding a pupil from recognition", &x->id);
}

int store_recog_exclusion_lift(struct store *s, int64_t school_id, int64_t id, const char *by,
			       const char *at, const char *why)
{
	struct db_stmt *st = store_prepare(s, SQL_EXCL_LIFT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, why);
	return st_step_one(s, st, "lifting an exclusion from recognition");
}

int store_recog_exclusions_each(struct store *s, int64_t school_id, bool current_only,
				int64_t pupil_id, store_recog_exclusion_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_EXCL_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int(st, 2, current_only);
	db_bind_int64(st, 3, pupil_id);
	struct recog_exclusion_rec rec;
	STEP_EACH(s, st, &rec, read_exclusion, cb, ctx, "reading exclusions from recognition");
}
