#!/usr/bin/env bash
# The floor under the events benchmark: the program of events.sh takes POST /v1/events for a few
# seconds, then sql_floor.py stores every row that load wrote again, into the database as it was
# before the load, in one transaction with no fsync and no Laurel code. No engine over this schema
# can store an event for less; see sql_floor.py for what the figure includes.
# Usage: Benchmarks/sql-floor.sh [duration_seconds] [members]   (defaults 10 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
members="${2:-10000}"
source Benchmarks/lib.sh
start_server
setup_events_program "$members"
# The program as the load finds it, checkpointed into one file.
stop_server
python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$workdir/laurel.db"
cp "$workdir/laurel.db" "$workdir/before.db"
launch_server
for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
summary="$(load_events single "$integration_key" "$duration" "$members")"
echo "$summary"
stop_server
python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$workdir/laurel.db"
events="$(events_stored)"
python3 Benchmarks/sql_floor.py "$workdir/before.db" "$workdir/laurel.db" "$events"
