/* The one route table: every page and API call, the roles that may use it
 * and its handler. http.c checks sign-in, role and CSRF from here before a
 * handler runs; `attend serve --routes` prints it for the role-matrix test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/leading.h"
#include "web/family.h"
#include "web/web.h"

#define STAFF ROLES_STAFF
#define WHOLE ROLES_WHOLE_SCHOOL
#define FIGURES (ROLES_STAFF | ROLES_AGGREGATE)
#define ANYONE ROLES_ALL
#define LEAD ROLES_LEADS
#define DSL ROLES_SAFEGUARDING
#define PASTORAL (WHOLE | ROLE_BIT(ROLE_HEAD_OF_YEAR) | DSL)
#define YEARS (ROLES_WHOLE_SCHOOL | ROLE_BIT(ROLE_HEAD_OF_YEAR))
#define GOVERNORS (ROLES_LEADS | ROLES_AGGREGATE)
/* Who owns the files the school sends (README, "Exchanging data"). */
#define EXPORTS (LEAD | ROLE_BIT(ROLE_OFFICE))
#define NOTICES (WHOLE | DSL)
/* casework (app/casework.h says who does what): seen by the lead, admin,
 * the DSL and a pupil's head of year and tutor; plans written by the lead,
 * admin and heads of year; safeguarding notes read by the DSL and the lead
 * (the lead: the school's or the trust's, LEAD = ROLES_LEADS) */
#define CASEWORK (LEAD | ROLE_BIT(ROLE_HEAD_OF_YEAR) | ROLE_BIT(ROLE_TEACHER) | DSL)
#define PLANS (LEAD | ROLE_BIT(ROLE_HEAD_OF_YEAR))
#define SAFEGUARD (ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_TRUST_ATTENDANCE_LEAD) | DSL)
#define UPLOAD ROUTE_UPLOAD
#define PARENT ROLE_BIT(ROLE_PARENT)
#define PUPIL ROLE_BIT(ROLE_PUPIL)
#define TWOFACTOR_RESET (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_OFFICE))

