#!/usr/bin/env python3
"""A small, real SMTP server for the tests (Python's smtpd is gone since 3.12,
and this needs nothing outside the standard library).

It speaks ESMTP on 127.0.0.1: EHLO/HELO, STARTTLS (when given a certificate),
AUTH PLAIN (required when given a user), MAIL, RCPT, DATA (with dot-unstuffing),
RSET, NOOP, QUIT. Each accepted message is stored in DIR as N.eml, with
N.json holding the envelope (mail_from, rcpt_to, auth user, tls) and the id
it was accepted as.

The tests steer it with files in DIR/ctl/:
  data_replies      one reply per message at the end of DATA, first line
                    first ("451 4.3.0 Try again later"); when empty: 250
  rcpt_reply        the reply to RCPT ("550 5.1.1 No such user")
  stall_before_data on DATA, never answer (the client stops mid-message)
  stall_after_data  store the message, then never answer

usage: smtp_sink.py --dir DIR --port-file FILE [--user U --password P]
                    [--tls-cert CERT --tls-key KEY]
"""
import argparse
import asyncio
import base64
import json
import os
import ssl

from steer import pop_line


def ctl(args, name):
    return os.path.join(args.dir, "ctl", name)


class Session:
    def __init__(self, args, reader, writer):
        self.args, self.reader, self.writer = args, reader, writer
        self.tls = False
        self.user = None
        self.reset()

    def reset(self):
        self.mail_from = None
        self.rcpt = []

    async def reply(self, line):
        self.writer.write((line + "\r\n").encode())
        await self.writer.drain()

    async def stall(self):
        # never answer: wait until the client goes away
        while await self.reader.read(4096):
            pass

    async def run(self):
        await self.reply("220 attend-test-sink ESMTP")
        while True:
            raw = await self.reader.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, rest = line.partition(" ")
            verb = verb.upper()
            if verb in ("EHLO", "HELO"):
                self.reset()
                if verb == "HELO":
                    await self.reply("250 attend-test-sink")
                    continue
                caps = ["attend-test-sink", "8BITMIME", "SIZE 20971520"]
                if self.args.tls_cert and not self.tls:
                    caps.append("STARTTLS")
                if self.args.user:
                    caps.append("AUTH PLAIN")
                for c in caps[:-1]:
                    await self.reply("250-" + c)
                await self.reply("250 " + caps[-1])
            elif verb == "STARTTLS" and self.args.tls_cert and not self.tls:
                await self.reply("220 2.0.0 Ready to start TLS")
                ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                ctx.load_cert_chain(self.args.tls_cert, self.args.tls_key)
                await self.writer.start_tls(ctx)
                self.tls = True
                self.reset()
            elif verb == "AUTH" and self.args.user:
                mech, _, initial = rest.partition(" ")
                if mech.upper() != "PLAIN":
                    await self.reply("504 5.5.4 Unrecognised authentication type")
                    continue
                if not initial:
                    await self.reply("334 ")
                    initial = (await self.reader.readline()).decode().strip()
                try:
                    _, user, password = base64.b64decode(initial).decode().split("\0")
                except Exception:
                    await self.reply("501 5.5.2 Cannot decode")
                    continue
                if user == self.args.user and password == self.args.password:
                    self.user = user
                    await self.reply("235 2.7.0 Authentication successful")
                else:
                    await self.reply("535 5.7.8 Authentication credentials invalid")
            elif verb == "MAIL":
                if self.args.user and not self.user:
                    await self.reply("530 5.7.0 Authentication required")
                    continue
                self.mail_from = (rest.partition(":")[2].split() or [""])[0]  # without SIZE=
                self.rcpt = []
                await self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                if self.mail_from is None:
                    await self.reply("503 5.5.1 MAIL first")
                    continue
                try:
                    with open(ctl(self.args, "rcpt_reply")) as f:
                        custom = f.read().strip()
                except FileNotFoundError:
                    custom = ""
                if custom:
                    await self.reply(custom)
                    continue
                self.rcpt.append(rest.partition(":")[2].strip())
                await self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                if not self.rcpt:
                    await self.reply("503 5.5.1 RCPT first")
                    continue
                if os.path.exists(ctl(self.args, "stall_before_data")):
                    await self.stall()
                    return
                await self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    l = await self.reader.readline()
                    if not l:
                        return  # cut short: the message is dropped (RFC 5321 4.1.1.4)
                    if l in (b".\r\n", b".\n"):
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    lines.append(l)
                custom = pop_line(ctl(self.args, "data_replies"))
                if custom and not custom.startswith("250"):
                    self.reset()
                    await self.reply(custom)
                    continue
                n = self.store(b"".join(lines))
                if os.path.exists(ctl(self.args, "stall_after_data")):
                    await self.stall()
                    return
                await self.reply("250 2.0.0 Ok: queued as SINK%04d" % n)
                self.reset()
            elif verb == "RSET":
                self.reset()
                await self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                await self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                await self.reply("221 2.0.0 Bye")
                self.writer.close()
                return
            else:
                await self.reply("502 5.5.2 Command not recognised")

    def store(self, data):
        n = len([f for f in os.listdir(self.args.dir) if f.endswith(".eml")]) + 1
        base = os.path.join(self.args.dir, "%04d" % n)
        with open(base + ".eml", "wb") as f:
            f.write(data)
        meta = {"mail_from": self.mail_from, "rcpt_to": self.rcpt, "auth": self.user,
                "tls": self.tls, "id": "SINK%04d" % n}
        with open(base + ".json", "w") as f:
            json.dump(meta, f)
        return n


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    args = p.parse_args()
    os.makedirs(os.path.join(args.dir, "ctl"), exist_ok=True)

    async def handle(reader, writer):
        try:
            await Session(args, reader, writer).run()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, args.port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
