#!/usr/bin/env python3
"""What the WAL of a stopped server holds, by b-tree: how many pages each table or index wrote.

Usage: wal_pages.py DATABASE REQUESTS
Reads DATABASE-wal frame by frame (the frames of the current salt, up to the first that breaks the
chain), maps each page number to the table or index that owns it (SQLite's dbstat, on a copy so
that the WAL opened there is not the one read), and prints frames per commit and, per b-tree, its
frames, their share and frames per request. Run it on a server killed with checkpoints off
(wal-pages.sh), or the WAL restarts and most frames are gone.
"""
import collections
import os
import shutil
import sqlite3
import struct
import sys
import tempfile

database, requests = sys.argv[1], int(sys.argv[2])
wal = open(database + "-wal", "rb").read()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">IIIIIIII", wal[:32])
pages, commits, offset = [], 0, 32
while offset + 24 + page_size <= len(wal):
    page, commit_size, frame_salt1, frame_salt2 = struct.unpack(">IIII", wal[offset:offset + 16])
    if (frame_salt1, frame_salt2) != (salt1, salt2):
        break
    pages.append(page)
    commits += commit_size != 0
    offset += 24 + page_size
print(f"frames {len(pages)}, commits {commits}, frames a commit {len(pages) / max(commits, 1):.1f}, "
      f"frames a request {len(pages) / max(requests, 1):.2f}")

with tempfile.TemporaryDirectory() as scratch:
    copy = os.path.join(scratch, "copy.db")
    shutil.copy(database, copy)
    shutil.copy(database + "-wal", copy + "-wal")
    owners = dict((page, name) for name, page in sqlite3.connect(copy).execute("SELECT name, pageno FROM dbstat"))
counts = collections.Counter(owners.get(page, "(free)") for page in pages)
for name, count in counts.most_common():
    print(f"{count:9d} {100 * count / len(pages):5.1f} % {count / max(requests, 1):6.2f} a request  {name}")
