/* The templates every school starts with, supportive first ("curious, not
 * furious"): they speak in days and lessons, offer help before anything
 * else, and say what the school will do. English and Polish (a worked
 * example of a second language).
 *
 * TO REVIEW: the Polish texts were written by a non-native speaker and must
 * be checked by a native Polish speaker. They address families as
 * "Szanowni Państwo" and name the child in the nominative ("Państwa
 * dziecko, Anna Kowalska"), because merge fields cannot decline names. */
#include "comms/builtin_templates.h"

#include <stdio.h>

static const struct builtin_template builtins[] = {
	/* ---- the first-day absence message ---- */
	{"first-day-absence", "en", "sms",
	 "First-day absence: a text to the first contact when a pupil is absent with no reason",
	 "",
	 "{{school_name}}: {{pupil_forename}} is not in school today and we haven't heard why. "
	 "We hope all is well. Please call us on {{school_phone}} or reply to let us know. "
	 "Thank you."},
	{"first-day-absence", "pl", "sms",
	 "First-day absence: a text to the first contact when a pupil is absent with no reason",
	 "",
	 "{{school_name}}: {{pupil_forename}} nie ma dziś w szkole, a nie znamy powodu "
	 "nieobecności. Mamy nadzieję, że wszystko jest w porządku. Prosimy o kontakt: "
	 "{{school_phone}}. Dziękujemy."},
	{"first-day-absence-email", "en", "email",
	 "First-day absence: an email to the first contact when a pupil is absent with no reason",
	 "{{pupil_forename}} is not in school today",
	 "Dear {{contact_name}},\n\n"
	 "{{pupil_forename}} is not in school today ({{today}}) and we have not heard why. We hope "
	 "everything is all right.\n\n"
	 "Please let us know the reason by calling {{school_phone}} or replying to this email, so "
	 "that we know {{pupil_forename}} is safe. If something is making it hard to come to "
	 "school, we would like to help.\n\n"
	 "Thank you,\n{{attendance_lead}}\n{{school_name}}"},
	{"first-day-absence-email", "pl", "email",
	 "First-day absence: an email to the first contact when a pupil is absent with no reason",
	 "Nieobecność w szkole: {{pupil_forename}}",
	 "Szanowni Państwo,\n\n"
	 "{{pupil_forename}} nie ma dziś ({{today}}) w szkole, a nie otrzymaliśmy informacji o "
	 "powodzie nieobecności. Mamy nadzieję, że wszystko jest w porządku.\n\n"
	 "Prosimy o informację pod numerem {{school_phone}} lub w odpowiedzi na tę wiadomość, "
	 "abyśmy wiedzieli, że dziecko jest bezpieczne. Jeśli coś utrudnia przychodzenie do "
	 "szkoły, chętnie pomożemy.\n\n"
	 "Z poważaniem\n{{attendance_lead}}\n{{school_name}}"},

	/* ---- "we're worried" ---- */
	{"concern-letter", "en", "letter",
	 "We're worried: a supportive letter when attendance falls",
	 "We're worried about {{pupil_forename}}'s attendance",
	 "Dear {{contact_name}},\n\n"
	 "We are writing because we are worried about {{pupil_forename}}. So far this school year "
	 "{{pupil_forename}} has missed {{days_lessons_missed}}, and attendance is "
	 "{{attendance_pct}} ({{trend}}).\n\n"
	 "Every day in school matters, for learning and for friendships. We know there is often a "
	 "reason behind missed days that a family is already working hard on, and we would like "
	 "to understand what is getting in the way and how we can help.\n\n"
	 "Every day from now makes a difference: {{back_to_90}}.\n\n"
	 "Please get in touch with {{attendance_lead}} on {{school_phone}} or at {{school_email}} "
	 "so that we can talk. Together we can make sure {{pupil_forename}} gets the most out of "
	 "school.\n\n"
	 "Yours sincerely,\n\n{{head_teacher}}\nHead teacher"},
	{"concern-letter", "pl", "letter",
	 "We're worried: a supportive letter when attendance falls",
	 "Martwimy się frekwencją dziecka: {{pupil_name}}",
	 "Szanowni Państwo,\n\n"
	 "piszemy, ponieważ niepokoi nas frekwencja Państwa dziecka, {{pupil_name}}. Od początku "
	 "roku szkolnego nieobecności wynoszą łącznie {{days_lessons_missed}}, a frekwencja "
	 "{{attendance_pct}} ({{trend}}).\n\n"
	 "Każdy dzień w szkole ma znaczenie dla nauki i dla przyjaźni. Wiemy, że za "
	 "nieobecnościami często stoją sprawy, z którymi rodzina już się zmaga. Chcielibyśmy "
	 "zrozumieć, co przeszkadza, i wspólnie zastanowić się, jak możemy pomóc.\n\n"
	 "Każdy kolejny dzień ma znaczenie: {{back_to_90}}.\n\n"
	 "Prosimy o kontakt ze szkołą: {{school_phone}}, {{school_email}} (osoba odpowiedzialna "
	 "za frekwencję: {{attendance_lead}}).\n\n"
	 "Z poważaniem\n\n{{head_teacher}}\nDyrektor szkoły"},

	/* ---- an invitation to an attendance support meeting ---- */
	{"support-meeting", "en", "letter",
	 "An invitation to an attendance support meeting (give --field meeting_when=...)",
	 "An invitation to talk about {{pupil_forename}}'s attendance",
	 "Dear {{contact_name}},\n\n"
	 "We would like to invite you to an attendance support meeting about {{pupil_forename}} on "
	 "{{meeting_when}} at {{school_name}}.\n\n"
	 "This is not a disciplinary meeting. It is a chance for us to listen, to understand "
	 "anything that is making it hard for {{pupil_forename}} to come to school, and to agree "
	 "together on support that will help. {{pupil_forename}} has missed "
	 "{{days_lessons_missed}} so far this year (attendance {{attendance_pct}}).\n\n"
	 "We can offer {{support_offer}}.\n\n"
	 "If the time does not suit you, please call {{attendance_lead}} on {{school_phone}} and we "
	 "will find another. You are welcome to bring someone with you.\n\n"
	 "Yours sincerely,\n\n{{attendance_lead}}\n{{school_name}}"},
	{"support-meeting", "pl", "letter",
	 "An invitation to an attendance support meeting (give --field meeting_when=...)",
	 "Zaproszenie na spotkanie w sprawie frekwencji",
	 "Szanowni Państwo,\n\n"
	 "zapraszamy na spotkanie dotyczące frekwencji Państwa dziecka, {{pupil_name}}. Termin: "
	 "{{meeting_when}}, miejsce: {{school_name}}.\n\n"
	 "Nie jest to spotkanie dyscyplinarne. Chcemy Państwa wysłuchać, zrozumieć, co utrudnia "
	 "dziecku przychodzenie do szkoły, i wspólnie ustalić, jakie wsparcie pomoże. Od początku "
	 "roku szkolnego nieobecności wynoszą łącznie {{days_lessons_missed}} (frekwencja "
	 "{{attendance_pct}}).\n\n"
	 "Możemy zaproponować: {{support_offer}}.\n\n"
	 "Jeśli termin nie odpowiada, prosimy o telefon pod numer {{school_phone}} - ustalimy "
	 "inny. Mogą Państwo przyjść z osobą towarzyszącą.\n\n"
	 "Z poważaniem\n\n{{attendance_lead}}\n{{school_name}}"},

	/* ---- praise for improvement ---- */
	{"praise-improvement", "en", "email", "Praise for improving attendance",
	 "Well done, {{pupil_forename}}!",
	 "Dear {{contact_name}},\n\n"
	 "We wanted to share some good news: {{pupil_forename}}'s attendance is "
	 "{{attendance_pct}}, {{trend}}. That is a real improvement, and it shows.\n\n"
	 "Thank you for everything you are doing to help {{pupil_forename}} be in school every "
	 "day. Please pass on our congratulations - we have told {{pupil_forename}} too!\n\n"
	 "With best wishes,\n{{attendance_lead}}\n{{school_name}}"},
	{"praise-improvement", "pl", "email", "Praise for improving attendance",
	 "Gratulacje: {{pupil_forename}}!",
	 "Szanowni Państwo,\n\n"
	 "chcemy podzielić się dobrą wiadomością: frekwencja Państwa dziecka, {{pupil_name}}, "
	 "wynosi teraz {{attendance_pct}} ({{trend}}). To wyraźna poprawa!\n\n"
	 "Dziękujemy za wszystko, co Państwo robią, aby dziecko było w szkole każdego dnia. "
	 "Prosimy przekazać nasze gratulacje - my również je złożyliśmy!\n\n"
	 "Z serdecznymi pozdrowieniami\n{{attendance_lead}}\n{{school_name}}"},

	/* ---- recognition ---- */
	{"recognition-100", "en", "letter", "Recognition of 100% attendance",
	 "100% attendance: congratulations, {{pupil_forename}}!",
	 "Dear {{contact_name}},\n\n"
	 "We are delighted to tell you that {{pupil_forename}} has been in school for every "
	 "single session this school year so far: 100% attendance.\n\n"
	 "Being here every day means {{pupil_forename}} hasn't missed a lesson, a friendship or a "
	 "moment of learning. That takes commitment from {{pupil_forename}} and from you, and we "
	 "want to say thank you.\n\n"
	 "With warm congratulations,\n\n{{head_teacher}}\nHead teacher, {{school_name}}"},
	{"recognition-100", "pl", "letter", "Recognition of 100% attendance",
	 "100% frekwencji: gratulacje!",
	 "Szanowni Państwo,\n\n"
	 "z radością informujemy, że Państwa dziecko, {{pupil_name}}, było obecne na wszystkich "
	 "zajęciach od początku roku szkolnego: frekwencja wynosi 100%.\n\n"
	 "Obecność każdego dnia oznacza, że nie przepadła ani jedna lekcja. To zasługa zarówno "
	 "dziecka, jak i Państwa - serdecznie dziękujemy.\n\n"
	 "Z gratulacjami\n\n{{head_teacher}}\nDyrektor szkoły, {{school_name}}"},
	{"recognition-most-improved", "en", "letter", "Recognition of the most improved attendance",
	 "Most improved attendance: well done, {{pupil_forename}}!",
	 "Dear {{contact_name}},\n\n"
	 "We are very pleased to tell you that {{pupil_forename}} is one of the pupils whose "
	 "attendance has improved the most. Attendance is now {{attendance_pct}}, {{trend}}.\n\n"
	 "Every extra day in school counts, and {{pupil_forename}} has shown real determination. "
	 "Thank you for your support at home - it makes all the difference.\n\n"
	 "With congratulations,\n\n{{head_teacher}}\nHead teacher, {{school_name}}"},
	{"recognition-most-improved", "pl", "letter", "Recognition of the most improved attendance",
	 "Największa poprawa frekwencji: gratulacje!",
	 "Szanowni Państwo,\n\n"
	 "z przyjemnością informujemy, że Państwa dziecko, {{pupil_name}}, należy do uczniów, "
	 "których frekwencja poprawiła się najbardziej. Obecnie wynosi ona {{attendance_pct}} "
	 "({{trend}}).\n\n"
	 "Każdy dodatkowy dzień w szkole się liczy, a dziecko wykazało się prawdziwą "
	 "wytrwałością. Dziękujemy za Państwa wsparcie w domu - to ma ogromne znaczenie.\n\n"
	 "Z gratulacjami\n\n{{head_teacher}}\nDyrektor szkoły, {{school_name}}"},

	{"recognition-award", "en", "letter", "Recognition of an award (100% over a week, half-term or term)",
	 "Congratulations, {{pupil_forename}}: {{award}}",
	 "Dear {{contact_name}},\n\n"
	 "We are delighted to tell you that {{pupil_forename}} has earned an award: {{award}}.\n\n"
	 "Being in school every day means {{pupil_forename}} hasn't missed a lesson, a friendship or "
	 "a moment of learning. That takes commitment from {{pupil_forename}} and from you, and we "
	 "want to say thank you.\n\n"
	 "With warm congratulations,\n\n{{head_teacher}}\nHead teacher, {{school_name}}"},
	{"recognition-award", "pl", "letter", "Recognition of an award (100% over a week, half-term or term)",
	 "Gratulacje: {{award}}",
	 "Szanowni Państwo,\n\n"
	 "z radością informujemy, że Państwa dziecko, {{pupil_name}}, otrzymało wyróżnienie: "
	 "{{award}}.\n\n"
	 "Obecność każdego dnia oznacza, że nie przepadła ani jedna lekcja. To zasługa zarówno "
	 "dziecka, jak i Państwa - serdecznie dziękujemy.\n\n"
	 "Z gratulacjami\n\n{{head_teacher}}\nDyrektor szkoły, {{school_name}}"},

	/* ---- the head teacher's termly letter ---- */
	{"head-termly-letter", "en", "letter",
	 "The head teacher's termly letter to the families of the lowest attendance, with the "
	 "school's offer of support",
	 "{{pupil_forename}}'s attendance this term: how we can help",
	 "Dear {{contact_name}},\n\n"
	 "As we reach the end of another term, I am writing personally to the families of the "
	 "pupils whose attendance we are most concerned about. So far this school year "
	 "{{pupil_forename}} has missed {{days_lessons_missed}}; attendance is {{attendance_pct}} "
	 "({{trend}}).\n\n"
	 "I know that behind these numbers there are often real difficulties: illness, worries "
	 "about school, or pressures at home. You are not on your own with this. At "
	 "{{school_name}} we offer {{support_offer}}.\n\n"
	 "Every day from now makes a difference: {{back_to_90}}.\n\n"
	 "Please contact {{attendance_lead}} on {{school_phone}} or at {{school_email}}, and we "
	 "will find a time to talk that suits you.\n\n"
	 "Yours sincerely,\n\n{{head_teacher}}\nHead teacher"},
	{"head-termly-letter", "pl", "letter",
	 "The head teacher's termly letter to the families of the lowest attendance, with the "
	 "school's offer of support",
	 "Frekwencja w tym semestrze: jak możemy pomóc",
	 "Szanowni Państwo,\n\n"
	 "na koniec semestru piszę osobiście do rodzin uczniów, o których frekwencję martwimy się "
	 "najbardziej. Od początku roku szkolnego nieobecności Państwa dziecka, {{pupil_name}}, "
	 "wynoszą łącznie {{days_lessons_missed}}; frekwencja wynosi {{attendance_pct}} "
	 "({{trend}}).\n\n"
	 "Wiem, że za tymi liczbami często stoją prawdziwe trudności: choroba, obawy związane ze "
	 "szkołą albo problemy w domu. Nie są Państwo z tym sami. Nasza szkoła, {{school_name}}, "
	 "oferuje: {{support_offer}}.\n\n"
	 "Każdy kolejny dzień ma znaczenie: {{back_to_90}}.\n\n"
	 "Prosimy o kontakt: {{school_phone}} lub {{school_email}} (osoba odpowiedzialna za "
	 "frekwencję: {{attendance_lead}}). Znajdziemy dogodny termin rozmowy.\n\n"
	 "Z poważaniem\n\n{{head_teacher}}\nDyrektor szkoły"},
	/* ---- to professionals: the first-day notices (app/notices.h), in
	 * English only: they go to the local authority's social workers ---- */
	{"notice-social-worker", "en", "email",
	 "Unexplained absence: the first-day notice to a pupil's social worker",
	 "Unexplained absence today: {{pupil_name}} ({{school_name}})",
	 "Dear {{contact_name}},\n\n"
	 "{{pupil_name}} (year {{year_group}}, {{form}}) is absent from school today, {{today}}, and "
	 "the family has not given us a reason yet. We are telling you on the first day, as "
	 "Working together to improve school attendance asks for a pupil with a social worker.\n\n"
	 "We are contacting the family today and will let you know what we find. So far this "
	 "school year {{pupil_forename}} has missed {{days_lessons_missed}}; attendance is "
	 "{{attendance_pct}}.\n\n"
	 "Please contact {{attendance_lead}} on {{school_phone}} or at {{school_email}}.\n\n"
	 "{{school_name}}"},
	{"notice-virtual-school", "en", "email",
	 "Unexplained absence: the first-day notice to a looked-after child's virtual school",
	 "Unexplained absence today: {{pupil_name}} ({{school_name}})",
	 "Dear {{contact_name}},\n\n"
	 "{{pupil_name}} (year {{year_group}}, {{form}}), a looked-after child on our roll, is "
	 "absent from school today, {{today}}, and we have not been given a reason yet. We are "
	 "telling the virtual school on the first day, as Working together to improve school "
	 "attendance asks.\n\n"
	 "We are contacting the carers today and will let you know what we find. So far this "
	 "school year {{pupil_forename}} has missed {{days_lessons_missed}}; attendance is "
	 "{{attendance_pct}}.\n\n"
	 "Please contact {{attendance_lead}} on {{school_phone}} or at {{school_email}}.\n\n"
	 "{{school_name}}"},

	/* ---- families' own accounts (issue 12) ---- */
	{"family-invitation", "en", "email",
	 "An invitation to see a child's attendance online, with a one-time code",
	 "See {{pupil_forename}}'s attendance online",
	 "Dear {{contact_name}},\n\n"
	 "{{school_name}} would like to invite you to see {{pupil_forename}}'s attendance online: "
	 "how each week is going, the messages and letters we send you, and a quick way to tell "
	 "us when {{pupil_forename}} is ill or has an appointment.\n\n"
	 "To set up your account, open this link and choose a password:\n{{invitation_link}}\n\n"
	 "Or go to the school's attend page, choose \"I have an invitation code\" and enter this "
	 "code: {{invitation_code}}\n\n"
	 "The code works once, and until {{invitation_expires}}. If you did not expect this "
	 "email, or the link has expired, please call us on {{school_phone}}.\n\n"
	 "With best wishes,\n{{attendance_lead}}\n{{school_name}}"},
	{"family-invitation", "pl", "email",
	 "An invitation to see a child's attendance online, with a one-time code",
	 "Frekwencja dziecka online: {{pupil_name}}",
	 "Szanowni Państwo,\n\n"
	 "{{school_name}} zaprasza do sprawdzania frekwencji Państwa dziecka, {{pupil_name}}, "
	 "online: jak mijają kolejne tygodnie, jakie wiadomości i listy wysyłamy oraz szybkiego "
	 "zgłaszania choroby lub wizyty u lekarza.\n\n"
	 "Aby założyć konto, prosimy otworzyć ten link i wybrać hasło:\n{{invitation_link}}\n\n"
	 "Można też wejść na stronę attend szkoły, wybrać \"Mam kod zaproszenia\" i wpisać kod: "
	 "{{invitation_code}}\n\n"
	 "Kod działa jeden raz, do {{invitation_expires}}. Jeśli nie spodziewali się Państwo tej "
	 "wiadomości albo link wygasł, prosimy o telefon: {{school_phone}}.\n\n"
	 "Z serdecznymi pozdrowieniami\n{{attendance_lead}}\n{{school_name}}"},

	/* ---- leave of absence in term time: the head teacher's decision ---- */
	{"leave-granted", "en", "letter",
	 "Leave of absence agreed: the head teacher's letter, with the days and lessons it covers",
	 "Leave of absence for {{pupil_forename}}: agreed",
	 "Dear {{contact_name}},\n\n"
	 "Thank you for asking for leave of absence for {{pupil_forename}}: {{leave_dates}}. You "
	 "told us: \"{{leave_reason}}\".\n\n"
	 "I have agreed to this leave. {{leave_decision_reason}}\n\n"
	 "The leave covers {{leave_days_lessons}} of school, and it will be recorded as authorised "
	 "leave. So far this school year {{pupil_forename}}'s attendance is {{attendance_pct}}. "
	 "{{pupil_forename}}'s teachers will help with anything missed; please ask us if you "
	 "would like work to take along.\n\n"
	 "If your plans change, please let us know on {{school_phone}}.\n\n"
	 "Yours sincerely,\n\n{{head_teacher}}\nHead teacher"},
	{"leave-granted", "pl", "letter",
	 "Leave of absence agreed: the head teacher's letter, with the days and lessons it covers",
	 "Zwolnienie z zajęć: {{pupil_name}} - zgoda",
	 "Szanowni Państwo,\n\n"
	 "dziękujemy za prośbę o zwolnienie Państwa dziecka, {{pupil_name}}, z zajęć "
	 "({{leave_dates}}). Podany powód: \"{{leave_reason}}\".\n\n"
	 "Wyrażam zgodę na to zwolnienie. {{leave_decision_reason}}\n\n"
	 "Zwolnienie obejmuje {{leave_days_lessons}} nauki i zostanie zapisane jako nieobecność "
	 "usprawiedliwiona. Frekwencja dziecka w tym roku szkolnym wynosi {{attendance_pct}}. "
	 "Nauczyciele pomogą nadrobić zaległości; chętnie przygotujemy też materiały do pracy w "
	 "tym czasie.\n\n"
	 "W razie zmiany planów prosimy o informację: {{school_phone}}.\n\n"
	 "Z poważaniem\n\n{{head_teacher}}\nDyrektor szkoły"},
	{"leave-refused", "en", "letter",
	 "Leave of absence not agreed: the head teacher's supportive letter, with the days and "
	 "lessons that would be missed",
	 "Leave of absence for {{pupil_forename}}",
	 "Dear {{contact_name}},\n\n"
	 "Thank you for asking for leave of absence for {{pupil_forename}}: {{leave_dates}}. You "
	 "told us: \"{{leave_reason}}\". I have thought about your request carefully.\n\n"
	 "Head teachers may only agree to leave in term time in exceptional circumstances, and I "
	 "am sorry that I am not able to agree to this request. {{leave_decision_reason}}\n\n"
	 "The leave would mean missing {{leave_days_lessons}} of school. So far this school year "
	 "{{pupil_forename}}'s attendance is {{attendance_pct}}, and every day in school helps "
	 "with learning and friendships.\n\n"
	 "If {{pupil_forename}} is absent on these days, the absence will be recorded as "
	 "unauthorised (leave not agreed by the school), and the local authority may issue a "
	 "penalty notice. If something has changed, or there is more you would like us to know, "
	 "please contact {{attendance_lead}} on {{school_phone}}: we are always happy to talk.\n\n"
	 "Yours sincerely,\n\n{{head_teacher}}\nHead teacher"},
	{"leave-refused", "pl", "letter",
	 "Leave of absence not agreed: the head teacher's supportive letter, with the days and "
	 "lessons that would be missed",
	 "Zwolnienie z zajęć: {{pupil_name}}",
	 "Szanowni Państwo,\n\n"
	 "dziękujemy za prośbę o zwolnienie Państwa dziecka, {{pupil_name}}, z zajęć "
	 "({{leave_dates}}). Podany powód: \"{{leave_reason}}\". Prośba została starannie "
	 "rozważona.\n\n"
	 "Dyrektor szkoły może wyrazić zgodę na nieobecność w czasie roku szkolnego tylko w "
	 "wyjątkowych okolicznościach i z przykrością informuję, że nie mogę się zgodzić na to "
	 "zwolnienie. {{leave_decision_reason}}\n\n"
	 "Zwolnienie oznaczałoby opuszczenie {{leave_days_lessons}} nauki. Frekwencja dziecka w "
	 "tym roku szkolnym wynosi {{attendance_pct}}, a każdy dzień w szkole ma znaczenie dla "
	 "nauki i przyjaźni.\n\n"
	 "Jeśli dziecko będzie nieobecne w tych dniach, nieobecność zostanie zapisana jako "
	 "nieusprawiedliwiona (zwolnienie bez zgody szkoły), a władze lokalne mogą nałożyć karę "
	 "(penalty notice). Jeśli coś się zmieniło albo chcieliby Państwo przekazać nam więcej "
	 "informacji, prosimy o kontakt: {{attendance_lead}}, {{school_phone}}. Zawsze chętnie "
	 "porozmawiamy.\n\n"
	 "Z poważaniem\n\n{{head_teacher}}\nDyrektor szkoły"},
};

