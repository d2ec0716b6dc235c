#!/usr/bin/env python3
"""A fake SMS gateway for the tests: HTTP on 127.0.0.1, POST /send with a JSON
body {"to", "from", "text", "reference"} and "Authorization: Bearer TOKEN".
An accepted text is stored in DIR as sms-N.json (the body and the headers)
and answered 200 {"id": "GW-N"}.

The tests steer it with files in DIR/ctl/:
  replies           one reply per request, first line first: a status and an
                    optional body ("503", "400 {\"error\": \"invalid number\"}");
                    when empty: accepted
  stall_after_body  store the text, then never answer

usage: sms_gateway.py --dir DIR --port-file FILE --token TOKEN
"""
import argparse
import http.server
import json
import os
import threading
import time

from steer import pop_line

lock = threading.Lock()


def make_handler(args):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, status, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(n)
            if self.path != "/send":
                return self.answer(404, '{"error": "no such endpoint"}')
            if self.headers.get("Authorization") != "Bearer " + args.token:
                return self.answer(401, '{"error": "bad token"}')
            try:
                body = json.loads(raw)
                assert all(k in body for k in ("to", "from", "text", "reference"))
            except Exception:
                return self.answer(400, '{"error": "bad request body"}')
            custom = pop_line(os.path.join(args.dir, "ctl", "replies"))
            if custom:
                status, _, text = custom.partition(" ")
                return self.answer(int(status), text or '{"error": "try later"}')
            with lock:
                k = len([f for f in os.listdir(args.dir) if f.startswith("sms-")]) + 1
                with open(os.path.join(args.dir, "sms-%04d.json" % k), "w") as f:
                    json.dump({"body": body, "headers": dict(self.headers), "id": "GW-%d" % k}, f)
            if os.path.exists(os.path.join(args.dir, "ctl", "stall_after_body")):
                time.sleep(3600)
                return
            self.answer(200, json.dumps({"id": "GW-%d" % k, "status": "accepted"}))

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--token", required=True)
    args = p.parse_args()
    os.makedirs(os.path.join(args.dir, "ctl"), exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args))
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
