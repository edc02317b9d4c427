#!/usr/bin/env python3
"""A real HTTP receiver on 127.0.0.1 for Runway's webhook tests.

Prints its port, then answers each POST with the next status of --statuses (the last one
repeats) and writes a JSON line per request to --out: {"deliveryId", "status",
"signatureValid", "body"}. The signature is checked as docs/notifications.md tells a receiver
to: HMAC-SHA256 of the raw body with RUNWAY_WEBHOOK_SECRET, hex, after "sha256=".
"""
import argparse
import hashlib
import hmac
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--out", required=True)
parser.add_argument("--statuses", default="200")
args = parser.parse_args()
statuses = [int(s) for s in args.statuses.split(",")]
secret = os.environ.get("RUNWAY_WEBHOOK_SECRET", "").encode()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        with lock:
            status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
            with open(args.out, "a", encoding="utf-8") as out:
                out.write(json.dumps({
                    "deliveryId": self.headers.get("X-Runway-Delivery"),
                    "status": status,
                    "signatureValid": hmac.compare_digest(expected, self.headers.get("X-Runway-Signature", "")),
                    "body": json.loads(body or b"{}"),
                }) + "\n")
        self.send_response(status)
        self.end_headers()

    def log_message(self, *arguments):
        pass


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
