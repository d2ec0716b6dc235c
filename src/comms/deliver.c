#include "comms/deliver.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message as curl reads it, the last byte held back until the
 * hand-over is recorded. */
struct upload {
	const unsigned char *data;
	size_t len, at;
	delivery_handover_cb handed_over;
	void *ctx;
	bool told, aborted;
};

static size_t read_upload(char *buf, size_t size, size_t n, void *userp)
{
	struct upload *u = userp;
	size_t room = size * n, left = u->len - u->at;
	if (left == 0)
		return 0;
	if (left == 1 && !u->told) {
		u->told = true;
		if (u->handed_over && u->handed_over(u->ctx) < 0) {
			u->aborted = true;
			return CURL_READFUNC_ABORT;
		}
	}
	size_t k = left < room ? left : room;
	if (!u->told && k == left)
		k--; /* not the last byte yet */
	memcpy(buf, u->data + u->at, k);
	u->at += k;
	return k;
}

/* The server's last reply line (SMTP) or the response body (HTTP). */
struct replies {
	char last[512];
	char refusal[512]; /* the last 4xx or 5xx reply: curl may say QUIT after it */
	char body[2048];
	size_t body_len;
};

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
	(void)h;
	struct replies *r = userp;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	size_t n = size < sizeof r->last - 1 ? size : sizeof r->last - 1;
	while (n && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n) {
		memcpy(r->last, data, n);
		r->last[n] = '\0';
		if (n >= 3 && (data[0] == '4' || data[0] == '5'))
			memcpy(r->refusal, r->last, n + 1);
	}
	return 0;
}

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
	struct replies *r = userp;
	size_t k = size * n, room = sizeof r->body - 1 - r->body_len;
	memcpy(r->body + r->body_len, data, k < room ? k : room);
	r->body_len += k < room ? k : room;
	r->body[r->body_len] = '\0';
	return size * n;
}

static void result(struct delivery *out, enum delivery_result res, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void result(struct delivery *out, enum delivery_result res, const char *fmt, ...)
{
	out->result = res;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->detail, sizeof out->detail, fmt, ap);
	va_end(ap);
}

static void common_options(CURL *h, const struct delivery_config *cfg, struct upload *u,
			   struct replies *rep)
{
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(h, CURLOPT_READDATA, u);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L); /* the debug callback sees server replies */
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, rep);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, cfg->timeout_seconds > 0 ? cfg->timeout_seconds : 60L);
	if (cfg->smtp_ca_file[0])
		curl_easy_setopt(h, CURLOPT_CAINFO, cfg->smtp_ca_file);
}

