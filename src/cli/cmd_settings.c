/* `attend settings`: the school's settings, each checked against its rule
 * before it is saved. Secrets are never printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/clock.h"
#include "app/contacts.h"
#include "app/firstday.h"
#include "app/monitoring.h"
#include "app/notices.h"
#include "app/transition.h"
#include "app/parse.h"
#include "cli/commands.h"
#include "app/leave.h"
#include "comms/lang.h"
#include "core/school_bands.h"

enum setting_kind { S_TEXT, S_PHONE, S_EMAIL, S_SMTP_URL, S_HTTP_URL, S_STARTTLS, S_INT, S_SECRET,
		    S_SENDER, S_PATH, S_FIRST_DAY, S_TIME_OR_OFF, S_NOTIFY, S_CASEWORK, S_BANDS,
		    S_DECIDERS };

static const struct setting {
	const char *key;
	enum setting_kind kind;
	long min, max;
	bool per_language; /* KEY.LANG may be set too */
	const char *help;
} settings[] = {
	{"school_address", S_TEXT, 0, 0, true, "the school's address, parts separated by commas"},
	{"school_phone", S_PHONE, 0, 0, false, "the school's phone number"},
	{"school_email", S_EMAIL, 0, 0, false, "the school's email address (Reply-To of emails)"},
	{"head_teacher", S_TEXT, 0, 0, true, "the head teacher's name"},
	{"attendance_lead", S_TEXT, 0, 0, true, "the attendance lead's name"},
	{"support_offer", S_TEXT, 0, 0, true, "what the school offers families, in a phrase"},
	{"lessons_per_day", S_INT, 1, 12, false, "lessons in a school day (default 5)"},
	{"school_day_minutes", S_INT, 60, 720, false, "minutes in a school day (default 390)"},
	{"smtp_url", S_SMTP_URL, 0, 0, false, "the mail server: smtp://host:587 or smtps://host:465"},
	{"smtp_user", S_TEXT, 0, 0, false, "the mail server login (AUTH)"},
	{"smtp_password", S_SECRET, 0, 0, false, "the mail server password"},
	{"smtp_from", S_EMAIL, 0, 0, false, "the address emails come from"},
	{"smtp_from_name", S_TEXT, 0, 0, false, "the name emails come from (default: the school's)"},
	{"smtp_starttls", S_STARTTLS, 0, 0, false, "optional (default), required or off"},
	{"smtp_ca_file", S_PATH, 0, 0, false, "a CA certificate file to trust for TLS"},
	{"sms_url", S_HTTP_URL, 0, 0, false, "the SMS gateway's endpoint: https://..."},
	{"sms_token", S_SECRET, 0, 0, false, "the SMS gateway's bearer token"},
	{"sms_sender", S_SENDER, 0, 0, false, "the sender name of texts: up to 11 letters and digits"},
	{"outbox_max_attempts", S_INT, 1, 50, false, "attempts before a message fails (default 6)"},
	{"outbox_backoff_seconds", S_INT, 1, 86400, false, "the first wait before a retry (default 60)"},
	{"outbox_backoff_max_seconds", S_INT, 1, 604800, false, "the longest wait (default 21600)"},
	{"outbox_poll_seconds", S_INT, 1, 3600, false, "how often the worker looks (default 10)"},
	{"outbox_timeout_seconds", S_INT, 1, 600, false, "how long one delivery may take (default 60)"},
	{SETTING_FD_MESSAGE_BY, S_FIRST_DAY, 0, 0, false, "first-day message to the first contact by (09:30)"},
	{SETTING_FD_CALLS_BY, S_FIRST_DAY, 0, 0, false, "first-day calls to the other contacts by (10:00)"},
	{SETTING_FD_VISIT_BY, S_FIRST_DAY, 0, 0, false, "a welfare visit considered by (10:30)"},
	{SETTING_ESCALATION, S_FIRST_DAY, 0, 0, false,
	 "who calls on each day in a row absent with no reason (tutor,head_of_year,senior_leader)"},
	{SETTING_DIGEST_DAILY_AT, S_TIME_OR_OFF, 0, 0, false,
	 "when the daily digest goes to the leads on a school day: HH:MM or off (16:00)"},
	{SETTING_DIGEST_WEEKLY_AT, S_TIME_OR_OFF, 0, 0, false,
	 "when the weekly pack goes, on the week's last school day: HH:MM or off (16:00)"},
	{SETTING_NOTIFY_KINDS, S_NOTIFY, 0, 0, false,
	 "notifications raised (unauthorised,illness,admission,deletion,cme,social_worker,virtual_school)"},
	{SETTING_NOTIFY_UNAUTHORISED_DAYS, S_NOTIFY, 0, 0, false,
	 "school days in a row absent without authorisation before the LA is told (10)"},
	{SETTING_NOTIFY_UNAUTHORISED_CODES, S_NOTIFY, 0, 0, false,
	 "codes counted as absent without authorisation (G,N,O)"},
	{SETTING_NOTIFY_ILLNESS_DAYS, S_NOTIFY, 0, 0, false,
	 "school days missed through illness, in a row or in the year, before the LA is told (15)"},
	{SETTING_NOTIFY_ILLNESS_CODES, S_NOTIFY, 0, 0, false, "codes counted as illness (I,M)"},
	{SETTING_NOTIFY_CME_DAYS, S_NOTIFY, 0, 0, false,
	 "school days of G, N or O in a row before the joint enquiries with the LA (20)"},
	{SETTING_NOTIFY_LA_ASSIGNEE, S_NOTIFY, 0, 0, false,
	 "who sends the LA's notifications: a role or an account (attendance_lead)"},
	{SETTING_NOTIFY_SAFEGUARDING_ASSIGNEE, S_NOTIFY, 0, 0, false,
	 "who tells social workers and virtual schools: a role or an account (dsl)"},
	{SETTING_NOTIFY_SINCE, S_NOTIFY, 0, 0, false,
	 "nothing before this date is raised (the day of `attend init`)"},
	{SETTING_TRANSITION_DECLINE_PP, S_INT, 1, 50, false,
	 "a Year 7 pupil's fall from their first half-term, in points, for the review list (2)"},
	{"casework_triggers", S_CASEWORK, 0, 0, false,
	 "the triggers of the review list (at_risk,persistent,severe,decline,pattern,unauthorised,part_time)"},
	{"casework_decline_points", S_CASEWORK, 0, 0, false, "a decline of this many points (5) ..."},
	{"casework_decline_weeks", S_CASEWORK, 0, 0, false, "... over these school weeks against the ones before (4)"},
	{"casework_unauthorised_sessions", S_CASEWORK, 0, 0, false,
	 "unauthorised sessions (10) ... (the penalty-notice framework)"},
	{"casework_unauthorised_weeks", S_CASEWORK, 0, 0, false, "... within a rolling number of school weeks (10)"},
	{"casework_min_sessions", S_CASEWORK, 0, 0, false,
	 "possible sessions before a crossing into a band counts (20)"},
	{"casework_impact_weeks", S_CASEWORK, 0, 0, false, "school weeks before and after an intervention (6)"},
	{"casework_review_notice_days", S_CASEWORK, 0, 0, false,
	 "school days' notice of a review in tasks (5)"},
	{"casework_scan_minutes", S_CASEWORK, 0, 0, false,
	 "minutes between the server's casework scans (10; 0: only when the list is opened)"},
	/* families and pupils (issue 12) */
	{"public_url", S_HTTP_URL, 0, 0, false,
	 "attend's address (https://...), for invitation links and the digests' links"},
	{"invitation_days", S_INT, 1, 60, false, "days an invitation code works (default 14)"},
	{"attendance_bands", S_BANDS, 0, 0, true,
	 "the school's attendance bands for families, highest first: LOWER%:NAME|... (default "
	 SCHOOL_BANDS_DEFAULT ")"},
	{"leave_deciders", S_DECIDERS, 0, 0, false,
	 "who decides leave of absence: head, attendance_lead, admin (default head)"},
	{NULL, 0, 0, 0, false, NULL},
};

