#!/usr/bin/env python3
"""Seeds a stopped server's database for the scorecard benchmark, directly in SQLite: SUPPLIERS
supplier organizations with PER interactions each under the `legal` template, and one supplier,
`big`, with BIG interactions, all completed in the last 300 days (the template's window is 365).

Usage: seed_scorecards.py DATABASE [SUPPLIERS] [PER] [BIG]
"""
import json
import random
import sqlite3
import sys
import time

path = sys.argv[1]
suppliers = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
per = int(sys.argv[3]) if len(sys.argv) > 3 else 20
big = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
random.seed(11)
now_ms = int(time.time() * 1000)
day = 86_400_000
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
ids = [f"s-{i}" for i in range(suppliers)] + ["big"]


def interactions():
    for supplier in ids:
        for n in range(big if supplier == "big" else per):
            completed = now_ms - random.randrange(1, 300 * day)
            due = completed + random.randrange(-48, 24) * 3_600_000
            ratings = {"service": random.randint(2, 5), "quality": random.randint(2, 5)}
            yield (f"{supplier}-{n}", supplier, "legal", f"matter-{n}", due, None, completed, json.dumps(ratings), "[]", None, None,
                   None, completed, "seeded", 1)


with db:
    db.executemany(
        "INSERT INTO organizations (id, name, kind, segments, attributes, status, created_at, updated_at) "
        "VALUES (?, ?, 'supplier', '[]', '{}', 'active', ?, ?)",
        ((supplier, f"Supplier {supplier}", now_ms, now_ms) for supplier in ids))
    db.executemany(
        "INSERT INTO interactions (id, supplier_id, template_id, reference, due_at, started_at, completed_at, ratings, flags, comment, "
        "rated_by, tip, recorded_at, fingerprint, answer_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        interactions())
    # Seeded interactions share one empty answer (migration 0030 keeps answers apart).
    db.execute("INSERT INTO interaction_answers (seq, answer) VALUES (1, '{}')")
db.close()
print(f"seeded {suppliers} suppliers with {per} interactions each and one with {big}")
