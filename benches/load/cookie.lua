-- Pages as a logged-in drafter: the session cookie on every request.
wrk.headers["Cookie"] = os.getenv("REDRAFT_COOKIE")

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
