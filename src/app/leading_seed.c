/* What every school starts with: the toolkit's Annex B questions in its
 * own words, grouped by its areas; the Annex C monitoring tasks with the
 * role that owns each and, where attend can prove a task by itself, how;
 * and the usual awards. Seeded once per built-in (by its key): a school's
 * changes and retirements are never undone. */
#include <stdio.h>
#include <string.h>

#include "app/leading.h"

struct q_seed {
	const char *key, *area, *section, *text, *evidence;
};

#define DATA "Data and targeted support"
#define CULTURE "Culture"
#define PEOPLE "People, processes and systems"
#define RELS "Relationships and communications"
#define CHAMPION "The senior attendance champion"
#define PROCESSES "Processes and systems"
#define FAMILIES "Relationships with families"

static const struct q_seed questions[] = {
	{"data.1", DATA, "",
	 "Do you ensure that teachers and all other relevant staff are aware of attendance rates "
	 "for their class, form and year (including overall, persistent absence, severe absence and "
	 "specific cohorts)?",
	 "staff_views"},
	{"data.2", DATA, "", "Are pupils aware of their own attendance rates, and why these matter?",
	 "family_views"},
	{"data.3", DATA, "",
	 "Do you frequently monitor and analyse attendance data, including historic trends over "
	 "time, pupil, year group, and specific cohorts e.g. SEN and FSM?",
	 "monitoring"},
	{"data.4", DATA, "",
	 "Do you use data to identify individual and cohort barriers to attendance, taking targeted "
	 "action and developing strategies to overcome these?",
	 "pa_list"},
	{"data.5", DATA, "",
	 "Are staff aware of the full range of support available within school for pupils with "
	 "barriers to attendance, and how and when to access these?",
	 ""},
	{"data.6", DATA, "",
	 "Do staff understand how the targeted support in place will respond to the pupils' "
	 "attendance barriers?",
	 ""},
	{"data.7", DATA, "",
	 "Are you confident that you have a full picture of the external support available for "
	 "pupils with barriers to attendance? For example, what support is provided by your local "
	 "authority and charities.",
	 ""},
	{"data.8", DATA, "",
	 "Are you aware of how and when to access external services to help pupils to overcome "
	 "barriers to attendance?",
	 ""},
	{"data.9", DATA, "",
	 "Do you make sure that the intended impact of attendance support is clear, regularly "
	 "reviewed to measure effectiveness, and adjusted if needed?",
	 "impact"},
	{"culture.1", CULTURE, "",
	 "Do staff, pupils, parents/carers, and governors know your school's vision and values and "
	 "how this relates to maintaining high attendance?",
	 ""},
	{"culture.2", CULTURE, "",
	 "Do your vision and values promote a culture that supports strong attendance and high "
	 "attendance expectations?",
	 ""},
	{"culture.3", CULTURE, "",
	 "Do you ensure that your school's culture is warm, welcoming, supportive and encourages a "
	 "sense of belonging in all pupils?",
	 "recognition"},
	{"culture.4", CULTURE, "",
	 "Are you confident that staff and pupils understand, model and communicate your values and "
	 "culture?",
	 ""},
	{"people.1", PEOPLE, CHAMPION,
	 "Are you confident that the senior attendance champion is sufficiently visible, and that "
	 "their role is understood by staff, pupils, governors and the wider community?",
	 ""},
	{"people.2", PEOPLE, CHAMPION,
	 "Does the champion receive sufficient support and challenge from the headteacher and "
	 "governors?",
	 "reviews"},
	{"people.3", PEOPLE, CHAMPION,
	 "Does the senior attendance champion have the capacity, time, and skills to effectively "
	 "deliver their role?",
	 ""},
	{"people.4", PEOPLE, CHAMPION, "Do you ensure that staff are aware of their attendance responsibilities?",
	 "schedule"},
	{"people.5", PEOPLE, CHAMPION,
	 "Do you monitor the effectiveness of staff in delivering their attendance responsibilities "
	 "and identify and meet any learning and development needs?",
	 "schedule"},
	{"people.6", PEOPLE, CHAMPION,
	 "Do you regularly review your current operating model to assess its effectiveness?",
	 "self_assessments"},
	{"process.1", PEOPLE, PROCESSES,
	 "Have you implemented clear attendance systems and processes to track and respond to "
	 "absence in a timely and responsive way?",
	 "registers"},
	{"process.2", PEOPLE, PROCESSES,
	 "Do you ensure that information about attendance systems and processes is easy to locate "
	 "and communicated frequently across the school community?",
	 ""},
	{"process.3", PEOPLE, PROCESSES,
	 "Do attendance systems and processes feature in staff induction and training?", ""},
	{"process.4", PEOPLE, PROCESSES,
	 "Are your systems and processes sensitive to children with additional needs, such as SEN "
	 "and young carers? For example, that you reward improved attendance, not just high "
	 "attendance.",
	 "recognition"},
	{"process.5", PEOPLE, PROCESSES,
	 "Do you regularly measure the impact of your systems and processes and update or change "
	 "them when necessary?",
	 "plan"},
	{"rel.1", RELS, FAMILIES,
	 "Are the right staff within the school holding the relationship with parents/ carers?",
	 "contacts"},
	{"rel.2", RELS, FAMILIES, "Do you create an environment that encourages families to feel welcome at school?",
	 ""},
	{"rel.3", RELS, FAMILIES,
	 "Are school staff confident in discussing attendance- and any sensitive issues relating to "
	 "this- with families, and do they have the listening skills required?",
	 ""},
	{"rel.4", RELS, FAMILIES,
	 "Do you seek opinions from parents and carers and parent carer groups and use these to "
	 "shape attendance support?",
	 ""},
	{"rel.5", RELS, FAMILIES,
	 "Do you measure the impact, and effectiveness of attendance communications in reducing "
	 "absence?",
	 "messages"},
	{"rel.6", RELS, FAMILIES,
	 "Are you confident that families are aware of the attendance support, guidance and advice "
	 "available to them, and how and when to access this?",
	 "family_views"},
	{"rel.7", RELS, FAMILIES,
	 "Do you describe absence in a relatable way? For example, in terms of lessons and days "
	 "missed, rather than just percentages, and the social, health and academic benefits of "
	 "regular attendance.",
	 "days_lessons"},
	{"rel.8", RELS, FAMILIES,
	 "Are you confident that families are satisfied with the frequency, accuracy, timing, "
	 "language, tone and methods used for attendance communications?",
	 ""},
	{"rel.9", RELS, FAMILIES,
	 "Do you ensure that communications are accessible to everyone, recognise diverse barriers "
	 "to attendance and promote school as a positive and supportive place to be?",
	 ""},
	{"rel.10", RELS, FAMILIES,
	 "Do you engage with other schools in your area or trust to ensure that your messaging and "
	 "approach is consistent?",
	 ""},
};