const struct route web_routes[] = {
	/* pages */
	{WEB_GET, "/", FIGURES | PARENT | PUPIL, 0, web_page_home, "the start page of the role"},
	{WEB_GET, "/signin", 0, ROUTE_PUBLIC, page_signin_get, "the sign-in form"},
	{WEB_POST, "/signin", 0, ROUTE_PUBLIC, page_signin_post, "sign in"},
	{WEB_POST, "/signout", ANYONE, 0, page_signout_post, "sign out"},
	{WEB_GET, "/today", STAFF, 0, page_today, "today's registers of the forms you see"},
	{WEB_GET, "/registers/{form}/{date}/{session}", STAFF, 0, page_register_get, "a register"},
	{WEB_POST, "/registers/{form}/{date}/{session}", STAFF, 0, page_register_post,
	 "save a register"},
	{WEB_GET, "/office", WHOLE, 0, page_office, "every register of a day, and who has N"},
	{WEB_GET, "/pupils/{upn}/history", STAFF, 0, page_history, "a pupil's marks and versions"},
	{WEB_GET, "/stats", FIGURES, 0, page_stats, "attendance figures"},
	{WEB_GET, "/static/{file}", 0, ROUTE_PUBLIC, page_static, "CSS and JavaScript"},
	/* lesson registers */
	{WEB_GET, "/lessons/{date}/{period}/{class*}", STAFF, 0, page_lesson_get,
	 "a lesson register (its teacher, or whole-school staff)"},
	{WEB_POST, "/lessons/{date}/{period}/{class*}", STAFF, 0, page_lesson_post,
	 "save a lesson register"},
	{WEB_GET, "/missing", WHOLE, 0, page_missing,
	 "missing now, lesson registers not taken, disagreements"},
	{WEB_GET, "/disagreements", WHOLE, 0, page_disagreements,
	 "lesson marks that disagree with session marks"},
	{WEB_POST, "/disagreements", WHOLE, 0, page_disagreement_post, "resolve a disagreement"},
	{WEB_GET, "/alerts", STAFF | DSL, 0, page_alerts, "the alerts for you"},
	{WEB_POST, "/alerts/{id}", STAFF | DSL, 0, page_alert_post, "resolve an alert"},
	{WEB_GET, "/classes", WHOLE, 0, page_classes, "every class"},
	{WEB_GET, "/classes/{class*}", STAFF, 0, page_class_get, "a class and its pupils"},
	{WEB_POST, "/classes/{class*}", LEAD, 0, page_class_post, "add or take out a pupil"},
	{WEB_GET, "/pupils/{upn}/lessons", STAFF | DSL, 0, page_pupil_lessons,
	 "a pupil's lesson patterns"},
	{WEB_GET, "/lesson-patterns", PASTORAL, 0, page_lesson_patterns,
	 "a year group's lesson patterns"},
	/* the first-day response, tasks and families (issue 6) */
	{WEB_GET, "/first-day", WHOLE, 0, page_first_day, "every pupil with N today: the step due, what is done"},
	{WEB_GET, "/first-day/{upn}/message", WHOLE, 0, page_first_day_message,
	 "the first-day message, previewed"},
	{WEB_POST, "/first-day/{upn}/{step}", WHOLE, 0, page_first_day_step,
	 "a first-day step done (message, calls, visit)"},
	{WEB_GET, "/tasks", STAFF | DSL, 0, page_tasks,
	 "your tasks (escalation, notifications to send, casework's reviews)"},
	{WEB_POST, "/tasks/{task}/done", STAFF | DSL, 0, page_task_done, "a task done"},
	{WEB_GET, "/pupils/{upn}/family", STAFF, 0, page_family,
	 "a pupil's contacts, contact log, reasons reported and messages"},
	{WEB_POST, "/pupils/{upn}/contact-log", STAFF, 0, page_contact_log_add, "log a contact"},
	{WEB_POST, "/pupils/{upn}/contact-log/{entry}", STAFF, 0, page_contact_log_amend,
	 "amend a contact log entry (a new version, with why)"},
	{WEB_GET, "/pupils/{upn}/absence", WHOLE, 0, page_absence_get, "record a reason a family gave"},
	{WEB_POST, "/pupils/{upn}/absence", WHOLE, 0, page_absence_post,
	 "a reason recorded: the codes go on the register"},
	{WEB_GET, "/pupils/{upn}/message", WHOLE, 0, page_message_get,
	 "a message to a pupil's contact, previewed"},
	{WEB_POST, "/pupils/{upn}/message", WHOLE, 0, page_message_post, "send it (to the outbox)"},
	{WEB_GET, "/contacts/missing", WHOLE, 0, page_contacts_missing,
	 "pupils with fewer than two working contacts"},
	{WEB_GET, "/templates", WHOLE, 0, page_templates, "the message templates"},
	{WEB_GET, "/templates/{name}", WHOLE, 0, page_template, "a template, previewed for a pupil"},
	{WEB_GET, "/outbox", WHOLE, 0, page_outbox, "every message and its status"},
	{WEB_GET, "/outbox/{id}", WHOLE, 0, page_outbox_message, "one message"},
	{WEB_GET, "/outbox/{id}/pdf", WHOLE, 0, page_outbox_pdf, "a letter's PDF"},
	{WEB_POST, "/outbox/{id}", WHOLE, 0, page_outbox_decide,
	 "send a failed message again, or a letter posted"},
	{WEB_GET, "/dashboard", WHOLE, 0, page_dashboard, "the school's attendance dashboard"},
	{WEB_GET, "/pupils", STAFF, 0, page_pupils, "pupils you see, filtered, flagged and sorted"},
	{WEB_GET, "/pupils.csv", STAFF, 0, page_pupils_csv, "the same list as CSV"},
	{WEB_GET, "/moved", STAFF, 0, page_moved, "who moved this week: largest falls and rises"},
	{WEB_GET, "/pupils/{upn}", STAFF, 0, page_pupil, "a pupil's attendance profile"},
	{WEB_GET, "/years", YEARS, 0, page_years, "the year groups you see"},
	{WEB_GET, "/years/{year}", YEARS, 0, page_year, "a year group's figures, forms and pupils"},
	{WEB_GET, "/forms", STAFF, 0, page_forms, "the forms you see"},
	{WEB_GET, "/forms/{form}", STAFF, 0, page_form, "a form's figures and pupils"},
	{WEB_GET, "/cup", STAFF, 0, page_cup, "the Champions' Cup: forms and years ranked"},
	{WEB_GET, "/governors", GOVERNORS, 0, page_governors, "the governor report (aggregate only)"},
	{WEB_GET, "/governors.pdf", GOVERNORS, 0, page_governors_pdf, "the governor report as PDF"},
	/* leading attendance (issue 13): self-assessment, the action plan, the
	 * monitoring schedule, recognition; governors see the plan only */
	{WEB_GET, "/leading", LEAD, 0, page_leading, "leading attendance: where each part stands"},
	{WEB_GET, "/self-assessment", LEAD, 0, page_sa_list, "the self-assessments (toolkit Annex B)"},
	{WEB_POST, "/self-assessment", LEAD, 0, page_sa_create, "start a self-assessment"},
	{WEB_GET, "/self-assessment/compare", LEAD, 0, page_sa_compare,
	 "self-assessments side by side, by area"},
	{WEB_GET, "/self-assessment/questions", LEAD, 0, page_sa_questions, "the questions"},
	{WEB_POST, "/self-assessment/questions", LEAD, 0, page_sa_question_add, "add a question"},
	{WEB_POST, "/self-assessment/questions/{id}", LEAD, 0, page_sa_question_post,
	 "retire a question or use it again"},
	{WEB_GET, "/self-assessment/{id}", LEAD, 0, page_sa_get, "a self-assessment, with the evidence attend holds"},
	{WEB_POST, "/self-assessment/{id}", LEAD, 0, page_sa_post, "save answers (or complete it)"},
	{WEB_POST, "/self-assessment/{id}/actions", LEAD, 0, page_sa_action,
	 "an agreed action put in the action plan"},
	{WEB_GET, "/plan", FIGURES, 0, page_plan, "the action plan (governors: aggregate figures only)"},
	{WEB_GET, "/plan.pdf", GOVERNORS, 0, page_plan_pdf, "the action plan as PDF, for governors"},
	{WEB_GET, "/plan/targets/{id}", FIGURES, 0, page_plan_target, "a target: trajectory and history"},
	{WEB_POST, "/plan/targets", LEAD, 0, page_plan_target_add, "set a target"},
	{WEB_POST, "/plan/targets/{id}", LEAD, 0, page_plan_target_post, "change a target"},
	{WEB_POST, "/plan/actions", LEAD, 0, page_plan_action_add, "add an action"},
	{WEB_POST, "/plan/actions/{id}", STAFF, 0, page_plan_action_post,
	 "update an action (its owner: status and evidence)"},
	{WEB_POST, "/plan/reviews", LEAD, 0, page_plan_review_add, "record a review meeting"},
	{WEB_GET, "/schedule", STAFF, 0, page_schedule, "today's checklist (toolkit Annex C)"},
	{WEB_POST, "/schedule/{id}/done", STAFF, 0, page_schedule_done, "a task done"},
	{WEB_GET, "/schedule/missed", LEAD, 0, page_schedule_missed, "the tasks missed, and whose"},
	{WEB_GET, "/schedule/tasks", LEAD, 0, page_schedule_tasks, "the schedule's tasks"},
	{WEB_POST, "/schedule/tasks", LEAD, 0, page_schedule_task_add, "add a task"},
	{WEB_POST, "/schedule/tasks/{id}", LEAD, 0, page_schedule_task_post, "change a task"},
	{WEB_GET, "/schedule/digests", LEAD, 0, page_schedule_digests,
	 "the daily digest and the weekly pack: when, to whom"},
	{WEB_POST, "/schedule/digests", LEAD, 0, page_schedule_digests_post, "the digests' times"},
	{WEB_POST, "/schedule/recipients", LEAD, 0, page_schedule_recipient_add, "add a recipient"},
	{WEB_POST, "/schedule/recipients/{id}", LEAD, 0, page_schedule_recipient_post,
	 "remove a recipient"},
	{WEB_GET, "/recognition", WHOLE, 0, page_recognition, "awards, their lists, pupils kept out"},
	{WEB_POST, "/recognition/awards", LEAD, 0, page_recognition_award_add, "add an award"},
	{WEB_POST, "/recognition/awards/{id}", LEAD, 0, page_recognition_award_post, "change an award"},
	{WEB_POST, "/recognition/lists", LEAD, 0, page_recognition_generate, "generate an award's list"},
	{WEB_GET, "/recognition/lists/{id}", WHOLE, 0, page_recognition_list, "an award's list"},
	{WEB_POST, "/recognition/lists/{id}", LEAD, 0, page_recognition_decide,
	 "approve a list (the pupils kept) or withdraw it"},
	{WEB_POST, "/recognition/lists/{id}/send", LEAD, 0, page_recognition_send,
	 "praise to the families (outbox)"},
	{WEB_GET, "/recognition/lists/{id}/certificates.pdf", WHOLE, 0, page_recognition_certificates,
	 "an approved list's certificates"},
	{WEB_POST, "/recognition/exclusions/{id}", LEAD, 0, page_recognition_lift,
	 "lift an exclusion from recognition"},
	{WEB_GET, "/pupils/{upn}/recognition", STAFF, 0, page_pupil_recognition,
	 "a pupil's part in public recognition"},
	{WEB_POST, "/pupils/{upn}/recognition", STAFF, 0, page_pupil_exclude,
	 "keep a pupil out of public recognition (with why)"},
	/* schools and trusts (issue 9) */
	{WEB_GET, "/schools", ANYONE, 0, page_schools, "the schools you belong to: choose one"},
	{WEB_POST, "/schools", ANYONE, 0, page_schools_post, "work in another of your schools"},
	{WEB_GET, "/trust", ROLES_TRUST, 0, page_trust,
	 "the trust dashboard: every school side by side"},
	{WEB_GET, "/similar", LEAD | ROLES_AGGREGATE | ROLES_TRUST, 0, page_similar,
	 "the school against the trust's schools of its phase and similar schools"},
	/* statutory duties (issue 10) */
	{WEB_GET, "/notifications", NOTICES, 0, page_notifications,
	 "notifications to the LA, social workers and virtual schools"},
	{WEB_POST, "/notifications/la-file", LEAD, 0, page_la_file_post,
	 "the LA's file of open notifications, recorded as sent"},
	{WEB_POST, "/notifications/{id}", NOTICES, 0, page_notification_post,
	 "a notification sent, told another way, or not needed"},
	{WEB_GET, "/downloads", EXPORTS, 0, page_downloads, "the files the school sends"},
	{WEB_GET, "/downloads/pupil", EXPORTS, 0, page_pupil_file_form, "a pupil's file, by UPN"},
	{WEB_GET, "/downloads/census.xml", LEAD, 0, page_census_download,
	 "the census attendance module"},
	{WEB_GET, "/downloads/dfe-daily.csv", EXPORTS, 0, page_dfe_daily_download,
	 "the DfE's daily attendance data"},
	{WEB_GET, "/pupils/{upn}/ctf.xml", EXPORTS, 0, page_ctf_download, "a leaving pupil's CTF"},
	{WEB_GET, "/pupils/{upn}/evidence.pdf", LEAD, 0, page_evidence_pdf,
	 "the register extract for the LA, verified (PDF)"},
	{WEB_GET, "/pupils/{upn}/evidence.csv", LEAD, 0, page_evidence_csv,
	 "the register extract for the LA, verified (CSV)"},
	{WEB_GET, "/pupils/{upn}/leave", WHOLE, 0, page_leaving_get,
	 "leaving the admission register: the date and the ground"},
	{WEB_POST, "/pupils/{upn}/leave", WHOLE, 0, page_leaving_post, "record leaving"},
	{WEB_GET, "/transition", YEARS, 0, page_transition,
	 "incoming Year 7, most at risk first, and the watch"},
	/* casework (issue 7) */
	{WEB_GET, "/casework", LEAD, 0, page_casework_list,
	 "the review list: what triggers raised, with the stage each suggests"},
	{WEB_POST, "/casework/reviews/{id}", LEAD, 0, web_cw_review, "accept or dismiss, with why"},
	{WEB_GET, "/casework/impact", LEAD, 0, page_casework_impact,
	 "each intervention against comparison pupils"},
	{WEB_GET, "/casework/pack", LEAD, 0, page_casework_pack, "the LA targeting support meeting pack"},
	{WEB_GET, "/casework/pack.pdf", LEAD, 0, page_casework_pack_pdf, "the pack as PDF"},
	{WEB_GET, "/casework/pack.csv", LEAD, 0, page_casework_pack_csv, "the pack as CSV"},
	{WEB_GET, "/casework/catalogue", LEAD, 0, page_casework_catalogue,
	 "the barriers and interventions the school uses"},
	{WEB_POST, "/casework/catalogue", LEAD, 0, web_cw_catalogue, "add, retire or bring back one"},
	{WEB_GET, "/safeguarding/log", SAFEGUARD, 0, page_safeguarding_log,
	 "who read which safeguarding note"},
	{WEB_GET, "/pupils/{upn}/casework", CASEWORK, 0, page_casework_pupil,
	 "a pupil's stage, plan, interventions, part-time timetable, notes (legal: the lead)"},
	{WEB_GET, "/pupils/{upn}/safeguarding", SAFEGUARD, 0, page_casework_safeguarding,
	 "a pupil's safeguarding notes (each read logged)"},
	{WEB_POST, "/pupils/{upn}/stage", LEAD, 0, web_cw_stage, "move a pupil to a stage, with why"},
	{WEB_POST, "/pupils/{upn}/notes", CASEWORK, 0, web_cw_note, "add a note"},
	{WEB_POST, "/pupils/{upn}/plans", PLANS, 0, web_cw_plan, "start a support plan"},
	{WEB_POST, "/pupils/{upn}/plans/{plan}/barriers", PLANS, 0, web_cw_barrier, "name a barrier"},
	{WEB_POST, "/pupils/{upn}/plans/{plan}/actions", PLANS, 0, web_cw_action, "agree an action"},
	{WEB_POST, "/pupils/{upn}/actions/{action}", PLANS, 0, web_cw_action_done,
	 "an action done or dropped"},
	{WEB_POST, "/pupils/{upn}/plans/{plan}/meetings", PLANS, 0, web_cw_meeting,
	 "record a support meeting or review"},
	{WEB_POST, "/pupils/{upn}/plans/{plan}/close", PLANS, 0, web_cw_plan_close,
	 "close a plan with its outcome"},
	{WEB_POST, "/pupils/{upn}/interventions", PLANS, 0, web_cw_intervention, "start an intervention"},
	{WEB_POST, "/pupils/{upn}/interventions/{id}/end", PLANS, 0, web_cw_intervention_end,
	 "end an intervention"},
	{WEB_POST, "/pupils/{upn}/part-time", LEAD, 0, web_cw_part_time,
	 "agree a part-time timetable (C2 on its sessions)"},
	{WEB_POST, "/pupils/{upn}/part-time/{id}/review", LEAD, 0, web_cw_part_time_review,
	 "record a part-time timetable's review"},
	{WEB_POST, "/pupils/{upn}/part-time/{id}/end", LEAD, 0, web_cw_part_time_end,
	 "end a part-time timetable"},
	{WEB_POST, "/pupils/{upn}/legal", LEAD, 0, web_cw_legal, "record a formal or legal step"},
	{WEB_POST, "/pupils/{upn}/legal/{legal}/events", LEAD, 0, web_cw_legal_event,
	 "paid, withdrawn, a hearing, the outcome, a note"},
	{WEB_POST, "/pupils/{upn}/legal/{legal}/documents", LEAD, UPLOAD, web_cw_document,
	 "upload a document (PDF, PNG, JPEG; at most 5 MB)"},
	{WEB_GET, "/pupils/{upn}/legal/{legal}/documents/{doc}", LEAD, 0, page_casework_document,
	 "download a document"},
	/* families and pupils (issue 12): their own pages ... */
	{WEB_GET, "/family", PARENT, 0, page_family_home, "a parent's children: this week and year, band"},
	{WEB_GET, "/family/absence", PARENT, 0, page_family_absence_get, "report an absence"},
	{WEB_POST, "/family/absence", PARENT, 0, page_family_absence_post, "send an absence report"},
	{WEB_GET, "/family/leave", PARENT, 0, page_family_leave_get, "ask for leave in term time"},
	{WEB_POST, "/family/leave", PARENT, 0, page_family_leave_post, "send a leave request"},
	{WEB_GET, "/family/requests", PARENT, 0, page_family_requests, "the parent's reports and requests"},
	{WEB_POST, "/family/reports/{id}/withdraw", PARENT, 0, page_family_report_withdraw,
	 "withdraw a report the office has not decided"},
	{WEB_POST, "/family/leave/{id}/withdraw", PARENT, 0, page_family_leave_withdraw,
	 "withdraw a leave request not decided"},
	{WEB_GET, "/family/messages", PARENT, 0, page_family_messages, "messages and letters sent to the parent"},
	{WEB_GET, "/family/messages/{id}", PARENT, 0, page_family_message, "one message"},
	{WEB_GET, "/family/messages/{id}/pdf", PARENT, 0, page_family_message_pdf, "a letter's PDF"},
	{WEB_GET, "/family/{upn}", PARENT, 0, page_family_child, "a child's attendance"},
	{WEB_GET, "/me", PUPIL, 0, page_family_me, "a pupil's own attendance"},
	{WEB_GET, "/language", 0, ROUTE_PUBLIC, page_family_language, "the family pages' language"},
	{WEB_GET, "/invite", 0, ROUTE_PUBLIC, page_invite_get, "an invitation code, and setting up the account"},
	{WEB_POST, "/invite", 0, ROUTE_PUBLIC, page_invite_post, "the account made with the code"},
	/* ... and the school's side */
	{WEB_GET, "/pupils/{upn}/accounts", WHOLE, 0, page_family_accounts,
	 "the family accounts that see a pupil, and invitations"},
	{WEB_POST, "/pupils/{upn}/invitations", WHOLE, 0, page_family_invite, "invite a parent or the pupil"},
	{WEB_POST, "/invitations/{id}/revoke", WHOLE, 0, page_family_invitation_revoke,
	 "withdraw an invitation"},
	{WEB_POST, "/family-links/{id}/end", WHOLE, 0, page_family_link_end,
	 "end an account's access to a pupil"},
	{WEB_GET, "/parent-reports", WHOLE, 0, page_parent_reports, "absences parents reported"},
	{WEB_POST, "/parent-reports/{id}", WHOLE, 0, page_parent_report_decide, "accept or decline one"},
	{WEB_GET, "/leave", WHOLE, 0, page_leave_list, "leave requests, refused leave taken"},
	{WEB_GET, "/leave/{id}", WHOLE, 0, page_leave_get, "a leave request and its decision"},
	{WEB_POST, "/leave/{id}", WHOLE, 0, page_leave_decide,
	 "grant or refuse (the roles of setting leave_deciders)"},
	{WEB_GET, "/leave/{id}/letter", WHOLE, 0, page_leave_letter, "the decision letter's PDF"},
	{WEB_POST, "/leave/{id}/unauthorised", WHOLE, 0, page_leave_unauthorised,
	 "G on the sessions of refused leave that were missed"},
	/* two-step sign-in (a second factor, issue 12), for any account */
	{WEB_GET, "/account/2fa", ANYONE, 0, page_account_2fa, "two-step sign-in: on, off, or being set up"},
	{WEB_POST, "/account/2fa/start", ANYONE, 0, page_account_2fa_start, "a new key for the app"},
	{WEB_POST, "/account/2fa/confirm", ANYONE, 0, page_account_2fa_confirm,
	 "switch it on with a code; the recovery codes, shown once"},
	{WEB_POST, "/account/2fa/off", ANYONE, 0, page_account_2fa_off, "switch it off (password and code)"},
	{WEB_POST, "/users/{name}/2fa/reset", TWOFACTOR_RESET, 0, page_user_2fa_reset,
	 "take off an account's second factor (the office: family accounts)"},
	/* the JSON API */
	{WEB_POST, "/api/session", 0, ROUTE_PUBLIC | ROUTE_API, api_session_post, "sign in"},
	{WEB_GET, "/api/account/2fa", ANYONE, ROUTE_API, page_account_2fa,
	 "{\"state\"} off, pending (with the secret and its otpauth URI) or on"},
	{WEB_POST, "/api/account/2fa/start", ANYONE, ROUTE_API, page_account_2fa_start,
	 "a new key: {\"secret\",\"uri\"}"},
	{WEB_POST, "/api/account/2fa/confirm", ANYONE, ROUTE_API, page_account_2fa_confirm,
	 "{\"code\"} -> {\"recovery_codes\"}"},
	{WEB_POST, "/api/account/2fa/off", ANYONE, ROUTE_API, page_account_2fa_off,
	 "{\"password\",\"code\"}"},
	{WEB_POST, "/api/users/{name}/2fa/reset", TWOFACTOR_RESET, ROUTE_API, page_user_2fa_reset,
	 "{\"reason\"}"},
	{WEB_DELETE, "/api/session", ANYONE, ROUTE_API, api_session_delete, "sign out"},
	{WEB_GET, "/api/registers", STAFF, ROUTE_API, api_registers_list, "the registers of a day"},
	{WEB_GET, "/api/registers/{form}/{date}/{session}", STAFF, ROUTE_API, api_register_get,
	 "a register's pupils and marks"},
	{WEB_PUT, "/api/registers/{form}/{date}/{session}", STAFF, ROUTE_API, api_register_put,
	 "save a register"},
	{WEB_GET, "/api/pupils/{upn}/history", STAFF, ROUTE_API, api_pupil_history,
	 "every version of a mark"},
	{WEB_GET, "/api/stats", FIGURES, ROUTE_API, api_stats, "attendance figures (stats --json)"},
	{WEB_GET, "/api/lessons", STAFF, ROUTE_API, api_lessons_list, "the lessons of a day"},
	{WEB_GET, "/api/lessons/{date}/{period}/{class*}", STAFF, ROUTE_API, api_lesson_get,
	 "a lesson register's pupils and marks"},
	{WEB_PUT, "/api/lessons/{date}/{period}/{class*}", STAFF, ROUTE_API, api_lesson_put,
	 "save a lesson register"},
	{WEB_GET, "/api/missing", WHOLE, ROUTE_API, api_missing,
	 "missing now and lesson registers not taken"},
	{WEB_GET, "/api/disagreements", WHOLE, ROUTE_API, api_disagreements,
	 "lesson marks that disagree with session marks"},
	{WEB_POST, "/api/disagreements", WHOLE, ROUTE_API, api_disagreement_post,
	 "resolve a disagreement"},
	{WEB_GET, "/api/alerts", STAFF | DSL, ROUTE_API, api_alerts, "the alerts for you"},
	{WEB_GET, "/api/pupils/{upn}/lessons", STAFF | DSL, ROUTE_API, api_pupil_lessons,
	 "a pupil's lesson patterns"},
	{WEB_GET, "/api/first-day", WHOLE, ROUTE_API, api_first_day, "the first-day queue of a day"},
	{WEB_POST, "/api/first-day/{upn}/{step}", WHOLE, ROUTE_API, api_first_day_step,
	 "a first-day step done"},
	{WEB_GET, "/api/self-assessments", LEAD, ROUTE_API, api_sa_list,
	 "self-assessments, their averages by area, the questions"},
	{WEB_POST, "/api/self-assessments", LEAD, ROUTE_API, api_sa_create, "start a self-assessment"},
	{WEB_GET, "/api/self-assessments/{id}", LEAD, ROUTE_API, api_sa_get,
	 "a self-assessment with the evidence attend holds"},
	{WEB_PUT, "/api/self-assessments/{id}", LEAD, ROUTE_API, api_sa_put,
	 "save answers (complete: true completes it)"},
	{WEB_POST, "/api/self-assessments/{id}/actions", LEAD, ROUTE_API, api_sa_action,
	 "an agreed action put in the action plan"},
	{WEB_GET, "/api/plan", FIGURES, ROUTE_API, api_plan,
	 "the action plan with live figures (governors: aggregate only)"},
	{WEB_POST, "/api/plan/targets", LEAD, ROUTE_API, api_plan_target_add, "set a target"},
	{WEB_PUT, "/api/plan/targets/{id}", LEAD, ROUTE_API, api_plan_target_put, "change a target"},
	{WEB_POST, "/api/plan/actions", LEAD, ROUTE_API, api_plan_action_add, "add an action"},
	{WEB_PUT, "/api/plan/actions/{id}", STAFF, ROUTE_API, api_plan_action_put, "update an action"},
	{WEB_POST, "/api/plan/reviews", LEAD, ROUTE_API, api_plan_review_add, "record a review meeting"},
	{WEB_GET, "/api/schedule", STAFF, ROUTE_API, api_schedule, "the checklist of a day"},
	{WEB_POST, "/api/schedule/{id}/done", STAFF, ROUTE_API, api_schedule_done, "a task done"},
	{WEB_GET, "/api/schedule/missed", LEAD, ROUTE_API, api_schedule_missed, "the tasks missed"},
	{WEB_GET, "/api/schedule/tasks", LEAD, ROUTE_API, api_schedule_tasks, "the schedule's tasks"},
	{WEB_POST, "/api/schedule/tasks", LEAD, ROUTE_API, api_schedule_task_add, "add a task"},
	{WEB_PUT, "/api/schedule/tasks/{id}", LEAD, ROUTE_API, api_schedule_task_put, "change a task"},
	{WEB_GET, "/api/recognition", WHOLE, ROUTE_API, api_recognition, "the awards and their lists"},
	{WEB_POST, "/api/recognition/lists", LEAD, ROUTE_API, api_recognition_generate,
	 "generate an award's list"},
	{WEB_GET, "/api/recognition/lists/{id}", WHOLE, ROUTE_API, api_recognition_list, "an award's list"},
	{WEB_POST, "/api/recognition/lists/{id}", LEAD, ROUTE_API, api_recognition_decide,
	 "approve or withdraw a list"},
	{WEB_POST, "/api/recognition/lists/{id}/send", LEAD, ROUTE_API, api_recognition_send,
	 "praise to the families"},
	{WEB_POST, "/api/recognition/exclusions/{id}", LEAD, ROUTE_API, api_recognition_lift,
	 "lift an exclusion from recognition"},
	{WEB_POST, "/api/pupils/{upn}/recognition", STAFF, ROUTE_API, api_pupil_exclude,
	 "keep a pupil out of public recognition"},
	{WEB_GET, "/api/schools", ANYONE, ROUTE_API, api_schools, "the schools you belong to"},
	{WEB_POST, "/api/school", ANYONE, ROUTE_API, api_school_post,
	 "work in another of your schools ({\"urn\"})"},
	{WEB_GET, "/api/trust", ROLES_TRUST, ROUTE_API, api_trust,
	 "the trust dashboard's figures, every school"},
	{WEB_GET, "/api/similar", LEAD | ROLES_AGGREGATE | ROLES_TRUST, ROUTE_API, api_similar,
	 "similar-schools benchmarking: the trust's schools of the phase, similar schools"},
	{WEB_GET, "/api/tasks", STAFF | DSL, ROUTE_API, api_tasks, "the tasks you may see"},
	{WEB_POST, "/api/tasks/{task}/done", STAFF | DSL, ROUTE_API, api_task_done, "a task done"},
	{WEB_GET, "/api/notifications", NOTICES, ROUTE_API, api_notifications,
	 "notifications (state=open, sent, withdrawn, dismissed or all)"},
	{WEB_GET, "/api/transition", YEARS, ROUTE_API, api_transition,
	 "the transition view (attend transition --json)"},
	{WEB_GET, "/api/casework/reviews", LEAD, ROUTE_API, api_casework_reviews,
	 "the open review list (brought up to date first)"},
	{WEB_POST, "/api/casework/reviews/{id}", LEAD, ROUTE_API, web_cw_review,
	 "{\"decision\",\"stage\",\"reason\"}"},
	{WEB_GET, "/api/casework/impact", LEAD, ROUTE_API, api_casework_impact,
	 "each intervention against comparison pupils"},
	{WEB_GET, "/api/casework/catalogue", PLANS, ROUTE_API, api_casework_catalogue,
	 "the barriers and interventions"},
	{WEB_POST, "/api/casework/catalogue", LEAD, ROUTE_API, web_cw_catalogue,
	 "{\"kind\",\"code\",\"label\",\"retired\"}"},
	{WEB_GET, "/api/safeguarding/log", SAFEGUARD, ROUTE_API, api_safeguarding_log,
	 "who read which safeguarding note"},
	{WEB_GET, "/api/pupils/{upn}/casework", CASEWORK, ROUTE_API, api_casework_pupil,
	 "a pupil's casework, as the account may see it"},
	{WEB_GET, "/api/pupils/{upn}/safeguarding", SAFEGUARD, ROUTE_API, api_casework_safeguarding,
	 "a pupil's safeguarding notes (each read logged)"},
	{WEB_POST, "/api/pupils/{upn}/stage", LEAD, ROUTE_API, web_cw_stage, "{\"stage\",\"reason\"}"},
	{WEB_POST, "/api/pupils/{upn}/notes", CASEWORK, ROUTE_API, web_cw_note,
	 "{\"body\",\"safeguarding\"}"},
	{WEB_POST, "/api/pupils/{upn}/plans", PLANS, ROUTE_API, web_cw_plan,
	 "{\"title\",\"started_on\",\"review_on\",\"barriers\"}"},
	{WEB_POST, "/api/pupils/{upn}/plans/{plan}/barriers", PLANS, ROUTE_API, web_cw_barrier,
	 "{\"code\",\"note\"}"},
	{WEB_POST, "/api/pupils/{upn}/plans/{plan}/actions", PLANS, ROUTE_API, web_cw_action,
	 "{\"action\",\"owner\",\"due_on\"}"},
	{WEB_POST, "/api/pupils/{upn}/actions/{action}", PLANS, ROUTE_API, web_cw_action_done,
	 "{\"state\",\"note\"}"},
	{WEB_POST, "/api/pupils/{upn}/plans/{plan}/meetings", PLANS, ROUTE_API, web_cw_meeting,
	 "{\"kind\",\"held_on\",\"attendees\",\"pupil_voice\",\"parent_voice\",\"notes\","
	 "\"next_review_on\"}"},
	{WEB_POST, "/api/pupils/{upn}/plans/{plan}/close", PLANS, ROUTE_API, web_cw_plan_close,
	 "{\"outcome\",\"closed_on\"}"},
	{WEB_POST, "/api/pupils/{upn}/interventions", PLANS, ROUTE_API, web_cw_intervention,
	 "{\"type\",\"started_on\",\"planned_end\",\"plan\",\"note\"}"},
	{WEB_POST, "/api/pupils/{upn}/interventions/{id}/end", PLANS, ROUTE_API,
	 web_cw_intervention_end, "{\"ended_on\"}"},
	{WEB_POST, "/api/pupils/{upn}/part-time", LEAD, ROUTE_API, web_cw_part_time,
	 "{\"sessions\",\"started_on\",\"planned_end\",\"reviews\",\"agreed_with\",\"reason\"}"},
	{WEB_POST, "/api/pupils/{upn}/part-time/{id}/review", LEAD, ROUTE_API,
	 web_cw_part_time_review, "{\"review\",\"outcome\",\"next_review\"}"},
	{WEB_POST, "/api/pupils/{upn}/part-time/{id}/end", LEAD, ROUTE_API, web_cw_part_time_end,
	 "{\"ended_on\",\"reason\"}"},
	{WEB_POST, "/api/pupils/{upn}/legal", LEAD, ROUTE_API, web_cw_legal,
	 "{\"kind\",\"parent_name\",\"issued_on\",\"period_weeks\",\"section\",\"review_on\","
	 "\"detail\"}"},
	{WEB_POST, "/api/pupils/{upn}/legal/{legal}/events", LEAD, ROUTE_API, web_cw_legal_event,
	 "{\"kind\",\"on\",\"amount\",\"text\"}"},
	{WEB_POST, "/api/pupils/{upn}/legal/{legal}/documents", LEAD, ROUTE_API | UPLOAD,
	 web_cw_document, "the document as the body (its Content-Type), ?filename="},
	{WEB_GET, "/api/family", PARENT, ROUTE_API, api_family, "a parent's children and their figures"},
	{WEB_POST, "/api/family/absence", PARENT, ROUTE_API, api_family_absence, "report an absence"},
	{WEB_POST, "/api/family/leave", PARENT, ROUTE_API, api_family_leave, "ask for leave"},
	{WEB_GET, "/api/family/messages", PARENT, ROUTE_API, api_family_messages,
	 "messages and letters sent to the parent"},
	{WEB_GET, "/api/family/{upn}", PARENT, ROUTE_API, api_family_child,
	 "a child's figures, reports and leave requests"},
	{WEB_GET, "/api/me", PUPIL, ROUTE_API, api_me, "a pupil's own figures"},
	{WEB_POST, "/api/invitations/redeem", 0, ROUTE_PUBLIC | ROUTE_API, api_invitation_redeem,
	 "make an account with an invitation code"},
	{WEB_POST, "/api/pupils/{upn}/invitations", WHOLE, ROUTE_API, page_family_invite,
	 "invite a parent or the pupil"},
	{WEB_GET, "/api/parent-reports", WHOLE, ROUTE_API, api_parent_reports,
	 "absences parents reported"},
	{WEB_POST, "/api/parent-reports/{id}", WHOLE, ROUTE_API, page_parent_report_decide,
	 "accept or decline one"},
	{WEB_GET, "/api/leave", WHOLE, ROUTE_API, api_leave_list, "leave requests"},
	{WEB_POST, "/api/leave/{id}", WHOLE, ROUTE_API, page_leave_decide, "grant or refuse"},
	{WEB_POST, "/api/leave/{id}/unauthorised", WHOLE, ROUTE_API, page_leave_unauthorised,
	 "G on the sessions of refused leave that were missed"},
};
const int web_n_routes = sizeof web_routes / sizeof *web_routes;

