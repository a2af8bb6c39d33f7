#!/usr/bin/env python3
"""Alertmanager's webhook receiver for the end-to-end test: appends every POST body (one JSON
document) as a line to a file. Usage: webhook-receiver.py ADDRESS PORT FILE"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(self.server.log_file, "a", encoding="utf-8") as log:
            log.write(json.dumps(json.loads(body)) + "\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    address, port, log_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    server = ThreadingHTTPServer((address, port), Receiver)
    server.log_file = log_file
    server.serve_forever()


if __name__ == "__main__":
    main()
