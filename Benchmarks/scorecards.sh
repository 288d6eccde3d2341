#!/usr/bin/env bash
# Scorecard benchmark (issue 5): SUPPLIERS suppliers with 20 interactions each and one with 10,000
# under one template, seeded offline in SQLite; then over HTTP at 8 connections the big supplier's
# scorecard and the whole ranking; then recording interactions through POST /v1/interactions at 32
# connections (durable, synchronous=FULL).
# Usage: Benchmarks/scorecards.sh [duration_seconds] [suppliers]   (defaults 10 and 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
suppliers="${2:-1000}"
source Benchmarks/lib.sh
start_server
seed_scorecards "$suppliers"

# The first read (or the refresher's first tick) loads the template's interactions into memory:
# timed apart, so that the runs below measure the steady state.
started="$(date +%s.%N)"
curl -sf "$base/v1/organizations/big/scorecard" -H "Authorization: Bearer $integration_key" >/dev/null
loaded="$(date +%s.%N)"
echo "first scorecard read, loading $((suppliers * 20 + 10000)) interactions: $(awk -v a="$started" -v b="$loaded" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms"
echo "server RSS: $(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status")"
echo "== GET the scorecard of a supplier with 10,000 interactions, 8 connections, ${duration}s =="
LAUREL_BENCH_KEY="$integration_key" LAUREL_BENCH_PATH="/v1/organizations/big/scorecard" \
    measure -t1 -c8 -d"${duration}s" -s Benchmarks/wrk/get-path.lua "$base"
echo "== GET the ranking of $((suppliers + 1)) suppliers, 8 connections, ${duration}s =="
LAUREL_BENCH_KEY="$integration_key" LAUREL_BENCH_PATH="/v1/scorecards?template_id=legal" \
    measure -t1 -c8 -d"${duration}s" -s Benchmarks/wrk/get-path.lua "$base"
echo "== POST /v1/interactions, 32 connections, ${duration}s =="
LAUREL_BENCH_KEY="$integration_key" LAUREL_BENCH_SUPPLIERS="$suppliers" \
    measure -t2 -c32 -d"${duration}s" -s Benchmarks/wrk/post-interaction.lua "$base"
