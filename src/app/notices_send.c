/* Sending the notifications (app/notices.h): the first-day notices as an
 * email through the outbox, the local authority's as a CSV file for its
 * portal, or recorded as told another way or dismissed; each closes its
 * task. And the notifications as JSON for the CLI and the web. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/notices.h"
#include "app/output.h"
#include "app/parse.h"
#include "comms/message.h"

struct last_ground {
	char *out;
};

static int keep_ground(void *ctx, const struct leaving_ground_rec *g)
{
	snprintf(((struct last_ground *)ctx)->out, 16, "%s", g->ground);
	return 0;
}

int notices_ground_of(struct store *s, int64_t school_id, int64_t enrolment_id, char out[16],
		      struct app_error *err)
{
	out[0] = '\0';
	struct last_ground lg = {out};
	if (enrolment_id <= 0)
		return 0;
	if (store_leaving_grounds_each(s, school_id, enrolment_id, keep_ground, &lg) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* The enrolment's row in the engine, else the pupil's latest; -1 if none. */
static int row_of(const struct engine *e, const struct notification_rec *n)
{
	int found = -1;
	for (int r = 0; r < e->m.n_rows; r++) {
		if (e->m.rows[r].enrolment_id == n->enrolment_id)
			return r;
		if (e->m.rows[r].pupil_id == n->pupil_id)
			found = r;
	}
	return found;
}

/* An open notification, or the error saying why not. */
static int get_open(struct engine *e, int64_t id, struct notification_rec *n,
		    struct app_error *err)
{
	int rc = store_notification_get(e->store, e->school.id, id, n);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "id", "there is no notification %lld", (long long)id);
	if (strcmp(n->state, "open") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "notification %lld is already %s (by %s at %.16s)",
				(long long)id, n->state, n->done_by, n->done_at);
	return 0;
}

/* Ends it and its task, the same outcome on both. */
static int finish(struct engine *e, const struct notification_rec *n, const char *state,
		  const char *via, int64_t outbox_id, const char *file, const char *sha,
		  const char *by, const char *outcome, struct app_error *err)
{
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = store_notification_finish(e->store, e->school.id, n->id, state, via, outbox_id, file,
					   sha, by, now, outcome);
	if (rc == 0 && n->task_id)
		rc = store_task_finish(e->store, e->school.id, n->task_id, "done", by, now, outcome, 0) < 0
			     ? -1
			     : 0; /* a task someone finished already stays as they left it */
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id", "notification %lld is no longer open",
				(long long)n->id);
	return 0;
}

struct find_contact {
	int64_t id; /* 0: the first of the relationship, by priority */
	struct contact_rec c;
	bool found;
	const char *relationship;
};

static int match_contact(void *ctx, const struct contact_rec *c)
{
	struct find_contact *f = ctx;
	bool match = f->id ? c->id == f->id
			   : !f->found && !c->do_not_contact &&
				     strcmp(c->relationship, f->relationship) == 0;
	if (match) {
		f->c = *c;
		f->found = true;
	}
	return 0;
}

