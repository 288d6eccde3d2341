#!/usr/bin/env bash
# Event ingestion benchmark (issue 3): POST /v1/events with 10 active rules (mixed conditions, an
# expression award, a limit), 10,000 members, unique ids, 32 connections, synchronous=FULL,
# release build, wrk on 127.0.0.1; then the same through POST /v1/events/batch. Prints requests/s,
# p50/p99 and server CPU µs per request (per batch request for the second run).
# Usage: Benchmarks/events.sh [duration_seconds] [members]   (defaults 10 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
members="${2:-10000}"
source Benchmarks/lib.sh
start_server
setup_events_program "$members"

echo "== POST /v1/events, 32 connections, ${duration}s =="
load_events single "$integration_key" "$duration" "$members"
echo "commit batches: $(curl -sf "$base/metrics" | grep -E '^laurel_db_commit_batch_size_(sum|count)' | tr '\n' ' ')"

batch="${LAUREL_BENCH_BATCH:-1000}"
echo "== POST /v1/events/batch, $batch events per request, 8 connections, ${duration}s (events/s = rps x $batch) =="
summary="$(LAUREL_BENCH_BATCH="$batch" load_events batch "$integration_key" "$duration" "$members")"
echo "$summary"
requests="$(echo "$summary" | sed -E 's/.*requests=([0-9]+).*/\1/')"
echo "events/s through the batch endpoint: $(awk -v r="$requests" -v b="$batch" -v d="$duration" 'BEGIN { printf "%.0f", r * b / d }') (requests finished in ${duration}s x $batch)"