struct t_seed {
	const char *key, *title, *cadence, *timing, *role, *proof;
};

static const struct t_seed tasks[] = {
	/* daily */
	{"daily.registers", "Attendance staff monitor register completion and return", "daily", "any",
	 "office", "registers"},
	{"daily.messages", "Registers updated based on messages from parents and carers", "daily", "any",
	 "office", "reports"},
	{"daily.action",
	 "Register data used to take immediate action, including (where appropriate) contact "
	 "parents/ carers, home visits, liaising with SENCo, escalating safeguarding issues, and "
	 "requesting medical evidence",
	 "daily", "any", "office", "first_day"},
	{"daily.leads", "Daily attendance data sent to relevant school leads with information about "
			"actions to take.",
	 "daily", "any", "attendance_lead", ""},
	{"daily.final", "Final attendance data shared with relevant senior leads at the end of the "
			"day, including outcomes.",
	 "daily", "any", "attendance_lead", "digest"},
	/* weekly */
	{"weekly.champion", "Senior attendance champion meets attendance staff to discuss the week's data.",
	 "weekly", "end", "attendance_lead", ""},
	{"weekly.banding", "Scrutiny and review of attendance banding distribution on View Your "
			   "Education Data service",
	 "weekly", "any", "attendance_lead", ""},
	{"weekly.plans", "Review and progress individual action plans and consider next steps where "
			 "plans aren't being engaged with.",
	 "weekly", "any", "head_of_year", ""},
	{"weekly.slt", "Senior leadership team to meet weekly to discuss weekly data broken down by "
		       "key cohorts e.g. FSM, SEND etc...",
	 "weekly", "end", "admin", ""},
	{"weekly.pa", "Identification of pupils attending persistent or severe absence.", "weekly",
	 "end", "attendance_lead", "pa_list"},
	/* half-termly */
	{"half.slt", "School leadership team meet to discuss and scrutinise data on overall banding "
		     "distribution, current and cumulative attendance, persistent and severe absence.",
	 "half_termly", "end", "admin", ""},
	{"half.impact", "Monitor impact of attendance strategies and make changes where needed.",
	 "half_termly", "end", "attendance_lead", ""},
	{"half.benchmark", "Benchmark attendance outcomes against national and local authority level.",
	 "half_termly", "end", "attendance_lead", "benchmarks"},
	{"half.share", "Share absence data in communications to all relevant staff and parents/ carers.",
	 "half_termly", "any", "attendance_lead", ""},
	{"half.meetings", "Arrange meetings with parents and carers of pupils with the poorest "
			  "attendance",
	 "half_termly", "any", "attendance_lead", "support_meetings"},
	/* termly */
	{"term.governors", "Meet with governors or trustees to share data trends, and progress.",
	 "termly", "any", "attendance_lead", "governor_review"},
	{"term.letters", "Headteacher writes to parents and carers of pupils with the poorest "
			 "attendance, ensuring messaging is appropriate and reflects the child and "
			 "family's situation.",
	 "termly", "end", "admin", "head_letters"},
};

