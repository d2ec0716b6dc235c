#include "comms/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"

/* The declared fields: the only names a template may use. */
static const struct tfield_info fields[TF__MAX] = {
	[TF_PUPIL_FORENAME] = {"pupil_forename", "the pupil's first name", false},
	[TF_PUPIL_SURNAME] = {"pupil_surname", "the pupil's surname", false},
	[TF_PUPIL_NAME] = {"pupil_name", "the pupil's first name and surname", false},
	[TF_YEAR_GROUP] = {"year_group", "the pupil's year group (7, R, ...)", false},
	[TF_FORM] = {"form", "the pupil's form or class", false},
	[TF_CONTACT_NAME] = {"contact_name", "the name of the contact written to", false},
	[TF_CONTACT_RELATIONSHIP] = {"contact_relationship", "the contact's relationship to the pupil", false},
	[TF_SCHOOL_NAME] = {"school_name", "the school's name", false},
	[TF_SCHOOL_ADDRESS] = {"school_address", "the school's address (setting school_address)", false},
	[TF_SCHOOL_PHONE] = {"school_phone", "the school's phone number (setting school_phone)", false},
	[TF_SCHOOL_EMAIL] = {"school_email", "the school's email address (setting school_email)", false},
	[TF_HEAD_TEACHER] = {"head_teacher", "the head teacher's name (setting head_teacher)", false},
	[TF_ATTENDANCE_LEAD] = {"attendance_lead", "the attendance lead's name (setting attendance_lead)", false},
	[TF_SUPPORT_OFFER] = {"support_offer", "what the school offers families (setting support_offer)", false},
	[TF_TODAY] = {"today", "today's date, written out", false},
	[TF_SESSIONS_MISSED] = {"sessions_missed", "sessions missed this school year (authorised and unauthorised)", false},
	[TF_SESSIONS_POSSIBLE] = {"sessions_possible", "possible sessions this school year so far", false},
	[TF_DAYS_MISSED] = {"days_missed", "days missed this year (\"4.5 days\")", false},
	[TF_LESSONS_MISSED] = {"lessons_missed", "lessons missed this year (\"about 23 lessons\")", false},
	[TF_DAYS_LESSONS_MISSED] = {"days_lessons_missed", "\"4.5 days (about 23 lessons)\"", false},
	[TF_ATTENDANCE_PCT] = {"attendance_pct", "attendance this year to one decimal (\"94.7%\")", false},
	[TF_BACK_TO_90] = {"back_to_90", "how and when attendance gets back to 90% this year, in a sentence", false},
	[TF_BACK_TO_90_DATE] = {"back_to_90_date", "the day attendance reaches 90% with every day attended (\"\" if already there)", false},
	[TF_BACK_TO_90_DAYS] = {"back_to_90_days", "full days in a row needed to reach 90% (0 if already there)", false},
	[TF_TREND] = {"trend", "how attendance moved since a month ago, in words", false},
	[TF_ATTENDANCE_MONTH_AGO] = {"attendance_month_ago", "attendance this year as it was a month ago", false},
	[TF_MEETING_WHEN] = {"meeting_when", "when the meeting is (given when sending)", true},
	[TF_INVITATION_CODE] = {"invitation_code", "a family account's one-time code (given by attend)", true},
	[TF_INVITATION_LINK] = {"invitation_link", "the link that opens the invitation (given by attend)", true},
	[TF_INVITATION_EXPIRES] = {"invitation_expires", "when the invitation expires (given by attend)", true},
	[TF_LEAVE_DATES] = {"leave_dates", "the days of leave asked for, written out (given by attend)", true},
	[TF_LEAVE_DAYS_LESSONS] = {"leave_days_lessons", "the school days and lessons the leave covers (given by attend)", true},
	[TF_LEAVE_REASON] = {"leave_reason", "the reason the parent gave for the leave (given by attend)", true},
	[TF_LEAVE_DECISION_REASON] = {"leave_decision_reason", "why the head teacher decided so (given by attend)", true},
};

_Static_assert(TF__MAX <= 64, "template uses are a 64-bit mask");

const struct tfield_info *template_field(enum tfield f)
{
	return (unsigned)f < TF__MAX ? &fields[f] : NULL;
}

