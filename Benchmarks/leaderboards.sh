#!/usr/bin/env bash
# Leaderboard benchmark (issue 4): MEMBERS members (default 1,000,000) with points this month on a
# monthly board partitioned by tier, seeded offline in SQLite; then over HTTP at 8 connections the
# top 10 of a partition, and a random member's standing with 5 entries either side. Prints how long
# the restarted server took to rank everyone from the ledger, its RSS, and each wrk summary.
# Usage: Benchmarks/leaderboards.sh [duration_seconds] [members]   (defaults 10 and 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
members="${2:-1000000}"
source Benchmarks/lib.sh
start_server
auth=(-H "Authorization: Bearer $admin_key" -H "Content-Type: application/json")
curl -sf -X PUT "$base/v1/currencies/points" "${auth[@]}" -d '{"name":"Points"}' >/dev/null
curl -sf -X PUT "$base/v1/tier-ladders/partners" "${auth[@]}" -d '{"subject":"member","currency":"points","window":"lifetime",
  "levels":[{"id":"bronze","threshold":0},{"id":"silver","threshold":5000},{"id":"gold","threshold":20000}]}' >/dev/null
curl -sf -X PUT "$base/v1/leaderboards/monthly" "${auth[@]}" -d '{"name":"Top this month","subject":"member","period":"month",
  "metric":{"currency":"points"},"partition_by":"tier"}' >/dev/null
stop_server
python3 Benchmarks/seed_leaderboard.py "$workdir/laurel.db" "$members"

started="$(date +%s.%N)"
launch_server
# Reads answer 503 while the refresher ranks everyone; the first 200 marks the end.
until curl -sf "$base/v1/leaderboards/monthly?partition=gold&limit=1" -H "Authorization: Bearer $admin_key" >/dev/null; do sleep 0.2; done
ranked="$(date +%s.%N)"
echo "ranked $members members from the ledger in $(awk -v a="$started" -v b="$ranked" 'BEGIN { printf "%.1f", b - a }') s (start included)"
echo "server RSS: $(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status")"
viewer_key="$(curl -sf -X POST "$base/v1/keys" "${auth[@]}" -d '{"role":"viewer","name":"bench"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/')"

echo "== GET top 10 of a partition, 8 connections, ${duration}s =="
LAUREL_BENCH_KEY="$viewer_key" measure -t1 -c8 -d"${duration}s" -s Benchmarks/wrk/leaderboard-top.lua "$base"
echo "== GET a random member's standing, radius 5, 8 connections, ${duration}s =="
LAUREL_BENCH_KEY="$viewer_key" LAUREL_BENCH_MEMBERS="$members" \
    measure -t1 -c8 -d"${duration}s" -s Benchmarks/wrk/leaderboard-window.lua "$base"
echo "server RSS after the runs: $(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status")"
