#!/usr/bin/env python3
"""Webhook receiver for bench/webhooks: answers 200 at once and keeps, per request, the arrival time
(CLOCK_REALTIME ns, taken when the whole request has been read), the headers and the raw body.

  GET /_count -> number of POSTs received so far (text)
  GET /_dump  -> JSON array of {"t_ns", "signature", "event", "delivery_id", "body"} (body as text)

Prints the chosen port on stdout once listening. Usage: receiver.py [port, default 0]
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
records = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so the server may reuse connections
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        t_ns = time.time_ns()
        rec = (t_ns, self.headers.get("X-Conduit-Signature"), self.headers.get("X-Conduit-Event"),
               self.headers.get("X-Conduit-Delivery-Id"), body)
        with lock:
            records.append(rec)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "17")
        self.end_headers()
        self.wfile.write(b'{"received":true}')

    def do_GET(self):
        if self.path == "/_count":
            with lock:
                out = str(len(records)).encode()
        elif self.path == "/_dump":
            with lock:
                snapshot = list(records)
            out = json.dumps([{"t_ns": t, "signature": s, "event": e, "delivery_id": d,
                               "body": b.decode("utf-8", "surrogateescape")} for t, s, e, d, b in snapshot]).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
