#!/usr/bin/env bash
# Which tables and indexes the writes of a benchmark load write to the WAL, per request: the
# server runs with checkpoints off (the WAL keeps every frame), takes WORKLOAD for a few seconds,
# is killed, and wal_pages.py maps every frame to its b-tree.
# WORKLOAD: events (POST /v1/events, the program of events.sh) or interactions (POST
# /v1/interactions, the suppliers of scorecards.sh).
# Usage: Benchmarks/wal-pages.sh [events|interactions] [duration_seconds]   (defaults events, 4)
set -euo pipefail
cd "$(dirname "$0")/.."
workload="${1:-events}"
duration="${2:-4}"
source Benchmarks/lib.sh
config="$(mktemp)"
echo '{"database": {"checkpoint_interval_ms": 60000, "wal_restart_pages": 1000000, "wal_autocheckpoint_pages": 1000000}}' >"$config"
export LAUREL_BENCH_CONFIG="$config"
start_server
case "$workload" in
    events)
        setup_events_program 10000
        script=Benchmarks/wrk/post-event.lua ;;
    interactions)
        seed_scorecards 1000 >/dev/null
        curl -sf "$base/v1/organizations/big/scorecard" -H "Authorization: Bearer $integration_key" >/dev/null
        script=Benchmarks/wrk/post-interaction.lua ;;
    *) echo "unknown workload: $workload" >&2; exit 1 ;;
esac
# What setting up wrote is checkpointed away, so that the WAL holds the load's frames only.
stop_server
python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$workdir/laurel.db"
launch_server
for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
summary="$(LAUREL_BENCH_KEY="$integration_key" LAUREL_BENCH_MEMBERS=10000 LAUREL_BENCH_SUPPLIERS=1000 \
    measure -t2 -c32 -d"${duration}s" -s "$script" "$base")"
echo "$summary"
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
python3 Benchmarks/wal_pages.py "$workdir/laurel.db" "$(echo "$summary" | sed -E 's/.*requests=([0-9]+).*/\1/')"
rm -f "$config"
