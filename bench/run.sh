#!/usr/bin/env bash
# spfpatch scale benchmark: `spfpatch plan --provider manual` over N synthetic
# shop domains served by a real authoritative server (NSD, or Knot) on
# 127.0.0.1, against Debian's python3-spf checking the same domains one at a
# time. See bench/README.md.
#
#   bench/run.sh [N...]          default: 1000 10000
#
# Environment:
#   BENCH_PORT          server port (default: a free one); the proxy takes another
#   BENCH_SERVER        nsd or knot (default: nsd when installed, else knot)
#   BENCH_PARALLEL      --parallel values (default: "8 32 64")
#   BENCH_REPEAT        timed spfpatch runs per value, median reported (default 5)
#   BENCH_PYSPF_MAX     pyspf checks at most this many domains per N; beyond it the
#                       first BENCH_PYSPF_MAX are checked and the time extrapolated
#                       per domain (default 10000)
#   BENCH_CMD_TIMEOUT   seconds any one command may take (default 900)
#   BENCH_MAX_SECONDS   the whole run stops starting new steps after this (default 3600)
#   BENCH_SEED          generator seed (default 1)
#   BENCH_SPFPATCH      measure this spfpatch binary instead of building the working tree
#                       (e.g. a build with a candidate fix; bench/planprof is still built
#                       from the working tree)
#   BENCH_PROFILE       1 (default): also profile the last N with bench/planprof
#                       (cpu-top.txt, cpu-cum.txt, alloc-top.txt in the results); 0: no
#
# Everything goes under bench/out/ (not in git); the tables go to stdout and to
# bench/out/results-TIMESTAMP/table.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
PY=/usr/bin/python3
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1000 10000)
PARALLEL=${BENCH_PARALLEL:-8 32 64}
REPEAT=${BENCH_REPEAT:-5}
PYSPF_MAX=${BENCH_PYSPF_MAX:-10000}
CMD_TIMEOUT=${BENCH_CMD_TIMEOUT:-900}
MAX_SECONDS=${BENCH_MAX_SECONDS:-3600}
SEED=${BENCH_SEED:-1}
PROFILE=${BENCH_PROFILE:-1}
LAST_N=${NS[${#NS[@]}-1]}
START=$SECONDS

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

for n in "${NS[@]}"; do
	[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 99999 ] || die "N must be a number from 1 to 99999, not '$n'"
done

# --- prerequisites -----------------------------------------------------------
command -v go >/dev/null || die "go is not on PATH"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is missing: apt-get install -y time"
command -v timeout >/dev/null || die "timeout (coreutils) is missing"
[ -x $PY ] || die "$PY is missing: apt-get install -y python3"
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
nsd) NSD=$(command -v nsd || echo /usr/sbin/nsd); [ -x "$NSD" ] || die "nsd is not installed: apt-get install -y nsd" ;;
knot) KNOTD=$(command -v knotd || echo /usr/sbin/knotd); [ -x "$KNOTD" ] || die "knotd is not installed: apt-get install -y knot" ;;
*) die "BENCH_SERVER must be nsd or knot, not '$SERVER'" ;;
esac

