#!/usr/bin/env bash
# The server under load: builds the release binary, generates the congress-scale dataset,
# starts the server on a loopback port and drives each workload of DESIGN.md's performance
# table with wrk at 16 connections, printing requests/s, p50 and p99 latency and the
# server's peak resident memory during each.
#
# Needs: cargo, wrk (Debian: apt-get install wrk), curl, python3 (with its sqlite3 module).
# Usage: benches/load.sh [seconds per workload, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=16

for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "load.sh needs $tool" >&2; exit 1; }
done

bin="${REDRAFT_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=./target/release/redraft
fi
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "Generating the dataset…"
"$bin" bench-data --db "$work/bench.db" | tail -n 1

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
RUST_LOG=warn "$bin" serve --db "$work/bench.db" --addr "127.0.0.1:$port" --no-rate-limits \
    --max-connections-per-address 4096 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

token() {
    curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
        -d "{\"login\": \"$1\", \"password\": \"bench-password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
export REDRAFT_DRAFTER_TOKEN REDRAFT_MEMBER_TOKEN REDRAFT_COOKIE REDRAFT_HEAD REDRAFT_LINES REDRAFT_EDIT_A REDRAFT_EDIT_B
export REDRAFT_FIRST_ID REDRAFT_LAST_ID
REDRAFT_DRAFTER_TOKEN="$(token redaction)"
REDRAFT_MEMBER_TOKEN="$(token membre001)"

# A drafter's browser session, for the review page.
jar="$work/cookies"
csrf="$(curl -sf -c "$jar" "$base/login" | python3 -c 'import re,sys; print(re.search(r"name=\"csrf\" value=\"([0-9a-f.]+)\"", sys.stdin.read()).group(1))')"
curl -sf -b "$jar" -c "$jar" -o /dev/null -X POST "$base/login" \
    --data-urlencode "csrf=$csrf" --data-urlencode login=redaction --data-urlencode password=bench-password
REDRAFT_COOKIE="$(awk '$6 ~ /^redraft_/ { printf "%s=%s; ", $6, $7 }' "$jar")"

# The head and two full-text versions of it for the edits.
curl -sf "$base/api/v1/texts/programme" >"$work/text.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
text = json.load(open(f"{work}/text.json"))
lines = text["lines"]
open(f"{work}/head", "w").write(str(text["head"]))
open(f"{work}/lines", "w").write(str(len(lines)))
middle = len(lines) // 2
for name, marker in (("a", " (relu A)"), ("b", " (relu B)")):
    edited = list(lines)
    edited[middle] = edited[middle] + marker
    body = json.dumps({"base": 0, "body": "\n".join(edited), "summary": "Charge"}, ensure_ascii=False).replace('"base": 0', '"base": __BASE__', 1)
    open(f"{work}/edit-{name}.json", "w", encoding="utf-8").write(body)
PY
REDRAFT_HEAD="$(cat "$work/head")"
REDRAFT_LINES="$(cat "$work/lines")"
REDRAFT_EDIT_A="$work/edit-a.json"
REDRAFT_EDIT_B="$work/edit-b.json"