void deliver_email(const struct delivery_config *cfg, const struct outbox_rec *r,
		   delivery_handover_cb handed_over, void *ctx, struct delivery *out)
{
	memset(out, 0, sizeof *out);
	if (!cfg->smtp_url[0] || !cfg->smtp_from[0]) {
		result(out, DELIVERY_RETRY, "settings smtp_url and smtp_from are needed to send email");
		return;
	}
	CURL *h = curl_easy_init();
	if (!h) {
		result(out, DELIVERY_RETRY, "libcurl could not start");
		return;
	}
	struct upload u = {r->message, r->message_len, 0, handed_over, ctx, false, false};
	struct replies rep = {0};
	char from[STORE_EMAIL_MAX + 2], to[STORE_ADDRESS_MAX + 2];
	snprintf(from, sizeof from, "<%s>", cfg->smtp_from);
	snprintf(to, sizeof to, "<%s>", r->recipient);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(h, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	/* No size: curl's own dot-stuffing would count against it. The read
	 * callback's 0 ends the message. */
	static const long tls[] = {CURLUSESSL_NONE, CURLUSESSL_TRY, CURLUSESSL_ALL};
	curl_easy_setopt(h, CURLOPT_USE_SSL, tls[cfg->smtp_tls]);
	if (cfg->smtp_user[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, cfg->smtp_password);
	}
	common_options(h, cfg, &u, &rep);
	CURLcode rc = curl_easy_perform(h);
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		/* "250 2.0.0 Ok: queued as 4F2A..." */
		const char *id = rep.last;
		if (strncmp(id, "250", 3) == 0)
			id += 3;
		while (*id == ' ' || *id == '-')
			id++;
		snprintf(out->accepted_id, sizeof out->accepted_id, "%s", *id ? id : "250");
		result(out, DELIVERY_SENT, "accepted: %s", rep.last);
	} else if (u.aborted) {
		result(out, DELIVERY_RETRY, "stopped before the end of the message");
	} else if (u.told && code < 400) {
		/* the last byte left and no refusal came back */
		result(out, DELIVERY_UNKNOWN, "no reply from the mail server after the whole message "
					      "was sent (%s): it may have been delivered",
		       curl_easy_strerror(rc));
	} else if (code == 530 || code == 534 || code == 535 || code == 538) {
		result(out, DELIVERY_RETRY, "the mail server refused the login (check smtp_user and "
					    "smtp_password): %s", rep.refusal);
	} else if (code >= 500) {
		result(out, DELIVERY_FAILED, "the mail server refused the message: %s", rep.refusal);
	} else if (code >= 400) {
		result(out, DELIVERY_RETRY, "the mail server asked to try again later: %s", rep.refusal);
	} else {
		result(out, DELIVERY_RETRY, "could not send to the mail server at %s: %s%s%s",
		       cfg->smtp_url, curl_easy_strerror(rc), rep.last[0] ? "; last reply: " : "",
		       rep.last);
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
}

void deliver_sms(const struct delivery_config *cfg, const struct outbox_rec *r,
		 delivery_handover_cb handed_over, void *ctx, struct delivery *out)
{
	memset(out, 0, sizeof *out);
	if (!cfg->sms_url[0]) {
		result(out, DELIVERY_RETRY, "setting sms_url (the SMS gateway) is needed to send texts");
		return;
	}
	json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "to", r->recipient, "from", cfg->sms_sender,
			      "text", r->body ? r->body : "", "reference", r->message_id);
	char *payload = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	CURL *h = payload ? curl_easy_init() : NULL;
	if (!h) {
		free(payload);
		result(out, DELIVERY_RETRY, "out of memory");
		return;
	}
	struct upload u = {(const unsigned char *)payload, strlen(payload), 0, handed_over, ctx,
			   false, false};
	struct replies rep = {0};
	struct curl_slist *hd = NULL;
	char auth[300], key[200];
	hd = curl_slist_append(hd, "Content-Type: application/json");
	hd = curl_slist_append(hd, "Expect:");
	/* A gateway that honours it can tell a resend from a new text. */
	snprintf(key, sizeof key, "Idempotency-Key: %s", r->message_id);
	hd = curl_slist_append(hd, key);
	if (cfg->sms_token[0]) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", cfg->sms_token);
		hd = curl_slist_append(hd, auth);
	}
	curl_easy_setopt(h, CURLOPT_URL, cfg->sms_url);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)u.len);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &rep);
	common_options(h, cfg, &u, &rep);
	CURLcode rc = curl_easy_perform(h);
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK && code >= 200 && code < 300) {
		json_t *reply = json_loads(rep.body, 0, NULL);
		const char *id = json_string_value(json_object_get(reply, "id"));
		snprintf(out->accepted_id, sizeof out->accepted_id, "%s", id ? id : "accepted");
		result(out, DELIVERY_SENT, "HTTP %ld: accepted as %s", code, out->accepted_id);
		json_decref(reply);
	} else if (rc == CURLE_OK && (code == 408 || code == 429 || code >= 500)) {
		result(out, DELIVERY_RETRY, "the SMS gateway asked to try again later: HTTP %ld %.200s",
		       code, rep.body);
	} else if (rc == CURLE_OK) {
		result(out, DELIVERY_FAILED, "the SMS gateway refused the text: HTTP %ld %.300s", code,
		       rep.body);
	} else if (u.aborted) {
		result(out, DELIVERY_RETRY, "stopped before the end of the message");
	} else if (u.told) {
		result(out, DELIVERY_UNKNOWN, "no reply from the SMS gateway after the whole text was "
					      "sent (%s): it may have been delivered",
		       curl_easy_strerror(rc));
	} else {
		result(out, DELIVERY_RETRY, "could not reach the SMS gateway at %s: %s", cfg->sms_url,
		       curl_easy_strerror(rc));
	}
	curl_slist_free_all(hd);
	curl_easy_cleanup(h);
	free(payload);
}