int notices_send_write(struct engine *e, int64_t id, const char *by, struct app_error *err)
{
	struct notification_rec n;
	if (get_open(e, id, &n, err) < 0)
		return -1;
	int kind = notice_kind_parse(n.kind);
	if (notice_recipient((enum notice_kind)kind) == NOTICE_TO_LA)
		return app_fail(err, ERR_INPUT, "id",
				"notification %lld is for the local authority: it goes in the LA's "
				"file (`attend notifications export`), or record how it was sent",
				(long long)id);
	const char *rel = notice_relationship((enum notice_kind)kind);
	/* the contact it was raised for, or (none then) the first of that kind now */
	struct find_contact f = {n.contact_id, .relationship = rel};
	if (store_contacts_each(e->store, e->school.id, n.pupil_id, match_contact, &f) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (!f.found)
		return app_fail(err, ERR_INPUT, "id",
				"the pupil has no %s in their contacts to email: add one, or record how "
				"they were told",
				rel);
	int row = row_of(e, &n);
	if (row < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the pupil of notification %lld is missing",
				(long long)id);
	struct message_request rq = {
		.template_name = kind == NOTICE_SOCIAL_WORKER ? NOTICE_TEMPLATE_SOCIAL_WORKER
							      : NOTICE_TEMPLATE_VIRTUAL_SCHOOL,
		.upn = e->m.rows[row].upn,
		.contact_priority = f.c.priority};
	struct message m;
	if (message_compose(e, &rq, clock_today(), &m, err) < 0)
		return -1;
	int64_t outbox_id = 0;
	int rc = message_queue_write(e, &m, by, &outbox_id, err);
	char outcome[STORE_NOTE_MAX];
	snprintf(outcome, sizeof outcome, "emailed to %s <%s> (outbox message %lld)", m.recipient_name,
		 m.recipient, (long long)outbox_id);
	message_free(&m);
	if (rc < 0)
		return -1;
	return finish(e, &n, "sent", "outbox", outbox_id, NULL, NULL, by, outcome, err);
}

int notices_finish_write(struct engine *e, int64_t id, bool dismiss, const char *note,
			 const char *by, struct app_error *err)
{
	char text[STORE_NOTE_MAX], outcome[STORE_NOTE_MAX + 64];
	if (!note || !*note)
		return app_fail(err, ERR_INPUT, "note",
				dismiss ? "say why the notification is not needed"
					: "say how they were told (a call, a meeting, the LA's own form)");
	if (parse_text_field("note", note, text, sizeof text, 1, err) < 0)
		return -1;
	struct notification_rec n;
	if (get_open(e, id, &n, err) < 0)
		return -1;
	snprintf(outcome, sizeof outcome, "%s: %s", dismiss ? "not needed" : "told another way", text);
	return finish(e, &n, dismiss ? "dismissed" : "sent", dismiss ? NULL : "other", 0, NULL, NULL,
		      by, outcome, err);
}

/* ---- the local authority's file ---- */

const char notices_la_file_header[] =
	"notification,kind,la_code,estab,urn,school,upn,surname,forename,dob,gender,year,form,"
	"admitted,left,ground,ground_text,key_date,trigger_date,due_date,days,detail,contact_name,"
	"contact_relationship,contact_phone,contact_address,contact_postcode";

struct la_list {
	struct notification_rec *v;
	int n;
	int kind;
};

static int collect_la(void *ctx, const struct notification_rec *n)
{
	struct la_list *l = ctx;
	int k = notice_kind_parse(n->kind);
	if (k < 0 || notice_recipient((enum notice_kind)k) != NOTICE_TO_LA ||
	    (l->kind >= 0 && k != l->kind))
		return 0;
	struct notification_rec *grown = realloc(l->v, (size_t)(l->n + 1) * sizeof *grown);
	if (!grown)
		return -1;
	l->v = grown;
	l->v[l->n++] = *n;
	return 0;
}

/* By priority: the first contact with parental responsibility, else the first. */
static int pick_parent(void *ctx, const struct contact_rec *c)
{
	struct find_contact *f = ctx;
	if (!f->found || (c->parental_responsibility && !f->c.parental_responsibility)) {
		f->c = *c;
		f->found = true;
	}
	return 0;
}

static int la_row(struct engine *e, FILE *out, const struct notification_rec *n, const char *ground)
{
	int row = row_of(e, n);
	if (row < 0)
		return -1;
	const struct pupil_row *p = &e->m.rows[row];
	struct find_contact parent = {0};
	if (store_contacts_each(e->store, e->school.id, p->pupil_id, pick_parent, &parent) < 0)
		return -1;
	const struct leaving_ground *g = leaving_ground_find(ground);
	char id[24], dob[DATE_ISO_LEN], adm[DATE_ISO_LEN], left[DATE_ISO_LEN] = "", key[DATE_ISO_LEN],
		trig[DATE_ISO_LEN], due[DATE_ISO_LEN], days[16], sex[2] = {p->gender, 0};
	snprintf(id, sizeof id, "%lld", (long long)n->id);
	snprintf(days, sizeof days, "%d", n->days);
	if (p->left != DATE_OPEN_END)
		date_format(p->left, left);
	const struct contact_rec *c = parent.found ? &parent.c : NULL;
	const char *fields[] = {id,
				n->kind,
				e->school.la_code,
				e->school.estab,
				e->school.urn,
				e->school.name,
				p->upn,
				p->surname,
				p->forename,
				date_format(p->dob, dob),
				sex,
				year_name(p->year),
				e->m.forms[p->form],
				date_format(p->admitted, adm),
				left,
				g ? g->code : "",
				g ? g->label : "",
				date_format(n->key_date, key),
				date_format(n->trigger_date, trig),
				date_format(n->due_date, due),
				days,
				n->detail,
				c ? c->name : "",
				c ? c->relationship : "",
				c ? (c->phone[0] ? c->phone : c->mobile) : "",
				c ? c->address : "",
				c ? c->postcode : ""};
	csv_write_row(out, fields, (int)(sizeof fields / sizeof *fields));
	return 0;
}

int notices_la_file_write(struct engine *e, int kind, const char *file_name, const char *by,
			  char **csv, size_t *len, int *n, int *waiting, struct app_error *err)
{
	*csv = NULL;
	*len = 0;
	*n = *waiting = 0;
	struct la_list l = {.kind = kind};
	char (*grounds)[16] = NULL;
	FILE *out = NULL;
	int ret = -1;
	if (store_notifications_each(e->store, e->school.id, "open", 0, collect_la, &l) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	grounds = calloc((size_t)l.n + 1, sizeof *grounds);
	out = open_memstream(csv, len);
	if (!grounds || !out) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	fputs(notices_la_file_header, out);
	fputc('\n', out);
	int k = 0;
	for (int i = 0; i < l.n; i++) {
		if (notices_ground_of(e->store, e->school.id, l.v[i].enrolment_id, grounds[i], err) < 0)
			goto out;
		if (!grounds[i][0])
			snprintf(grounds[i], sizeof grounds[i], "%s", l.v[i].ground);
		if (notice_kind_parse(l.v[i].kind) == NOTICE_DELETION && !grounds[i][0]) {
			(*waiting)++;
			continue;
		}
		if (la_row(e, out, &l.v[i], grounds[i]) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "writing notification %lld: %s",
				 (long long)l.v[i].id, store_error(e->store));
			goto out;
		}
		l.v[k] = l.v[i];
		k++;
	}
	if (fclose(out) != 0) {
		out = NULL;
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	out = NULL;
	char sha[OUTPUT_SHA256_HEX], outcome[STORE_NOTE_MAX];
	output_sha256(*csv, *len, sha);
	snprintf(outcome, sizeof outcome, "in the local authority's file %s (%d notification%s, "
		 "SHA-256 %.16s…)", file_name, k, k == 1 ? "" : "s", sha);
	for (int i = 0; i < k; i++)
		if (finish(e, &l.v[i], "sent", "file", 0, file_name, sha, by, outcome, err) < 0)
			goto out;
	*n = k;
	ret = 0;
out:
	if (out)
		fclose(out);
	if (ret < 0) {
		free(*csv);
		*csv = NULL;
		*len = 0;
	}
	free(grounds);
	free(l.v);
	return ret;
}

/* ---- as JSON ---- */

struct json_list {
	const struct engine *e;
	json_t *out;
	date_t today;
};

static json_t *date_json(date_t d)
{
	char buf[DATE_ISO_LEN];
	return d == DATE_INVALID ? json_null() : json_string(date_format(d, buf));
}

static int note_json(void *ctx, const struct notification_rec *n)
{
	struct json_list *l = ctx;
	int row = row_of(l->e, n);
	int k = notice_kind_parse(n->kind);
	const struct pupil_row *p = row >= 0 ? &l->e->m.rows[row] : NULL;
	char name[2 * STORE_NAME_MAX + 4] = "";
	if (p)
		snprintf(name, sizeof name, "%s, %s", p->surname, p->forename);
	bool open = strcmp(n->state, "open") == 0;
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:i, s:s, s:s, s:s, s:s, "
		"s:s, s:s, s:s, s:s, s:I}",
		"id", (json_int_t)n->id, "kind", n->kind, "label",
		notice_kind_label((enum notice_kind)k), "to", notice_recipient_label((enum notice_kind)k),
		"upn", p ? p->upn : "", "name", name, "year", p ? year_name(p->year) : "", "form",
		p ? l->e->m.forms[p->form] : "", "key_date", date_json(n->key_date), "trigger_date",
		date_json(n->trigger_date), "due_date", date_json(n->due_date), "overdue",
		open && n->due_date < l->today, "days", n->days, "detail", n->detail, "ground", n->ground,
		"state", n->state, "sent_via", n->sent_via, "outbox_status", n->outbox_status, "file",
		n->file_name, "done_by", n->done_by, "outcome", n->outcome, "task",
		(json_int_t)n->task_id);
	if (!o)
		return -1;
	char at[CLOCK_ISO_LEN];
	json_object_set_new(o, "done_at",
			    n->done_at[0] ? json_string(clock_local_display(n->done_at, at)) : json_null());
	json_object_set_new(o, "raised_at", json_string(clock_local_display(n->raised_at, at)));
	json_object_set_new(o, "raised_by", json_string(n->raised_by));
	json_object_set_new(o, "file_sha256", json_string(n->file_sha256));
	json_array_append_new(l->out, o);
	return 0;
}

json_t *notices_json(const struct engine *e, const char *state, const char *upn, date_t today,
		     struct app_error *err)
{
	int64_t pupil_id = 0;
	if (upn) {
		int row = engine_pupil_row(e, upn);
		if (row < 0) {
			app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upn);
			return NULL;
		}
		pupil_id = e->m.rows[row].pupil_id;
	}
	struct json_list l = {e, json_array(), today};
	if (store_notifications_each(e->store, e->school.id, state, pupil_id, note_json, &l) < 0) {
		json_decref(l.out);
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		return NULL;
	}
	return json_pack("{s:o}", "notifications", l.out);
}
