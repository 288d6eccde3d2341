-- PUT /v1/members/{id} with a fresh id per request: every request is a durable insert.
-- KEY comes from the environment (an integration key); ORG must exist.
local key = os.getenv("LAUREL_BENCH_KEY")
local org = os.getenv("LAUREL_BENCH_ORG") or "bench-org"
local counter = 0
local thread_tag = tostring(math.random(1, 1e9))

request = function()
  counter = counter + 1
  local id = "m-" .. thread_tag .. "-" .. counter
  local body = '{"organization_id":"' .. org .. '","role":"sales","name":"Bench ' .. counter .. '","team":"north","attributes":{"region":"emea"}}'
  return wrk.format("PUT", "/v1/members/" .. id, {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("SUMMARY requests=%d errors=%d non2xx=%d rps=%.0f p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, errors, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
