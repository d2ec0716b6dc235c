/* Recognition in the SQLite backend (migration 0009-leading): the awards
 * a school gives, the lists generated and approved, who is on them, and
 * pupils kept out of public recognition. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_rows.h"
#include "store/store_leading.h"

#define RULE_COLS                                                                            \
	"id, builtin_key, name, kind, period, minimum, top, min_rise100, template, active, "    \
	"created_by, created_at, updated_by, updated_at"

static const char SQL_RULE_INSERT[] =
	"INSERT INTO award_rules (school_id, builtin_key, name, kind, period, minimum, top, "
	"min_rise100, template, active, created_by, created_at, updated_by, updated_at) VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12) "
	"ON CONFLICT (school_id, builtin_key) DO NOTHING";
static const char SQL_RULE_UPDATE[] =
	"UPDATE award_rules SET name = ?3, kind = ?4, period = ?5, minimum = ?6, top = ?7, "
	"min_rise100 = ?8, template = ?9, active = ?10, updated_by = ?11, updated_at = ?12 "
	"WHERE school_id = ?1 AND id = ?13";
static const char SQL_RULE_GET[] = "SELECT " RULE_COLS " FROM award_rules WHERE school_id = ?1 AND id = ?2";
static const char SQL_RULE_EACH[] =
	"SELECT " RULE_COLS " FROM award_rules WHERE school_id = ?1 AND (?2 OR active) ORDER BY id";

static void read_rule(sqlite3_stmt *st, struct award_rule_rec *r)
{
	r->id = sqlite3_column_int64(st, 0);
	sq_col_copy(st, 1, r->builtin_key, sizeof r->builtin_key);
	sq_col_copy(st, 2, r->name, sizeof r->name);
	sq_col_copy(st, 3, r->kind, sizeof r->kind);
	sq_col_copy(st, 4, r->period, sizeof r->period);
	r->minimum = sqlite3_column_int(st, 5);
	r->top = sqlite3_column_int(st, 6);
	r->min_rise100 = sqlite3_column_int64(st, 7);
	sq_col_copy(st, 8, r->template_name, sizeof r->template_name);
	r->active = sqlite3_column_int(st, 9);
	sq_col_copy(st, 10, r->created_by, sizeof r->created_by);
	sq_col_copy(st, 11, r->created_at, sizeof r->created_at);
	sq_col_copy(st, 12, r->updated_by, sizeof r->updated_by);
	sq_col_copy(st, 13, r->updated_at, sizeof r->updated_at);
}

int store_award_rule_save(struct store *s, int64_t school_id, struct award_rule_rec *r)
{
	bool insert = r->id == 0;
	sqlite3_stmt *st = store_prepare(s, insert ? SQL_RULE_INSERT : SQL_RULE_UPDATE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	if (insert)
		sq_bind_text_or_null(st, 2, r->builtin_key);
	sq_bind_text(st, 3, r->name);
	sq_bind_text(st, 4, r->kind);
	sq_bind_text(st, 5, r->period);
	sqlite3_bind_int(st, 6, r->minimum);
	sqlite3_bind_int(st, 7, r->top);
	sqlite3_bind_int64(st, 8, r->min_rise100);
	sq_bind_text(st, 9, r->template_name);
	sqlite3_bind_int(st, 10, r->active);
	sq_bind_text(st, 11, insert ? r->created_by : r->updated_by);
	sq_bind_text(st, 12, insert ? r->created_at : r->updated_at);
	if (insert)
		return sq_insert_unique(s, st, &r->id, "adding an award");
	sqlite3_bind_int64(st, 13, r->id);
	if (sq_step_done(s, st, "changing an award") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_award_rule_get(struct store *s, int64_t school_id, int64_t id, struct award_rule_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_RULE_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	SQ_GET_ROW(s, st, out, read_rule, "reading an award");
}

int store_award_rules_each(struct store *s, int64_t school_id, bool all, store_award_rule_cb cb,
			   void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_RULE_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, all);
	SQ_EACH_ROW(s, st, struct award_rule_rec, read_rule, cb, ctx, "reading awards");
}

#define LIST_COLS                                                                            \
	"id, rule_id, name, kind, period_from, period_to, prev_from, prev_to, status, "         \
	"generated_by, generated_at, decided_by, decided_at, note"

static const char SQL_LIST_INSERT[] =
	"INSERT INTO award_lists (school_id, rule_id, name, kind, period_from, period_to, "
	"prev_from, prev_to, status, generated_by, generated_at, note) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, 'proposed', ?9, ?10, ?11)";
static const char SQL_LIST_GET[] = "SELECT " LIST_COLS " FROM award_lists WHERE school_id = ?1 AND id = ?2";
static const char SQL_LIST_EACH[] =
	"SELECT " LIST_COLS " FROM award_lists WHERE school_id = ?1 ORDER BY id DESC";
static const char SQL_LIST_DECIDE[] =
	"UPDATE award_lists SET status = ?3, decided_by = ?4, decided_at = ?5, note = ?6 "
	"WHERE school_id = ?1 AND id = ?2 AND status = 'proposed'";

static void read_list(sqlite3_stmt *st, struct award_list_rec *l)
{
	l->id = sqlite3_column_int64(st, 0);
	l->rule_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, l->name, sizeof l->name);
	sq_col_copy(st, 3, l->kind, sizeof l->kind);
	l->period_from = sq_col_date(st, 4);
	l->period_to = sq_col_date(st, 5);
	l->prev_from = sq_col_date(st, 6);
	l->prev_to = sq_col_date(st, 7);
	sq_col_copy(st, 8, l->status, sizeof l->status);
	sq_col_copy(st, 9, l->generated_by, sizeof l->generated_by);
	sq_col_copy(st, 10, l->generated_at, sizeof l->generated_at);
	sq_col_copy(st, 11, l->decided_by, sizeof l->decided_by);
	sq_col_copy(st, 12, l->decided_at, sizeof l->decided_at);
	sq_col_copy(st, 13, l->note, sizeof l->note);
}

int store_award_list_insert(struct store *s, int64_t school_id, struct award_list_rec *l)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LIST_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, l->rule_id);
	sq_bind_text(st, 3, l->name);
	sq_bind_text(st, 4, l->kind);
	sq_bind_date(st, 5, l->period_from);
	sq_bind_date(st, 6, l->period_to);
	sq_bind_date(st, 7, l->prev_from);
	sq_bind_date(st, 8, l->prev_to);
	sq_bind_text(st, 9, l->generated_by);
	sq_bind_text(st, 10, l->generated_at);
	sq_bind_text(st, 11, l->note);
	snprintf(l->status, sizeof l->status, "proposed");
	return sq_insert_unique(s, st, &l->id, "generating an award list");
}

int store_award_list_get(struct store *s, int64_t school_id, int64_t id, struct award_list_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LIST_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	SQ_GET_ROW(s, st, out, read_list, "reading an award list");
}

int store_award_lists_each(struct store *s, int64_t school_id, store_award_list_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LIST_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	SQ_EACH_ROW(s, st, struct award_list_rec, read_list, cb, ctx, "reading award lists");
}

int store_award_list_decide(struct store *s, int64_t school_id, int64_t id, const char *status,
			    const char *by, const char *at, const char *note)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LIST_DECIDE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, status);
	sq_bind_text(st, 4, by);
	sq_bind_text(st, 5, at);
	sq_bind_text(st, 6, note ? note : "");
	if (sq_step_done(s, st, "deciding an award list") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

#define WIN_COLS                                                                             \
	"id, list_id, pupil_id, form, rank, value100, before100, sessions, prev_sessions, "     \
	"excluded, included, outbox_id, rise100"

static const char SQL_WIN_ADD[] =
	"INSERT INTO award_winners (school_id, list_id, pupil_id, form, rank, value100, before100, "
	"sessions, prev_sessions, excluded, included, rise100) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12)";
static const char SQL_WIN_EACH[] =
	"SELECT " WIN_COLS " FROM award_winners WHERE school_id = ?1 AND list_id = ?2 "
	"ORDER BY rank, id";
static const char SQL_WIN_INCLUDED[] =
	"UPDATE award_winners SET included = ?4 WHERE school_id = ?1 AND list_id = ?2 AND id = ?3";
static const char SQL_WIN_OUTBOX[] =
	"UPDATE award_winners SET outbox_id = ?3 WHERE school_id = ?1 AND id = ?2 AND "
	"outbox_id IS NULL";

static void read_winner(sqlite3_stmt *st, struct award_winner_rec *w)
{
	w->id = sqlite3_column_int64(st, 0);
	w->list_id = sqlite3_column_int64(st, 1);
	w->pupil_id = sqlite3_column_int64(st, 2);
	sq_col_copy(st, 3, w->form, sizeof w->form);
	w->rank = sqlite3_column_int(st, 4);
	w->value100 = sqlite3_column_int64(st, 5);
	w->before100 = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6);
	w->sessions = sqlite3_column_int(st, 7);
	w->prev_sessions = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 8);
	w->excluded = sqlite3_column_int(st, 9);
	w->included = sqlite3_column_int(st, 10);
	w->outbox_id = sqlite3_column_int64(st, 11);
	w->rise100 = sqlite3_column_int64(st, 12);
}

int store_award_winner_add(struct store *s, int64_t school_id, struct award_winner_rec *w)
{
	sqlite3_stmt *st = store_prepare(s, SQL_WIN_ADD);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, w->list_id);
	sq_bind_id_or_null(st, 3, w->pupil_id);
	sq_bind_text(st, 4, w->form);
	sqlite3_bind_int(st, 5, w->rank);
	sqlite3_bind_int64(st, 6, w->value100);
	if (w->before100 < 0)
		sqlite3_bind_null(st, 7);
	else
		sqlite3_bind_int64(st, 7, w->before100);
	sqlite3_bind_int(st, 8, w->sessions);
	if (w->prev_sessions < 0)
		sqlite3_bind_null(st, 9);
	else
		sqlite3_bind_int(st, 9, w->prev_sessions);
	sqlite3_bind_int(st, 10, w->excluded);
	sqlite3_bind_int(st, 11, w->included);
	if (w->rise100)
		sqlite3_bind_int64(st, 12, w->rise100);
	else
		sqlite3_bind_null(st, 12);
	return sq_insert_unique(s, st, &w->id, "listing a winner") == 0 ? 0 : -1;
}

int store_award_winners_each(struct store *s, int64_t school_id, int64_t list_id,
			     store_award_winner_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_WIN_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, list_id);
	SQ_EACH_ROW(s, st, struct award_winner_rec, read_winner, cb, ctx, "reading winners");
}

int store_award_winner_set_included(struct store *s, int64_t school_id, int64_t list_id,
				    int64_t id, bool included)
{
	sqlite3_stmt *st = store_prepare(s, SQL_WIN_INCLUDED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, list_id);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int(st, 4, included);
	if (sq_step_done(s, st, "keeping a winner") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_award_winner_set_outbox(struct store *s, int64_t school_id, int64_t id, int64_t outbox_id)
{
	sqlite3_stmt *st = store_prepare(s, SQL_WIN_OUTBOX);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, outbox_id);
	if (sq_step_done(s, st, "recording a praise message") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

#define EXCL_COLS                                                                            \
	"id, pupil_id, reason, excluded_by, excluded_at, lifted_by, lifted_at, lift_reason"

static const char SQL_EXCL_ADD[] =
	"INSERT INTO recognition_exclusions (school_id, pupil_id, reason, excluded_by, excluded_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_EXCL_LIFT[] =
	"UPDATE recognition_exclusions SET lifted_by = ?3, lifted_at = ?4, lift_reason = ?5 "
	"WHERE school_id = ?1 AND id = ?2 AND lifted_at IS NULL";
static const char SQL_EXCL_EACH[] =
	"SELECT " EXCL_COLS " FROM recognition_exclusions WHERE school_id = ?1 AND "
	"(?2 = 0 OR lifted_at IS NULL) AND (?3 = 0 OR pupil_id = ?3) ORDER BY id DESC";

static void read_exclusion(sqlite3_stmt *st, struct recog_exclusion_rec *x)
{
	x->id = sqlite3_column_int64(st, 0);
	x->pupil_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, x->reason, sizeof x->reason);
	sq_col_copy(st, 3, x->excluded_by, sizeof x->excluded_by);
	sq_col_copy(st, 4, x->excluded_at, sizeof x->excluded_at);
	sq_col_copy(st, 5, x->lifted_by, sizeof x->lifted_by);
	sq_col_copy(st, 6, x->lifted_at, sizeof x->lifted_at);
	sq_col_copy(st, 7, x->lift_reason, sizeof x->lift_reason);
}

int store_recog_exclusion_add(struct store *s, int64_t school_id, struct recog_exclusion_rec *x)
{
	sqlite3_stmt *st = store_prepare(s, SQL_EXCL_ADD);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, x->pupil_id);
	sq_bind_text(st, 3, x->reason);
	sq_bind_text(st, 4, x->excluded_by);
	sq_bind_text(st, 5, x->excluded_at);
	return sq_insert_unique(s, st, &x->id, "excluding a pupil from recognition");
}

int store_recog_exclusion_lift(struct store *s, int64_t school_id, int64_t id, const char *by,
			       const char *at, const char *why)
{
	sqlite3_stmt *st = store_prepare(s, SQL_EXCL_LIFT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, by);
	sq_bind_text(st, 4, at);
	sq_bind_text(st, 5, why);
	if (sq_step_done(s, st, "lifting an exclusion from recognition") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_recog_exclusions_each(struct store *s, int64_t school_id, bool current_only,
				int64_t pupil_id, store_recog_exclusion_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_EXCL_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, current_only);
	sqlite3_bind_int64(st, 3, pupil_id);
	SQ_EACH_ROW(s, st, struct recog_exclusion_rec, read_exclusion, cb, ctx,
		    "reading exclusions from recognition");
}
