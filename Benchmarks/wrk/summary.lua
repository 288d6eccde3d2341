-- Prints one machine-readable line after a run: requests, errors, req/s and latency percentiles (µs).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("SUMMARY requests=%d errors=%d non2xx=%d rps=%.0f p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, errors, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
