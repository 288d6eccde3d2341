#!/usr/bin/env bash
# Where the writer's SQL time goes under the events load, statement by statement: the program of
# events.sh, then a server started with --sql-profile takes single events (or batches) for a while,
# and its profile is divided by the events it stored. SQLite times statements in whole
# milliseconds, so the figures are estimates over many runs (SQLiteStatementProfile).
# Usage: Benchmarks/sql-profile.sh [duration_seconds] [single|batch] [members] [statements shown]
#        (defaults 10, single, 10000, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
phase="${2:-single}"
members="${3:-10000}"
shown="${4:-20}"
source Benchmarks/lib.sh
start_server
setup_events_program "$members"
stop_server
before="$(events_stored)"
export LAUREL_SQL_PROFILE="$workdir/sql-profile.tsv"
launch_server
unset LAUREL_SQL_PROFILE
for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
load_events "$phase" "$integration_key" "$duration" "$members"
stop_server
after="$(events_stored)"
python3 - "$workdir/sql-profile.tsv" "$((after - before))" "$shown" <<'PY'
import sys
path, events, shown = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [line.rstrip("\n").split("\t", 3) for line in open(path)][1:]
rows = [(int(runs), int(total), sql) for runs, total, _, sql in rows]
print(f"{events} events stored; {sum(r for r, _, _ in rows) / events:.1f} statements and "
      f"{sum(t for _, t, _ in rows) / events:.1f} µs of statement time an event")
print(f"{'µs/event':>9} {'runs/event':>10} {'µs/run':>8}  sql")
for runs, total, sql in rows[:shown]:
    print(f"{total / events:9.1f} {runs / events:10.2f} {total / runs:8.2f}  {sql[:110]}")
PY
