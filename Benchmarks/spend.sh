#!/usr/bin/env bash
# Spending from a holder with a long history (issue 3, ledger): a member with LOTS lots of 1 point
# (admin credits), then DEBITS debits of 1 point timed one by one, release build. A spend reads the
# lots it takes, in spending order, not every open lot of the holder.
# Usage: Benchmarks/spend.sh [lots] [debits]   (defaults 5000 and 200)
set -euo pipefail
cd "$(dirname "$0")/.."
lots="${1:-5000}"
debits="${2:-200}"
source Benchmarks/lib.sh
start_server
python3 Benchmarks/setup_program.py "$base" "$admin_key" 10 >/dev/null
python3 Benchmarks/spend.py "$base" "$admin_key" "$lots" "$debits"