/* Matches one pattern; path arguments are copied into args. A last
 * argument written {name*} takes the rest of the path, slashes and all
 * (class codes such as 10A/Ma1). */
static bool match(const char *pattern, const char *path, char **args, int *n_args)
{
	*n_args = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pe = strchr(pattern, '}');
			bool rest = pe && pe > pattern && pe[-1] == '*';
			size_t n = rest ? strlen(path) : strcspn(path, "/");
			if (!pe || n == 0 || *n_args == WEB_ARGS_MAX)
				goto fail;
			args[(*n_args)++] = strndup(path, n);
			pattern = pe + 1;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			goto fail;
	}
	if (!*pattern && !*path)
		return true;
fail:
	for (int i = 0; i < *n_args; i++) {
		free(args[i]);
		args[i] = NULL;
	}
	*n_args = 0;
	return false;
}

const struct route *web_route_match(enum web_method m, const char *path, char **args, int *n_args,
				    bool *path_known)
{
	*path_known = false;
	for (int i = 0; i < web_n_routes; i++) {
		const struct route *rt = &web_routes[i];
		if (!match(rt->pattern, path, args, n_args))
			continue;
		if (rt->method == m)
			return rt;
		*path_known = true;
		for (int k = 0; k < *n_args; k++)
			free(args[k]);
		*n_args = 0;
	}
	return NULL;
}

