-- Comments over the API, on random alinéas of the head and random open amendments.
local first = tonumber(os.getenv("REDRAFT_FIRST_ID") or "1")
local last = tonumber(os.getenv("REDRAFT_LAST_ID") or "1")
local lines = tonumber(os.getenv("REDRAFT_LINES") or "2000")
local counter = 0
math.randomseed(os.time())

function request()
  counter = counter + 1
  local place
  if counter % 2 == 0 then
    place = string.format('"line": %d', math.random(1, lines))
  else
    place = string.format('"amendment": %d', math.random(first, last))
  end
  local body = string.format('{"body": "Commentaire de charge numéro %d.", %s}', counter, place)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("REDRAFT_MEMBER_TOKEN"),
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
