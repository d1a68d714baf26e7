#!/usr/bin/env python3
"""bench/run: open N keep-alive connections to HOST:PORT, send nothing, hold them.

Prints "opened N" once they are open (or "opened N failed M" when some could not be), then
holds them until SIGTERM/SIGINT, when it prints "alive N" (how many the server had not closed)
and exits. Gives up after --hold-max seconds on its own (bounded).
"""
import argparse, resource, signal, socket, sys, time

p = argparse.ArgumentParser()
p.add_argument("host"); p.add_argument("port", type=int); p.add_argument("count", type=int)
p.add_argument("--hold-max", type=float, default=600)
a = p.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

socks, failed = [], 0
for _ in range(a.count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        s.connect((a.host, a.port))
        s.setblocking(False)
        socks.append(s)
    except OSError:
        failed += 1
        s.close()
print(f"opened {len(socks)}" + (f" failed {failed}" if failed else ""), flush=True)

stop = False
def on_signal(*_):
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)
deadline = time.monotonic() + a.hold_max
while not stop and time.monotonic() < deadline:
    time.sleep(0.1)

alive = 0
for s in socks:
    try:
        alive += s.recv(1, socket.MSG_PEEK) != b""  # data (unexpected) still means open
    except BlockingIOError:
        alive += 1  # nothing to read and not closed
    except OSError:
        pass
print(f"alive {alive}", flush=True)
for s in socks:
    s.close()
