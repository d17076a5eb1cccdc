# Shared by the bench scripts (sourced, not run): free loopback ports, and starting and stopping
# the NGX distribution. The sourcing script defines die, log, HOST, dist (the folder to unpack
# into) and tarball; start_distribution sets karaf_pid, api and operator_key.

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

# Unpacks $tarball into $dist, puts HTTP (and Karaf's own listeners, where the distribution has
# them) on free loopback ports, starts `bin/karaf server` on H2 without demo data, and waits until
# it is ready (with the demo data when BENCH_DEMO=true). $1 names the caller in the configuration it appends.
start_distribution() {
  local caller="$1" http_port rmi_registry_port rmi_server_port ssh_port started
  rm -rf "$dist"
  mkdir -p "$dist"
  log "unpacking $(basename "$tarball") into ${dist#"$root"/}"
  tar xzf "$tarball" --strip-components=1 -C "$dist"

  http_port="$(free_port)"
  rmi_registry_port="$(free_port)"
  rmi_server_port="$(free_port)"
  ssh_port="$(free_port)"
  # other Karaf instances on this machine must not collide with this one
  cat >>"$dist/etc/org.ops4j.pax.web.cfg" <<CFG

# $caller
org.osgi.service.http.port = $http_port
org.ops4j.pax.web.listening.addresses = $HOST
CFG
  # (each file only when the distribution has it: ours ships without JMX and ssh)
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
  (cd "$dist" && KARAF_EXEC=exec NGX_OPERATOR_KEY="$operator_key" NGX_DEMO="${BENCH_DEMO:-false}" \
    exec bin/karaf server >"$dist/console.log" 2>&1) &
  karaf_pid=$!
  started=$(date +%s)
  await_200 "$api/health/ready" 180 "$karaf_pid" \
    || { tail -30 "$dist/console.log" >&2 || true; tail -40 "$dist/data/log/karaf.log" >&2 || true
         die "the distribution did not become ready in 180 s (see ${dist#"$root"/}/data/log/karaf.log)"; }
  log "distribution ready after $(( $(date +%s) - started )) s"
}
