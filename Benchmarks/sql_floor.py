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


def stage(before_path, after_path, staged_path):
    """Copies the rows the load added or changed, table by table, into STAGED (once, untimed);
    answers the tables that have any, with their quoted column lists and row counts."""
    db = sqlite3.connect(staged_path, isolation_level=None)
    db.execute("ATTACH ? AS after", (after_path,))
    db.execute("ATTACH ? AS before", (before_path,))
    tables = []
    for (name,) in db.execute("SELECT name FROM after.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
        columns = [row[1] for row in db.execute(f'PRAGMA after.table_info("{name}")')]
        quoted = ", ".join(f'"{c}"' for c in columns)
        db.execute(f'CREATE TABLE main."new_{name}" AS SELECT {quoted} FROM after."{name}" EXCEPT SELECT {quoted} FROM before."{name}"')
        rows = db.execute(f'SELECT count(*) FROM main."new_{name}"').fetchone()[0]
        if rows:
            tables.append((name, quoted, rows))
    db.close()
    return tables


def replay(before_path, staged_path, tables, drop_index=None):
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
        db.execute("ATTACH ? AS staged", (staged_path,))
        seconds = {}
        db.execute("BEGIN")
        for name, quoted, _ in tables:
            start = time.perf_counter()
            db.execute(f'INSERT OR REPLACE INTO main."{name}" ({quoted}) SELECT {quoted} FROM staged."new_{name}"')
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
    stagedir = tempfile.mkdtemp()
    try:
        staged_path = os.path.join(stagedir, "staged.db")
        tables = stage(before_path, after_path, staged_path)
        report(before_path, after_path, staged_path, tables, events)
    finally:
        shutil.rmtree(stagedir)


def report(before_path, after_path, staged_path, tables, events):
    names = [name for name, _, _ in tables]
    after = sqlite3.connect(after_path)
    indexes = [(index, table) for index, table in after.execute(
        "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name")
        if table in names]
    after.close()

    # Best of three: the floor is what SQLite can do, not what a busy machine let it do once.
    runs = [replay(before_path, staged_path, tables) for _ in range(3)]
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
        without = min(replay(before_path, staged_path, tables, drop_index=index)[table] for _ in range(2))
        print(f"  {index:40s} on {table:20s} {(best[table] - without) * 1e6 / events:6.1f} µs an event")


if __name__ == "__main__":
    main()
