-- POST /v1/interactions with a unique id, a random supplier of LAUREL_BENCH_SUPPLIERS, due and
-- completion times and two ratings: each one recorded, scored, an event, and the scorecard recomputed.
dofile("Benchmarks/wrk/summary.lua")
local key = os.getenv("LAUREL_BENCH_KEY")
local suppliers = tonumber(os.getenv("LAUREL_BENCH_SUPPLIERS") or "1000")
local thread_tag = string.sub(tostring({}), 8)
local counter = 0
local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}
local completed = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)

request = function()
  counter = counter + 1
  local supplier = "s-" .. ((counter * 7919) % suppliers)
  local body = '{"id":"bench-' .. thread_tag .. '-' .. counter .. '","supplier_id":"' .. supplier .. '","template_id":"legal",' ..
    '"due_at":"' .. completed .. '","completed_at":"' .. completed .. '","ratings":{"service":' .. (counter % 5 + 1) ..
    ',"quality":4}}'
  return wrk.format("POST", "/v1/interactions", headers, body)
end
