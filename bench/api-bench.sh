#!/usr/bin/env bash
# API benchmark: the NGX distribution (Karaf, OSGi) against a bare Jersey-on-Jetty endpoint outside
# OSGi, both driven by wrk on loopback. See bench/README.md.
#
#   bash bench/api-bench.sh            # after: mvn -B install -DskipTests
#
# Environment (defaults in brackets):
#   WARMUP [30]    seconds of wrk load on each server before measuring (the JIT needs it)
#   DURATION [15]  seconds of each measured wrk run
#   ROUNDS [3]     measured rounds; each round runs ours, then bare
#   THREADS [2]  CONNECTIONS [32]   wrk -t / -c
#   TARGET_RATIO [0.6]   the acceptance target for median req/s ours / bare
#   STRICT [0]     1: exit 3 when the ratio is below TARGET_RATIO
#   JFR [0]        1: record a Java Flight Recording of ours during the measured rounds, into
#                  bench/target/ours.jfr (jfr print --events jdk.ExecutionSample ours.jfr)
#   KEEP_DIST [0]  1: leave bench/target/dist in place after a successful run (it always stays
#                  after a failed one, for its logs; each run replaces it)
#
# Writes the results to bench/target/api-bench.txt and each wrk output to bench/target/wrk/.
# Exit codes: 0 done, 1 setup or server failure, 2 a response was not 2xx or wrk saw socket
# errors, 3 below target with STRICT=1.
set -euo pipefail

WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TARGET_RATIO="${TARGET_RATIO:-0.6}"
STRICT="${STRICT:-0}"
JFR="${JFR:-0}"
KEEP_DIST="${KEEP_DIST:-0}"
HOST=127.0.0.1
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/target"
dist="$out/dist"
wrkdir="$out/wrk"
report="$out/api-bench.txt"

die() { echo "api-bench: $*" >&2; exit 1; }
log() { echo "api-bench: $*" >&2; }

# ---------------------------------------------------------------- (a) the build must be there
tarball="$(ls "$root"/distribution/target/com.ngx.distribution-*.tar.gz 2>/dev/null | head -1 || true)"
[ -n "$tarball" ] && [ -f "$tarball" ] \
  || die "no distribution tarball in distribution/target/: build first (cd $root && mvn -B install -DskipTests)"
barejar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)"
[ -n "$barejar" ] && [ -f "$barejar" ] && [ -d "$out/lib" ] \
  || die "no bench jar in bench/target/ (or no bench/target/lib): build first (cd $root && mvn -B install -DskipTests)"
command -v java >/dev/null || die "java is not on the PATH"
command -v curl >/dev/null || die "curl is not installed"

# ---------------------------------------------------------------- (b) wrk
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq wrk >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq wrk >/dev/null || die "could not install wrk with apt-get"
  fi
fi
command -v wrk >/dev/null || die "wrk is still missing"

# ---------------------------------------------------------------- servers, ports, clean-up
bare_pid=""

# shellcheck source=lib.sh
. "$bench/lib.sh"

