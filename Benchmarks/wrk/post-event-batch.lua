-- POST /v1/events/batch with LAUREL_BENCH_BATCH events per request (default 1,000, the maximum),
-- each with a unique id, a random member of LAUREL_BENCH_MEMBERS and the same mix of event types
-- as post-event.lua. Events per second = requests per second x the batch size.
dofile("Benchmarks/wrk/summary.lua")
dofile("Benchmarks/wrk/event-mix.lua")

local key = os.getenv("LAUREL_BENCH_KEY")
local members = tonumber(os.getenv("LAUREL_BENCH_MEMBERS") or "10000")
local batch = tonumber(os.getenv("LAUREL_BENCH_BATCH") or "1000")
local thread_tag = string.sub(tostring({}), 8)
local counter = 0
local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}

request = function()
  local events = {}
  for i = 1, batch do
    counter = counter + 1
    events[i] = event_body("eb-" .. thread_tag .. "-" .. counter, (counter * 7919) % members, counter)
  end
  return wrk.format("POST", "/v1/events/batch", headers, '{"events":[' .. table.concat(events, ",") .. ']}')
end
