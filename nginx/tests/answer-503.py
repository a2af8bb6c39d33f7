"""An app instance whose database is out of reach, for the tests: it answers every request with
the app's 503 and appends a line to a file for each request it got."""
import http.server
import sys

listen_port, count_file = int(sys.argv[1]), sys.argv[2]


class Unavailable(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        with open(count_file, "a", encoding="utf-8") as requests:
            requests.write(self.path + "\n")
        body = b'{"errors":{"body":["the database is temporarily unavailable, try again shortly"]}}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", listen_port), Unavailable).serve_forever()