static const char usage[] =
	"usage: attend settings list\n"
	"       attend settings set KEY VALUE [--by USER]\n\n"
	"The school's settings. KEY.LANG (e.g. support_offer.pl) sets a text for\n"
	"letters in that language, where the list says so. Secrets are shown as ***.\n";

/* The setting a key names (KEY or KEY.LANG); NULL if none. */
static const struct setting *find(const char *key)
{
	const char *dot = strchr(key, '.');
	size_t n = dot ? (size_t)(dot - key) : strlen(key);
	for (const struct setting *s = settings; s->key; s++)
		if (strlen(s->key) == n && strncmp(s->key, key, n) == 0)
			return (!dot || (s->per_language && lang_has_templates(dot + 1))) ? s : NULL;
	return NULL;
}

static int check(const struct setting *s, const char *key, const char *v, struct app_error *err)
{
	char e164[PHONE_E164_LEN], buf[1024];
	const char *why = NULL;
	long n;
	if (parse_text_field(key, v, buf, sizeof buf, s->kind != S_TEXT && s->kind != S_SECRET, err) < 0)
		return -1;
	switch (s->kind) {
	case S_PHONE:
		why = contact_phone_error(v, e164);
		break;
	case S_EMAIL:
		why = contact_email_error(v);
		break;
	case S_SMTP_URL:
		if (strncmp(v, "smtp://", 7) && strncmp(v, "smtps://", 8))
			why = "it starts smtp:// or smtps://";
		break;
	case S_HTTP_URL:
		if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
			why = "it starts http:// or https://";
		break;
	case S_STARTTLS:
		if (strcmp(v, "optional") && strcmp(v, "required") && strcmp(v, "off"))
			why = "it is optional, required or off";
		break;
	case S_INT:
		return parse_int_field(key, v, s->min, s->max, &n, err);
	case S_TIME_OR_OFF:
		if (strcmp(v, "off") && fd_parse_time(v) < 0)
			why = "it is HH:MM (24-hour) or off";
		break;
	case S_BANDS: {
		struct school_bands b;
		char msg[160];
		if (school_bands_parse(v, &b, msg, sizeof msg) < 0)
			return app_fail(err, ERR_INPUT, key, "%s: %s", key, msg);
		break;
	}
	case S_DECIDERS: {
		unsigned roles;
		char msg[160];
		if (leave_deciders_parse(v, &roles, msg, sizeof msg) < 0)
			return app_fail(err, ERR_INPUT, key, "%s: %s", key, msg);
		break;
	}
	case S_SENDER:
		if (!*v || strlen(v) > 11 ||
		    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != strlen(v))
			why = "it is 1 to 11 letters and digits";
		break;
	default:
		break;
	}
	if (why)
		return app_fail(err, ERR_INPUT, key, "%s '%s': %s", key, v, why);
	return 0;
}

