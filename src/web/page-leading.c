/* GET /leading: where the senior attendance champion runs the work of
 * leading attendance: the self-assessment, the action plan, the monitoring
 * schedule and recognition, each with where it stands today. */
#include <stdio.h>
#include <string.h>

#include "app/monitoring.h"
#include "app/plan.h"
#include "app/selfassess.h"
#include "web/html.h"
#include "web/leading.h"
#include "web/web.h"

static int count_proposed(void *ctx, const struct award_list_rec *l)
{
	*(int *)ctx += strcmp(l->status, "proposed") == 0;
	return 0;
}

int page_leading(struct web_req *r)
{
	struct app_error err = {0};
	struct engine view;
	struct leading_ctx x;
	char public_url[256];
	struct plan_view v;
	struct mon_list today;
	struct mon_summary half = {0};
	struct sa_compare c;
	int proposed = 0;
	date_t hf, ht;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	int rc = plan_view_load(&view, r->rd, x.today, false, &v, &err);
	if (rc == 0 && (rc = mon_open_on(&x, x.today, NULL, &today, &err)) < 0)
		plan_view_free(&v);
	if (rc == 0 && leading_half_term(&view, x.today, &hf, &ht))
		mon_summary(&x, hf, x.today - 1, &half, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	if (sa_compare_build(r->rd, view.school.id, &c, &err) < 0 ||
	    store_award_lists_each(r->rd, view.school.id, count_proposed, &proposed) < 0) {
		plan_view_free(&v);
		mon_list_free(&today);
		return web_error(r, &err);
	}
	int due = 0, done = 0;
	for (int i = 0; i < today.n; i++) {
		if (today.v[i].occ.due != x.today)
			continue;
		due++;
		done += today.v[i].state == SS_DONE;
	}
	struct html h = {0};
	html_begin(&h, r, "Leading attendance");
	html_lit(&h, "<h1>Leading attendance <small>");
	html_txt(&h, view.school.name);
	html_lit(&h, "</small></h1><div class=\"fd-list leading\">");
	html_lit(&h, "<article class=\"card\" id=\"hub-sa\"><h2><a href=\"/self-assessment\">"
		     "Self-assessment</a></h2><p>");
	if (c.n) {
		html_int(&h, c.n);
		html_txt(&h, c.n == 1 ? " assessment; the latest held on " : " assessments; the latest held on ");
		html_date_words(&h, c.a[c.n - 1].held_on);
		html_txt(&h, strcmp(c.a[c.n - 1].status, "draft") ? "." : " (a draft).");
	} else {
		html_lit(&h, "None yet: the toolkit's questions are ready.");
	}
	html_lit(&h, "</p></article><article class=\"card\" id=\"hub-plan\"><h2><a href=\"/plan\">The "
		     "action plan</a></h2><p>");
	html_txtf(&h, "%d target%s (%d off track), %d action%s (%d overdue), %d review meeting%s.",
		  v.n_targets, v.n_targets == 1 ? "" : "s", v.off_track, v.n_actions,
		  v.n_actions == 1 ? "" : "s", v.overdue, v.n_reviews, v.n_reviews == 1 ? "" : "s");
	html_lit(&h, "</p></article><article class=\"card\" id=\"hub-schedule\"><h2><a "
		     "href=\"/schedule\">The monitoring schedule</a></h2><p>");
	html_txtf(&h, "Today: %d of %d tasks due done. This half-term: %d done, %d missed.", done, due,
		  half.done, half.missed);
	html_lit(&h, " <a href=\"/schedule/missed\">What was missed</a></p></article><article "
		     "class=\"card\" id=\"hub-recognition\"><h2><a href=\"/recognition\">Recognition"
		     "</a></h2><p>");
	html_txtf(&h, "%d list%s waiting for approval.", proposed, proposed == 1 ? "" : "s");
	html_lit(&h, "</p></article></div>");
	sa_compare_free(&c);
	plan_view_free(&v);
	mon_list_free(&today);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
