"""A merge that notifies the authors of every amendment it merges (issue 9: "a merge that
notifies 3,000 authors does not slow the merge's response"): accepts every open amendment
on the head, merges all of them that collide with none, and times the merge's answer, then
how long the notifier takes, after that answer, to write the notifications of the merge.

Usage: merge_notify.py BASE_URL DRAFTER_TOKEN DATABASE
"""

import json
import sqlite3
import sys
import time
import urllib.error
import urllib.request

base, token, database = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path}: {error.code} {error.read().decode(errors='replace')[:300]}")


def notifications():
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM notifications").fetchone()[0]


head = call("GET", "/api/v1/texts/programme")["head"]
amendments = call("GET", "/api/v1/texts/programme/amendments")
# The dataset's 3,000 (the load before may have filed thousands more; one merge takes 5,000).
chosen = sorted(a["id"] for a in amendments if a["state"] == "open" and a["anchor"]["revision"] == head)[:3000]
started = time.perf_counter()
for amendment in chosen:
    call("POST", f"/api/v1/amendments/{amendment}/decision", {"decision": "accept"})
accepting = time.perf_counter() - started
preview = call("POST", "/api/v1/texts/programme/preview", {"amendments": chosen})
left_out = set(preview["left_out"])
merged = [amendment for amendment in chosen if amendment not in left_out]
merged_ids = set(merged)
authors = len({a["author"] for a in amendments if a["id"] in merged_ids})

# The notifier writes at its own pace: wait until it is idle before the merge.
before = notifications()
while True:
    time.sleep(0.5)
    now = notifications()
    if now == before:
        break
    before = now

started = time.perf_counter()
call("POST", "/api/v1/texts/programme/merge", {"base": head, "amendments": merged})
answered = time.perf_counter() - started
written = before
while time.perf_counter() - started < 60:
    time.sleep(0.005)
    now = notifications()
    if now > written:
        written, last = now, time.perf_counter() - started
    elif now > before and time.perf_counter() - started - last > 1.0:
        break
print(f"accepted {len(chosen)} amendments one by one in {accepting:.1f} s")
print(f"merge of {len(merged)} amendments by {authors} authors ({len(left_out)} left out, colliding): answered in {answered * 1000:.0f} ms")
if written > before:
    print(f"the notifier wrote {written - before} notifications, the last {last * 1000:.0f} ms after the merge was sent")
else:
    print("the notifier wrote no notification within a minute")
