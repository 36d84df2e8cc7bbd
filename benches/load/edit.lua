-- Full-text edits of the programme, one connection's worth of wrk state per thread: each
-- request is based on the newest head this thread has seen, and the body alternates between
-- two versions so that every edit really changes a line.
local templates = {}
local head = tonumber(os.getenv("REDRAFT_HEAD") or "1")
local turn = 0

local function read(path)
  local file = assert(io.open(path, "rb"))
  local content = file:read("*a")
  file:close()
  return content
end

function init(args)
  templates[0] = read(os.getenv("REDRAFT_EDIT_A"))
  templates[1] = read(os.getenv("REDRAFT_EDIT_B"))
end

function request()
  turn = 1 - turn
  local body = string.gsub(templates[turn], "__BASE__", tostring(head), 1)
  return wrk.format("PUT", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("REDRAFT_DRAFTER_TOKEN"),
  }, body)
end

function response(status, headers, body)
  -- 201 {"head": N} or 409 with details.head: either way, the next edit builds on it.
  local number = string.match(body, '"head":%s*(%d+)')
  if number then head = tonumber(number) end
  if status == 201 then created = (created or 0) + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
