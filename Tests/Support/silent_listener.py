#!/usr/bin/env python3
"""A server on 127.0.0.1 that never answers, for Runway's timeout tests.

Prints its port. --mode accept (the default) accepts every connection and then stays silent,
holding it open; --mode closed binds the port without listening, so a connection to it is
refused while the port stays reserved. --out is accepted for TestServer and left empty.
"""
import argparse
import socket
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--out")
parser.add_argument("--mode", choices=["accept", "closed"], default="accept")
args = parser.parse_args()

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", args.port))
if args.mode == "accept":
    server.listen(64)
print(server.getsockname()[1], flush=True)

held = []
while True:
    if args.mode == "accept":
        connection, _ = server.accept()
        held.append(connection)  # open and silent until the test ends
    else:
        time.sleep(3600)
