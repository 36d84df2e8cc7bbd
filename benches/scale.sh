#!/usr/bin/env bash
# How the server scales with cores: the server pinned to 1, 2, 4, 8… cores (taskset), wrk
# pinned to the cores left (at most 4; on a machine too small to spare any, the last core,
# shared, which the table then says), each read and the submissions measured for a few
# seconds at 64 connections on the congress dataset, with the server's peak memory.
#
# Needs: wrk, curl, python3, taskset (util-linux). Runs the release binary it builds, or
# the one REDRAFT_BIN names (to run on a machine without cargo: copy the binary, this
# script and benches/load/ there).
# Usage: benches/scale.sh [seconds per measure, default 5] [core counts, default 1 2 4 8 12]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-5}"
counts="${2:-1 2 4 8 12}"
connections=64

for tool in wrk curl python3 taskset; do
    command -v "$tool" >/dev/null || { echo "scale.sh needs $tool" >&2; exit 1; }
done
bin="${REDRAFT_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=./target/release/redraft
fi
total="$(nproc)"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "Generating the dataset…"
"$bin" bench-data --db "$work/bench.db" | tail -n 1

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

start_server() {
    local cores="$1"
    # Each run starts from the same data: submissions of a previous run would grow it.
    rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
    cp "$work/bench.db" "$work/run.db"
    RUST_LOG=warn taskset -c "0-$((cores - 1))" "$bin" serve --db "$work/run.db" --addr "127.0.0.1:$port" --no-rate-limits \
        --workers "$cores" --max-connections-per-address 4096 >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
    echo "the server did not start" >&2
    exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

token() {
    curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
        -d "{\"login\": \"$1\", \"password\": \"bench-password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# requests/s of one workload: measure SCRIPT URL
measure() {
    local script="$1" url="$2"
    curl -sf -o /dev/null "$url" || true # warm the caches
    taskset -c "$load_cores" wrk -t"$load_threads" -c"$connections" -d"${duration}s" -s "benches/load/$script" "$url" |
        awk '/Requests\/sec/ { printf "%d", $2 }'
}

printf '%-6s %-10s %10s %10s %12s %12s %12s %10s\n' cores "load on" "text page" "diff 1→50" "public list" "API text" "submissions" "peak RSS"
for cores in $counts; do
    [ "$cores" -le "$total" ] || continue
    spare=$((total - cores))
    if [ "$spare" -ge 1 ]; then
        load_count=$((spare < 4 ? spare : 4))
        load_cores="$((total - load_count))-$((total - 1))"
        load_threads="$load_count"
    else
        load_cores="$((total - 1))"
        load_threads=1
    fi
    start_server "$cores"
    export REDRAFT_MEMBER_TOKEN REDRAFT_HEAD REDRAFT_LINES
    REDRAFT_MEMBER_TOKEN="$(token membre001)"
    REDRAFT_HEAD="$(curl -sf "$base/api/v1/texts/programme" | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"])')"
    REDRAFT_LINES="$(curl -sf "$base/api/v1/texts/programme" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["lines"]))')"
    text="$(measure plain.lua "$base/texts/programme")"
    diff="$(measure plain.lua "$base/texts/programme/diff/1..50")"
    list="$(measure plain.lua "$base/texts/programme/amendments")"
    json="$(measure plain.lua "$base/api/v1/texts/programme")"
    submissions="$(measure propose.lua "$base/api/v1/texts/programme/amendments")"
    peak="$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$server_pid/status")"
    stop_server
    printf '%-6s %-10s %10s %10s %12s %12s %12s %10s\n' "$cores" "$load_cores" "$text" "$diff" "$list" "$json" "$submissions" "$peak"
done
echo "(wrk at $connections connections, ${duration} s each; load on a core the server also has when none is spare)"
