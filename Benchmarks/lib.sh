# Shared by the benchmark scripts: build the release binary and start it on a free port with a
# fresh database and a known admin key. Sets server_pid, base, admin_key, workdir; stops the server
# and removes its files on exit.
start_server() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
    swift build -c release --product laurel >&2
    local binary
    binary="$(swift build -c release --show-bin-path)/laurel"
    workdir="$(mktemp -d)"
    trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
    admin_key="$(new_admin_key)"
    server_binary="$binary"
    launch_server
}

# Starts the built binary on $workdir/laurel.db (a new one, or the one a stopped server left),
# with this checkout's migrations unless migrations_dir names others.
launch_server() {
    : >"$workdir/server.log"
    LAUREL_ADMIN_KEY="$admin_key" LAUREL_MIGRATIONS_DIR="${migrations_dir:-$PWD/Migrations}" "$server_binary" serve --port 0 --db "$workdir/laurel.db" \
        ${LAUREL_BENCH_CONFIG:+--config "$LAUREL_BENCH_CONFIG"} >"$workdir/server.log" 2>"$workdir/server.err" &
    server_pid=$!
    local port=""
    for _ in $(seq 1 100); do
        port="$(grep -o '"port":[0-9]*' "$workdir/server.log" 2>/dev/null | head -1 | cut -d: -f2 || true)"
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "server did not start" >&2; cat "$workdir/server.err" >&2; exit 1; }
    base="http://127.0.0.1:$port"
}

# Stops the server cleanly, so that its database can be changed offline and served again.
stop_server() {
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
}

# A random admin key for a new benchmark database.
new_admin_key() {
    echo "lrl_benchadmin01_$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32)"
}

# Prints the secret of a new integration key.
create_integration_key() {
    curl -sf -X POST "$base/v1/keys" -H "Authorization: Bearer $admin_key" -H "Content-Type: application/json" \
        -d '{"role":"integration","name":"bench"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/'
}

# The program of the event benchmarks (setup_program.py: 10 rules, a tier ladder, MEMBERS members
# in 100 organizations) on a started server. Sets integration_key.
# Usage: setup_events_program members
setup_events_program() {
    python3 Benchmarks/setup_program.py "$base" "$admin_key" "$1"
    integration_key="$(create_integration_key)"
}

# Server CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# Prints the SUMMARY line of a wrk run with the server's CPU µs per request appended.
# Usage: measure wrk-arguments…
measure() {
    local before after result requests
    before="$(cpu_ticks)"
    result="$(wrk "$@" | grep SUMMARY)"
    after="$(cpu_ticks)"
    requests="$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')"
    echo "$result cpu_us_per_request=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
}

# The events load of events.sh against $base with key $2: `single` events at 32 connections, or
# `batch` requests of LAUREL_BENCH_BATCH events (default 1,000) at 8. Prints `measure`'s line.
# Usage: load_events single|batch key seconds members
load_events() {
    if [ "$1" = single ]; then
        LAUREL_BENCH_KEY="$2" LAUREL_BENCH_MEMBERS="$4" \
            measure -t2 -c32 -d"$3s" -s Benchmarks/wrk/post-event.lua "$base"
    else
        LAUREL_BENCH_KEY="$2" LAUREL_BENCH_MEMBERS="$4" LAUREL_BENCH_BATCH="${LAUREL_BENCH_BATCH:-1000}" \
            measure -t2 -c8 -d"$3s" --timeout 60s -s Benchmarks/wrk/post-event-batch.lua "$base"
    fi
}

# How many events $workdir/laurel.db holds (the server stopped or not).
events_stored() {
    python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM events').fetchone()[0])" "$workdir/laurel.db"
}

# The scorecard program of scorecards.sh: one template, SUPPLIERS suppliers with 20 interactions
# each and `big` with 10,000, seeded offline; the server is restarted on it. Sets integration_key.
# Usage: seed_scorecards suppliers
seed_scorecards() {
    local auth=(-H "Authorization: Bearer $admin_key" -H "Content-Type: application/json")
    curl -sf -X PUT "$base/v1/scorecard-templates/legal" "${auth[@]}" -d '{"name": "Legal", "window_days": 365, "half_life_days": 90,
      "prior": {"mean": 75, "weight": 5},
      "kpis": [{"id": "time", "kind": "on_time", "weight": 40, "target": 90, "lateness": [{"hours_late": 24, "score": 50}]},
               {"id": "service", "kind": "rating", "dimension": "service", "weight": 30, "target": 80},
               {"id": "quality", "kind": "rating", "dimension": "quality", "weight": 30, "target": 80}],
      "bands": [{"id": "preferred", "min": 85}, {"id": "approved", "min": 70}, {"id": "at_risk", "min": 50}, {"id": "probation", "min": 0}]}' >/dev/null
    stop_server
    python3 Benchmarks/seed_scorecards.py "$workdir/laurel.db" "$1"
    launch_server
    for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
    integration_key="$(create_integration_key)"
}
