#!/usr/bin/python3
"""Results of bench/check.sh: one JSON object a run in results.jsonl, and the
Markdown table made from them.

    check_results.py record FILE key=value... [--time F] [--check F] [--proxy F] [--floor F] [--pyspf F]
    check_results.py table FILE
"""

import json
import re
import statistics
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from results import parse_time_v  # noqa: E402  (GNU time -v output)


def record(argv):
    out, rec, i = argv[0], {}, 1
    while i < len(argv):
        a = argv[i]
        if a.startswith("--"):
            path = argv[i + 1]
            i += 2
            if a == "--time":
                rec.update(parse_time_v(path))
            elif a == "--check":
                lines = statuses = 0
                st = {}
                with open(path) as f:
                    for line in f:
                        lines += 1
                        s = json.loads(line).get("status", "?")
                        st[s] = st.get(s, 0) + 1
                rec["lines"], rec["statuses"] = lines, st
            elif a == "--proxy":
                with open(path) as f:
                    rec["proxy"] = json.load(f)
            elif a == "--floor":
                with open(path) as f:
                    rec["floor"] = json.loads(f.read().strip().splitlines()[-1])
                rec["wall_s"] = rec["floor"]["seconds"]
            elif a == "--pyspf":
                with open(path) as f:
                    txt = f.read().strip()
                rec["pyspf"] = json.loads(txt.splitlines()[-1]) if txt else None
            continue
        k, v = a.split("=", 1)
        rec[k] = int(v) if re.fullmatch(r"-?\d+", v) else (float(v) if re.fullmatch(r"-?\d+\.\d+", v) else v)
        i += 1
    with open(out, "a") as f:
        f.write(json.dumps(rec, sort_keys=True) + "\n")


def fmt_s(x):
    return "%.2f s" % x if x < 100 else "%.0f s" % x


def table(argv):
    recs = [json.loads(l) for l in open(argv[0]) if l.strip()]
    rows, targets, notes = [], [], []
    for n in sorted({r["n"] for r in recs}):
        rn = [r for r in recs if r["n"] == n]
        floor = [r for r in rn if r["prog"] == "floor"]
        fl = statistics.median(r["wall_s"] for r in floor) if floor else None
        prox = [r for r in rn if r["prog"] == "spfpatch" and r["mode"] == "proxy"]
        q = prox[0]["proxy"] if prox else None
        py = [r for r in rn if r["prog"] == "pyspf"]
        py_time = None
        if py:
            checked = py[0]["pyspf"]["domains"] if py[0].get("pyspf") else py[0]["checked"]
            py_time = py[0]["wall_s"] * n / checked
            if checked < n:
                notes.append("N=%d: pyspf checked the first %d domains in %s; its time for %d is extrapolated." %
                             (n, checked, fmt_s(py[0]["wall_s"]), n))
        for p in sorted({r["p"] for r in rn if r["prog"] == "spfpatch" and r["mode"] == "direct"}):
            d = [r for r in rn if r["prog"] == "spfpatch" and r["mode"] == "direct" and r["p"] == p]
            wall = statistics.median(r["wall_s"] for r in d)
            cpu = statistics.median(r.get("user_s", 0) + r.get("sys_s", 0) for r in d)
            rss = max(r["rss_kb"] for r in d) / 1024
            bad = [r for r in d if r.get("lines") != n]
            if bad:
                notes.append("N=%d --parallel %d: %d runs did not print %d lines" % (n, p, len(bad), n))
            loads = [r.get("load") for r in d + floor if r.get("load") is not None]
            rows.append({
                "N": "{:,}".format(n),
                "--parallel": str(p),
                "spfpatch check (median; runs)": "%s (%s)" % (fmt_s(wall), ", ".join("%.2f" % r["wall_s"] for r in d)),
                "CPU": fmt_s(cpu),
                "peak RSS": "%.0f MiB" % rss,
                "floor, same questions (median; runs)": "%s (%s)" % (fmt_s(fl), ", ".join("%.2f" % r["wall_s"] for r in floor)) if fl else "-",
                "spfpatch / floor": "%.2fx" % (wall / fl) if fl else "-",
                "pyspf, one at a time": fmt_s(py_time) if py_time else "-",
                "pyspf / spfpatch": "%.1fx" % (py_time / wall) if py_time else "-",
                "queries (distinct)": "{:,} ({:,})".format(q["total"], q["distinct"]) if q else "-",
                "load (1 min)": "%.1f-%.1f" % (min(loads), max(loads)) if loads else "-",
            })
            targets.append({"n": n, "p": p, "wall": wall, "floor": fl, "py": py_time, "rss": rss})
    print(markdown(rows))
    for t in notes:
        print()
        print(t)
    print()
    yes = lambda ok: "met" if ok else "MISSED"
    for t in targets:
        if t["n"] == 10000:
            if t["floor"]:
                print("- N=10,000 --parallel %d: within 2x of the floor: %s (%.2fx)" % (t["p"], yes(t["wall"] <= 2 * t["floor"]), t["wall"] / t["floor"]))
            if t["py"]:
                print("- N=10,000 --parallel %d: at least 25x faster than pyspf: %s (%.1fx)" % (t["p"], yes(t["py"] >= 25 * t["wall"]), t["py"] / t["wall"]))
        if t["n"] in (10000, 50000):
            print("- N=%s --parallel %d: peak RSS under 64 MiB: %s (%.0f MiB)" % ("{:,}".format(t["n"]), t["p"], yes(t["rss"] < 64), t["rss"]))


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
