#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/corpus/<target>/ (valid and near-valid inputs).

The seeds are committed; run this again only to regenerate them (e.g. after a catalogue change):
    python3 fuzz/seeds.py
It rewrites only the files it names (seeds added by hand, such as crash regressions, stay).
The secrets and bindings below must match the ones in cursor_fuzzer.cpp and signature_fuzzer.cpp.
"""
import base64
import copy
import hashlib
import hmac
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATALOGUES = os.path.join(ROOT, "catalogue", "onboarding")

CURSOR_BINDING = b"org_0000000000000000000001|sandbox|customers|desc"
CURSOR_SECRET = b"fuzz-cursor-secret-0123456789abcdef"
WEBHOOK_SECRET = b"whsec_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
NOW = 1735689600  # 2025-01-01T00:00:00Z, kNow of signature_fuzzer.cpp

DOC1 = "doc_0000000000000000000001"
DOC2 = "doc_0000000000000000000002"
DOC3 = "doc_0000000000000000000003"


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def dumps(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- onboarding

def set_at(root, pointer, value):
    tokens = pointer.split("/")[1:]
    for t in tokens[:-1]:
        root = root.setdefault(t, {})
    root[tokens[-1]] = value


def get_at(root, pointer):
    for t in pointer.split("/")[1:]:
        if not isinstance(root, dict) or t not in root:
            return None
        root = root[t]
    return root


def value_for(field, country):
    """A value that satisfies every constraint of a catalogue field."""
    if field["mustEqual"] is not None:
        return field["mustEqual"]
    c = field["constraints"]
    t = field["type"]
    if t == "enum":
        return field["allowedValues"][0]
    if t == "boolean":
        return False
    if t in ("integer", "number"):
        return c["min"] if c["min"] is not None else 1
    if t == "date":
        return c["example"] or "1980-06-15"
    if t == "email":
        return c["example"] or "ops@example.com"
    if t == "phone":
        return c["example"] or "+14155550123"
    if t == "url":
        return c["example"] or "https://www.example.com"
    if t == "country":
        return country
    v = c["example"] or "Example value"
    if c["pattern"]:
        assert re.search(c["pattern"], v), (field["pointer"], v)
    if c["minLength"] and len(v) < c["minLength"]:
        v += "x" * (c["minLength"] - len(v))
    return v


def conditions_hold(field, root):
    for cond in field["conditions"]:
        actual = get_at(root, cond["pointer"])
        if cond["operator"] == "eq" and actual != cond["value"]:
            return False
        if cond["operator"] == "neq" and actual == cond["value"]:
            return False
        if cond["operator"] == "in" and actual not in cond["values"]:
            return False
    return True


def fill(fields, root, country, overrides, optional=True):
    for f in fields:  # unconditional first, so that the conditions below see their answers
        if not f["conditions"] and (f["required"] or optional):
            set_at(root, f["pointer"], overrides.get(f["pointer"], value_for(f, country)))
    for f in fields:
        if f["conditions"] and (f["required"] or optional) and conditions_hold(f, root):
            set_at(root, f["pointer"], overrides.get(f["pointer"], value_for(f, country)))


def submission(catalogue, overrides=None, optional=True):
    """A complete, valid submission: every applicable field, persons per individualRequirements."""
    overrides = overrides or {}
    country = catalogue["country"]
    body = {}
    fill(catalogue["fields"], body, country, overrides, optional)
    docs = [DOC1, DOC2, DOC3]
    body["documentIds"] = docs[: max(1, catalogue["minDocuments"])]
    persons = []
    for req in catalogue["individualRequirements"]:
        for _ in range(max(1, req["minCount"])):
            p = {"roles": [req["role"]]}
            fill(req["fields"], p, country, {}, optional)
            p["documentIds"] = docs[: req["minDocuments"]]
            persons.append(p)
    body["ownership"] = {"persons": persons}
    body["clientReferenceId"] = "fuzz-seed-1"
    return body


def onboarding_seeds():
    cats = {}
    for name in sorted(os.listdir(CATALOGUES)):
        if name.endswith(".json"):
            with open(os.path.join(CATALOGUES, name)) as f:
                cats[name[:-5]] = json.load(f)
    usa = cats["USA"]
    # The complete USA submission: every field (optional ones too), the operating address and
    # the regulator branches switched on so that the conditional fields are present as well.
    full = submission(usa, {
        "/businessInfo/operatingAddressSameAsRegistered": False,
        "/compliance/isRegulated": True,
    })
    write("onboarding", "usa_complete.json", json.dumps(full, indent=1))
    minimal = submission(usa, {"/businessInfo/operatingAddressSameAsRegistered": True}, optional=False)
    write("onboarding", "usa_minimal.json", dumps(minimal))
    for cc, cat in cats.items():
        if cc != "USA":
            write("onboarding", f"{cc.lower()}_complete.json", dumps(submission(cat, {
                "/businessInfo/operatingAddressSameAsRegistered": False,
                "/compliance/isRegulated": True,
            })))

    # Valid but spelled loosely: alpha-2 and lower-case countries, enum and role casing, a
    # duplicate document id, an integer written as a double.
    loose = copy.deepcopy(full)
    loose["registeredAddress"]["country"] = "us"
    loose["operatingAddress"]["country"] = "Us"
    loose["companyClassification"]["legalStructure"] = "LLC"
    loose["registeredAddress"]["state"] = "ca"
    loose["businessActivity"]["expectedMonthlyVolumeUsd"] = 1e3
    loose["documentIds"] = [DOC1, DOC1, DOC2]
    loose["ownership"]["persons"][0]["roles"] = ["BENEFICIAL_OWNER", "beneficial_owner", "Legal_Representative"]
    loose["ownership"]["persons"][0]["nationality"] = "de"
    loose["ownership"]["persons"][0]["title"] = "Director"
    write("onboarding", "usa_loose_spelling.json", dumps(loose))

    # Near-valid: 422 readiness problems.
    bad = copy.deepcopy(full)
    del bad["businessInfo"]["legalName"]
    bad["businessInfo"]["taxId"] = "123456789012"
    bad["businessInfo"]["contactEmail"] = "not an email"
    bad["businessInfo"]["contactPhone"] = "0044"
    bad["businessInfo"]["website"] = "ftp://example.com"
    bad["businessInfo"]["dateOfIncorporation"] = "2999-02-30"
    bad["registeredAddress"]["state"] = "XX"
    bad["certification"]["termsAccepted"] = False
    bad["ownership"]["persons"][0]["dateOfBirth"] = "2020-01-01"
    bad["ownership"]["persons"][0]["ownershipPercentage"] = 101.5
    bad["ownership"]["persons"][1]["roles"] = []
    bad["documentIds"] = []
    write("onboarding", "usa_not_ready.json", dumps(bad))
    too_many = copy.deepcopy(full)
    too_many["ownership"]["persons"] = [copy.deepcopy(full["ownership"]["persons"][0]) for _ in range(5)]
    write("onboarding", "usa_too_many_owners.json", dumps(too_many))
    cond = copy.deepcopy(minimal)
    cond["businessInfo"]["operatingAddressSameAsRegistered"] = False
    cond["compliance"]["isRegulated"] = True
    write("onboarding", "usa_conditions_unmet.json", dumps(cond))
    write("onboarding", "unsupported_country.json", dumps({"registeredAddress": {"country": "FRA"}}))
    write("onboarding", "no_country.json", dumps({"businessInfo": {"legalName": "Acme"}}))
    write("onboarding", "empty_object.json", "{}")
    # Near-valid: 400 shape problems.
    shape = copy.deepcopy(full)
    shape["businessInfo"]["unknown"] = 1
    shape["businessInfo"]["legalName"] = 42
    shape["ownership"]["persons"][0]["roles"] = ["owner", 7]
    shape["ownership"]["persons"].append("not a person")
    shape["documentIds"] = ["doc_short", 3]
    shape["clientReferenceId"] = "has spaces"
    shape["ownership"]["extra"] = True
    write("onboarding", "usa_shape_errors.json", dumps(shape))
    write("onboarding", "not_an_object.json", "[1,2,3]")
    write("onboarding", "nulls.json", dumps({"registeredAddress": {"country": "USA"}, "documentIds": None,
                                             "ownership": {"persons": None}, "clientReferenceId": None,
                                             "businessInfo": None}))
    write("onboarding", "duplicate_key.json", '{"registeredAddress":{"country":"USA","country":"GBR"}}')
    # The raw input also goes to to_alpha3() and requirements().
    for code in ["USA", "us", "gbr", "DE", "SGP", "br", "FRA", "zz", "U"]:
        write("onboarding", f"country_{code}", code)


def dict_entry(word):
    out = ""
    for b in word.encode():
        out += "\\x%02x" % b if b < 0x20 or b >= 0x7f or b in (0x22, 0x5c) else chr(b)
    return '"' + out + '"'


def write_dict(target, words):
    """fuzz/dict/<target>.dict: libFuzzer dictionary, passed by fuzz/run when present."""
    os.makedirs(os.path.join(HERE, "dict"), exist_ok=True)
    with open(os.path.join(HERE, "dict", target + ".dict"), "w") as f:
        f.write("# Generated by fuzz/seeds.py; do not edit.\n")
        for w in sorted(set(words)):
            f.write(dict_entry(w) + "\n")


def onboarding_dict():
    words = {"documentIds", "clientReferenceId", "ownership", "persons", "roles", "beneficial_owner",
             "controlling_person", "legal_representative", DOC1, "today", "true", "false", "null"}
    for name in sorted(os.listdir(CATALOGUES)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(CATALOGUES, name)) as f:
            cat = json.load(f)
        words.add(cat["country"])
        fields = cat["fields"] + [x for r in cat["individualRequirements"] for x in r["fields"]]
        for fl in fields:
            words.update('"%s"' % t for t in fl["pointer"].split("/")[1:])
            words.update('"%s"' % v for v in fl["allowedValues"] or [])
            if fl["constraints"]["example"]:
                words.add('"%s"' % fl["constraints"]["example"])
    write_dict("onboarding", words)


# ---------------------------------------------------------------- multipart

def multipart_seeds():
    ct = "multipart/form-data; boundary=XyZ123"
    ok = (
        "--XyZ123\r\n"
        'Content-Disposition: form-data; name="purpose"\r\n\r\n'
        "identity_document\r\n"
        "--XyZ123\r\n"
        'Content-Disposition: form-data; name="file"; filename="passport.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n\r\n"
        "--XyZ123--\r\n"
    )
    write("multipart", "valid_two_parts", ct + "\n" + ok)
    write("multipart", "valid_preamble_epilogue_padding",
          'multipart/form-data; charset=utf-8; boundary="a b:c=d?"\n'
          "This is the preamble.\r\n"
          "--a b:c=d? \t\r\n"
          'content-disposition: form-data; name="a\\"b"; filename=""\r\n'
          "X-Other: ignored\r\n\r\n"
          "--a b:c=d?\r\n"
          'Content-Disposition: FORM-DATA; name=field\r\n\r\n'
          "v\r\n"
          "--a b:c=d?--\r\nepilogue")
    write("multipart", "valid_empty_data",
          ct + '\n--XyZ123\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n--XyZ123--')
    parts = "".join(f'--B\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\n{i}\r\n' for i in range(17))
    write("multipart", "too_many_parts", "multipart/form-data; boundary=B\n" + parts + "--B--\r\n")
    write("multipart", "no_closing_boundary", ct + "\n" + ok.replace("--XyZ123--\r\n", ""))
    write("multipart", "boundary_in_data", ct + "\n" + ok.replace("identity_document", "id--XyZ123x"))
    write("multipart", "folded_header", ct + "\n" + ok.replace('name="purpose"', 'name="purpose";\r\n filename="x"'))
    write("multipart", "duplicate_disposition", ct + "\n" + ok.replace(
        'Content-Disposition: form-data; name="purpose"\r\n',
        'Content-Disposition: form-data; name="purpose"\r\nContent-Disposition: form-data; name="p2"\r\n'))
    write("multipart", "two_names", ct + "\n" + ok.replace('name="purpose"', 'name="a"; name="b"'))
    write("multipart", "no_name", ct + "\n" + ok.replace('name="purpose"', 'filename="x"'))
    write("multipart", "not_form_data", ct + "\n" + ok.replace("form-data; name=\"purpose\"", "attachment; name=\"p\""))
    write("multipart", "no_crlf_after_delimiter", ct + "\n" + ok.replace("--XyZ123\r\nContent-Disposition: form-data; name=\"file\"",
                                                                          "--XyZ123junk\r\nContent-Disposition: form-data; name=\"file\""))
    write("multipart", "headers_without_blank_line", ct + "\n--XyZ123\r\nContent-Disposition: form-data; name=\"x\"\r\n--XyZ123--")
    write("multipart", "bad_content_type_json", "application/json\n" + ok)
    write("multipart", "boundary_too_long", "multipart/form-data; boundary=" + "b" * 71 + "\n--" + "b" * 71 + "\r\n")
    write("multipart", "boundary_trailing_space", 'multipart/form-data; boundary="ab "\n' + ok)
    write("multipart", "two_boundaries", "multipart/form-data; boundary=a; boundary=b\n" + ok)
    write("multipart", "unterminated_quote", 'multipart/form-data; boundary="abc\n' + ok)
    write("multipart", "empty_params", "Multipart/Form-Data ;; boundary=XyZ123;\n" + ok)


# ---------------------------------------------------------------- json

def json_seeds():
    write("json", "object", '{"a":1,"b":[true,false,null],"c":{"d":"e\\u00e9\\n"},"f":-1.5e3}')
    write("json", "array_numbers", "[0,-0,1e308,18446744073709551615,-9223372036854775808,0.1,1E-7]")
    write("json", "string_escapes", '"\\ud83d\\ude00 \\" \\\\ \\/ \\b\\f\\n\\r\\t"')
    write("json", "utf8", '{"name":"São Paulo – 東京 🚀"}')
    write("json", "duplicate_key", '{"a":1,"b":2,"a":3}')
    write("json", "duplicate_escaped_key", '{"a":1,"\\u0061":2}')
    write("json", "nested_duplicate", '{"x":{"k":1},"y":{"k":1,"k":2}}')
    write("json", "depth_32", "[" * 32 + "]" * 32)
    write("json", "depth_33", "[" * 33 + "]" * 33)
    write("json", "invalid_utf8", b'{"a":"\xc3\x28"}')
    write("json", "overlong_utf8", b'{"a":"\xc0\xaf"}')
    write("json", "surrogate_utf8", b'"\xed\xa0\x80"')
    write("json", "lone_surrogate_escape", '"\\ud800"')
    write("json", "trailing_garbage", '{"a":1} x')
    write("json", "trailing_comma", '{"a":1,}')
    write("json", "comment", '{"a":1 /* c */}')
    write("json", "whitespace_only", " \r\n\t")
    write("json", "scalar", "true")


# ---------------------------------------------------------------- query

def query_seeds():
    for i, q in enumerate([
        "limit=10&cursor=abc.def&direction=forward&sortOrder=desc",
        "status=active&email=ada%40example.com&name=Ada+Lovelace",
        "a=%C3%A9%E6%9D%B1&b=%f0%9f%9a%80",
        "a=%C3%28",
        "a=%4",
        "a=%zz",
        "&&a&=b&c==d&",
        "%00=%00",
        "+=+",
        "&".join(f"p{i}={i}" for i in range(64)),
        "&".join(f"p{i}={i}" for i in range(65)),
    ]):
        write("query", f"query_{i:02d}", q)


# ---------------------------------------------------------------- cursor

def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=")


def cursor(boundary, backward=False, binding=CURSOR_BINDING, secret=CURSOR_SECRET):
    payload = (b"p:" if backward else b"n:") + boundary
    tag = hmac.new(secret, payload + b"\n" + binding, hashlib.sha256).digest()[:16]
    return b64url(payload) + b"." + b64url(tag)


def cursor_seeds():
    write("cursor", "valid_next", cursor(b"cus_0ujsszwN8NRY0000000001"))
    write("cursor", "valid_previous", cursor(b"cus_0ujsszwN8NRY0000000001", backward=True))
    write("cursor", "valid_short_id", cursor(b"x"))
    write("cursor", "other_binding", cursor(b"cus_0ujsszwN8NRY0000000001", binding=b"org_x|production|customers|asc"))
    good = cursor(b"app_0ujsszwN8NRY0000000002")
    write("cursor", "tampered_mac", good[:-1] + (b"A" if good[-1:] != b"A" else b"B"))
    write("cursor", "padded", good.replace(b".", b"==."))
    write("cursor", "no_dot", good.replace(b".", b""))
    write("cursor", "bad_kind", b64url(b"x:cus_1") + b"." + b64url(b"\0" * 16))
    write("cursor", "too_long", cursor(b"c" * 400))
    write("cursor", "id_with_separators", b"n:cus_1.p:2\n|binding")


# ---------------------------------------------------------------- ids

def ids_seeds():
    write("ids", "doc_valid", DOC1)
    write("ids", "cus_valid", "cus_0ujsszwN8NRYaBcDeFgHiJ")
    write("ids", "max_timestamp", "evt_zzzzzzzzzzzzzzzzzzzzzz")
    write("ids", "bad_char", "doc_000000000000000000000-")
    write("ids", "too_short", "doc_000000000000000000000")
    write("ids", "unknown_prefix", "abc_def_0000000000000000000001")
    write("ids", "no_underscore", "doc00000000000000000000001")
    write("ids", "key_sandbox", "ck_sandbox_" + "0123456789abcdef" * 4)
    write("ids", "key_live", "ck_live_" + "0123456789abcdef" * 4)
    write("ids", "key_uppercase_hex", "ck_live_" + "0123456789ABCDEF" * 4)
    write("ids", "key_short", "ck_sandbox_" + "ab" * 31)


# ---------------------------------------------------------------- signature

def sign(t, body, secret=WEBHOOK_SECRET):
    return hmac.new(secret, str(t).encode() + b"." + body, hashlib.sha256).hexdigest().encode()


def signature_seeds():
    body = b'{"id":"evt_0ujsszwN8NRY0000000001","type":"application.approved","data":{}}'
    v1 = sign(NOW, body)
    write("signature", "valid", b"t=%d,v1=%s\n" % (NOW, v1) + body)
    write("signature", "valid_rotated", b"t=%d, v1=%s, v1=%s\n" % (NOW - 200, b"0" * 64, sign(NOW - 200, body)) + body)
    write("signature", "valid_empty_body", b"t=%d,v1=%s\n" % (NOW, sign(NOW, b"")))
    write("signature", "stale", b"t=%d,v1=%s\n" % (NOW - 301, sign(NOW - 301, body)) + body)
    write("signature", "future", b"t=%d,v1=%s\n" % (NOW + 301, sign(NOW + 301, body)) + body)
    write("signature", "wrong_body", b"t=%d,v1=%s\n" % (NOW, v1) + body + b" ")
    write("signature", "two_t", b"t=%d,t=%d,v1=%s\n" % (NOW, NOW, v1) + body)
    write("signature", "uppercase_hex", b"t=%d,v1=%s\n" % (NOW, v1.upper()) + body)
    write("signature", "no_v1", b"t=%d\n" % NOW + body)
    write("signature", "bad_t", b"t=17356896OO,v1=%s\n" % v1 + body)
    write("signature", "negative_t", b"t=-9223372036854775808,v1=00\n" + body)
    write("signature", "nine_v1", b"t=%d," % NOW + b"v1=00," * 8 + b"v1=" + v1 + b"\n" + body)


if __name__ == "__main__":
    onboarding_seeds()
    onboarding_dict()
    write_dict("multipart", ["multipart/form-data", "boundary=", "Content-Disposition:", "form-data", "name=",
                             "filename=", "Content-Type:", "\r\n", "\r\n\r\n", "--", "\r\n--", ";", "\"", "\\"])
    write_dict("json", ['"', "\\u", "\\ud800", "\\udc00", "true", "false", "null", "1e999", "-0", "[", "]", "{", "}",
                        ":", ",", "é", "\U0001F680", "18446744073709551616", "9223372036854775808"])
    multipart_seeds()
    json_seeds()
    query_seeds()
    cursor_seeds()
    ids_seeds()
    signature_seeds()
