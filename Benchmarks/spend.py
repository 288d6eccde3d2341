#!/usr/bin/env python3
"""Spending from a holder with a long history: credits member m-0 with LOTS admin adjustments of 1
point (each a lot of its own), then times DEBITS debits of 1 point, one at a time on one keep-alive
connection. Each debit draws from the holder's lots in spending order (`Ledger.draw`).

Usage: spend.py BASE_URL ADMIN_KEY LOTS DEBITS
"""
import http.client
import json
import sys
import time
import urllib.parse

base, admin_key, lots, debits = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"}


def adjust(amount):
    body = {"member_id": "m-0", "currency": "points", "amount": amount, "reason": "spend benchmark"}
    connection.request("POST", "/v1/adjustments", json.dumps(body), headers)
    response = connection.getresponse()
    text = response.read()
    if response.status not in (200, 201):
        sys.exit(f"POST /v1/adjustments: {response.status} {text[:300]!r}")


for _ in range(lots):
    adjust(1)
start = time.perf_counter()
for _ in range(debits):
    adjust(-1)
elapsed = time.perf_counter() - start
print(f"{lots} lots: {elapsed / debits * 1e3:.2f} ms a debit over {debits} debits (one connection, durable, round trip included)")
