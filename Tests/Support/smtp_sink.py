#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for Runway's tests.

Prints the port it listens on, then writes one JSON line per received message to --out:
{"from", "to", "headers": {...}, "subject", "body", "tls", "auth"}. "tls" says whether the
message came inside TLS; "auth" is the [authzid, user, password] of AUTH PLAIN, or null.
--fail-first N answers the first N messages with 451 (try again later).
--tls starttls offers STARTTLS (and AUTH only after it); --tls implicit speaks TLS from the
first byte; both need --cert and --key (PEM files). --smuggle answers STARTTLS with a second,
plaintext reply in the same packet (the attack of RFC 3207, section 5), which a client must refuse.
"""
import argparse
import base64
import email
import email.policy
import json
import socketserver
import ssl
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--out", required=True)
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--smuggle", action="store_true")
args = parser.parse_args()
lock = threading.Lock()
state = {"failures": args.fail_first}
context = None
if args.tls != "none":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)


class Session(socketserver.StreamRequestHandler):
    secure = False

    def start_tls(self):
        self.connection = context.wrap_socket(self.connection, server_side=True)
        self.rfile = self.connection.makefile("rb")
        self.secure = True

    def reply(self, line):
        self.connection.sendall((line + "\r\n").encode())

    def handle(self):
        try:
            if args.tls == "implicit":
                self.start_tls()
            self.session()
        except (ssl.SSLError, OSError):
            return  # a client that refused our certificate, or hung up

    def session(self):
        self.reply("220 runway-test-sink ready")
        sender, recipients, auth = None, [], None
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-runway-test-sink")
                if args.tls == "starttls" and not self.secure:
                    self.reply("250 STARTTLS")
                else:
                    self.reply("250 AUTH PLAIN")
            elif verb == "STARTTLS" and args.tls == "starttls" and not self.secure:
                self.reply("220 go ahead\r\n250 smuggled in clear" if args.smuggle else "220 go ahead")
                self.start_tls()
            elif verb == "AUTH":
                if args.tls == "starttls" and not self.secure:
                    self.reply("538 encryption required")
                    continue
                token = line.split(" ")[2] if len(line.split(" ")) > 2 else ""
                auth = base64.b64decode(token).decode("utf-8").split("\0")
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
                        "tls": self.secure,
                        "auth": auth,
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
