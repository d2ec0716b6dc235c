/* The register page (GET/POST /registers/FORM/DATE/SESSION and, through
 * register_page(), the lesson registers): every pupil on roll, the mark
 * before, present in one tap or key, other codes from the school's short
 * list or the full list, minutes late for L and U. It works as a plain
 * form; app.js adds the keyboard and saves through the API without
 * reloading. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/register_page.h"

#define FIELD_CODE "code."
#define FIELD_OTHER "other."
#define FIELD_LATE "late."

/* What a row shows: the saved mark, or on a failed save what was sent. */
struct shown {
	enum code code;
	int minutes;
};

static struct shown shown_mark(struct web_req *r, const struct pupil_row *p,
			       const struct register_view_row *vr, bool from_form)
{
	struct shown s = {vr->code != CODE_NONE ? vr->code : vr->known, vr->minutes};
	if (!from_form)
		return s;
	char name[32];
	snprintf(name, sizeof name, FIELD_OTHER "%s", p->upn);
	const char *v = web_form_value(r, name);
	if (!v || !*v) {
		snprintf(name, sizeof name, FIELD_CODE "%s", p->upn);
		v = web_form_value(r, name);
	}
	s.code = v ? code_parse(v) : CODE_NONE;
	snprintf(name, sizeof name, FIELD_LATE "%s", p->upn);
	v = web_form_value(r, name);
	s.minutes = v ? atoi(v) : 0;
	return s;
}

static void code_chip(struct html *h, const char *upn, enum code c, enum session ses, bool checked,
		      const char *cls)
{
	html_lit(h, "<label class=\"chip");
	html_txt(h, cls);
	html_lit(h, "\" title=\"");
	html_attr(h, code_info(c)->meaning);
	html_lit(h, "\"><input type=\"radio\" name=\"" FIELD_CODE);
	html_attr(h, upn);
	html_lit(h, "\" value=\"");
	html_attr(h, c == CODE_PRESENT ? "/" : code_info(c)->text);
	if (checked)
		html_lit(h, "\" checked>");
	else
		html_lit(h, "\">");
	html_lit(h, "<span>");
	html_txt(h, code_text(c, ses));
	html_lit(h, "</span></label>");
}

static bool in_short_list(const struct register_view *v, const struct register_view_row *vr,
			  enum code c)
{
	if (c == CODE_PRESENT || c == vr->known)
		return true;
	for (int i = 0; i < v->n_codes; i++)
		if (v->codes[i] == c)
			return true;
	return false;
}

static void pupil_row(struct html *h, struct web_req *r, const struct register_view *v,
		      const struct register_view_row *vr, bool from_form)
{
	const struct engine *e = &r->srv->e;
	const struct pupil_row *pr = &e->m.rows[vr->row];
	char d[DATE_ISO_LEN];
	struct shown s = shown_mark(r, pr, vr, from_form);
	html_lit(h, "<tr class=\"pupil\" tabindex=\"-1\" data-upn=\"");
	html_attr(h, pr->upn);
	html_lit(h, "\"><th scope=\"row\"><a href=\"/pupils/");
	html_url_seg(h, pr->upn);
	html_lit(h, "/history?date=");
	html_txt(h, date_format(v->date, d));
	html_lit(h, "&amp;session=");
	html_txt(h, session_name(v->session));
	html_lit(h, "\">");
	html_txt(h, pr->surname);
	html_lit(h, ", ");
	html_txt(h, pr->forename);
	html_lit(h, "</a>");
	if (vr->known != CODE_NONE) {
		html_lit(h, "<small class=\"known\">");
		html_txt(h, vr->known_text);
		html_lit(h, "</small>");
	}
	html_lit(h, "</th><td class=\"prev\" title=\"");
	html_attr(h, v->last_title);
	html_lit(h, "\">");
	html_txt(h, vr->last[0] ? vr->last : "–");
	html_lit(h, "</td><td class=\"mark\"><fieldset class=\"codes\"><legend class=\"sr\">Mark for ");
	html_txt(h, pr->forename);
	html_lit(h, " ");
	html_txt(h, pr->surname);
	html_lit(h, "</legend>");
	code_chip(h, pr->upn, CODE_PRESENT, v->session, s.code == CODE_PRESENT, " present");
	if (vr->known != CODE_NONE && vr->known != CODE_PRESENT)
		code_chip(h, pr->upn, vr->known, v->session, s.code == vr->known, " known");
	for (int i = 0; i < v->n_codes; i++)
		if (v->codes[i] != vr->known)
			code_chip(h, pr->upn, v->codes[i], v->session, s.code == v->codes[i], "");
	html_lit(h, "<select name=\"" FIELD_OTHER);
	html_attr(h, pr->upn);
	html_lit(h, "\" aria-label=\"Other code\"><option value=\"\">More…</option>");
	for (int c = CODE_PRESENT + 1; c < CODE__MAX; c++) {
		const struct code_info *ci = code_info((enum code)c);
		if ((ci->flags & CODE_FLAG_LEGACY) || in_short_list(v, vr, (enum code)c))
			continue;
		html_lit(h, "<option value=\"");
		html_attr(h, ci->text);
		if (s.code == (enum code)c)
			html_lit(h, "\" selected>");
		else
			html_lit(h, "\">");
		html_txt(h, ci->text);
		html_lit(h, " – ");
		html_txt(h, ci->meaning);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></fieldset><label class=\"late\">Minutes late <input type=\"number\" "
		    "inputmode=\"numeric\" min=\"0\" max=\"300\" name=\"" FIELD_LATE);
	html_attr(h, pr->upn);
	html_lit(h, "\" value=\"");
	if (s.minutes > 0)
		html_int(h, s.minutes);
	html_lit(h, "\"></label></td></tr>\n");
}

