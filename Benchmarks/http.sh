#!/usr/bin/env bash
# HTTP benchmarks of a release build on 127.0.0.1 with wrk (Debian's package):
#   1. GET /healthz at 32 connections: requests/s, p50/p99, and server CPU µs per request
#      (utime+stime of the server process over the run, from /proc, divided by requests).
#   2. PUT /v1/members/{id}, a new member per request, durable (synchronous=FULL, group commit):
#      requests/s and p99.
# Usage: Benchmarks/http.sh [duration_seconds]   (default 10)
#        LAUREL_BENCH_CONFIG=file.json Benchmarks/http.sh   to run the server with a config file
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=32
threads=2

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product laurel >&2
binary="$(swift build -c release --show-bin-path)/laurel"

workdir="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
admin_key="lrl_benchadmin01_$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32)"
LAUREL_ADMIN_KEY="$admin_key" LAUREL_MIGRATIONS_DIR="$PWD/Migrations" "$binary" serve --port 0 --db "$workdir/laurel.db" \
    ${LAUREL_BENCH_CONFIG:+--config "$LAUREL_BENCH_CONFIG"} \
    >"$workdir/server.log" 2>"$workdir/server.err" &
server_pid=$!
for _ in $(seq 1 100); do
    port="$(grep -o '"port":[0-9]*' "$workdir/server.log" 2>/dev/null | head -1 | cut -d: -f2 || true)"
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { echo "server did not start" >&2; cat "$workdir/server.err" >&2; exit 1; }
base="http://127.0.0.1:$port"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

echo "== GET /healthz, $connections connections, ${duration}s =="
wrk -t"$threads" -c"$connections" -d2s "$base/healthz" >/dev/null   # warm-up
before="$(cpu_ticks)"
health="$(wrk -t"$threads" -c"$connections" -d"${duration}s" -s Benchmarks/wrk/summary.lua "$base/healthz" | grep SUMMARY)"
after="$(cpu_ticks)"
requests="$(echo "$health" | sed -E 's/.*requests=([0-9]+).*/\1/')"
cpu_us_per_request="$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
echo "$health cpu_us_per_request=$cpu_us_per_request"

echo "== PUT /v1/members/{id} (synchronous=FULL, group commit), $connections connections, ${duration}s =="
auth=(-H "Authorization: Bearer $admin_key" -H "Content-Type: application/json")
curl -sf -X PUT "$base/v1/organizations/bench-org" "${auth[@]}" -d '{"name":"Bench","kind":"partner"}' >/dev/null
integration_key="$(curl -sf -X POST "$base/v1/keys" "${auth[@]}" -d '{"role":"integration","name":"bench"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/')"
before="$(cpu_ticks)"
writes="$(LAUREL_BENCH_KEY="$integration_key" wrk -t"$threads" -c"$connections" -d"${duration}s" -s Benchmarks/wrk/put-member.lua "$base" | grep SUMMARY)"
after="$(cpu_ticks)"
requests="$(echo "$writes" | sed -E 's/.*requests=([0-9]+).*/\1/')"
cpu_us_per_request="$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
echo "$writes cpu_us_per_request=$cpu_us_per_request"
stored="$(curl -sf "$base/metrics" | grep -E '^laurel_db_commit_batch_size_(sum|count)' | tr '\n' ' ')"
echo "commit batches: $stored"
