#!/usr/bin/env python3
"""Seeds a stopped server's database for the leaderboard benchmark, directly in SQLite (the API
would take an hour for a million members): ORGS organizations, MEMBERS members spread over them,
one `earn` posting of points per member this month (with the balances the ledger keeps), and
each member's level on the `partners` ladder that the points qualify for.

Usage: seed_leaderboard.py DATABASE MEMBERS [ORGS]
"""
import random
import sqlite3
import sys
import time

path, member_count = sys.argv[1], int(sys.argv[2])
org_count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
random.seed(7)
now_ms = int(time.time() * 1000)
month_start = time.gmtime()
month_start_ms = int(time.mktime((month_start.tm_year, month_start.tm_mon, 1, 0, 0, 0, 0, 0, 0)) - time.timezone) * 1000
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
with db:
    db.executemany(
        "INSERT INTO organizations (id, name, kind, segments, attributes, status, created_at, updated_at) "
        "VALUES (?, ?, 'partner', '[]', '{}', 'active', ?, ?)",
        ((f"o-{i}", f"Org {i}", now_ms, now_ms) for i in range(org_count)))
    db.executemany(
        "INSERT INTO members (id, organization_id, name, role, attributes, status, public_profile, joined_at, created_at, updated_at) "
        "VALUES (?, ?, ?, 'sales', '{}', 'active', 1, ?, ?, ?)",
        ((f"m-{i}", f"o-{i % org_count}", f"Member {i}", now_ms, now_ms, now_ms) for i in range(member_count)))
    next_id = (db.execute("SELECT coalesce(max(id), 0) FROM ledger_postings").fetchone()[0]) + 1
    amounts = [random.randint(1, 60000) for _ in range(member_count)]
    db.executemany(
        "INSERT INTO ledger_postings (id, currency, debit, credit, amount, at, kind) VALUES (?, 'points', 'program:issued', ?, ?, ?, 'earn')",
        ((next_id + i, f"member:m-{i}", amounts[i], random.randint(month_start_ms, now_ms - 1000)) for i in range(member_count)))
    db.executemany(
        "INSERT INTO ledger_balances (account, currency, balance) VALUES (?, 'points', ?)",
        ((f"member:m-{i}", amounts[i]) for i in range(member_count)))
    db.execute(
        "INSERT INTO ledger_balances (account, currency, balance) VALUES ('program:issued', 'points', ?) "
        "ON CONFLICT (account, currency) DO UPDATE SET balance = balance + excluded.balance", (-sum(amounts),))
    level = lambda amount: "gold" if amount >= 20000 else "silver" if amount >= 5000 else "bronze"
    db.executemany(
        "INSERT INTO tier_states (holder, ladder_id, level_id, since) VALUES (?, 'partners', ?, ?)",
        ((f"member:m-{i}", level(amounts[i]), now_ms) for i in range(member_count)))
print(f"seeded {org_count} organizations, {member_count} members with points this month")