static void flash_saved(struct html *h, struct web_req *r)
{
	const char *saved = web_query(r, "saved");
	if (!saved)
		return;
	const char *rec = web_query(r, "recorded"), *am = web_query(r, "amended"),
		   *u = web_query(r, "late_u"), *missing = web_query(r, "missing");
	html_lit(h, "<p class=\"flash good\" role=\"status\" id=\"saved\">Saved. ");
	html_txtf(h, "%d recorded, %d amended.", rec ? atoi(rec) : 0, am ? atoi(am) : 0);
	if (u && atoi(u) > 0)
		html_txtf(h, " %d late arrival%s after the register closed recorded as U.", atoi(u),
			  atoi(u) == 1 ? "" : "s");
	if (missing && atoi(missing) > 0)
		html_txtf(h, " %d pupil%s seen earlier today %s now on the office's missing list.",
			  atoi(missing), atoi(missing) == 1 ? "" : "s", atoi(missing) == 1 ? "is" : "are");
	html_lit(h, "</p>");
}

void register_page(struct html *h, struct web_req *r, const struct register_view *v,
		   const char *error, bool from_form)
{
	char longd[40], title[128], when[CLOCK_ISO_LEN];
	snprintf(title, sizeof title, "%s %s register", v->title, v->badge);
	html_begin(h, r, title);
	html_lit(h, "<h1>");
	html_txt(h, v->title);
	html_lit(h, " <span class=\"ses\">");
	html_txt(h, v->badge);
	html_lit(h, "</span> <small>");
	html_txt(h, html_long_date(v->date, longd));
	html_lit(h, "</small></h1><p class=\"status\" id=\"register-status\"><span id=\"taken\">");
	if (v->n_events) {
		html_lit(h, "<span class=\"state taken\">Taken</span> by ");
		html_txt(h, v->first_by);
		html_lit(h, " at ");
		html_txt(h, clock_local_display(v->first_at, when));
		if (v->n_events > 1) {
			html_lit(h, "; last changed by ");
			html_txt(h, v->last_by);
			html_lit(h, " at ");
			html_txt(h, clock_local_display(v->last_at, when));
		}
	} else {
		html_lit(h, "<span class=\"state open\">Not taken yet</span>");
	}
	html_lit(h, "</span>. ");
	html_txt(h, v->note);
	html_lit(h, "</p>");
	if (error) {
		html_lit(h, "<p class=\"flash bad\" role=\"alert\" id=\"error\">");
		html_txt(h, error);
		html_lit(h, "</p>");
	}
	flash_saved(h, r);
	html_lit(h, "<p class=\"flash\" role=\"status\" id=\"live\" hidden></p>"
		    "<form method=\"post\" class=\"register-form\" id=\"register\" action=\"");
	html_attr(h, v->href);
	html_lit(h, "\" data-api=\"/api");
	html_attr(h, v->href);
	html_lit(h, "\" data-session=\"");
	html_txt(h, session_name(v->session));
	html_lit(h, "\" data-taken=\"");
	html_int(h, v->n_events > 0);
	html_lit(h, "\">");
	html_csrf(h, r);
	html_lit(h, "<p class=\"hint keys\">Keyboard: <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>/</kbd> or "
		    "<kbd>space</kbd> present, a letter for a code (<kbd>L</kbd> asks minutes late), "
		    "<kbd>Enter</kbd> saves.</p>"
		    "<table class=\"register\"><thead><tr><th scope=\"col\">Pupil</th>"
		    "<th scope=\"col\" class=\"prev\">Last</th><th scope=\"col\">Mark</th></tr>"
		    "</thead><tbody>\n");
	for (int i = 0; i < v->n_rows; i++)
		pupil_row(h, r, v, &v->rows[i], from_form);
	if (v->n_rows == 0) {
		html_lit(h, "<tr><td colspan=\"3\">");
		html_txt(h, v->empty);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table><div class=\"save-bar\"><label class=\"reason\">Reason for a "
		    "change <small>(needed to change a mark already saved)</small>"
		    "<input name=\"reason\" maxlength=\"500\" autocomplete=\"off\" value=\"");
	if (from_form)
		html_attr(h, web_form_value(r, "reason"));
	html_lit(h, "\"></label><button type=\"button\" class=\"js-only\" id=\"all-present\">"
		    "Unmarked pupils present</button><button type=\"submit\" class=\"primary\" "
		    "id=\"save\">Save register</button></div></form>");
	html_end(h, r);
}

