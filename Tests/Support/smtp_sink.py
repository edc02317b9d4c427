#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for Runway's tests.

Prints the port it listens on, then writes one JSON line per received message to --out:
{"from", "to", "headers": {...}, "subject", "body"}. --fail-first N answers the first N
messages with 451 (try again later).
"""
import argparse
import email
import email.policy
import json
import socketserver
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--out", required=True)
parser.add_argument("--fail-first", type=int, default=0)
args = parser.parse_args()
lock = threading.Lock()
state = {"failures": args.fail_first}


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 runway-test-sink ready")
        sender, recipients = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-runway-test-sink")
                self.reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                self.reply("235 authenticated")
            elif verb == "MAIL":
                sender, recipients = line[10:].strip("<>"), []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(line[8:].strip("<>"))
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go on")
                data = b""
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    if chunk.startswith(b".."):
                        chunk = chunk[1:]
                    data += chunk
                with lock:
                    if state["failures"] > 0:
                        state["failures"] -= 1
                        self.reply("451 try again later")
                        continue
                    message = email.message_from_bytes(data, policy=email.policy.default)
                    record = {
                        "from": sender,
                        "to": recipients,
                        "headers": {key: str(value) for key, value in message.items()},
                        "subject": str(message["Subject"]),
                        "body": message.get_content(),
                    }
                    with open(args.out, "a", encoding="utf-8") as out:
                        out.write(json.dumps(record) + "\n")
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


server = Server(("127.0.0.1", args.port), Session)
print(server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    sys.exit(0)
