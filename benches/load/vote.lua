-- Secret votes over the API: one member votes on random open amendments of the programme,
-- changing earlier votes as often as casting new ones.
local first = tonumber(os.getenv("REDRAFT_FIRST_ID") or "1")
local last = tonumber(os.getenv("REDRAFT_LAST_ID") or "1")
local choices = { "for", "against", "abstain" }
math.randomseed(os.time())

function request()
  local id = math.random(first, last)
  local body = string.format('{"vote": "%s"}', choices[math.random(1, 3)])
  return wrk.format("PUT", string.format("/api/v1/amendments/%d/vote", id), {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("REDRAFT_MEMBER_TOKEN"),
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
