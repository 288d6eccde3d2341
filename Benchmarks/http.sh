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
source Benchmarks/lib.sh
start_server

echo "== GET /healthz, 32 connections, ${duration}s =="
wrk -t2 -c32 -d2s "$base/healthz" >/dev/null   # warm-up
measure -t2 -c32 -d"${duration}s" -s Benchmarks/wrk/summary.lua "$base/healthz"

echo "== PUT /v1/members/{id} (synchronous=FULL, group commit), 32 connections, ${duration}s =="
auth=(-H "Authorization: Bearer $admin_key" -H "Content-Type: application/json")
curl -sf -X PUT "$base/v1/organizations/bench-org" "${auth[@]}" -d '{"name":"Bench","kind":"partner"}' >/dev/null
integration_key="$(create_integration_key)"
LAUREL_BENCH_KEY="$integration_key" measure -t2 -c32 -d"${duration}s" -s Benchmarks/wrk/put-member.lua "$base"
echo "commit batches: $(curl -sf "$base/metrics" | grep -E '^laurel_db_commit_batch_size_(sum|count)' | tr '\n' ' ')"
