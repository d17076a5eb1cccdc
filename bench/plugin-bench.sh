#!/usr/bin/env bash
# Plugin hot-deploy benchmark: install -> first use of the signed pricing-calculator plugin against
# a plain authenticated API call, and an install/uninstall leak check, on the NGX distribution.
# The driver is com.ngx.bench.PluginBench (this module). See bench/README.md.
#
#   bash bench/plugin-bench.sh         # after: mvn -B install -DskipTests
#
# Environment (defaults in brackets):
#   SAMPLES [20]        install -> first use samples
#   CYCLES [100]        measured install/uninstall cycles for the leak check
#   WARMUP_CYCLES [5]   cycles before the "before" reading
#   POLL_MS [2]         pause between polls of the plugin's endpoint (0: none)
#   TARGET_MS [2000]    the target for the median install -> first use
#   STRICT [0]          1: exit 3 when a verdict is FAIL
#   KEEP_DIST [0]       1: leave bench/target/plugin-dist in place after a successful run (it always
#                       stays after a failed one, for its logs; each run replaces it)
#
# Writes the results to bench/target/plugin-bench.txt (the driver's progress to
# bench/target/plugin-bench.log). Exit codes: 0 done, 1 setup, server or API failure, 3 a verdict
# failed with STRICT=1.
set -euo pipefail

SAMPLES="${SAMPLES:-20}"
CYCLES="${CYCLES:-100}"
WARMUP_CYCLES="${WARMUP_CYCLES:-5}"
POLL_MS="${POLL_MS:-2}"
TARGET_MS="${TARGET_MS:-2000}"
STRICT="${STRICT:-0}"
KEEP_DIST="${KEEP_DIST:-0}"
HOST=127.0.0.1
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
export SAMPLES CYCLES WARMUP_CYCLES POLL_MS TARGET_MS STRICT

bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/target"
dist="$out/plugin-dist"          # not bench/target/dist: api-bench.sh may run at the same time
report="$out/plugin-bench.txt"
progress_log="$out/plugin-bench.log"

die() { echo "plugin-bench: $*" >&2; exit 1; }
log() { echo "plugin-bench: $*" >&2; }

# ---------------------------------------------------------------- (a) the build must be there
command -v java >/dev/null || die "java is not on the PATH"
command -v curl >/dev/null || die "curl is not installed"
tarball="$(ls "$root"/distribution/target/com.ngx.distribution-*.tar.gz 2>/dev/null | head -1 || true)"
[ -n "$tarball" ] && [ -f "$tarball" ] \
  || die "no distribution tarball in distribution/target/: build first (cd $root && mvn -B install -DskipTests)"

# The driver lives in this module: (re)build it when the jar is missing or older than its source.
benchjar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)"
if [ -z "$benchjar" ] || [ ! -d "$out/lib" ] \
   || [ "$bench/src/main/java/com/ngx/bench/PluginBench.java" -nt "$benchjar" ] \
   || ! { unzip -l "$benchjar" 2>/dev/null || jar tf "$benchjar" 2>/dev/null; } | grep -q 'com/ngx/bench/PluginBench.class'; then
  command -v mvn >/dev/null || die "the bench jar is missing or stale and mvn is not on the PATH"
  log "building the bench module (mvn -pl bench package)"
  (cd "$root" && { mvn -B -o -q -pl bench package || mvn -B -q -pl bench package; }) >&2 \
    || die "building the bench module failed"
  benchjar="$(ls "$out"/com.ngx.bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)"
  [ -n "$benchjar" ] || die "no bench jar after building the bench module"
fi

# ---------------------------------------------------------------- Karaf, ports, clean-up
# shellcheck source=lib.sh
. "$bench/lib.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_karaf
  # on failure the unpacked distribution stays, for its logs (bench/target/plugin-dist/data/log)
  if [ "$rc" = 0 ] && [ "$KEEP_DIST" != 1 ] && [ -d "$dist" ]; then rm -rf "$dist"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- (b) the distribution
start_distribution "bench/plugin-bench.sh"

# The plugin and its publisher's certificate: from the reactor's build, else the copies the
# distribution carries for its demo.
plugin_jar="$root/bundles/com.ngx.skill.pricing/target/com.ngx.skill.pricing-0.1.0-SNAPSHOT.jar"
plugin_pem="$root/bundles/target/signing/ngx-labs.pem"
if [ ! -f "$plugin_jar" ] || [ ! -f "$plugin_pem" ]; then
  plugin_jar="$(ls "$dist"/demo/marketplace/com.ngx.skill.pricing-*.jar 2>/dev/null | head -1 || true)"
  plugin_pem="$dist/demo/marketplace/ngx-labs.pem"
  [ -n "$plugin_jar" ] && [ -f "$plugin_jar" ] && [ -f "$plugin_pem" ] \
    || die "no signed pricing plugin: build first (cd $root && mvn -B install -DskipTests)"
fi

# ---------------------------------------------------------------- (c) the driver
log "SAMPLES=$SAMPLES CYCLES=$CYCLES WARMUP_CYCLES=$WARMUP_CYCLES POLL_MS=$POLL_MS (progress: bench/target/plugin-bench.log)"
results="$out/plugin-bench.results.tmp"
driver_rc=0
java -Xmx256m -XX:+UseSerialGC -cp "$benchjar:$out/lib/*" com.ngx.bench.PluginBench \
  "$api" "$operator_key" "$plugin_jar" "$plugin_pem" >"$results" 2> >(tee "$progress_log" >&2) || driver_rc=$?
sleep 0.2   # let the tee of the progress catch up

errors="$(grep -c ' ERROR ' "$dist/data/log/karaf.log" 2>/dev/null || true)"
warnings="$(grep -c ' WARN ' "$dist/data/log/karaf.log" 2>/dev/null || true)"

# The checked-out commit, read from .git (short), or "?".
commit_of() {
  local head ref sha=""
  head="$(cat "$root/.git/HEAD" 2>/dev/null || true)"
  case "$head" in
    "ref: "*) ref="${head#ref: }"
              sha="$(cat "$root/.git/$ref" 2>/dev/null \
                     || awk -v r="$ref" '$2 == r { print $1; exit }' "$root/.git/packed-refs" 2>/dev/null || true)" ;;
    *) sha="$head" ;;
  esac
  [ -n "$sha" ] && echo "${sha:0:8}" || echo '?'
}

# ---------------------------------------------------------------- (d) results
{
  echo "NGX plugin hot-deploy benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit $(commit_of), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "load average before the run: $LOADAVG_START, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "distribution: $(basename "$tarball") ($(date -u -r "$tarball" '+%Y-%m-%d %H:%M UTC')), H2, on $HOST"
  echo "plugin: $plugin_jar"
  echo "karaf.log: ${errors:-0} ERROR and ${warnings:-0} WARN lines"
  echo
  cat "$results"
  if [ "$driver_rc" != 0 ] && [ "$driver_rc" != 3 ]; then
    echo
    echo "THE BENCHMARK FAILED (driver exit $driver_rc): $(grep 'FAILED' "$progress_log" | tail -1 || true)"
  fi
} > "$report.tmp"
mv "$report.tmp" "$report"
rm -f "$results"
echo
cat "$report"
echo "(written to bench/target/plugin-bench.txt; progress in bench/target/plugin-bench.log)"

if [ "$driver_rc" = 1 ] || [ "$driver_rc" -gt 3 ]; then
  die "the driver failed (exit $driver_rc): see above and bench/target/plugin-dist/data/log/karaf.log"
fi
if [ "$driver_rc" = 3 ] && [ "$STRICT" = 1 ]; then exit 3; fi
exit 0
