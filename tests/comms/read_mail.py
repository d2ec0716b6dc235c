#!/usr/bin/env python3
"""Reads a stored email back for the tests and prints what they check, one
'key: value' per line: the decoded headers, the text part, the HTML part and
the attachment (written to --pdf FILE).

usage: read_mail.py FILE.eml [--pdf OUT.pdf]
"""
import email
import email.policy
import sys

path = sys.argv[1]
pdf_out = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--pdf" else None
with open(path, "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
for h in ("From", "To", "Reply-To", "Subject", "Message-ID", "Date", "MIME-Version"):
    print("%s: %s" % (h.lower(), msg.get(h, "")))
print("content-type: %s" % msg.get_content_type())
print("max-line: %d" % max(len(l) for l in raw.split(b"\r\n")))
print("bare-lf: %d" % raw.replace(b"\r\n", b"").count(b"\n"))
text = msg.get_body(preferencelist=("plain",))
html = msg.get_body(preferencelist=("html",))
print("text-charset: %s" % (text.get_content_charset() if text else ""))
print("text-encoding: %s" % (text["Content-Transfer-Encoding"] if text else ""))
for line in (text.get_content() if text else "").splitlines():
    print("text| " + line)
for line in (html.get_content() if html else "").splitlines():
    print("html| " + line)
for part in msg.iter_attachments():
    data = part.get_content()
    print("attachment: %s %s %d" % (part.get_content_type(), part.get_filename(), len(data)))
    if pdf_out:
        with open(pdf_out, "wb") as f:
            f.write(data)
