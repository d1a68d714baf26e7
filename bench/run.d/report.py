#!/usr/bin/env python3
"""bench/run: turns the run directory (wrk outputs, facts, commands, micro.json) into the printed
table with targets met / not met, and bench/results/latest.json. Usage: report.py WORK SECONDS OUT"""
import datetime, glob, json, os, re, sys

work, seconds, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]

facts = {}
for line in open(os.path.join(work, "facts")):
    k, _, v = line.rstrip("\n").partition(" ")
    facts[k] = v
commands = [l.rstrip("\n") for l in open(os.path.join(work, "commands"))]


def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", v)
    n, u = float(m.group(1)), m.group(2)
    return n * {"us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4, "h": 3.6e6}[u]


def parse(path):
    text = open(path).read()
    r = {"label": os.path.basename(path)[:-4]}
    r["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    r["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text)
    r["max_ms"] = ms(lat.group(3))
    for p in ("50", "75", "90", "99"):
        r[f"p{p}_ms"] = ms(re.search(rf"^\s+{p}%\s+(\S+)", text, re.M).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["non_2xx_3xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["socket_errors"] = sum(map(int, m.groups())) if m else 0
    m = re.search(r"^CHECKED expected=(\d+) unexpected=(\d+) statuses=(\S*)", text, re.M)
    if m:
        r["checked"] = {"expected": int(m.group(1)), "unexpected": int(m.group(2)), "statuses": m.group(3)}
        r["errors"] = int(m.group(2)) + r["socket_errors"]
    else:
        r["errors"] = r["non_2xx_3xx"] + r["socket_errors"]
    r["peak_rss_kb"] = int(re.search(r"^peak_rss_kb (\d+)", text, re.M).group(1))
    return r


runs = {}
for path in sorted(glob.glob(os.path.join(work, "runs", "*.txt"))):
    r = parse(path)
    runs[r["label"]] = r


def group(prefix):
    rs = [runs[k] for k in sorted(runs) if k.rsplit(".", 1)[0] == prefix]
    assert rs, prefix
    n = len(rs)
    agg = {k: sum(r[k] for r in rs) / n for k in ("rps", "p50_ms", "p99_ms")}
    agg["max_ms"] = max(r["max_ms"] for r in rs)
    agg["errors"] = sum(r["errors"] for r in rs)
    agg["requests"] = sum(r["requests"] for r in rs)
    agg["peak_rss_kb"] = max(r["peak_rss_kb"] for r in rs)
    agg["runs"] = rs
    return agg


g = {name: group(name) for name in sorted({k.rsplit(".", 1)[0] for k in runs})}
nginx, server, prism = g["s1.nginx"], g["s1.server"], g["s1.prism"]
p1, p500 = g["s2.page1"], g["s2.page500"]
create, replay, invalid = g["s3.create"], g["s4.replay"], g["s5.invalid"]
without, with_idle = g["s6.without"], g["s6.with"]
k10, k100k = g["s7.keys10"], g["s7.keys100k"]
fsync_rate = (float(facts["fsync_before"]) + float(facts["fsync_after"])) / 2
idle_rounds = sorted(k.rsplit("_", 1)[1] for k in facts if k.startswith("idle_opened_"))
idle_opened = min(int(facts[f"idle_opened_{r}"] or 0) for r in idle_rounds)
idle_alive = min(int(facts.get(f"idle_alive_{r}") or 0) for r in idle_rounds)
idle_rss_kb = max(int(facts[f"idle_server_rss_kb_{r}"] or 0) for r in idle_rounds)
idle_peak_kb = max([with_idle["peak_rss_kb"]] + [int(facts[f"idle_server_peak_rss_kb_{r}"] or 0) for r in idle_rounds])

ratios = {
    "s1_vs_nginx_rps": server["rps"] / nginx["rps"],
    "s1_vs_prism_rps": server["rps"] / prism["rps"],
    "s2_page500_vs_page1_rps_slowdown": p1["rps"] / p500["rps"],
    "s2_page500_vs_page1_p99": p500["p99_ms"] / p1["p99_ms"],
    "s3_creates_per_fsync": create["rps"] / fsync_rate,
    "s6_p99_with_vs_without": with_idle["p99_ms"] / without["p99_ms"],
    "s7_keys100k_vs_keys10_rps_slowdown": k10["rps"] / k100k["rps"],
    "s7_keys100k_vs_keys10_p99": k100k["p99_ms"] / k10["p99_ms"],
}
targets = [
    ("S1 >= 0.6 x nginx req/s", ratios["s1_vs_nginx_rps"], ">=", 0.6),
    ("S1 p99 <= 2 ms at 64 connections", server["p99_ms"], "<=", 2.0),
    ("S1 >= 30 x Prism req/s", ratios["s1_vs_prism_rps"], ">=", 30),
    ("S2 page 500 within 1.2 x page 1 (req/s)", ratios["s2_page500_vs_page1_rps_slowdown"], "<=", 1.2),
    ("S2 page 500 within 1.2 x page 1 (p99)", ratios["s2_page500_vs_page1_p99"], "<=", 1.2),
    ("S3 durable creates/s >= 2 x fsyncs/s", ratios["s3_creates_per_fsync"], ">=", 2.0),
    ("S6 server RSS <= 200 MB with 10k idle", idle_peak_kb / 1024, "<=", 200),
    ("S6 p99 within 1.5 x without idle", ratios["s6_p99_with_vs_without"], "<=", 1.5),
    ("S7 100k keys within 1.1 x 10 keys (req/s)", ratios["s7_keys100k_vs_keys10_rps_slowdown"], "<=", 1.1),
    ("S7 100k keys within 1.1 x 10 keys (p99)", ratios["s7_keys100k_vs_keys10_p99"], "<=", 1.1),
]
target_rows = [{"target": t, "value": round(v, 3), "op": op, "threshold": th,
                "met": (v >= th) if op == ">=" else (v <= th)} for t, v, op, th in targets]
# Sanity of the runs themselves: a target measured on failing requests is not met.
sanity = {
    "all scenarios error-free": all(x["errors"] == 0 for x in g.values()),
    "idle connections all opened and held": idle_alive == idle_opened == int(facts["idle_wanted"]),
}

rows = [
    ("ref: nginx 1 worker, same body", nginx, f"S1/nginx {ratios['s1_vs_nginx_rps']:.2f}"),
    ("ref: Prism mock GET customer", prism, f"S1/Prism {ratios['s1_vs_prism_rps']:.1f}"),
    ("S1 GET /v2/customers/{id}", server, ""),
    ("S2 list page 1", p1, ""),
    ("S2 list page 500", p500, f"p1/p500 rps {ratios['s2_page500_vs_page1_rps_slowdown']:.2f}, "
                               f"p99 x{ratios['s2_page500_vs_page1_p99']:.2f}"),
    ("S3 POST onboarding, fresh key", create, f"/fsync {ratios['s3_creates_per_fsync']:.2f} ({fsync_rate:.0f} fsync/s)"),
    ("S4 POST onboarding, replay", replay, ""),
    ("S5 unknown key (401)", invalid, ""),
    ("S6 S1 without idle conns", without, ""),
    (f"S6 S1 with {idle_alive} idle conns", with_idle, f"p99 x{ratios['s6_p99_with_vs_without']:.2f}"),
    ("S7 S1 with 10 keys", k10, ""),
    ("S7 S1 with 100,000 keys", k100k, f"10k/100k rps {ratios['s7_keys100k_vs_keys10_rps_slowdown']:.2f}, "
                                       f"p99 x{ratios['s7_keys100k_vs_keys10_p99']:.2f}"),
]

print()
print("Commands (as run; wrk gets KEY/TARGET/... from the environment, see bench/run.d/*.lua):")
for c in commands:
    print("  " + c)
print()
print(f"{seconds} s per run, 64 connections; measured process / wrk -t1 pinned {facts['pinning']}; "
      f"load average {facts['loadavg_start']} at start, {facts['loadavg_end']} at end")
hdr = f"{'scenario':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'RSS MB':>7}  ratio"
print(hdr)
print("-" * len(hdr))
for name, x, ratio in rows:
    print(f"{name:34} {x['rps']:9.0f} {x['p50_ms']:8.2f} {x['p99_ms']:8.2f} {x['max_ms']:8.1f} {x['errors']:6d} "
          f"{x['peak_rss_kb'] / 1024:7.1f}  {ratio}")
print()
for t in target_rows:
    print(f"  {'met    ' if t['met'] else 'NOT met'}  {t['target']:44} {t['value']:>9} ({t['op']} {t['threshold']})")
print(f"  note: wrk is closed-loop, so mean latency = connections / throughput: 64 / {server['rps']:.0f} req/s = "
      f"{64000 / server['rps']:.2f} ms for S1 (nginx: {64000 / nginx['rps']:.2f} ms); p99 <= 2 ms at 64 connections "
      f"needs >= 32,000 req/s")
for k, v in sanity.items():
    print(f"  {'ok     ' if v else 'CHECK  '}  {k}")

micro = []
mpath = os.path.join(work, "micro.json")
if os.path.exists(mpath):
    mj = json.load(open(mpath))
    print()
    print(f"{'micro benchmark (conduit_micro, Google Benchmark)':52} {'time/op':>12} {'cpu/op':>12}")
    for b in mj["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        unit = b.get("time_unit", "ns")
        to_ns = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]
        item = {"name": b["name"], "real_ns": b["real_time"] * to_ns, "cpu_ns": b["cpu_time"] * to_ns,
                "iterations": b["iterations"]}
        if b.get("label"):
            item["label"] = b["label"]
        if b.get("error_occurred"):
            item["error"] = b.get("error_message", "error")
        micro.append(item)
        print(f"  {b['name'] + (' (' + b['label'] + ')' if b.get('label') else ''):50} "
              f"{item['real_ns']:10.0f}ns {item['cpu_ns']:10.0f}ns")
    micro_context = {k: mj["context"].get(k) for k in ("num_cpus", "mhz_per_cpu", "library_build_type", "load_avg")}
else:
    micro_context = None


def scen(x, **extra):
    d = {k: round(x[k], 3) for k in ("rps", "p50_ms", "p99_ms", "max_ms")}
    d.update(errors=x["errors"], requests=x["requests"], peak_rss_kb=x["peak_rss_kb"])
    d.update(extra)
    d["runs"] = x["runs"]
    return d


result = {
    "benchmark": "bench/run",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "git": facts.get("git"),
    "seconds_per_run": seconds,
    "connections": 64,
    "server_flags": "--threads 1 --rate-limit 100000000 --ip-rate-limit 100000000 --log-level error",
    "machine": {"nproc": os.cpu_count(), "pinning": facts.get("pinning"), "loadavg_start": facts.get("loadavg_start"),
                "loadavg_end": facts.get("loadavg_end"), "open_files_limit": facts.get("open_files_limit"),
                "peak_rss_reset_per_run": facts.get("hwm_reset") == "yes"},
    "versions": {"wrk": facts.get("wrk_version"), "nginx": facts.get("nginx_version"),
                 "prism": facts.get("prism_version")},
    "commands": commands,
    "notes": [
        "errors = non-2xx/3xx responses + socket errors; for scenarios 3, 4 and 5 every answer is checked "
        "(status 202, 202 + Idempotent-Replayed: true, 401) and errors = unexpected answers + socket errors",
        "peak_rss_kb = VmHWM of the measured process (nginx: its worker), reset before each run",
        "averaged scenarios alternate their two sides twice (A B A B); runs[] has each run",
        "wrk is closed-loop: mean latency = connections / throughput, so p99 <= 2 ms at 64 connections "
        "requires at least 32,000 req/s",
    ],
    "references": {
        "nginx": scen(nginx, body_bytes=int(facts["body_bytes"]), config="worker_processes 1, access_log off, static file"),
        "prism": scen(prism, target=facts["target_s1"], body_bytes=int(facts.get("prism_body_bytes", 0)),
                      processes=int(facts.get("prism_processes", 1))),
        "fsync_probe": {"fsyncs_per_s": fsync_rate, "before": float(facts["fsync_before"]),
                        "after": float(facts["fsync_after"]), "record_bytes": 100, "seconds": 3},
    },
    "scenarios": {
        "1_get_customer": scen(server, target=facts["target_s1"], body_bytes=int(facts["body_bytes"]),
                               ratio={"vs_nginx_rps": ratios["s1_vs_nginx_rps"], "vs_prism_rps": ratios["s1_vs_prism_rps"]}),
        "2_list_page1": scen(p1, target="/v2/customers?limit=20"),
        "2_list_page500": scen(p500, target=facts["target_s2_deep"],
                               ratio={"page1_rps_over_page500_rps": ratios["s2_page500_vs_page1_rps_slowdown"],
                                      "page500_p99_over_page1_p99": ratios["s2_page500_vs_page1_p99"]}),
        "3_onboarding_create": scen(create, submission_bytes=int(facts["submission_bytes"]),
                                    ratio={"creates_per_s_over_fsyncs_per_s": ratios["s3_creates_per_fsync"]}),
        "4_onboarding_replay": scen(replay),
        "5_unknown_key_401": scen(invalid),
        "6_get_customer_without_idle": scen(without),
        "6_get_customer_with_idle": scen(with_idle, idle_connections_wanted=int(facts["idle_wanted"]),
                                         idle_connections_opened=idle_opened, idle_connections_alive_at_end=idle_alive,
                                         server_rss_kb_with_idle_before_load=idle_rss_kb,
                                         server_peak_rss_kb_from_opening=idle_peak_kb,
                                         ratio={"p99_with_over_without": ratios["s6_p99_with_vs_without"]}),
        "7_get_customer_10_keys": scen(k10),
        "7_get_customer_100000_keys": scen(k100k, ratio={"keys10_rps_over_keys100k_rps": ratios["s7_keys100k_vs_keys10_rps_slowdown"],
                                                         "keys100k_p99_over_keys10_p99": ratios["s7_keys100k_vs_keys10_p99"]}),
    },
    "targets": target_rows,
    "sanity": sanity,
    "micro": {"context": micro_context, "benchmarks": micro},
}
with open(out_path, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(f"\nwrote {out_path}")
