#!/usr/bin/env python3
"""The least SQLite can spend storing what a load stored: every row the load added or changed,
inserted again into the database as it was before the load, table by table, in one transaction,
with no fsync and no Laurel code in the way. No write path that keeps these tables and indexes can
store an event for less, so this floor bounds the events/s any engine could reach over the schema.

The rows go in key order (the order the staging query yields), which is the most favourable order
for SQLite's b-trees, and changed rows (balances) are written once with their final value rather
than once per posting: both make the floor lower than any real write path.

Then the same again without each secondary index in turn: what each one adds to the floor.

Usage: sql_floor.py BEFORE_DB AFTER_DB EVENTS
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time


def grown_tables(after):
    """Tables with rows the load added or changed, and how their new rows are found."""
    tables = []
    for (name,) in after.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        columns = [row[1] for row in after.execute(f'PRAGMA table_info("{name}")')]
        quoted = ", ".join(f'"{c}"' for c in columns)
        changed = after.execute(
            f'SELECT count(*) FROM (SELECT {quoted} FROM main."{name}" EXCEPT SELECT {quoted} FROM before."{name}")').fetchone()[0]
        if changed:
            tables.append((name, quoted, changed))
    return tables


def replay(before_path, after_path, tables, events, drop_index=None):
    """Seconds per table (and for the COMMIT) to store the load's rows into a copy of BEFORE."""
    workdir = tempfile.mkdtemp()
    try:
        path = os.path.join(workdir, "floor.db")
        shutil.copy(before_path, path)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")
        # Triggers would write rows that the replay inserts itself (change_log, the outbox, …).
        for (trigger,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'").fetchall():
            db.execute(f'DROP TRIGGER "{trigger}"')
        if drop_index:
            db.execute(f'DROP INDEX "{drop_index}"')
        db.execute("ATTACH ? AS after", (after_path,))
        # The rows to store are staged untimed; only storing them is timed.
        for name, quoted, _ in tables:
            db.execute(f'CREATE TEMP TABLE "new_{name}" AS SELECT {quoted} FROM after."{name}" EXCEPT SELECT {quoted} FROM main."{name}"')
        db.execute("DETACH after")
        seconds = {}
        db.execute("BEGIN")
        for name, quoted, _ in tables:
            start = time.perf_counter()
            db.execute(f'INSERT OR REPLACE INTO main."{name}" ({quoted}) SELECT {quoted} FROM temp."new_{name}"')
            seconds[name] = time.perf_counter() - start
        start = time.perf_counter()
        db.execute("COMMIT")
        seconds["(commit)"] = time.perf_counter() - start
        db.close()
        return seconds
    finally:
        shutil.rmtree(workdir)


def main():
    before_path, after_path, events = sys.argv[1], sys.argv[2], int(sys.argv[3])
    after = sqlite3.connect(after_path)
    after.execute("ATTACH ? AS before", (before_path,))
    tables = grown_tables(after)
    names = [name for name, _, _ in tables]
    indexes = [(index, table) for index, table in after.execute(
        "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name")
        if table in names]
    after.close()

    # Best of three: the floor is what SQLite can do, not what a busy machine let it do once.
    runs = [replay(before_path, after_path, tables, events) for _ in range(3)]
    best = min(runs, key=lambda seconds: sum(seconds.values()))
    total = sum(best.values())
    print(f"{events} events; rows stored again in one transaction, synchronous=OFF, no triggers:")
    for name, _, rows in tables:
        print(f"  {name:32s} {rows / events:6.2f} rows an event  {best[name] * 1e6 / events:6.1f} µs an event")
    print(f"  {'(commit)':32s} {'':21s} {best['(commit)'] * 1e6 / events:6.1f} µs an event")
    print(f"floor: {total * 1e6 / events:.1f} µs an event, at most {events / total:,.0f} events/s on one writer")
    # Timed on its table's insert alone: differences of whole runs drown in their noise.
    print("what each secondary index adds to storing its table's rows (best of two runs without it):")
    for index, table in indexes:
        without = min(replay(before_path, after_path, tables, events, drop_index=index)[table] for _ in range(2))
        print(f"  {index:40s} on {table:20s} {(best[table] - without) * 1e6 / events:6.1f} µs an event")


if __name__ == "__main__":
    main()
