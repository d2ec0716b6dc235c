/* The register page, shared by form registers (page-register.c) and lesson
 * registers (page-lesson.c): every pupil with the mark before, present in
 * one tap or key, the school's short list of codes, "More…", minutes late;
 * app.js adds the keyboard and saves through the API without reloading.
 * One page, one set of keys, whichever register it is. */
#ifndef ATTEND_REGISTER_PAGE_H
#define ATTEND_REGISTER_PAGE_H

#include "web/html.h"
#include "web/web.h"

struct register_view_row {
	int row;          /* engine row */
	enum code code;   /* the saved mark (CODE_NONE: none) */
	int minutes;      /* its minutes late */
	char last[48];    /* the "Last" column: the mark before this register */
	enum code known;  /* a code the office already recorded, offered first; CODE_NONE */
	char known_text[96];
};

struct register_view {
	const char *title, *badge; /* "7A" "AM"; "7A/Ma1" "P3" */
	date_t date;
	enum session session;      /* how present is written: / or \ */
	char href[400];            /* the page's path (percent-encoded); the API adds /api */
	struct register_view_row *rows;
	int n_rows;
	const enum code *codes;    /* the short list, after present */
	int n_codes;
	int n_events;              /* register events so far: first and last */
	char first_by[STORE_USER_MAX], first_at[STORE_TIME_LEN];
	char last_by[STORE_USER_MAX], last_at[STORE_TIME_LEN];
	const char *note;          /* what the status line says after who took it */
	const char *last_title;    /* the "Last" column's tooltip */
	const char *empty;         /* when there are no pupils */
};

/* Writes the whole page into h (html_begin .. html_end). from_form: show
 * what a failed POST sent rather than what is saved. */
void register_page(struct html *h, struct web_req *r, const struct register_view *v,
		   const char *error, bool from_form);
/* The marks of a POSTed register form. NULL and *marks malloc'd (n may be
 * 0), or a message for the person. */
const char *register_form_marks(struct web_req *r, struct register_mark **marks, int *n);
/* Notes a register event (taken, amended) in the view: the first and last. */
void register_view_event(struct register_view *v, const char *by, const char *at);
/* Writes the page of v and answers with it; called under the read lock,
 * which it releases. Frees v->rows and order (n of them, -1: none). */
int register_page_answer(struct web_req *r, struct register_view *v, int *order, int n,
			 int status, const char *error, bool from_form);
/* "?saved=1&recorded=..." after a POST: the redirect to the page. */
int register_page_saved(struct web_req *r, int recorded, int amended, int late_u, int missing);

#endif