size_t web_body_limit(enum web_method m, const char *path)
{
	char *args[WEB_ARGS_MAX];
	int n = 0;
	bool known;
	const struct route *rt = web_route_match(m, path, args, &n, &known);
	for (int i = 0; i < n; i++)
		free(args[i]);
	return rt && (rt->flags & ROUTE_UPLOAD) ? WEB_UPLOAD_MAX : WEB_BODY_MAX;
}

void web_routes_print(FILE *out)
{
	for (int i = 0; i < web_n_routes; i++) {
		const struct route *rt = &web_routes[i];
		fprintf(out, "%-6s %-42s ", web_method_name(rt->method), rt->pattern);
		if (rt->flags & ROUTE_PUBLIC) {
			fputs("public", out);
		} else {
			const char *sep = "";
			for (int r = 0; r < ROLE__MAX; r++) {
				if (rt->roles & ROLE_BIT(r)) {
					fprintf(out, "%s%s", sep, role_name((enum role)r));
					sep = ",";
				}
			}
		}
		fprintf(out, "  # %s\n", rt->summary);
	}
}

/* The start page of each role. */
int web_page_home(struct web_req *r)
{
	if (ROLE_BIT(r->who.role) & ROLES_TRUST)
		return web_redirect(r, "/trust");
	if (r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD)
		return web_redirect(r, "/dashboard");
	if (account_whole_school(&r->who))
		return web_redirect(r, "/office");
	if (r->who.role == ROLE_HEAD_OF_YEAR)
		return web_redirect(r, "/years");
	if (account_takes_registers(&r->who))
		return web_redirect(r, "/today");
	if (r->who.role == ROLE_GOVERNOR)
		return web_redirect(r, "/governors");
	if (r->who.role == ROLE_DSL)
		return web_redirect(r, "/alerts");
	if (r->who.role == ROLE_PARENT)
		return web_redirect(r, "/family");
	if (r->who.role == ROLE_PUPIL)
		return web_redirect(r, "/me");
	return web_fail(r, ERR_FORBIDDEN, NULL, "there is nothing here for a %s account",
			role_label(r->who.role));
}
