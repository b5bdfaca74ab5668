#!/usr/bin/python3
"""Results of spfpatch's scale benchmark (bench/run.sh): one JSON object a run
in results.jsonl, and the Markdown tables made from them.

    results.py record FILE key=value... [--time F] [--plan F] [--proxy F] [--pyspf F]
    results.py table FILE [--meta F]
"""

import json
import re
import statistics
import sys

RECS = []

def parse_time_v(path):
    """Wall time (s), peak RSS (KB) and exit status from GNU time -v output."""
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                v = line.rsplit(": ", 1)[1]
                secs = 0.0
                for part in v.split(":"):
                    secs = secs * 60 + float(part)
                out["wall_s"] = round(secs, 3)
            elif line.startswith("Maximum resident set size"):
                out["rss_kb"] = int(line.rsplit(": ", 1)[1])
            elif line.startswith("Exit status"):
                out["exit"] = int(line.rsplit(": ", 1)[1])
            elif line.startswith("User time"):
                out["user_s"] = float(line.rsplit(": ", 1)[1])
            elif line.startswith("System time"):
                out["sys_s"] = float(line.rsplit(": ", 1)[1])
            elif line.startswith("Command terminated by signal"):
                out["signal"] = line
    return out


def last_summary(path):
    last = None
    with open(path) as f:
        for line in f:
            if line.startswith('{"summary"'):
                last = line
    return json.loads(last)["summary"] if last else None


def record(argv):
    out = argv[0]
    rec = {}
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--time", "--plan", "--proxy", "--pyspf"):
            path = argv[i + 1]
            i += 2
            if a == "--time":
                rec.update(parse_time_v(path))
            elif a == "--plan":
                rec["summary"] = last_summary(path)
            elif a == "--proxy":
                with open(path) as f:
                    rec["proxy"] = json.load(f)
            else:
                with open(path) as f:
                    txt = f.read().strip()
                rec["pyspf"] = json.loads(txt.splitlines()[-1]) if txt else None
            continue
        k, v = a.split("=", 1)
        rec[k] = int(v) if re.fullmatch(r"-?\d+", v) else v
        i += 1
    with open(out, "a") as f:
        f.write(json.dumps(rec, sort_keys=True) + "\n")


def fmt_s(x):
    return "%.2f s" % x if x < 100 else "%.0f s" % x


def table(argv):
    path = argv[0]
    global RECS
    recs = [json.loads(l) for l in open(path) if l.strip()]
    RECS = recs
    ns = sorted({r["n"] for r in recs})
    rows = []
    details = []
    notes = []
    targets = []
    for n in ns:
        rn = [r for r in recs if r["n"] == n]
        # pyspf, one at a time: direct timing, counted run through the proxy.
        py = [r for r in rn if r["prog"] == "pyspf" and r["mode"] == "direct"]
        pyc = [r for r in rn if r["prog"] == "pyspf" and r["mode"] == "proxy"]
        py_time = py_note = None
        if py:
            p = py[0]
            checked = p["pyspf"]["domains"] if p.get("pyspf") else p["checked"]
            py_time = p["wall_s"] * n / checked
            if checked < n:
                py_note = "%s extrapolated from %d domains" % (fmt_s(py_time), checked)
                notes.append("N=%d: pyspf checked the first %d domains in %s; its time for %d is extrapolated per domain." %
                             (n, checked, fmt_s(p["wall_s"]), n))
        py_txt = None
        if pyc and pyc[0].get("proxy"):
            c = pyc[0]
            checked = c["pyspf"]["domains"] if c.get("pyspf") else c["checked"]
            py_txt = c["proxy"]["types"].get("TXT", {}).get("total", 0) / checked
        ps = sorted({r["p"] for r in rn if r["prog"] == "spfpatch"})
        for p in ps:
            direct = [r for r in rn if r["prog"] == "spfpatch" and r["mode"] == "direct" and r["p"] == p]
            counted = [r for r in rn if r["prog"] == "spfpatch" and r["mode"] == "proxy" and r["p"] == p]
            if not direct:
                continue
            wall = statistics.median(r["wall_s"] for r in direct)
            rss = max(r["rss_kb"] for r in direct)
            walls = ", ".join("%.2f" % r["wall_s"] for r in direct)
            q = counted[0]["proxy"] if counted and counted[0].get("proxy") else None
            row = {
                "N": "{:,}".format(n),
                "--parallel": str(p),
                "wall time (median)": "%s (%s)" % (fmt_s(wall), walls) if len(direct) > 1 else fmt_s(wall),
                "peak RSS": "%.0f MB" % (rss / 1024),
            }
            if q:
                txt = q["types"].get("TXT", {}).get("total", 0)
                row.update({
                    "queries sent": "{:,}".format(q["total"]),
                    "distinct questions": "{:,}".format(q["distinct"]),
                    "sent/unique": "%.3f" % q["sent_per_unique"],
                    "TXT queries/domain": "%.2f" % (txt / n),
                    "TCP": str(q["tcp"]),
                })
            else:
                row.update({k: "-" for k in ("queries sent", "distinct questions", "sent/unique", "TXT queries/domain", "TCP")})
            cpu = statistics.median(r.get("user_s", 0) + r.get("sys_s", 0) for r in direct)
            row["CPU (user+sys)"] = fmt_s(cpu)
            row["pyspf one at a time"] = (py_note or fmt_s(py_time)) if py_time else "-"
            row["pyspf TXT/domain"] = "%.2f" % py_txt if py_txt is not None else "-"
            row["speed-up"] = "%.1fx" % (py_time / wall) if py_time else "-"
            rows.append(row)
            targets.append({"n": n, "p": p, "wall": wall, "walls": [r["wall_s"] for r in direct], "rss_mb": rss / 1024,
                            "spu": q["sent_per_unique"] if q else None, "txt": (q["types"].get("TXT", {}).get("total", 0) / n) if q else None,
                            "speedup": py_time / wall if py_time else None, "py_time": py_time})
            if q:
                details.append(detail_row(n, "spfpatch --parallel %d" % p, counted[0], n))
        if pyc and pyc[0].get("proxy"):
            c = pyc[0]
            details.append(detail_row(n, "pyspf", c, c["pyspf"]["domains"] if c.get("pyspf") else c["checked"]))
        for r in rn:
            if r["prog"] == "spfpatch" and r.get("expected") and r.get("summary"):
                exp = json.loads(r["expected"]) if isinstance(r["expected"], str) else r["expected"]
                got = r["summary"]
                if any(got.get(k, 0) != exp.get(k, 0) for k in ("update", "unchanged", "failed", "create")):
                    notes.append("N=%d --parallel %s: plan summary %s differs from the generated mix's %s" % (n, r["p"], got, exp))
                    break
    print(markdown(rows))
    print()
    print("Through the counting proxy (bench/dnsproxy), one run each:")
    print()
    print(markdown(details))
    for n_ in notes:
        print()
        print(n_)
    print_targets(targets)