# --- processes we start, stopped on any exit ---------------------------------
PIDS=()
stop_pid() { # stop one process we started, by its id
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
	PIDS=()
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
forget_pid() {
	local keep=() p
	for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
	PIDS=("${keep[@]}")
}

free_port() {
	$PY - <<'EOF'
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
EOF
}
PORT=${BENCH_PORT:-$(free_port)}
PROXY_PORT=$(free_port)
while [ "$PROXY_PORT" = "$PORT" ]; do PROXY_PORT=$(free_port); done
[[ $PORT =~ ^[0-9]+$ ]] || die "no free port found (set BENCH_PORT)"

over_budget() { [ $((SECONDS - START)) -ge "$MAX_SECONDS" ]; }

# --- build -------------------------------------------------------------------
mkdir -p "$OUT"
RES=$OUT/results-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RES"
JSONL=$RES/results.jsonl
log "building spfpatch and the benchmark tools"
BUILT_FROM="the working tree"
SRC=$ROOT
if [ -n "${BENCH_SPFPATCH:-}" ]; then
	# A given binary, e.g. a build with a candidate fix: measured as it is.
	[ -x "$BENCH_SPFPATCH" ] || die "BENCH_SPFPATCH=$BENCH_SPFPATCH is not an executable"
	cp "$BENCH_SPFPATCH" "$OUT/spfpatch"
	BUILT_FROM="BENCH_SPFPATCH=$BENCH_SPFPATCH"
elif ! go build -o "$OUT/spfpatch" . 2>"$RES/build.err"; then
	# Others may be in the middle of an edit: measure the last commit instead.
	head -5 "$RES/build.err" >&2
	log "the working tree does not build; building spfpatch from the last commit (git archive HEAD)"
	rm -rf "$OUT/src-HEAD" && mkdir -p "$OUT/src-HEAD"
	git archive HEAD | tar -x -C "$OUT/src-HEAD" || die "git archive HEAD failed"
	SRC=$OUT/src-HEAD
	(cd "$SRC" && go build -o "$OUT/spfpatch" .) || die "go build of HEAD failed too"
	BUILT_FROM="commit $(git rev-parse --short HEAD) (the working tree did not build)"
fi
go build -o "$OUT/dnsproxy" ./bench/dnsproxy || die "go build ./bench/dnsproxy failed"
go build -o "$OUT/gen" ./bench/gen || die "go build ./bench/gen failed"

{
	echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
	if [ "$BUILT_FROM" = "the working tree" ]; then
		BUILT_FROM="the working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' with uncommitted changes')"
	fi
	echo "- $(go version | cut -d' ' -f3-); spfpatch built from $BUILT_FROM"
	case $SERVER in
	nsd) echo "- server: $("$NSD" -v 2>&1 | head -1), one server process, on 127.0.0.1 (same machine)" ;;
	knot) echo "- server: $("$KNOTD" -V 2>&1 | head -1), one UDP worker, on 127.0.0.1 (same machine)" ;;
	esac
	echo "- pyspf $($PY -c 'import spf; print(spf.__version__)') with dnspython $($PY -c 'import dns.version; print(dns.version.version)'), $($PY --version)"
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
	if ! "$OUT/dnsproxy" -probe "127.0.0.1:$PORT" -qname e-shopsmail2.com. -wait 120s; then
		tail -20 "$d/run/server.out" "$d/run/nsd.log" 2>/dev/null >&2 || true
		die "$SERVER did not answer on 127.0.0.1:$PORT"
	fi
}

start_proxy() { # STATS_FILE
	local i
	rm -f "$1.ready"
	"$OUT/dnsproxy" -listen "127.0.0.1:$PROXY_PORT" -upstream "127.0.0.1:$PORT" -stats "$1" -ready "$1.ready" 2>>"$RES/proxy.log" &
	PROXY_PID=$!
	PIDS+=("$PROXY_PID")
	# No probe query through it: that would be counted.
	for i in $(seq 1 200); do
		if [ -e "$1.ready" ]; then rm -f "$1.ready"; return 0; fi
		kill -0 "$PROXY_PID" 2>/dev/null || break
		sleep 0.05
	done
	tail -3 "$RES/proxy.log" >&2
	die "the counting proxy did not start on 127.0.0.1:$PROXY_PORT"
}

stop_proxy() { # STATS_FILE: wait for it to be written
	stop_pid "$PROXY_PID"
	forget_pid "$PROXY_PID"
	[ -s "$1" ] || die "the counting proxy wrote no counts to $1"
}

# run_timed OUT_PREFIX CMD...: /usr/bin/time -v, bounded; exit 0..2 is fine
# (plan exits 1 when some domains fail, which the mix makes them do).
run_timed() {
	local pfx=$1 rc=0 pid
	shift
	# In the background and waited for, so that a signal to this script
	# interrupts the wait at once and the trap stops the command.
	timeout --kill-after=10 "$CMD_TIMEOUT" /usr/bin/time -v -o "$pfx.time" "$@" >"$pfx.out" 2>"$pfx.err" &
	pid=$!
	PIDS+=("$pid")
	wait "$pid" || rc=$?
	forget_pid "$pid"
	if [ "$rc" -gt 2 ]; then
		tail -5 "$pfx.err" >&2
		die "'$*' failed with exit status $rc (124: over BENCH_CMD_TIMEOUT=${CMD_TIMEOUT}s)"
	fi
}

