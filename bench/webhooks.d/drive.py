#!/usr/bin/env python3
"""Load side of bench/webhooks (run pinned to the load core). Creates one webhook endpoint, onboards
N US businesses (requirements, one PDF, a submission built like test/support/submission_builder.cpp),
then fires the N approval decisions 8 at a time, waits for the 3N deliveries at the receiver, checks
them and writes the figures as JSON.

Usage: drive.py ADDR KEY RECEIVER_PORT N OUT_JSON   (ADDR = sandbox host:port)
"""
import hashlib
import hmac
import http.client
import json
import math
import queue
import sys
import threading
import time
import uuid

addr, key, receiver_port, n, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
host, port = addr.rsplit(":", 1)
CONCURRENCY = 8
WAIT_LIMIT_S = 120
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


class Client:
    def __init__(self, h=host, p=int(port)):
        self.conn = http.client.HTTPConnection(h, p, timeout=60)
        self.conn.connect()

    def call(self, method, path, body=None, headers=None, expect=None):
        hdrs = {"x-api-key": key}
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        self.conn.request(method, path, body=body, headers=hdrs)
        r = self.conn.getresponse()
        data = r.read()
        if expect is not None and r.status != expect:
            sys.exit(f"{method} {path}: expected {expect}, got {r.status}: {data[:500]!r}")
        return r.status, (json.loads(data) if data else None)


# ---- submission builder: the generic algorithm of test/support/submission_builder.cpp ----
def json_eq(a, b):  # JSON equality (Python's True == 1 would be wrong here)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def tokens(pointer):
    return pointer[1:].split("/")


def get_at(root, pointer):
    cur, obj = None, root
    for t in tokens(pointer):
        if obj is None or t not in obj:
            return None
        cur = obj[t]
        obj = cur if isinstance(cur, dict) else None
    return cur


MISSING = object()


def get_or_missing(root, pointer):
    obj = root
    for t in tokens(pointer):
        if not isinstance(obj, dict) or t not in obj:
            return MISSING
        obj = obj[t]
    return obj


def set_at(root, pointer, value):
    parts = tokens(pointer)
    obj = root
    for p in parts[:-1]:
        if not isinstance(obj.get(p), dict):
            obj[p] = {}
        obj = obj[p]
    obj[parts[-1]] = value


def conditions_hold(field, root):
    for c in field.get("conditions") or []:
        actual = get_or_missing(root, c["pointer"])
        op = c["operator"]
        if op == "eq" and not (actual is not MISSING and json_eq(actual, c["value"])):
            return False
        if op == "neq" and actual is not MISSING and json_eq(actual, c["value"]):
            return False
        if op == "in" and not (actual is not MISSING and any(json_eq(actual, v) for v in c["values"])):
            return False
    return True


def value_for(field, country):
    if field.get("mustEqual") is not None:
        return field["mustEqual"]
    t = field["type"]
    c = field["constraints"]
    example = c.get("example")
    if t == "enum":
        return field["allowedValues"][0]
    if t == "boolean":
        return False
    if t in ("integer", "number"):
        return c["min"] if c.get("min") is not None else 1
    if t == "date":
        return example if example is not None else "1980-06-15"
    if t == "email":
        return "ops@example.com"
    if t == "phone":
        return "+14155550123"
    if t == "url":
        return "https://example.com"
    if t == "country":
        return country
    if example is not None:
        return example
    s = "Example value"
    if isinstance(c.get("minLength"), int) and len(s) < c["minLength"]:
        s += "x" * (c["minLength"] - len(s))
    return s


def fill(target, fields, country):
    for _ in range(3):  # passes, so that conditions on earlier answers settle
        for f in fields:
            if not f["required"] or not conditions_hold(f, target):
                continue
            if get_or_missing(target, f["pointer"]) is MISSING:
                set_at(target, f["pointer"], value_for(f, country))


