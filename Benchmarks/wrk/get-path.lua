-- GET one path (LAUREL_BENCH_PATH) again and again.
dofile("Benchmarks/wrk/summary.lua")
local headers = {["Authorization"] = "Bearer " .. os.getenv("LAUREL_BENCH_KEY")}
local path = os.getenv("LAUREL_BENCH_PATH")
request = function()
  return wrk.format("GET", path, headers)
end
