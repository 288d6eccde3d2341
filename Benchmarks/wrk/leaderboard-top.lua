-- GET the top 10 of one partition of the monthly board.
dofile("Benchmarks/wrk/summary.lua")
local headers = {["Authorization"] = "Bearer " .. os.getenv("LAUREL_BENCH_KEY")}
local partitions = {"bronze", "silver", "gold"}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/v1/leaderboards/monthly?limit=10&partition=" .. partitions[counter % 3 + 1], headers)
end
