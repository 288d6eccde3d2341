#!/usr/bin/env bash
# Compares two builds on the events benchmark, in alternating runs: this machine's speed drifts by
# 10–20 % within an hour, so only differences that hold across pairs run in the same minutes mean
# anything. A and B are git revisions (built in release mode in worktrees under .build/ab/) or
# paths to laurel binaries. Each gets its own copy of the events program (setup_program.py, made
# once per build), a fresh copy of it for every run, and the same load as events.sh. The worktrees
# stay for the next comparison; `rm -rf .build/ab && git worktree prune` removes them.
# Usage: Benchmarks/ab.sh A B [pairs] [seconds] [single|batch] [members]   (defaults 3, 10, single, 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
[ $# -ge 2 ] || { echo "usage: Benchmarks/ab.sh A B [pairs] [seconds] [single|batch] [members]" >&2; exit 1; }
pairs="${3:-3}"
duration="${4:-10}"
phase="${5:-single}"
members="${6:-10000}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
root="$(mktemp -d)"
server_pid=""
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$root"' EXIT

# Prints the path of a laurel binary for a revision or a path.
binary_of() {
    if [ -x "$1" ] && [ -f "$1" ]; then echo "$1"; return; fi
    local revision tree
    revision="$(git rev-parse --verify "$1^{commit}")"
    tree="$PWD/.build/ab/$revision"
    if [ ! -x "$tree/.build/release/laurel" ]; then
        [ -d "$tree" ] || git worktree add --detach "$tree" "$revision" >&2
        (cd "$tree" && swift build -c release --product laurel >&2)
    fi
    echo "$tree/.build/release/laurel"
}

# Makes the program of the events benchmark with one build, kept as $root/<label>/template.db.
make_template() {
    local label="$1"
    server_binary="$2"
    workdir="$root/$label/setup"
    mkdir -p "$workdir"
    admin_key="$(new_admin_key)"
    migrations_dir="$3" launch_server
    setup_events_program "$members" >&2
    echo "$admin_key" >"$root/$label/admin_key"
    echo "$integration_key" >"$root/$label/key"
    stop_server
    cp "$workdir/laurel.db" "$root/$label/template.db"
}

# One measured run of a build on a fresh copy of its template.
run_once() {
    local label="$1"
    server_binary="$2"
    workdir="$root/$label/run"
    rm -rf "$workdir" && mkdir -p "$workdir"
    cp "$root/$label/template.db" "$workdir/laurel.db"
    admin_key="$(cat "$root/$label/admin_key")"
    migrations_dir="$3" launch_server
    sleep 0.5
    local key
    key="$(cat "$root/$label/key")"
    LAUREL_BENCH_BATCH=1000 load_events "$phase" "$key" "$duration" "$members"
    stop_server
}

# The migrations a build was made with: its worktree's, or this checkout's for a bare binary.
migrations_of() {
    local directory
    directory="$(cd "$(dirname "$1")/../.." && pwd)/Migrations"
    if [ -d "$directory" ]; then echo "$directory"; else echo "$PWD/Migrations"; fi
}

binary_a="$(binary_of "$1")"
binary_b="$(binary_of "$2")"
migrations_a="$(migrations_of "$binary_a")"
migrations_b="$(migrations_of "$binary_b")"
make_template a "$binary_a" "$migrations_a"
make_template b "$binary_b" "$migrations_b"
echo "A: $1 ($binary_a)"
echo "B: $2 ($binary_b)"
echo "== $pairs pairs of ${duration}s, $phase events (batch: requests of 1,000), alternating =="
for pair in $(seq 1 "$pairs"); do
    echo "A $pair: $(run_once a "$binary_a" "$migrations_a")"
    echo "B $pair: $(run_once b "$binary_b" "$migrations_b")"
done