int cmd_settings(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {NULL, NULL, NULL}};
	const char *pos[3];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 3, &n);
	bool list = strcmp(pos[0], "list") == 0;
	if (!list && strcmp(pos[0], "set") != 0)
		return cli_usage_error(c, "'%s' is not list or set", pos[0]);
	if (list ? n != 1 : n != 3)
		return cli_usage_error(c, list ? "settings list takes nothing more" : "settings set KEY VALUE");
	struct app_error err = {0};
	const struct setting *st = list ? NULL : find(pos[1]);
	if (!list && !st) {
		app_fail(&err, ERR_INPUT, "key", "'%s' is not a setting (`attend settings list` shows them)",
			 pos[1]);
		return cli_fail(c, &err);
	}
	if (!list && check(st, pos[1], pos[2], &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	int rc = cli_open_store(c, &s, false);
	if (rc)
		return rc;
	struct school_rec school;
	if (store_school_get(s, cli_school_urn(), &school) != 0) {
		app_fail(&err, ERR_INPUT, NULL, "the database has no school yet: run `attend init`");
		store_close(s);
		return cli_fail(c, &err);
	}
	struct fd_settings fd;
	struct cw_settings cw;
	if (!list && ((st->kind == S_FIRST_DAY &&
		       firstday_settings_load(s, school.id, pos[1], pos[2], &fd, &err) < 0) ||
		      (st->kind == S_CASEWORK &&
		       casework_settings_load(s, school.id, pos[1], pos[2], &cw, &err) < 0))) {
		store_close(s);
		return cli_fail(c, &err);
	}
	struct notice_settings ns;
	if (!list && st->kind == S_NOTIFY &&
	    notices_settings_load(s, school.id, pos[1], pos[2], &ns, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	if (list) {
		for (const struct setting *k = settings; k->key; k++) {
			char v[1024];
			int got = store_setting_get(s, school.id, k->key, v, sizeof v);
			printf("%-29s %-40s %s\n", k->key,
			       got != 0 ? "(not set)" : k->kind == S_SECRET ? "***" : v, k->help);
		}
	} else {
		char now[CLOCK_ISO_LEN];
		clock_iso_utc(clock_now(), now);
		if (store_begin(s) < 0 ||
		    store_setting_set(s, school.id, pos[1], pos[2], by ? by : cli_default_user(), now) < 0 ||
		    store_commit(s) < 0) {
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
			store_rollback(s);
			rc = cli_fail(c, &err);
		} else {
			printf("%s set\n", pos[1]);
		}
	}
	store_close(s);
	return rc;
}