/* One pupil's mark from the form: the chip ticked, unless a code was
 * chosen from "More…", and the minutes late. NULL or a message. */
static const char *form_mark(struct web_req *r, const char *upn, const char *chip,
			     struct register_mark *m)
{
	char other[32], late[32];
	snprintf(other, sizeof other, FIELD_OTHER "%s", upn);
	snprintf(late, sizeof late, FIELD_LATE "%s", upn);
	const char *code = web_form_value(r, other), *minutes = web_form_value(r, late);
	if (!code || !*code)
		code = chip;
	if (strlen(upn) > UPN_LEN || !code || (m->asked = code_parse(code)) == CODE_NONE)
		return "A mark is not a register code: please choose again.";
	snprintf(m->upn, sizeof m->upn, "%s", upn);
	m->minutes_late = -1;
	if (minutes && *minutes) {
		char *end;
		long v = strtol(minutes, &end, 10);
		if (*end || v < 0 || v > 300)
			return "Minutes late must be a whole number from 0 to 300.";
		m->minutes_late = (int)v;
	}
	return NULL;
}

const char *register_form_marks(struct web_req *r, struct register_mark **marks, int *n)
{
	*n = 0;
	*marks = calloc((size_t)(r->n_form ? r->n_form : 1), sizeof **marks);
	if (!*marks)
		return "The server ran out of memory: nothing was saved.";
	const char *bad = NULL;
	const size_t lc = strlen(FIELD_CODE), lo = strlen(FIELD_OTHER);
	for (int i = 0; i < r->n_form && !bad; i++) {
		const char *name = r->form[i].name;
		if (strncmp(name, FIELD_CODE, lc) == 0) {
			bad = form_mark(r, name + lc, r->form[i].value, &(*marks)[(*n)++]);
		} else if (strncmp(name, FIELD_OTHER, lo) == 0 && *r->form[i].value) {
			/* a code chosen only from "More…", with no chip ticked */
			char chip[32];
			snprintf(chip, sizeof chip, FIELD_CODE "%s", name + lo);
			if (!web_form_value(r, chip))
				bad = form_mark(r, name + lo, NULL, &(*marks)[(*n)++]);
		}
	}
	if (!bad && *n == 0)
		bad = "No pupil has a mark yet: choose a mark for each pupil, then save.";
	if (bad) {
		free(*marks);
		*marks = NULL;
	}
	return bad;
}

int register_page_saved(struct web_req *r, int recorded, int amended, int late_u, int missing)
{
	char loc[700];
	snprintf(loc, sizeof loc, "%s?saved=1&recorded=%d&amended=%d&late_u=%d&missing=%d", r->path,
		 recorded, amended, late_u, missing);
	return web_redirect(r, loc);
}