def print_targets(ts):
    """The targets of issue 6 item 4, judged on the largest N."""
    if not ts:
        return
    n = max(t["n"] for t in ts)
    big = [t for t in ts if t["n"] == n]
    yes = lambda ok: "met" if ok else "MISSED"
    print()
    print("Targets (N=%s; wall times are medians of the timed runs):" % "{:,}".format(n))
    print()
    spu = [t["spu"] for t in ts if t["spu"] is not None]
    if spu:
        print("- every distinct question asked once (sent/unique about 1.0): %s (%s over all runs counted)" %
              (yes(max(spu) <= 1.01), ", ".join(sorted({"%.3f" % x for x in spu}))))
    if n >= 10000:
        best = min(big, key=lambda t: t["wall"])
        print("- %s domains in under 3 s: %s (%s)" % ("{:,}".format(n), yes(all(t["wall"] < 3 for t in big)),
              "; ".join("--parallel %d: %.2f s, slowest run %.2f s" % (t["p"], t["wall"], max(t["walls"])) for t in big)))
    print("- peak RSS under 100 MB: %s (largest %.0f MB)" % (yes(all(t["rss_mb"] < 100 for t in big)), max(t["rss_mb"] for t in big)))
    py = [r for r in RECS if r["n"] == n and r["prog"] == "pyspf" and r["mode"] == "direct"]
    sf = [r for r in RECS if r["n"] == n and r["prog"] == "spfpatch" and r["mode"] == "direct"]
    if py and sf:
        checked = py[0]["pyspf"]["domains"] if py[0].get("pyspf") else py[0]["checked"]
        pyc = (py[0].get("user_s", 0) + py[0].get("sys_s", 0)) / checked
        sfc = statistics.median(r.get("user_s", 0) + r.get("sys_s", 0) for r in sf) / n
        print("- CPU time per domain (user+sys, the server's not included): spfpatch %.0f us (median over all its runs), pyspf %.0f us: %.1fx" %
              (sfc * 1e6, pyc * 1e6, pyc / sfc))
    sp = [t for t in big if t["speedup"]]
    if sp:
        print("- at least 20x faster than pyspf one at a time: %s (%s)" % (yes(all(t["speedup"] >= 20 for t in sp)),
              "; ".join("--parallel %d: %.1fx" % (t["p"], t["speedup"]) for t in sp)))


def detail_row(n, prog, r, checked):
    q = r["proxy"]
    t = q["types"]
    edns = ", ".join("%s: %d" % (k, v) for k, v in sorted(q["edns_sizes"].items())) or "none"
    return {
        "N": "{:,}".format(n),
        "program": prog,
        "domains": "{:,}".format(checked),
        "wall via proxy": fmt_s(r["wall_s"]),
        "queries": "{:,}".format(q["total"]),
        "distinct": "{:,}".format(q["distinct"]),
        "asked twice or more": "{:,}".format(q.get("repeated_questions", 0)),
        "SOA": str(t.get("SOA", {}).get("total", 0)),
        "TXT": str(t.get("TXT", {}).get("total", 0)),
        "A": str(t.get("A", {}).get("total", 0)),
        "AAAA": str(t.get("AAAA", {}).get("total", 0)),
        "MX": str(t.get("MX", {}).get("total", 0)),
        "UDP/TCP": "%d/%d" % (q["udp"], q["tcp"]),
        "TC answers": str(q["udp_truncated"]),
        "answers >512 B": str(q["udp_answers_over_512"]),
        "EDNS0 (size: queries)": edns,
    }


def markdown(rows):
    if not rows:
        return "(no rows)"
    keys = list(rows[0].keys())
    out = ["| " + " | ".join(keys) + " |", "|" + "|".join(" --- " for _ in keys) + "|"]
    for r in rows:
        out.append("| " + " | ".join(r.get(k, "") for k in keys) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("record", "table"):
        sys.exit(__doc__)
    {"record": record, "table": table}[sys.argv[1]](sys.argv[2:])
