-- Amendment submissions over the API, each on a random line of the head.
local counter = 0
local lines = tonumber(os.getenv("REDRAFT_LINES") or "2000")
local head = os.getenv("REDRAFT_HEAD") or "1"
math.randomseed(os.time())

function request()
  counter = counter + 1
  local start = math.random(1, lines)
  local body = string.format(
    '{"base": %s, "start": %d, "count": 1, "new_lines": ["Rédaction proposée en charge, numéro %d."], "rationale": "Mesure de charge."}',
    head, start, counter)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("REDRAFT_MEMBER_TOKEN"),
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
