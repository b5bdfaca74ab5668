#!/usr/bin/python3
"""Check domains one at a time with Debian's python3-spf (pyspf), through dnspython
pointed at one DNS server: the baseline of spfpatch's scale benchmark.

    /usr/bin/python3 bench/pyspf_check.py --server 127.0.0.1 --port 5301 \
        --domains bench/out/data-1000/domains.txt [--limit 1000]

For each target (a domain, or a sender address whose domain part is used) it
runs spf.check2() for a connecting IP that no record authorises (192.0.2.254
by default), so pyspf evaluates every term up to `all`, fetching what each
include, redirect, a and mx needs, the way a receiving mail server does. Each
check has its own pyspf query cache, as a per-domain library call has; the
dnspython resolver has no cache. EDNS0 is on with a 1232-byte payload, as in
spfpatch's resolver (--no-edns: dnspython's default, plain 512-byte DNS).

It prints one JSON object: domains checked, seconds, results per kind.
"""

import argparse
import json
import sys
import time
import warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domains", required=True, help="one target a line, # comments")
    ap.add_argument("--limit", type=int, default=0, help="check only the first N targets (0: all)")
    ap.add_argument("--ip", default="192.0.2.254", help="connecting IP address of the checks")
    ap.add_argument("--no-edns", action="store_true", help="dnspython's default: no EDNS0")
    ap.add_argument("--timeout", type=float, default=2.0, help="seconds per DNS attempt")
    a = ap.parse_args()

    try:
        import dns.resolver
        import dns.version
        import spf
    except ImportError as e:
        sys.exit("pyspf_check: %s: install Debian's python3-spf and python3-dnspython "
                 "(apt-get install -y python3-spf python3-dnspython) and run with /usr/bin/python3" % e)
    if spf.DNSLookup is not spf.DNSLookup_dnspython:
        sys.exit("pyspf_check: pyspf is not using dnspython (python3-dnspython missing?)")

    warnings.simplefilter("ignore", DeprecationWarning)  # pyspf calls dns.resolver.query()
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = [a.server]
    r.port = a.port
    r.timeout = a.timeout
    r.lifetime = 3 * a.timeout
    r.cache = None
    if a.no_edns:
        r.use_edns(-1)
    else:
        r.use_edns(0, 0, 1232)
    dns.resolver.default_resolver = r

    targets = []
    with open(a.domains) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                targets.append(line)
    if a.limit > 0:
        targets = targets[: a.limit]

    results = {}
    start = time.perf_counter()
    for t in targets:
        if "@" in t:
            sender, domain = t, t.rsplit("@", 1)[1]
        else:
            domain = t
            sender = "postmaster@" + t.rstrip(".")
        domain = domain.rstrip(".").lower()
        sender = sender.rstrip(".").lower()
        res, _ = spf.check2(i=a.ip, s=sender, h=domain)
        results[res] = results.get(res, 0) + 1
    secs = time.perf_counter() - start

    json.dump({
        "domains": len(targets),
        "seconds": round(secs, 3),
        "per_domain_ms": round(1000 * secs / max(1, len(targets)), 3),
        "results": dict(sorted(results.items())),
        "pyspf": getattr(spf, "__version__", "?"),
        "dnspython": dns.version.version,
        "edns": not a.no_edns,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
