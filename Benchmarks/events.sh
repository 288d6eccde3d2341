#!/usr/bin/env bash
# Event ingestion benchmark (issue 3): POST /v1/events with 10 active rules (mixed conditions, an
# expression award, a limit), 10,000 members, unique ids, 32 connections, synchronous=FULL,
# release build, wrk on 127.0.0.1. Prints requests/s, p50/p99 and server CPU µs per request.
# Usage: Benchmarks/events.sh [duration_seconds] [members]   (defaults 10 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
members="${2:-10000}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product laurel >&2
binary="$(swift build -c release --show-bin-path)/laurel"

workdir="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
admin_key="lrl_benchadmin01_$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32)"
LAUREL_ADMIN_KEY="$admin_key" LAUREL_MIGRATIONS_DIR="$PWD/Migrations" "$binary" serve --port 0 --db "$workdir/laurel.db" \
    ${LAUREL_BENCH_CONFIG:+--config "$LAUREL_BENCH_CONFIG"} >"$workdir/server.log" 2>"$workdir/server.err" &
server_pid=$!
for _ in $(seq 1 100); do
    port="$(grep -o '"port":[0-9]*' "$workdir/server.log" 2>/dev/null | head -1 | cut -d: -f2 || true)"
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { echo "server did not start" >&2; cat "$workdir/server.err" >&2; exit 1; }
base="http://127.0.0.1:$port"
python3 Benchmarks/setup_program.py "$base" "$admin_key" "$members"
integration_key="$(curl -sf -X POST "$base/v1/keys" -H "Authorization: Bearer $admin_key" -H "Content-Type: application/json" \
    -d '{"role":"integration","name":"bench"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/')"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
echo "== POST /v1/events, 32 connections, ${duration}s =="
before="$(cpu_ticks)"
result="$(LAUREL_BENCH_KEY="$integration_key" LAUREL_BENCH_MEMBERS="$members" \
    wrk -t2 -c32 -d"${duration}s" -s Benchmarks/wrk/post-event.lua "$base" | grep SUMMARY)"
after="$(cpu_ticks)"
requests="$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')"
echo "$result cpu_us_per_request=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
curl -sf "$base/metrics" | grep -E '^laurel_db_commit_batch_size_(sum|count)' | tr '\n' ' '; echo