struct a_seed {
	const char *key, *name, *kind, *period;
	int minimum, top, min_rise100;
	const char *template_name;
};

static const struct a_seed awards[] = {
	{"full.week", "100% this week", "full_attendance", "week", 6, 0, 1, ""},
	{"full.half_term", "100% this half-term", "full_attendance", "half_term", 20, 0, 1,
	 "recognition-award"},
	{"full.term", "100% this term", "full_attendance", "term", 40, 0, 1, "recognition-award"},
	{"improved.half_term", "Most improved this half-term", "most_improved", "half_term", 10, 10,
	 100, "recognition-most-improved"},
	{"form.week", "Form of the week", "form_of_week", "week", 5, 1, 1, ""},
};

int leading_seed(struct store *s, int64_t school_id, const char *at, int *added,
		 struct app_error *err)
{
	*added = 0;
	if (store_begin(s) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	int rc = 0;
	/* areas in blocks of 1000, so a question a school adds to an area stays in it */
	const char *area = NULL;
	int block = 0, pos = 0;
	for (size_t i = 0; rc >= 0 && i < sizeof questions / sizeof *questions; i++) {
		const struct q_seed *q = &questions[i];
		if (!area || strcmp(area, q->area) != 0) {
			area = q->area;
			block += 1000;
			pos = block;
		}
		struct sa_question_rec r = {.position = (pos += 10), .active = true};
		snprintf(r.builtin_key, sizeof r.builtin_key, "%s", q->key);
		snprintf(r.area, sizeof r.area, "%s", q->area);
		snprintf(r.section, sizeof r.section, "%s", q->section);
		snprintf(r.text, sizeof r.text, "%s", q->text);
		snprintf(r.evidence, sizeof r.evidence, "%s", q->evidence);
		snprintf(r.created_by, sizeof r.created_by, "attend");
		snprintf(r.created_at, sizeof r.created_at, "%s", at);
		if ((rc = store_sa_question_add(s, school_id, &r)) == 0)
			(*added)++;
	}
	for (size_t i = 0; rc >= 0 && i < sizeof tasks / sizeof *tasks; i++) {
		const struct t_seed *t = &tasks[i];
		struct sched_task_rec r = {.position = (int)(i + 1) * 10, .active = true};
		snprintf(r.builtin_key, sizeof r.builtin_key, "%s", t->key);
		snprintf(r.title, sizeof r.title, "%s", t->title);
		snprintf(r.cadence, sizeof r.cadence, "%s", t->cadence);
		snprintf(r.timing, sizeof r.timing, "%s", t->timing);
		snprintf(r.owner_role, sizeof r.owner_role, "%s", t->role);
		snprintf(r.proof, sizeof r.proof, "%s", t->proof);
		snprintf(r.created_by, sizeof r.created_by, "attend");
		snprintf(r.created_at, sizeof r.created_at, "%s", at);
		if ((rc = store_sched_task_save(s, school_id, &r)) == 0)
			(*added)++;
	}
	for (size_t i = 0; rc >= 0 && i < sizeof awards / sizeof *awards; i++) {
		const struct a_seed *a = &awards[i];
		struct award_rule_rec r = {.minimum = a->minimum, .top = a->top,
					   .min_rise100 = a->min_rise100, .active = true};
		snprintf(r.builtin_key, sizeof r.builtin_key, "%s", a->key);
		snprintf(r.name, sizeof r.name, "%s", a->name);
		snprintf(r.kind, sizeof r.kind, "%s", a->kind);
		snprintf(r.period, sizeof r.period, "%s", a->period);
		snprintf(r.template_name, sizeof r.template_name, "%s", a->template_name);
		snprintf(r.created_by, sizeof r.created_by, "attend");
		snprintf(r.created_at, sizeof r.created_at, "%s", at);
		if ((rc = store_award_rule_save(s, school_id, &r)) == 0)
			(*added)++;
	}
	if (rc < 0 || store_commit(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		return -1;
	}
	return 0;
}
