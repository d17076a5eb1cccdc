#!/usr/bin/env bash
# Billing benchmark: a billing run over TENANTS tenants with usage (target: under 60 s), and usage
# ingestion through MeteringService.record, on billing's own test harness (every billing service
# wired for real over EclipseLink and an in-memory H2 database), each against plain JDBC doing the
# minimum database work of the same job on the same database in the same run. The driver is
# com.ngx.bench.BillingBench (this module). See bench/README.md.
#
#   bash bench/billing-bench.sh        # needs com.ngx.billing (and its test-jar) in ~/.m2: mvn -B install -DskipTests
#
# It builds only this module, offline (mvn -o -q package in bench/), every time, so that it runs
# against the com.ngx artifacts currently in ~/.m2; nothing else is built and no server is started.
#
# Environment (defaults in brackets): TENANTS [10000], THREADS [2] workers of the measured run (a
# second run always uses 1), WARMUP_TENANTS [500], SINGLE_EVENTS [20000] and BATCH_EVENTS [100000]
# for the ingestion rate, HEAP [4g], JFR [0] (1: record bench/target/billing-bench.jfr). Writes
# bench/target/billing-bench.txt. Exit codes: 0 done (whatever the timings), 1 build failure, a
# failed check (a wrong count after a run) or a crash.
set -euo pipefail

TENANTS="${TENANTS:-10000}"
THREADS="${THREADS:-2}"
WARMUP_TENANTS="${WARMUP_TENANTS:-500}"
SINGLE_EVENTS="${SINGLE_EVENTS:-20000}"
BATCH_EVENTS="${BATCH_EVENTS:-100000}"
HEAP="${HEAP:-4g}"
JFR="${JFR:-0}"
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
export TENANTS THREADS WARMUP_TENANTS SINGLE_EVENTS BATCH_EVENTS

bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/target"
report="$out/billing-bench.txt"

die() { echo "billing-bench: $*" >&2; exit 1; }
log() { echo "billing-bench: $*" >&2; }

command -v java >/dev/null || die "java is not on the PATH"
command -v mvn >/dev/null || die "mvn is not on the PATH"

# Only this module, offline: billing and its test-jar come from ~/.m2 (copied to target/lib).
log "building the bench module (mvn -o -q package in bench/)"
(cd "$bench" && mvn -B -o -q -Dstyle.color=never package) >&2 \
  || die "building the bench module failed (offline; is com.ngx.billing with its test-jar in ~/.m2? mvn -B install -DskipTests)"
benchjar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)"
[ -n "$benchjar" ] && ls "$out"/lib/com.ngx.billing-*-tests.jar >/dev/null 2>&1 \
  || die "no bench jar or no billing test-jar in bench/target/lib after the build"

# The checked-out commit, read from .git (a worktree's .git is a file naming its git dir), or "?".
commit_of() {
  local gitdir="$root/.git" head ref sha=""
  if [ -f "$gitdir" ]; then gitdir="$(sed -n 's/^gitdir: //p' "$gitdir")"; fi
  head="$(cat "$gitdir/HEAD" 2>/dev/null || true)"
  case "$head" in
    "ref: "*) ref="${head#ref: }"
              local common="$gitdir"
              [ -f "$gitdir/commondir" ] && common="$(cd "$gitdir" && cd "$(cat commondir)" && pwd)"
              sha="$(cat "$gitdir/$ref" 2>/dev/null || cat "$common/$ref" 2>/dev/null \
                     || awk -v r="$ref" '$2 == r { print $1; exit }' "$common/packed-refs" 2>/dev/null || true)" ;;
    *) sha="$head" ;;
  esac
  [ -n "$sha" ] && echo "${sha:0:8}" || echo '?'
}

jvm_opts=(-Xms"$HEAP" -Xmx"$HEAP")
if [ "$JFR" = 1 ]; then
  jvm_opts+=(-XX:StartFlightRecording=settings=profile,filename="$out/billing-bench.jfr")
  log "JFR=1: recording bench/target/billing-bench.jfr (it slows the run down: use it for hot spots only)"
fi

log "TENANTS=$TENANTS THREADS=$THREADS WARMUP_TENANTS=$WARMUP_TENANTS SINGLE_EVENTS=$SINGLE_EVENTS BATCH_EVENTS=$BATCH_EVENTS (a few minutes)"
results="$out/billing-bench.results.tmp"
started=$(date +%s)
driver_rc=0
java "${jvm_opts[@]}" -cp "$benchjar:$out/lib/*" com.ngx.bench.BillingBench >"$results" || driver_rc=$?
{
  echo "NGX billing benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit $(commit_of), $(nproc) cores, $(java -version 2>&1 | head -1), -Xmx$HEAP"
  echo "load average before the run: $LOADAVG_START, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); $(( $(date +%s) - started )) s in all"
  echo
  cat "$results"
  if [ "$driver_rc" != 0 ]; then
    echo
    echo "THE BENCHMARK FAILED (driver exit $driver_rc): a check above is WRONG, or see the error output"
  fi
} > "$report.tmp"
mv "$report.tmp" "$report"
rm -f "$results"
echo
cat "$report"
echo "(written to bench/target/billing-bench.txt)"
[ "$driver_rc" = 0 ] || die "the driver failed (exit $driver_rc)"
