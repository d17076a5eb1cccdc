#!/usr/bin/env bash
# Conversation-turn benchmark: CONVERSATIONS concurrent prospects talk to an agent created from the
# SaaS B2B vertical template on the NGX distribution (H2, demo data: the templates come from the
# marketplace), against an authenticated GET /me measured in the same run. The driver is
# com.ngx.bench.AgentBench (this module). See bench/README.md.
#
#   bash bench/agent-bench.sh         # after: mvn -B install -DskipTests
#
# Environment (defaults in brackets): CONVERSATIONS [50], WARMUP_SECONDS [20], MEASURE_SECONDS [60],
# KEEP_DIST [0]. Writes bench/target/agent-bench.txt. Exit codes: 0 done, 1 failure.
set -euo pipefail

CONVERSATIONS="${CONVERSATIONS:-50}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
MEASURE_SECONDS="${MEASURE_SECONDS:-60}"
KEEP_DIST="${KEEP_DIST:-0}"
HOST=127.0.0.1
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
export CONVERSATIONS WARMUP_SECONDS
export MEASURE_SECONDS

bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/target"
dist="$out/agent-dist"
report="$out/agent-bench.txt"

die() { echo "agent-bench: $*" >&2; exit 1; }
log() { echo "agent-bench: $*" >&2; }

command -v java >/dev/null || die "java is not on the PATH"
command -v curl >/dev/null || die "curl is not installed"
tarball="$(ls "$root"/distribution/target/com.ngx.distribution-*.tar.gz 2>/dev/null | head -1 || true)"
[ -n "$tarball" ] && [ -f "$tarball" ] || die "no distribution tarball: build first (cd $root && mvn -B install -DskipTests)"
benchjar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)"
if [ -z "$benchjar" ] || [ ! -d "$out/lib" ] || [ "$bench/src/main/java/com/ngx/bench/AgentBench.java" -nt "$benchjar" ]; then
  log "building the bench module (mvn -pl bench package)"
  (cd "$root" && { mvn -B -o -q -pl bench package || mvn -B -q -pl bench package; }) >&2 || die "building the bench module failed"
  benchjar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1)"
fi

# shellcheck source=lib.sh
. "$bench/lib.sh"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_karaf
  if [ "$rc" = 0 ] && [ "$KEEP_DIST" != 1 ] && [ -d "$dist" ]; then rm -rf "$dist"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

BENCH_DEMO=true start_distribution "bench/agent-bench.sh"
credentials="$dist/data/ngx-credentials.env"
key="$(sed -n 's/^NGX_DEMO_TENANT_KEY=//p' "$credentials")"
tenant_id="$(sed -n 's/^NGX_DEMO_TENANT_ID=//p' "$credentials")"
[ -n "$key" ] && [ -n "$tenant_id" ] || die "no demo tenant key in $credentials"
# the load is the point: lift the tenant's rate limit (50/s by default) out of the way
curl -sf -X PATCH -H "Authorization: Bearer $operator_key" -H 'Content-Type: application/json' \
  -d '{"limits":{"ratePerSecond":100000,"rateBurst":1000000}}' "$api/tenants/$tenant_id" >/dev/null \
  || die "could not raise the demo tenant's rate limit"
log "waiting for the demo's vertical templates to be published and installed"
for _ in $(seq 1 180); do
  count="$(curl -s -H "Authorization: Bearer $key" "$api/templates" | grep -o '"id"' | wc -l || true)"
  [ "${count:-0}" -ge 5 ] && break
  sleep 1
done
[ "${count:-0}" -ge 5 ] || die "the demo's templates were not installed in 180 s"

results="$out/agent-bench.results.tmp"
driver_rc=0
java -Xmx256m -cp "$benchjar:$out/lib/*" com.ngx.bench.AgentBench "$api" "$key" >"$results" || driver_rc=$?
errors="$(grep -c ' ERROR ' "$dist/data/log/karaf.log" 2>/dev/null || true)"
{
  echo "NGX conversation-turn benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "$(nproc) cores, $(java -version 2>&1 | head -1); load average before: $LOADAVG_START, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "distribution: $(basename "$tarball"), H2, on $HOST; the load generator runs on the same machine"
  echo "karaf.log: ${errors:-0} ERROR lines"
  echo
  cat "$results"
} > "$report"
rm -f "$results"
cat "$report"
[ "$driver_rc" = 0 ] || die "the driver failed (exit $driver_rc)"
