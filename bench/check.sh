#!/usr/bin/env bash
# spfpatch check at scale: `spfpatch check` over N synthetic shop domains
# served by a real authoritative server (NSD, or Knot) on 127.0.0.1, against
# the floor (bench/floor: a minimal client sending exactly the questions
# spfpatch sent, 64 sockets, one query outstanding each) and Debian's
# python3-spf (pyspf) checking the same domains one at a time, all in one
# run, with the ratios. See bench/README.md.
#
#   bench/check.sh [N...]        default: 1000 10000 50000
#
# Environment:
#   BENCH_PORT          server port (default: a free one); the proxy takes another
#   BENCH_SERVER        nsd or knot (default: nsd when installed, else knot)
#   BENCH_PARALLEL      spfpatch --parallel values (default: "128", check's default); timed round-robin
#   BENCH_REPEAT        timed runs of spfpatch and of the floor per value (default 5)
#   BENCH_PYSPF_MAX     pyspf checks at most this many domains per N and its time
#                       is extrapolated per domain (default 0: all of them)
#   BENCH_CMD_TIMEOUT   seconds any one command may take (default 1800)
#   BENCH_SEED          generator seed (default 1)
#   BENCH_SPFPATCH      measure this spfpatch binary instead of building the working tree
#
# Everything goes under bench/out/ (not in git); the tables go to stdout and to
# bench/out/check-TIMESTAMP/table.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
PY=/usr/bin/python3
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1000 10000 50000)
PARALLEL=${BENCH_PARALLEL:-128}
REPEAT=${BENCH_REPEAT:-5}
PYSPF_MAX=${BENCH_PYSPF_MAX:-0}
CMD_TIMEOUT=${BENCH_CMD_TIMEOUT:-1800}
SEED=${BENCH_SEED:-1}

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

for n in "${NS[@]}"; do
	[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 99999 ] || die "N must be a number from 1 to 99999, not '$n'"
done
command -v go >/dev/null || die "go is not on PATH"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is missing: apt-get install -y time"
command -v timeout >/dev/null || die "timeout (coreutils) is missing"
$PY -c 'import spf, dns.resolver' 2>/dev/null ||
	die "Debian's python3-spf and python3-dnspython are needed for the pyspf baseline: apt-get install -y python3-spf python3-dnspython"
SERVER=${BENCH_SERVER:-}
if [ -z "$SERVER" ]; then
	if command -v nsd >/dev/null || [ -x /usr/sbin/nsd ]; then SERVER=nsd
	elif command -v knotd >/dev/null || [ -x /usr/sbin/knotd ]; then SERVER=knot
	else die "no authoritative DNS server: apt-get install -y nsd (or knot)"
	fi
fi
case $SERVER in
nsd) NSD=$(command -v nsd || echo /usr/sbin/nsd); [ -x "$NSD" ] || die "nsd is not installed" ;;
knot) KNOTD=$(command -v knotd || echo /usr/sbin/knotd); [ -x "$KNOTD" ] || die "knotd is not installed" ;;
*) die "BENCH_SERVER must be nsd or knot, not '$SERVER'" ;;
esac

# --- processes we start, stopped on any exit (each by its own id) -------------
PIDS=()
stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() { local pid; for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; PIDS=(); }
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
forget_pid() { local keep=() p; for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; PIDS=("${keep[@]}"); }

free_port() {
	$PY - <<'PYEOF'
import socket
for _ in range(50):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        t.close(); continue
    t.close(); u.close()
    if port >= 1024:
        print(port); break
PYEOF
}
PORT=${BENCH_PORT:-$(free_port)}
PROXY_PORT=$(free_port)
while [ "$PROXY_PORT" = "$PORT" ]; do PROXY_PORT=$(free_port); done

# --- build -------------------------------------------------------------------
mkdir -p "$OUT"
RES=$OUT/check-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RES"
JSONL=$RES/results.jsonl
log "building spfpatch and the benchmark tools"
if [ -n "${BENCH_SPFPATCH:-}" ]; then
	[ -x "$BENCH_SPFPATCH" ] || die "BENCH_SPFPATCH=$BENCH_SPFPATCH is not an executable"
	cp "$BENCH_SPFPATCH" "$OUT/spfpatch"
	BUILT="BENCH_SPFPATCH=$BENCH_SPFPATCH"
else
	go build -o "$OUT/spfpatch" . || die "go build failed"
	BUILT="the working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' with uncommitted changes')"
fi
for t in dnsproxy gen floor; do go build -o "$OUT/$t" "./bench/$t" || die "go build ./bench/$t failed"; done
{
	echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
	echo "- $(go version | cut -d' ' -f3-); spfpatch built from $BUILT"
	case $SERVER in
	nsd) echo "- server: $("$NSD" -v 2>&1 | head -1), one server process, on 127.0.0.1 (same machine)" ;;
	knot) echo "- server: $("$KNOTD" -V 2>&1 | head -1), on 127.0.0.1 (same machine)" ;;
	esac
	echo "- pyspf $($PY -c 'import spf; print(spf.__version__)') with dnspython $($PY -c 'import dns.version; print(dns.version.version)'), $($PY --version)"
	echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$RES/machine.md"
cat "$RES/machine.md" >&2

