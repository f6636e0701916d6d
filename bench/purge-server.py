"""A purge server for bench/run downstream: answers every request (any method) with 200, after a
delay in seconds (a slow server when it is not 0), and keeps the count of requests received in a
file.

    python3 bench/purge-server.py PORT DELAY COUNT_FILE
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2])
COUNT_FILE = sys.argv[3]
received = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        global received
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with lock:
            received += 1
            with open(COUNT_FILE, "w") as f:
                f.write(str(received))
        if DELAY:
            time.sleep(DELAY)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_PURGE = do_PURGEKEYS = do_PURGETAGS = do_BAN = answer

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
server.serve_forever()
