#!/usr/bin/env python3
"""bench/run: builds one valid USA onboarding submission against a running server.

Reads GET /v2/onboarding/requirements?country=US, uploads the documents it needs with
POST /v2/documents, and fills every applicable field the way test/support/submission_builder.cpp
does. Writes the submission as compact JSON to OUT with businessInfo.taxId = "__TAXID__" (the
wrk script puts a unique tax id there per request), then submits it once with a probe tax id and
checks for 202. Usage: submission.py BASE_URL KEY OUT
"""
import json, sys, urllib.request

base, key, out = sys.argv[1:4]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def call(method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers={"x-api-key": key, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def upload():
    b = "XyZbenchBoundary"
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"certificate.pdf\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + PDF + (
            f"\r\n--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\norganization_onboarding\r\n"
            f"--{b}--\r\n").encode()
    status, resp = call("POST", "/v2/documents", body, {"Content-Type": f"multipart/form-data; boundary={b}"})
    if status != 201:
        sys.exit(f"document upload: {status} {resp[:300]!r}")
    return json.loads(resp)["id"]


def tokens(pointer):
    return pointer.split("/")[1:]


def get_at(root, pointer):
    cur = root
    for t in tokens(pointer):
        if not isinstance(cur, dict) or t not in cur:
            return None
        cur = cur[t]
    return cur


def set_at(root, pointer, value):
    parts = tokens(pointer)
    obj = root
    for t in parts[:-1]:
        if not isinstance(obj.get(t), dict):
            obj[t] = {}
        obj = obj[t]
    obj[parts[-1]] = value


def conditions_hold(field, root):
    for c in field.get("conditions") or []:
        actual = get_at(root, c["pointer"])
        op = c["operator"]
        if op == "eq" and not (actual is not None and actual == c["value"]):
            return False
        if op == "neq" and actual is not None and actual == c["value"]:
            return False
        if op == "in" and not (actual is not None and actual in c["values"]):
            return False
    return True


def value_for(field, country):
    if field.get("mustEqual") is not None:
        return field["mustEqual"]
    t, c = field["type"], field["constraints"]
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
    for _ in range(3):
        for f in fields:
            if f["required"] and conditions_hold(f, target) and get_at(target, f["pointer"]) is None:
                set_at(target, f["pointer"], value_for(f, country))


status, resp = call("GET", "/v2/onboarding/requirements?country=US")
if status != 200:
    sys.exit(f"requirements: {status} {resp[:300]!r}")
req = json.loads(resp)
country = req["country"]
sub = {}
fill(sub, req["fields"], country)
sub["documentIds"] = [upload() for _ in range(req["minDocuments"])]
persons = []
for rule in req["individualRequirements"]:
    if rule["role"] == "any":
        continue
    for _ in range(rule["minCount"]):
        person = {"roles": [rule["role"]]}
        fill(person, rule["fields"], country)
        person["documentIds"] = [upload() for _ in range(rule["minDocuments"])]
        persons.append(person)
if persons:
    sub["ownership"] = {"persons": persons}
sub["clientReferenceId"] = "bench-" + country
set_at(sub, "/businessInfo/taxId", "__TAXID__")
text = json.dumps(sub, separators=(",", ":"))
with open(out, "w") as f:
    f.write(text)

probe = text.replace("__TAXID__", "99-9999999").encode()
status, resp = call("POST", "/v2/onboarding", probe, {"Content-Type": "application/json", "Idempotency-Key": "bench-probe"})
if status != 202:
    sys.exit(f"probe submission: {status} {resp[:600]!r}")
print(f"submission: {len(text)} bytes, {len(sub['documentIds'])} business documents, {len(persons)} persons; probe 202")