def build_submission(req, next_document):
    country = req["country"]
    sub = {}
    fill(sub, req["fields"], country)
    sub["documentIds"] = [next_document() for _ in range(req["minDocuments"])]
    persons = []
    for rule in req["individualRequirements"]:
        if rule["role"] == "any":
            continue
        for _ in range(rule["minCount"]):
            person = {"roles": [rule["role"]]}
            fill(person, rule["fields"], country)
            person["documentIds"] = [next_document() for _ in range(rule["minDocuments"])]
            persons.append(person)
    if persons:
        sub["ownership"] = {"persons": persons}
    sub["clientReferenceId"] = "journey-" + country
    return sub


def upload_pdf(c):
    boundary = "benchboundary" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + PDF + f"\r\n--{boundary}--\r\n".encode()
    _, doc = c.call("POST", "/v2/documents", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}, 201)
    return doc["id"]


def receiver_get(path):
    conn = http.client.HTTPConnection("127.0.0.1", receiver_port, timeout=60)
    conn.request("GET", path)
    data = conn.getresponse().read()
    conn.close()
    return data


def verify(secret, header, body, now_s, tolerance=300):
    try:
        parts = [p.split("=", 1) for p in header.split(",")]
        t = next(int(v) for k, v in parts if k == "t")
    except Exception:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(now_s - t) <= tolerance and any(hmac.compare_digest(v, expected) for k, v in parts if k == "v1")


