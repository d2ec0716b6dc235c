#include "app/contact_log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "app/parse.h"

bool contact_log_channel_ok(const char *channel)
{
	static const char *ok[] = {"text", "email", "call", "letter", "home_visit", "meeting"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (channel && strcmp(channel, ok[i]) == 0)
			return true;
	return false;
}

int contact_log_parse_time(const char *field, const char *text, char out[STORE_TIME_LEN],
			   struct app_error *err)
{
	struct tm tm = {0};
	char tail;
	if (!text || sscanf(text, "%4d-%2d-%2dT%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			    &tm.tm_hour, &tm.tm_min, &tail) != 5 || strlen(text) != 16 ||
	    date_parse((char[11]){text[0], text[1], text[2], text[3], '-', text[5], text[6], '-',
				  text[8], text[9], 0}) == DATE_INVALID ||
	    tm.tm_hour > 23 || tm.tm_min > 59)
		return app_fail(err, ERR_INPUT, field, "%s '%s' is not a local time YYYY-MM-DDTHH:MM",
				field, text ? text : "");
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	struct timespec t = {.tv_sec = mktime(&tm)};
	if (t.tv_sec > clock_now().tv_sec + 60)
		return app_fail(err, ERR_INPUT, field, "%s %s is in the future", field, text);
	clock_iso_utc(t, out);
	return 0;
}

/* Appends one version in the open transaction. */
static int append(struct engine *e, struct contact_log_rec *r, const struct actor *who,
		  struct app_error *err)
{
	snprintf(r->recorded_by, sizeof r->recorded_by, "%s", who->user);
	snprintf(r->source, sizeof r->source, "%s", who->source);
	if (store_contact_log_append(e->store, e->school.id, r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int contact_log_add(struct engine *e, const struct contact_log_request *rq, const struct actor *who,
		    int64_t *entry, struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	return engine_end(e, contact_log_add_write(e, rq, who, entry, err), err);
}

int contact_log_amend(struct engine *e, const struct contact_log_change *ch, const struct actor *who,
		      int *version, struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	return engine_end(e, contact_log_amend_write(e, ch, who, version, err), err);
}

int contact_log_add_write(struct engine *e, const struct contact_log_request *rq,
			  const struct actor *who, int64_t *entry, struct app_error *err)
{
	struct contact_log_rec r = {0};
	if (!contact_log_channel_ok(rq->channel))
		return app_fail(err, ERR_INPUT, "channel", "channel '%s' is not one of " CONTACT_LOG_CHANNELS,
				rq->channel ? rq->channel : "");
	const char *dir = rq->direction ? rq->direction : "out";
	if (strcmp(dir, "out") && strcmp(dir, "in"))
		return app_fail(err, ERR_INPUT, "direction",
				"direction '%s' is not out (the school made contact) or in", dir);
	int row = engine_pupil_row(e, rq->upn);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", rq->upn);
	if (parse_text_field("outcome", rq->outcome, r.outcome, sizeof r.outcome, 1, err) < 0)
		return -1;
	if ((rq->to_priority > 0) == (rq->to_name && *rq->to_name))
		return app_fail(err, ERR_INPUT, "to",
				"say who the contact was with: a contact's priority or a name, one of the two");
	r.pupil_id = e->m.rows[row].pupil_id;
	if (rq->to_priority > 0) {
		struct contact_rec c;
		int rc = contacts_get(e, r.pupil_id, rq->to_priority, &c, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "to", "pupil %s has no contact of priority %d",
					rq->upn, rq->to_priority);
		r.contact_id = c.id;
		snprintf(r.contact_name, sizeof r.contact_name, "%s, %s", c.name, c.relationship);
	} else if (parse_text_field("to", rq->to_name, r.contact_name, sizeof r.contact_name, 1, err) < 0) {
		return -1;
	}
	clock_iso_utc(clock_now(), r.recorded_at);
	if (rq->at) {
		if (contact_log_parse_time("at", rq->at, r.happened_at, err) < 0)
			return -1;
	} else {
		snprintf(r.happened_at, sizeof r.happened_at, "%s", r.recorded_at);
	}
	r.follow_up = rq->follow_up;
	if (r.follow_up != DATE_INVALID && r.follow_up < clock_today()) {
		char d[DATE_ISO_LEN];
		return app_fail(err, ERR_INPUT, "follow_up", "follow-up %s is in the past",
				date_format(r.follow_up, d));
	}
	snprintf(r.channel, sizeof r.channel, "%s", rq->channel);
	snprintf(r.direction, sizeof r.direction, "%s", dir);
	snprintf(r.staff, sizeof r.staff, "%s", who->user);
	if (append(e, &r, who, err) < 0)
		return -1;
	*entry = r.entry;
	return 0;
}

int contact_log_amend_write(struct engine *e, const struct contact_log_change *ch,
			    const struct actor *who, int *version, struct app_error *err)
{
	struct contact_log_rec r;
	char reason[512];
	if (parse_text_field("reason", ch->reason, reason, sizeof reason, 1, err) < 0)
		return -1;
	if (!ch->outcome && ch->follow_up == DATE_INVALID && !ch->clear_follow_up)
		return app_fail(err, ERR_INPUT, "outcome", "nothing to amend: give an outcome or a follow-up");
	int rc = store_contact_log_get(e->store, e->school.id, ch->entry, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "entry", "no contact log entry %lld", (long long)ch->entry);
	if (ch->outcome && parse_text_field("outcome", ch->outcome, r.outcome, sizeof r.outcome, 1, err) < 0)
		return -1;
	if (ch->clear_follow_up)
		r.follow_up = DATE_INVALID;
	else if (ch->follow_up != DATE_INVALID)
		r.follow_up = ch->follow_up;
	r.version++;
	snprintf(r.reason, sizeof r.reason, "%s", reason);
	clock_iso_utc(clock_now(), r.recorded_at);
	if (append(e, &r, who, err) < 0)
		return -1;
	*version = r.version;
	return 0;
}