void register_view_event(struct register_view *v, const char *by, const char *at)
{
	if (v->n_events++ == 0) {
		snprintf(v->first_by, sizeof v->first_by, "%s", by);
		snprintf(v->first_at, sizeof v->first_at, "%s", at);
	}
	snprintf(v->last_by, sizeof v->last_by, "%s", by);
	snprintf(v->last_at, sizeof v->last_at, "%s", at);
}

int register_page_answer(struct web_req *r, struct register_view *v, int *order, int n,
			 int status, const char *error, bool from_form)
{
	struct html h = {0};
	if (v->rows)
		register_page(&h, r, v, error, from_form);
	pthread_rwlock_unlock(&r->srv->lock);
	if (n >= 0)
		free(order);
	bool oom = n < 0 || !v->rows;
	free(v->rows);
	v->rows = NULL;
	if (oom) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	return html_send(&h, r, status);
}

/* ---- the form register ---- */

static int note_event(void *ctx, const struct register_event *ev)
{
	register_view_event(ctx, ev->taken_by, ev->taken_at);
	return 0;
}

static int render(struct web_req *r, int status, const char *error, bool from_form)
{
	struct app_error err = {0};
	struct register_path p;
	const struct engine *e = &r->srv->e;
	char t[6], note[160];
	struct register_view v = {0};
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_register_path(r, &p, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const char *form = e->m.forms[p.form];
	if (store_register_events(r->rd, e->school.id, form, p.date, p.session, note_event, &v) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	struct html href = {0};
	web_register_href(&href, form, p.date, p.session);
	snprintf(v.href, sizeof v.href, "%s", href.buf ? href.buf : "");
	free(href.buf);
	snprintf(note, sizeof note, "The register closes at %s: a pupil arriving later is recorded as U.",
		 register_time_text(r->srv->rs.close[p.session], t));
	v.title = form;
	v.badge = session_name(p.session);
	v.date = p.date;
	v.session = p.session;
	v.codes = r->srv->rs.codes;
	v.n_codes = r->srv->rs.n_codes;
	v.note = note;
	v.last_title = "the session before";
	v.empty = "No pupils are on roll in this form that day.";
	int col = calendar_session_col(&e->cal, p.date, p.session);
	int *order, n = web_register_rows(e, &p, &order);
	v.rows = calloc((size_t)(n > 0 ? n : 1), sizeof *v.rows);
	for (int i = 0; v.rows && i < n; i++) {
		struct register_view_row *vr = &v.rows[v.n_rows++];
		int row = order[i];
		const struct pupil_row *pr = &e->m.rows[row];
		vr->row = row;
		vr->code = (enum code)matrix_row_cells(&e->m, row)[col];
		vr->minutes = matrix_minutes_late(&e->m, row, col);
		if (col > 0 && col - 1 >= pr->first_col) {
			uint8_t pc = matrix_row_cells(&e->m, row)[col - 1];
			if (pc != CODE_NONE)
				snprintf(vr->last, sizeof vr->last, "%s", code_text(pc, (enum session)((col - 1) % 2)));
		}
	}
	return register_page_answer(r, &v, order, n, status, error, from_form);
}

int page_register_get(struct web_req *r)
{
	return render(r, 200, NULL, false);
}

static int saved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0) {
		int status = web_status_of(j->err.kind);
		return status >= 500 ? web_error(r, &j->err) : render(r, status, j->err.message, true);
	}
	const struct register_outcome *o = web_register_outcome(j);
	const struct register_submission *sub = web_register_submission(j);
	int late_u = 0;
	for (int i = 0; i < sub->n_marks; i++)
		late_u += sub->marks[i].asked != sub->marks[i].code;
	return register_page_saved(r, o->recorded, o->amended, late_u, 0);
}

int page_register_post(struct web_req *r)
{
	struct app_error err = {0};
	struct register_path p;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_register_path(r, &p, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct register_mark *marks;
	int n;
	const char *bad = register_form_marks(r, &marks, &n);
	if (bad)
		return render(r, 400, bad, true);
	rc = web_submit_register(r, &p, marks, n, web_form_value(r, "reason"), saved);
	if (rc == 0 && r->status >= 400 && r->status < 500) /* refused before writing */
		return render(r, r->status, r->last_error, true);
	return rc;
}