def pct(sorted_values, p):  # nearest rank
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def main():
    c = Client()
    _, ep = c.call("POST", "/v2/webhooks/endpoints",
                   {"url": f"http://127.0.0.1:{receiver_port}/hooks", "subscription": {"mode": "all"}}, None, 201)
    secret = ep["secret"]

    # Submissions, sequentially (not measured).
    t0 = time.time()
    apps = []
    for i in range(n):
        _, req = c.call("GET", "/v2/onboarding/requirements?country=US", expect=200)
        doc = upload_pdf(c)
        sub = build_submission(req, lambda: doc)
        sub["businessInfo"]["taxId"] = f"{10 + i // 10**7:02d}-{i % 10**7:07d}"  # ^\d{2}-?\d{7}$, unique
        _, app = c.call("POST", "/v2/onboarding", sub, {"idempotency-key": str(uuid.uuid4())}, 202)
        apps.append(app["id"])
    submit_s = time.time() - t0
    before = int(receiver_get("/_count"))

    # Decisions, CONCURRENCY at a time, each worker on its own keep-alive connection opened beforehand.
    sent_ns, done_ns = {}, {}
    work = queue.Queue()
    for a in apps:
        work.put(a)
    clients = [Client() for _ in range(CONCURRENCY)]
    start = threading.Barrier(CONCURRENCY)
    errors = []

    def worker(cl):
        start.wait()
        while True:
            try:
                a = work.get_nowait()
            except queue.Empty:
                return
            path = f"/v2/sandbox/applications/{a}/simulate/decision"
            body = b'{"outcome":"approved"}'
            hdrs = {"x-api-key": key, "Content-Type": "application/json"}
            sent_ns[a] = time.time_ns()
            cl.conn.request("POST", path, body=body, headers=hdrs)
            r = cl.conn.getresponse()
            data = r.read()
            done_ns[a] = time.time_ns()
            if r.status != 200:
                errors.append(f"{a}: {r.status} {data[:200]!r}")

    threads = [threading.Thread(target=worker, args=(cl,)) for cl in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"{len(errors)} decisions failed, first: {errors[0]}")

    # Wait (bounded) for 3N deliveries, then a short grace period to catch duplicates.
    first_send = min(sent_ns.values())
    want = before + 3 * n
    deadline = time.monotonic() + WAIT_LIMIT_S
    count = before
    while time.monotonic() < deadline:
        count = int(receiver_get("/_count"))
        if count >= want:
            break
        time.sleep(0.01)
    timed_out = count < want
    time.sleep(1.0)
    records = json.loads(receiver_get("/_dump"))

    # Checks.
    app_set = set(apps)
    bad_sig, event_ids, delivery_ids, dup_events, dup_deliveries = 0, set(), set(), 0, 0
    approved, created, activated, by_type = {}, {}, {}, {}
    for r in records:
        body = r["body"].encode("utf-8", "surrogateescape")
        if not verify(secret, r["signature"] or "", body, r["t_ns"] // 10**9):
            bad_sig += 1
        env = json.loads(body)
        if env["id"] in event_ids:
            dup_events += 1
        event_ids.add(env["id"])
        if r["delivery_id"] in delivery_ids:
            dup_deliveries += 1
        delivery_ids.add(r["delivery_id"])
        by_type[env["type"]] = by_type.get(env["type"], 0) + 1
        data = env.get("data") or {}
        if env["type"] == "application.approved":
            approved.setdefault(data.get("applicationId"), r["t_ns"])
        elif env["type"] == "customer.created":
            created[data.get("customerId")] = data.get("applicationId")
        elif env["type"] == "customer.activated":
            activated.setdefault(data.get("customerId"), r["t_ns"])
    complete = sum(1 for a in apps if a in approved)
    complete_all = sum(1 for cus, a in created.items() if a in app_set and a in approved and cus in activated)

    last_arrival = max(r["t_ns"] for r in records) if records else first_send
    window_s = (last_arrival - first_send) / 1e9
    latencies = sorted((approved[a] - sent_ns[a]) / 1e6 for a in apps if a in approved)
    decide_window_s = (max(done_ns.values()) - first_send) / 1e9
    decision_ms = sorted((done_ns[a] - sent_ns[a]) / 1e6 for a in apps)
    # Arrival pattern: bursts of deliveries separated by gaps over 20 ms (the dispatcher's pacing).
    arrivals = sorted(r["t_ns"] for r in records)
    gaps = [(b - a) / 1e6 for a, b in zip(arrivals, arrivals[1:])]
    bursts = 1 + sum(1 for g in gaps if g > 20) if arrivals else 0
    result = {
        "n_approvals": n,
        "expected_deliveries": 3 * n,
        "deliveries_received": len(records) - before,
        "timed_out": timed_out,
        "deliveries_per_s": (len(records) - before) / window_s if window_s > 0 else None,
        "window_s": window_s,
        "approved_latency_ms": {
            "samples": len(latencies),
            "p50": pct(latencies, 50), "p99": pct(latencies, 99), "max": latencies[-1],
            "mean": sum(latencies) / len(latencies),
        } if latencies else None,
        "decisions": {
            "concurrency": CONCURRENCY, "seconds": decide_window_s,
            "per_s": n / decide_window_s if decide_window_s > 0 else None,
            "response_ms_p50": pct(decision_ms, 50), "response_ms_p99": pct(decision_ms, 99),
        },
        "arrivals": {
            "bursts_split_by_gaps_over_20ms": bursts,
            "mean_burst_size": len(arrivals) / bursts if bursts else None,
            "inter_arrival_ms_p50": pct(sorted(gaps), 50) if gaps else None,
            "inter_arrival_ms_max": max(gaps) if gaps else None,
        },
        "submission_phase_s": submit_s,
        "checks": {
            "signatures_verified": len(records) - bad_sig, "signatures_failed": bad_sig,
            "duplicate_events": dup_events, "duplicate_delivery_ids": dup_deliveries,
            "deliveries_before_decisions": before,
            "applications_with_approved": complete,
            "applications_with_all_three": complete_all,
            "by_type": by_type,
        },
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
    ok = (not timed_out and bad_sig == 0 and dup_events == 0 and dup_deliveries == 0 and before == 0
          and complete_all == n and len(records) == 3 * n)
    return 0 if ok else 1


sys.exit(main())