peak_kib() { awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status"; }
reset_peak() { echo 5 >"/proc/$server_pid/clear_refs" 2>/dev/null || true; }

results="$work/results"
: >"$results"
max_peak=0
# run NAME THREADS CONNECTIONS SCRIPT URL [ACCEPT-ENCODING]
run() {
    local name="$1" threads="$2" conns="$3" script="$4" url="$5" encoding="${6:-identity}"
    [ "$script" = edit.lua ] || curl -sf -o /dev/null -H "Cookie: ${REDRAFT_COOKIE}" -H "Accept-Encoding: $encoding" "$url" || true  # warm the caches
    reset_peak
    local out
    out="$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "Accept-Encoding: $encoding" -s "benches/load/$script" "$url")"
    local rps p50 p99 errors total ok_rps peak
    rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    errors="$(awk '/non-2xx:/ { print $2 }' <<<"$out")"
    total="$(awk '/requests in/ { print $1 }' <<<"$out")"
    ok_rps="$(python3 -c "print(f'{(${total:-0} - ${errors:-0}) / ${duration}:.1f}')")"
    peak=$(( $(peak_kib) / 1024 ))
    [ "$peak" -gt "$max_peak" ] && max_peak=$peak
    printf '%-46s %4s %10s %10s %10s %10s %9s\n' "$name" "$conns" "$rps" "$ok_rps" "$p50" "$p99" "$peak MiB" | tee -a "$results"
}

following="$(curl -sf "$base/api/v1/texts/programme/amendments" | python3 -c 'import json,sys; print(sum(a["state"] in ("open", "accepted") for a in json.load(sys.stdin)))')"
# The open amendments' ids (contiguous: the dataset files them in one run), and the one
# with the most comments, for the participation rows.
read -r REDRAFT_FIRST_ID REDRAFT_LAST_ID busiest < <(
    curl -sf "$base/api/v1/texts/programme/amendments" | python3 -c '
import json, sys
ids = [a["id"] for a in json.load(sys.stdin) if a["state"] == "open"]
print(min(ids), max(ids), end=" ")'
    curl -sf "$base/api/v1/texts/programme/comments" | python3 -c '
import collections, json, sys
counts = collections.Counter(c["amendment"] for c in json.load(sys.stdin) if c["amendment"])
print(counts.most_common(1)[0][0])')
echo
echo "First answer of each export, made then (later answers come from memory):"
for path in amendments.csv amendments.ods amendments.xlsx book.html book.pdf export.pdf \
    "export.odt?from=$((REDRAFT_HEAD - 1))&to=$REDRAFT_HEAD" "export.odt?from=1&to=$REDRAFT_HEAD" \
    "export.docx?from=1&to=$REDRAFT_HEAD"; do
    read -r status seconds bytes < <(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' "$base/texts/programme/$path")
    printf '%-46s %4s %8.3f s %10s bytes\n' "$path" "$status" "$seconds" "$bytes"
done
echo
echo "Each workload runs ${duration} s; req/s counts every answer, 2xx/s the successful ones."
printf '%-46s %4s %10s %10s %10s %10s %9s\n' "workload" "conn" "req/s" "2xx/s" "p50" "p99" "peak RSS"
run "text page, amendment counts in the margin" 2 "$connections" plain.lua "$base/texts/programme"
run "text page, brotli (as browsers ask)" 2 "$connections" plain.lua "$base/texts/programme" "gzip, deflate, br"
run "amendment list, default view" 2 "$connections" plain.lua "$base/texts/programme/amendments"
run "amendment list, default view, brotli" 2 "$connections" plain.lua "$base/texts/programme/amendments" "gzip, deflate, br"
run "amendment list, all 3,000 for printing" 2 "$connections" plain.lua "$base/texts/programme/amendments?all=1"
run "review page (drafter), default view" 2 "$connections" cookie.lua "$base/texts/programme/review"
run "review page (drafter), default view, brotli" 2 "$connections" cookie.lua "$base/texts/programme/review" "gzip, deflate, br"
run "review page (drafter), all 3,000 with diffs" 2 "$connections" cookie.lua "$base/texts/programme/review?all=1"
run "text page, signed in (bell, follow, news)" 2 "$connections" cookie.lua "$base/texts/programme"
run "notifications page (drafter)" 2 "$connections" cookie.lua "$base/notifications"
run "participation page (charts)" 2 "$connections" plain.lua "$base/texts/programme/stats"
run "diff page, revisions 1 -> 50" 2 "$connections" plain.lua "$base/texts/programme/diff/1..50"
run "line view, every printed line numbered" 2 "$connections" plain.lua "$base/texts/programme/lines"
run "congress hall page (text and decisions)" 2 "$connections" plain.lua "$base/texts/programme/live"
run "API: text as JSON" 2 "$connections" plain.lua "$base/api/v1/texts/programme"
run "API: amendment list" 2 "$connections" plain.lua "$base/api/v1/texts/programme/amendments"
run "amendments as CSV (3,000 rows)" 2 "$connections" plain.lua "$base/texts/programme/amendments.csv"
run "amendments as ODS (3,000 rows)" 2 "$connections" plain.lua "$base/texts/programme/amendments.ods"
run "amendments as XLSX (3,000 rows)" 2 "$connections" plain.lua "$base/texts/programme/amendments.xlsx"
run "amendment book as PDF (3,000 amendments)" 2 "$connections" plain.lua "$base/texts/programme/book.pdf"
run "text as PDF, printed lines numbered" 2 "$connections" plain.lua "$base/texts/programme/export.pdf"
run "text as DOCX, changes of revisions 1 -> 50" 2 "$connections" plain.lua "$base/texts/programme/export.docx?from=1&to=50"
run "amendment page, tallies and its comments" 2 "$connections" plain.lua "$base/amendments/$busiest"
run "API: the text's 3,000 comments" 2 "$connections" plain.lua "$base/api/v1/texts/programme/comments"
run "API: questions with their results" 2 "$connections" plain.lua "$base/api/v1/texts/programme/questions"
# Search: two words, a prefix, a word in most documents (then newest first, unranked), the
# page; one connection gives the time a search takes, 16 what the server sustains.
run "search, two words (API), one reader" 1 1 plain.lua "$base/api/v1/search?q=mesure%20renforc%C3%A9e"
run "search, a prefix (API), one reader" 1 1 plain.lua "$base/api/v1/search?q=propri%C3%A9t*"
run "search, a word in most documents (API), one reader" 1 1 plain.lua "$base/api/v1/search?q=la"
run "search, two words (API)" 2 "$connections" plain.lua "$base/api/v1/search?q=mesure%20renforc%C3%A9e"
run "search, a prefix (API)" 2 "$connections" plain.lua "$base/api/v1/search?q=propri%C3%A9t*"
run "search, a word in most documents (API)" 2 "$connections" plain.lua "$base/api/v1/search?q=la"
run "search page, two words" 2 "$connections" plain.lua "$base/search?q=mesure%20renforc%C3%A9e"
# Memory under many readers of the heaviest answers: each must be shared, not built per request.
for conns in 64 256; do
    run "text page" 2 "$conns" plain.lua "$base/texts/programme"
    run "amendment list, all 3,000 for printing" 2 "$conns" plain.lua "$base/texts/programme/amendments?all=1"
    run "review page (drafter), all 3,000 with diffs" 2 "$conns" cookie.lua "$base/texts/programme/review?all=1"
    run "API: amendment list" 2 "$conns" plain.lua "$base/api/v1/texts/programme/amendments"
done
# Full-text edits: each must be based on the head, so concurrent edits of one text refuse all
# but one per head (409). One connection measures how many edits the server can write; 16
# (one wrk thread, sharing the newest head seen) measure the contention.
run "full-text edit + rebase, one drafter" 1 1 edit.lua "$base/api/v1/texts/programme"
REDRAFT_HEAD="$(curl -sf "$base/api/v1/texts/programme" | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"])')"
run "full-text edit + rebase, 16 drafters at once" 1 "$connections" edit.lua "$base/api/v1/texts/programme"
REDRAFT_HEAD="$(curl -sf "$base/api/v1/texts/programme" | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"])')"
run "amendment submissions (POST, durable)" 2 "$connections" propose.lua "$base/api/v1/texts/programme/amendments"
run "secret votes cast or changed (PUT, durable)" 2 "$connections" vote.lua "$base/api/v1/amendments/votes"
run "comments (POST, durable)" 2 "$connections" comment.lua "$base/api/v1/texts/programme/comments"
run "text page after the votes and comments" 2 "$connections" plain.lua "$base/texts/programme"

# Last, as it merges the open amendments: a merge that notifies every author it merges.
echo
echo "A merge and the notifications of its authors:"
python3 benches/load/merge_notify.py "$base" "$REDRAFT_DRAFTER_TOKEN" "$work/bench.db"

echo
echo "Server peak resident memory: ${max_peak} MiB (highest of the per-workload peaks above)"
echo "Open amendments each edit rebased: ${following}"