stop_bare() {
  [ -n "$bare_pid" ] || return 0
  if kill -0 "$bare_pid" 2>/dev/null; then
    log "stopping the bare server"
    kill "$bare_pid" 2>/dev/null || true
    wait_gone "$bare_pid" 20 || kill -9 "$bare_pid" 2>/dev/null || true
  fi
  wait "$bare_pid" 2>/dev/null || true
  bare_pid=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_bare
  stop_karaf
  # on failure the unpacked distribution stays, for its logs (bench/target/dist/data/log)
  if [ "$rc" = 0 ] && [ "$KEEP_DIST" != 1 ] && [ -d "$dist" ]; then rm -rf "$dist"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- (c) the distribution
rm -rf "$wrkdir"
mkdir -p "$wrkdir"
bare_port="$(free_port)"
start_distribution "bench/api-bench.sh"

# JSON field from a response body (no jq needed; java is there, but grep/sed suffice for flat fields)
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" | head -1; }

# call METHOD PATH KEY [BODY] -> prints "STATUS BODY"
call() {
  local method="$1" path="$2" key="$3" body="${4:-}" resp
  if [ -n "$body" ]; then
    resp="$(curl -s --max-time 30 -X "$method" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -d "$body" -w $'\n%{http_code}' "$api$path")"
  else
    resp="$(curl -s --max-time 30 -X "$method" -H "Authorization: Bearer $key" -w $'\n%{http_code}' "$api$path")"
  fi
  echo "${resp##*$'\n'} ${resp%$'\n'*}"
}

slug="bench$RANDOM"
r="$(call POST /tenants "$operator_key" "{\"slug\":\"$slug\",\"name\":\"Bench\"}")"
[ "${r%% *}" = 201 ] || die "creating the bench tenant: $r"
tenant_id="$(echo "${r#* }" | json_field id)"
[ -n "$tenant_id" ] || die "no tenant id in: $r"

r="$(call POST "/tenants/$tenant_id/api-keys" "$operator_key" '{"name":"bench","scopes":["*"]}')"
[ "${r%% *}" = 201 ] || die "creating the bench API key: $r"
tenant_key="$(echo "${r#* }" | json_field key)"
[ -n "$tenant_key" ] || die "no key in: $r"

r="$(call PATCH "/tenants/$tenant_id" "$operator_key" '{"limits":{"ratePerSecond":100000,"rateBurst":1000000}}')"
case "${r%% *}" in 2??) ;; *) die "raising the bench tenant's rate limit: $r" ;; esac

# the tenant's schema may still be migrating right after creation: wait for the GET to answer 200
for _ in $(seq 1 60); do
  r="$(call GET /settings "$tenant_key")"
  [ "${r%% *}" = 200 ] && break
  sleep 0.5
done
[ "${r%% *}" = 200 ] || die "GET /api/v1/settings with the tenant key: $r"
ours_url="$api/settings"
log "ours:  GET $ours_url -> ${r#* }"

# ---------------------------------------------------------------- (d) the bare server
log "starting the bare Jersey-on-Jetty server (port $bare_port)"
java -jar "$barejar" "$bare_port" "$HOST" >"$out/bare.log" 2>&1 &
bare_pid=$!
bare_url="http://$HOST:$bare_port/hello"
await_200 "$bare_url" 60 "$bare_pid" || { tail -20 "$out/bare.log" >&2; die "the bare server did not start"; }
log "bare:  GET $bare_url -> $(curl -s "$bare_url")"

# ---------------------------------------------------------------- (e) warm-up and rounds
# run_wrk NAME URL SECONDS [AUTH] -> wrk output in $wrkdir/NAME.txt; fails on non-2xx / socket errors
run_wrk() {
  local name="$1" url="$2" secs="$3" auth="${4:-}" file="$wrkdir/$1.txt"
  if [ -n "$auth" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -H "Authorization: Bearer $auth" "$url" >"$file" 2>&1
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency "$url" >"$file" 2>&1
  fi || { cat "$file" >&2; die "wrk failed ($name)"; }
  if grep -q 'Non-2xx or 3xx responses' "$file"; then
    cat "$file" >&2
    echo "api-bench: FAILED: $name: $(grep 'Non-2xx or 3xx responses' "$file" | xargs) — every response must be 2xx" >&2
    exit 2
  fi
  if grep -q 'Socket errors' "$file"; then
    cat "$file" >&2
    echo "api-bench: FAILED: $name: $(grep 'Socket errors' "$file" | xargs)" >&2
    exit 2
  fi
  grep -q 'Requests/sec' "$file" || { cat "$file" >&2; die "no Requests/sec in the wrk output ($name)"; }
}

# wrk latency ("812.00us", "1.23ms", "1.05s", "1.00m") -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$wrkdir/$1.txt"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p { print $2; exit }' "$wrkdir/$1.txt")"; }
requests_of() { awk '/requests in/ { print $1; exit }' "$wrkdir/$1.txt"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

log "warm-up: ${WARMUP} s on ours, then ${WARMUP} s on bare (wrk -t$THREADS -c$CONNECTIONS)"
run_wrk warmup-ours "$ours_url" "$WARMUP" "$tenant_key"
run_wrk warmup-bare "$bare_url" "$WARMUP"
log "warm-up done: ours $(rps_of warmup-ours) req/s, bare $(rps_of warmup-bare) req/s"

if [ "$JFR" = 1 ]; then
  rm -f "$out/ours.jfr"
  jcmd "$karaf_pid" JFR.start name=apibench settings=profile filename="$out/ours.jfr" >/dev/null \
    || die "could not start a flight recording in pid $karaf_pid"
  log "recording ours with JFR into bench/target/ours.jfr"
fi

ours_rps=""; ours_p50=""; ours_p99=""; bare_rps=""; bare_p50=""; bare_p99=""
rows=""
total_requests=$(( $(requests_of warmup-ours) + $(requests_of warmup-bare) ))
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: ours ${DURATION} s, bare ${DURATION} s"
  run_wrk "round$round-ours" "$ours_url" "$DURATION" "$tenant_key"
  run_wrk "round$round-bare" "$bare_url" "$DURATION"
  o_rps=$(rps_of "round$round-ours"); o50=$(pct_of "round$round-ours" 50); o99=$(pct_of "round$round-ours" 99)
  b_rps=$(rps_of "round$round-bare"); b50=$(pct_of "round$round-bare" 50); b99=$(pct_of "round$round-bare" 99)
  total_requests=$(( total_requests + $(requests_of "round$round-ours") + $(requests_of "round$round-bare") ))
  ours_rps+=" $o_rps"; ours_p50+=" $o50"; ours_p99+=" $o99"
  bare_rps+=" $b_rps"; bare_p50+=" $b50"; bare_p99+=" $b99"
  rows+="$(printf '%-7s %10s %9s %9s    %10s %9s %9s    %6s' \
    "$round" "$o_rps" "$o50" "$o99" "$b_rps" "$b50" "$b99" "$(ratio "$o_rps" "$b_rps")")"$'\n'
  printf '%s\n' "round $round: ours $o_rps req/s p50 $o50 ms p99 $o99 ms | bare $b_rps req/s p50 $b50 ms p99 $b99 ms | ratio $(ratio "$o_rps" "$b_rps")" >&2
done

if [ "$JFR" = 1 ]; then
  jcmd "$karaf_pid" JFR.stop name=apibench >/dev/null || log "could not stop the flight recording"
fi

# ---------------------------------------------------------------- (f) results
m_o_rps=$(echo "$ours_rps" | median); m_o50=$(echo "$ours_p50" | median); m_o99=$(echo "$ours_p99" | median)
m_b_rps=$(echo "$bare_rps" | median); m_b50=$(echo "$bare_p50" | median); m_b99=$(echo "$bare_p99" | median)
final_ratio=$(ratio "$m_o_rps" "$m_b_rps")
verdict=$(awk -v r="$final_ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r + 0 >= t + 0) ? "meets the target" : "BELOW THE TARGET" }')

{
  echo "NGX API benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "load average before the run: $LOADAVG_START"
  echo "ours: GET /api/v1/settings with a tenant API key (key authenticated through the per-node auth cache, which asks H2 at most every authCacheSeconds; the tenant's rate limit; a JPA read of the tenant's schema in H2), Karaf distribution"
  echo "bare: GET /hello, Jersey 2.47 on Jetty 9.4 outside OSGi ({\"message\":\"hello\"})"
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency on $HOST, after ${WARMUP} s of warm-up each; $ROUNDS rounds, ours then bare"
  echo "all $total_requests responses were 2xx, no socket errors"
  echo
  printf '%-7s %10s %9s %9s    %10s %9s %9s    %6s\n' "" "ours" "" "" "bare" "" "" ""
  printf '%-7s %10s %9s %9s    %10s %9s %9s    %6s\n' "round" "req/s" "p50 ms" "p99 ms" "req/s" "p50 ms" "p99 ms" "ratio"
  printf '%s' "$rows"
  printf '%-7s %10s %9s %9s    %10s %9s %9s    %6s\n' "median" "$m_o_rps" "$m_o50" "$m_o99" "$m_b_rps" "$m_b50" "$m_b99" "$final_ratio"
  echo
  echo "ratio ours/bare (median req/s): $final_ratio — target >= $TARGET_RATIO: $verdict"
} > "$report.tmp"
mv "$report.tmp" "$report"
echo
cat "$report"
echo "(written to bench/target/api-bench.txt; wrk outputs in bench/target/wrk/)"

if [ "$STRICT" = 1 ] && [ "$verdict" != "meets the target" ]; then exit 3; fi
exit 0