for n in "${NS[@]}"; do
	if over_budget; then log "BENCH_MAX_SECONDS=$MAX_SECONDS reached: N=$n not run"; break; fi
	D=$OUT/data-$n
	R=$RES/n$n
	mkdir -p "$R"
	log "N=$n: generating zones in $D"
	"$OUT/gen" -n "$n" -seed "$SEED" -out "$D" -port "$PORT" >&2
	EXPECTED=$($PY -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["expected"], sort_keys=True, separators=(",",":")))' "$D/manifest.json")
	log "N=$n: starting $SERVER on 127.0.0.1:$PORT"
	start_server "$D"
	"$OUT/dnsproxy" -probe "127.0.0.1:$PORT" -qname "$(grep -v '^#' "$D/domains.txt" | tail -1 | sed 's/.*@//; s/\.$//')." -wait 60s ||
		die "$SERVER does not serve the last shop zone"

	PLAN=("$OUT/spfpatch" plan --provider manual --nameserver)
	# Timed runs round-robin over the --parallel values, so that a slow
	# spell of the machine does not fall on one value only.
	for r in $(seq 1 "$REPEAT"); do
		for p in $PARALLEL; do
			over_budget && break
			log "N=$n: spfpatch plan --parallel $p, timed run $r of $REPEAT"
			run_timed "$R/spfpatch-p$p-r$r" "${PLAN[@]}" "127.0.0.1:$PORT" --parallel "$p" --domains-file "$D/domains.txt" --format json
			$PY bench/results.py record "$JSONL" n="$n" prog=spfpatch mode=direct p="$p" rep="$r" expected="$EXPECTED" \
				--time "$R/spfpatch-p$p-r$r.time" --plan "$R/spfpatch-p$p-r$r.out"
			rm -f "$R/spfpatch-p$p-r$r.out" # the plan: the proxied run keeps one
		done
	done
	for p in $PARALLEL; do
		over_budget && break
		log "N=$n: spfpatch plan --parallel $p through the counting proxy"
		start_proxy "$R/proxy-spfpatch-p$p.json"
		run_timed "$R/spfpatch-proxy-p$p" "${PLAN[@]}" "127.0.0.1:$PROXY_PORT" --parallel "$p" --domains-file "$D/domains.txt" --format json
		stop_proxy "$R/proxy-spfpatch-p$p.json"
		$PY bench/results.py record "$JSONL" n="$n" prog=spfpatch mode=proxy p="$p" expected="$EXPECTED" \
			--time "$R/spfpatch-proxy-p$p.time" --plan "$R/spfpatch-proxy-p$p.out" --proxy "$R/proxy-spfpatch-p$p.json"
	done

	limit=$n
	[ "$n" -le "$PYSPF_MAX" ] || limit=$PYSPF_MAX
	if ! over_budget; then
		log "N=$n: pyspf, $limit domains one at a time"
		run_timed "$R/pyspf" $PY bench/pyspf_check.py --port "$PORT" --domains "$D/domains.txt" --limit "$limit"
		$PY bench/results.py record "$JSONL" n="$n" prog=pyspf mode=direct checked="$limit" --time "$R/pyspf.time" --pyspf "$R/pyspf.out"
	fi
	if ! over_budget; then
		log "N=$n: pyspf through the counting proxy"
		start_proxy "$R/proxy-pyspf.json"
		run_timed "$R/pyspf-proxy" $PY bench/pyspf_check.py --port "$PROXY_PORT" --domains "$D/domains.txt" --limit "$limit"
		stop_proxy "$R/proxy-pyspf.json"
		$PY bench/results.py record "$JSONL" n="$n" prog=pyspf mode=proxy checked="$limit" --time "$R/pyspf-proxy.time" \
			--pyspf "$R/pyspf-proxy.out" --proxy "$R/proxy-pyspf.json"
	fi

	if [ "$PROFILE" = 1 ] && [ "$n" = "$LAST_N" ] && ! over_budget; then
		# Where spfpatch's time goes, on the same data: bench/planprof runs what
		# plan --provider manual runs, with profiles (see bench/README.md).
		p=$(echo $PARALLEL | awk '{print $NF}')
		if (cd "$SRC" && go build -o "$OUT/planprof" ./bench/planprof) 2>"$RES/planprof-build.err"; then
			log "N=$n: profiling (bench/planprof --parallel $p)"
			timeout "$CMD_TIMEOUT" "$OUT/planprof" -nameserver "127.0.0.1:$PORT" -parallel "$p" -domains "$D/domains.txt" -q \
				-cpuprofile "$RES/cpu.pprof" 2>"$RES/planprof.txt" || log "planprof failed: $(tail -1 "$RES/planprof.txt")"
			timeout "$CMD_TIMEOUT" "$OUT/planprof" -nameserver "127.0.0.1:$PORT" -parallel "$p" -domains "$D/domains.txt" -q \
				-allocprofile "$RES/alloc.pprof" 2>>"$RES/planprof.txt" || true
			go tool pprof -top -nodecount=40 "$OUT/planprof" "$RES/cpu.pprof" >"$RES/cpu-top.txt" 2>/dev/null || true
			go tool pprof -top -cum -nodecount=60 "$OUT/planprof" "$RES/cpu.pprof" >"$RES/cpu-cum.txt" 2>/dev/null || true
			go tool pprof -sample_index=alloc_space -top -nodecount=40 "$OUT/planprof" "$RES/alloc.pprof" >"$RES/alloc-top.txt" 2>/dev/null || true
		else
			log "bench/planprof does not build against this spfpatch; no profile (see $RES/planprof-build.err)"
		fi
	fi

	stop_pid "$SERVER_PID"
	forget_pid "$SERVER_PID"
done

{
	cat "$RES/machine.md"
	echo
	$PY bench/results.py table "$JSONL"
} >"$RES/table.md"
echo
cat "$RES/table.md"
log "results in $RES (table.md, results.jsonl, per-run output)"