int template_field_parse(const char *name, size_t len)
{
	for (int f = 0; f < TF__MAX; f++)
		if (strlen(fields[f].name) == len && memcmp(fields[f].name, name, len) == 0)
			return f;
	return -1;
}

static int add_piece(struct template *t, int *cap, int field, size_t off, size_t len)
{
	if (field < 0 && len == 0)
		return 0;
	if (t->n == *cap) {
		int c = *cap ? *cap * 2 : 16;
		struct template_piece *p = realloc(t->piece, (size_t)c * sizeof *p);
		if (!p)
			return -1;
		t->piece = p;
		*cap = c;
	}
	t->piece[t->n++] = (struct template_piece){field, off, len};
	return 0;
}

static int line_of(const char *text, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z');
}

int template_parse(const char *text, const char *what, struct template *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->text = text;
	int cap = 0;
	size_t lit = 0, i = 0;
	while (text[i]) {
		if (text[i] != '{' || text[i + 1] != '{') {
			i++;
			continue;
		}
		const char *close = strstr(text + i + 2, "}}");
		const char *nl = strchr(text + i + 2, '\n');
		if (!close || (nl && nl < close)) {
			app_fail(err, ERR_INPUT, what, "%s line %d: \"{{\" is not closed by \"}}\" on the same line",
				 what, line_of(text, i));
			goto fail;
		}
		/* the name, without surrounding spaces */
		const char *a = text + i + 2, *b = close;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if (a == b) {
			app_fail(err, ERR_INPUT, what, "%s line %d: \"{{}}\" names no field", what,
				 line_of(text, i));
			goto fail;
		}
		bool shape = true;
		for (const char *p = a; p < b; p++)
			shape &= name_char(*p);
		int f = shape ? template_field_parse(a, (size_t)(b - a)) : -1;
		if (f < 0) {
			char known[1200] = "";
			size_t k = 0;
			for (int j = 0; j < TF__MAX && k < sizeof known; j++)
				k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", j ? ", " : "",
						      fields[j].name);
			app_fail(err, ERR_INPUT, what, "%s line %d: unknown field {{%.*s}} (the fields are: %s)",
				 what, line_of(text, i), (int)(b - a > 60 ? 60 : b - a), a, known);
			goto fail;
		}
		if (add_piece(out, &cap, -1, lit, i - lit) < 0 || add_piece(out, &cap, f, 0, 0) < 0)
			goto oom;
		out->uses |= (uint64_t)1 << f;
		i = (size_t)(close - text) + 2;
		lit = i;
	}
	if (add_piece(out, &cap, -1, lit, i - lit) < 0)
		goto oom;
	return 0;
oom:
	app_fail(err, ERR_INTERNAL, NULL, "out of memory");
fail:
	template_free(out);
	return -1;
}

void template_free(struct template *t)
{
	free(t->piece);
	t->piece = NULL;
	t->n = 0;
}

int tbuf_add(struct tbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int emit(void *ctx, const char *s, size_t n)
{
	return tbuf_add(ctx, s, n);
}

int tbuf_add_html(struct tbuf *b, const char *s, size_t n)
{
	return escape_html(s, n, emit, b);
}

int tbuf_printf(struct tbuf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof small)
		return tbuf_add(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (!big)
		return -1;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = tbuf_add(b, big, (size_t)n);
	free(big);
	return rc;
}

char *template_render(const struct template *t, const char *const values[TF__MAX],
		      enum template_escape esc)
{
	struct tbuf b = {0};
	int (*add)(struct tbuf *, const char *, size_t) = esc == TEMPLATE_HTML ? tbuf_add_html : tbuf_add;
	if (tbuf_add(&b, "", 0) < 0)
		return NULL;
	for (int i = 0; i < t->n; i++) {
		const struct template_piece *p = &t->piece[i];
		const char *s = p->field < 0 ? t->text + p->off : values[p->field];
		size_t n = p->field < 0 ? p->len : (s ? strlen(s) : 0);
		if (s && add(&b, s, n) < 0) {
			free(b.p);
			return NULL;
		}
	}
	return b.p;
}
