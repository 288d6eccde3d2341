-- PUT /v1/members/{id} with a fresh id per request: every request is a durable insert.
-- LAUREL_BENCH_KEY is an integration key; LAUREL_BENCH_ORG (default bench-org) must exist.
dofile("Benchmarks/wrk/summary.lua")

local key = os.getenv("LAUREL_BENCH_KEY")
local org = os.getenv("LAUREL_BENCH_ORG") or "bench-org"
local counter = 0
-- Each wrk thread has its own Lua state; a table's address tells them apart.
local thread_tag = string.sub(tostring({}), 8)

request = function()
  counter = counter + 1
  local id = "m-" .. thread_tag .. "-" .. counter
  local body = '{"organization_id":"' .. org .. '","role":"sales","name":"Bench ' .. counter .. '","team":"north","attributes":{"region":"emea"}}'
  return wrk.format("PUT", "/v1/members/" .. id, {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, body)
end