const struct builtin_template *templates_builtin(int *n)
{
	*n = (int)(sizeof builtins / sizeof *builtins);
	return builtins;
}

int templates_seed(struct store *s, int64_t school_id, const char *at, int *added,
		   struct app_error *err)
{
	int n;
	const struct builtin_template *b = templates_builtin(&n);
	*added = 0;
	struct template_rec *t = calloc(1, sizeof *t);
	if (!t)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int ret = -1;
	if (store_begin(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	for (int i = 0; i < n; i++) {
		snprintf(t->name, sizeof t->name, "%s", b[i].name);
		snprintf(t->language, sizeof t->language, "%s", b[i].language);
		snprintf(t->channel, sizeof t->channel, "%s", b[i].channel);
		snprintf(t->description, sizeof t->description, "%s", b[i].description);
		snprintf(t->subject, sizeof t->subject, "%s", b[i].subject);
		snprintf(t->body, sizeof t->body, "%s", b[i].body);
		t->builtin = true;
		snprintf(t->changed_by, sizeof t->changed_by, "attend");
		snprintf(t->changed_at, sizeof t->changed_at, "%s", at);
		bool a;
		if (store_template_add_missing(s, school_id, t, &a) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
			store_rollback(s);
			goto out;
		}
		*added += a;
	}
	if (store_commit(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		goto out;
	}
	ret = 0;
out:
	free(t);
	return ret;
}