start_server() { # DATA_DIR
	local d=$1 pid
	rm -rf "$d/run" && mkdir -p "$d/run"
	case $SERVER in
	nsd) "$NSD" -d -c "$d/nsd.conf" >"$d/run/server.out" 2>&1 & pid=$! ;;
	knot) "$KNOTD" -c "$d/knot.conf" >"$d/run/server.out" 2>&1 & pid=$! ;;
	esac
	PIDS+=("$pid")
	SERVER_PID=$pid
	"$OUT/dnsproxy" -probe "127.0.0.1:$PORT" -qname e-shopsmail2.com. -wait 180s || die "$SERVER did not answer on 127.0.0.1:$PORT"
}

# run_timed OUT_PREFIX CMD...: GNU time -v, bounded; check exits 0 or 1 (some shops cannot be resolved).
run_timed() {
	local pfx=$1 rc=0 pid
	shift
	timeout --kill-after=10 "$CMD_TIMEOUT" /usr/bin/time -v -o "$pfx.time" "$@" >"$pfx.out" 2>"$pfx.err" &
	pid=$!
	PIDS+=("$pid")
	wait "$pid" || rc=$?
	forget_pid "$pid"
	[ "$rc" -le 1 ] || { tail -5 "$pfx.err" >&2; die "'$*' failed with exit status $rc"; }
}

load() { cut -d' ' -f1 /proc/loadavg; }

for n in "${NS[@]}"; do
	D=$OUT/data-$n
	R=$RES/n$n
	mkdir -p "$R"
	log "N=$n: generating zones in $D"
	"$OUT/gen" -n "$n" -seed "$SEED" -out "$D" -port "$PORT" >&2
	log "N=$n: starting $SERVER on 127.0.0.1:$PORT"
	start_server "$D"
	"$OUT/dnsproxy" -probe "127.0.0.1:$PORT" -qname "$(grep -v '^#' "$D/domains.txt" | tail -1 | sed 's/.*@//; s/\.$//')." -wait 120s ||
		die "$SERVER does not serve the last shop zone"
	CHECK=(env -u SPFPATCH_INCLUDE "$OUT/spfpatch" check --format json --domains-file "$D/domains.txt" --nameserver)
	P0=$(echo "$PARALLEL" | awk '{print $1}')

	# The questions spfpatch sends, counted through the proxy: what the floor sends.
	log "N=$n: spfpatch check through the counting proxy (--parallel $P0)"
	rm -f "$R/proxy.ready"
	"$OUT/dnsproxy" -listen "127.0.0.1:$PROXY_PORT" -upstream "127.0.0.1:$PORT" -stats "$R/proxy.json" \
		-questions "$R/questions.txt" -ready "$R/proxy.ready" 2>>"$R/proxy.log" &
	PROXY_PID=$!
	PIDS+=("$PROXY_PID")
	for i in $(seq 1 200); do [ -e "$R/proxy.ready" ] && break; sleep 0.05; done
	[ -e "$R/proxy.ready" ] || die "the counting proxy did not start"
	run_timed "$R/proxied" "${CHECK[@]}" "127.0.0.1:$PROXY_PORT" --parallel "$P0"
	stop_pid "$PROXY_PID"; forget_pid "$PROXY_PID"
	[ -s "$R/questions.txt" ] || die "the proxy wrote no questions"
	$PY bench/check_results.py record "$JSONL" n="$n" prog=spfpatch mode=proxy p="$P0" load="$(load)" \
		--time "$R/proxied.time" --check "$R/proxied.out" --proxy "$R/proxy.json"

	# Timed runs, round-robin: spfpatch at each --parallel, then the floor.
	for r in $(seq 1 "$REPEAT"); do
		for p in $PARALLEL; do
			log "N=$n: spfpatch check --parallel $p, run $r of $REPEAT"
			run_timed "$R/spfpatch-p$p-r$r" "${CHECK[@]}" "127.0.0.1:$PORT" --parallel "$p"
			$PY bench/check_results.py record "$JSONL" n="$n" prog=spfpatch mode=direct p="$p" rep="$r" load="$(load)" \
				--time "$R/spfpatch-p$p-r$r.time" --check "$R/spfpatch-p$p-r$r.out"
			rm -f "$R/spfpatch-p$p-r$r.out"
		done
		log "N=$n: floor, run $r of $REPEAT"
		"$OUT/floor" -server "127.0.0.1:$PORT" -questions "$R/questions.txt" >"$R/floor-r$r.json"
		$PY bench/check_results.py record "$JSONL" n="$n" prog=floor mode=direct rep="$r" load="$(load)" --floor "$R/floor-r$r.json"
	done

	limit=$n
	[ "$PYSPF_MAX" -gt 0 ] && [ "$n" -gt "$PYSPF_MAX" ] && limit=$PYSPF_MAX
	log "N=$n: pyspf, $limit domains one at a time"
	run_timed "$R/pyspf" $PY bench/pyspf_check.py --port "$PORT" --domains "$D/domains.txt" --limit "$limit"
	$PY bench/check_results.py record "$JSONL" n="$n" prog=pyspf mode=direct checked="$limit" load="$(load)" \
		--time "$R/pyspf.time" --pyspf "$R/pyspf.out"

	stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"
done

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RES/machine.md"
{
	cat "$RES/machine.md"
	echo
	$PY bench/check_results.py table "$JSONL"
} >"$RES/table.md"
echo
cat "$RES/table.md"
log "results in $RES (table.md, results.jsonl, per-run output)"
