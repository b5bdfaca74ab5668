#!/usr/bin/env bash
# What one hostile domain costs `spfpatch check` (issue 11 item 1), measured
# from outside: for each shape of internal/dnstest.Hostile, the queries the
# server received, the wall time and the peak RSS (GNU time) of
#   spfpatch check --include e-shopsmail2.com --ip 192.0.2.9 --format json SHAPE.hostile.test
# with the default --domain-timeout (20 s). The slow shapes answer
# BENCH_DELAY late (default 2s).
#
#   bench/hostile.sh [SHAPE...]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/hostile
mkdir -p "$OUT"
go build -o bench/out/spfpatch . && go build -o bench/out/hostile-server ./bench/hostile
PORT=${BENCH_PORT:-$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
bench/out/hostile-server -listen "127.0.0.1:$PORT" -delay "${BENCH_DELAY:-2s}" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
sleep 0.5
count() { dig +short +tries=1 -p "$PORT" @127.0.0.1 count.hostile.control TXT 2>/dev/null | tr -d '"' ||
	/usr/bin/python3 -c 'print("?")'; }
SHAPES=("$@")
[ ${#SHAPES[@]} -gt 0 ] || SHAPES=(wide deep fan slow slowwide cname void mx repeat long)
count >/dev/null
echo "| shape | queries | wall | peak RSS | output | status, check_host() result |"
echo "| --- | --- | --- | --- | --- | --- |"
for s in "${SHAPES[@]}"; do
	rc=0
	/usr/bin/time -f '%e %M' -o "$OUT/$s.time" env -u SPFPATCH_INCLUDE bench/out/spfpatch check --nameserver "127.0.0.1:$PORT" \
		--include e-shopsmail2.com --ip 192.0.2.9 --format json "$s.hostile.test" >"$OUT/$s.json" 2>"$OUT/$s.err" || rc=$?
	read -r wall rss < <(tail -1 "$OUT/$s.time")
	q=$(count)
	st=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["status"], d.get("result",""))' "$OUT/$s.json" 2>/dev/null || echo "? ?")
	printf '| %s | %s | %s s | %s MiB | %s KiB | %s |\n' "$s" "$q" "$wall" "$((rss / 1024))" "$(($(wc -c <"$OUT/$s.json") / 1024))" "$st"
done
