-- POST /v1/events with a unique id per request, a random member of LAUREL_BENCH_MEMBERS and a mix of
-- event types: every request is a durable event recording, rule evaluation and ledger posting.
dofile("Benchmarks/wrk/summary.lua")
dofile("Benchmarks/wrk/event-mix.lua")

local key = os.getenv("LAUREL_BENCH_KEY")
local members = tonumber(os.getenv("LAUREL_BENCH_MEMBERS") or "10000")
local thread_tag = string.sub(tostring({}), 8)
local counter = 0
local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}

request = function()
  counter = counter + 1
  local member = (counter * 7919) % members
  return wrk.format("POST", "/v1/events", headers, event_body("ev-" .. thread_tag .. "-" .. counter, member, counter))
end
