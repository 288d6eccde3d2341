-- GET a random member's standing on the monthly board, with 5 entries either side.
dofile("Benchmarks/wrk/summary.lua")
local headers = {["Authorization"] = "Bearer " .. os.getenv("LAUREL_BENCH_KEY")}
local members = tonumber(os.getenv("LAUREL_BENCH_MEMBERS"))
math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16) % 1000)
request = function()
  return wrk.format("GET", "/v1/leaderboards/monthly/subjects/m-" .. math.random(0, members - 1) .. "?radius=5", headers)
end
