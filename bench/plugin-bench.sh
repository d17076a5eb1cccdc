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
karaf_pid=""

# A TCP port nobody listens on (and not handed out before in this run).
taken=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null \
       && ! { command -v ss >/dev/null && ss -Htan "( sport = :$port )" | grep -q .; }; then
      taken="$taken$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# Waits up to $2 seconds for process $1 to end.
wait_gone() {
  local pid="$1" secs="$2"
  for _ in $(seq 1 $((secs * 5))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  return 1
}

stop_karaf() {
  [ -n "$karaf_pid" ] || return 0
  if kill -0 "$karaf_pid" 2>/dev/null; then
    log "stopping the distribution (bin/stop)"
    (cd "$dist" && bin/stop >/dev/null 2>&1) || true
    if ! wait_gone "$karaf_pid" 60; then
      log "bin/stop did not end Karaf in 60 s: killing pid $karaf_pid"
      kill -9 "$karaf_pid" 2>/dev/null || true
    fi
  fi
  wait "$karaf_pid" 2>/dev/null || true
  karaf_pid=""
}

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

# Polls URL until it answers 200, at most $2 seconds; fails if process $3 dies.
await_200() {
  local url="$1" secs="$2" pid="$3" code
  for _ in $(seq 1 $((secs * 2))); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    [ "$code" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# ---------------------------------------------------------------- (b) the distribution
rm -rf "$dist"
mkdir -p "$dist"
log "unpacking $(basename "$tarball") into bench/target/plugin-dist"
tar xzf "$tarball" --strip-components=1 -C "$dist"

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

http_port="$(free_port)"
rmi_registry_port="$(free_port)"
rmi_server_port="$(free_port)"
ssh_port="$(free_port)"

# HTTP on loopback only, on a free port; Karaf's own listeners (RMI, ssh if present) on free
# loopback ports so that other Karaf instances on this machine do not collide with this one.
cat >>"$dist/etc/org.ops4j.pax.web.cfg" <<EOF

# bench/plugin-bench.sh
org.osgi.service.http.port = $http_port
org.ops4j.pax.web.listening.addresses = $HOST
EOF
# (each file only when the distribution has it: a distribution without JMX has no management cfg)
if [ -f "$dist/etc/org.apache.karaf.management.cfg" ]; then
  sed -i -e "s/^rmiRegistryPort *=.*/rmiRegistryPort = $rmi_registry_port/" \
         -e "s/^rmiServerPort *=.*/rmiServerPort = $rmi_server_port/" \
         "$dist/etc/org.apache.karaf.management.cfg"
fi
if [ -f "$dist/etc/org.apache.karaf.shell.cfg" ]; then
  sed -i -e "s/^sshPort *=.*/sshPort = $ssh_port/" -e "s/^sshHost *=.*/sshHost = $HOST/" \
    "$dist/etc/org.apache.karaf.shell.cfg"
fi

operator_key="bench-operator-$RANDOM$RANDOM$RANDOM"
api="http://$HOST:$http_port/api/v1"
log "starting the distribution on H2 (port $http_port)"
# KARAF_EXEC=exec: bin/karaf replaces itself with java, so $! is the JVM (no orphan on failure)
(cd "$dist" && KARAF_EXEC=exec NGX_OPERATOR_KEY="$operator_key" NGX_DEMO=false \
  exec bin/karaf server >"$dist/console.log" 2>&1) &
karaf_pid=$!
started=$(date +%s)
await_200 "$api/health/ready" 180 "$karaf_pid" \
  || { tail -30 "$dist/console.log" >&2 || true; tail -40 "$dist/data/log/karaf.log" >&2 || true
       die "the distribution did not become ready in 180 s (see bench/target/plugin-dist/data/log/karaf.log)"; }
log "distribution ready after $(( $(date +%s) - started )) s"

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
