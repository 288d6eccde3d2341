-- POST /v1/events with a unique id per request, a random member of LAUREL_BENCH_MEMBERS and a mix of
-- event types: every request is a durable event recording, rule evaluation and ledger posting.
dofile("Benchmarks/wrk/summary.lua")

local key = os.getenv("LAUREL_BENCH_KEY")
local members = tonumber(os.getenv("LAUREL_BENCH_MEMBERS") or "10000")
local thread_tag = string.sub(tostring({}), 8)
local counter = 0
local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}

local function body(id, member)
  local pick = counter % 4
  if pick == 0 then
    return '{"id":"' .. id .. '","type":"deal.closed","member_id":"m-' .. member .. '","properties":{"amount":' .. (500 + (counter * 37) % 100000) .. '}}'
  elseif pick == 1 then
    return '{"id":"' .. id .. '","type":"video.watched","member_id":"m-' .. member .. '"}'
  elseif pick == 2 then
    return '{"id":"' .. id .. '","type":"quiz.passed","member_id":"m-' .. member .. '","properties":{"score":' .. (counter % 11) .. '}}'
  end
  return '{"id":"' .. id .. '","type":"lead.registered","member_id":"m-' .. member .. '"}'
end

request = function()
  counter = counter + 1
  local member = (counter * 7919) % members
  return wrk.format("POST", "/v1/events", headers, body("ev-" .. thread_tag .. "-" .. counter, member))
end
